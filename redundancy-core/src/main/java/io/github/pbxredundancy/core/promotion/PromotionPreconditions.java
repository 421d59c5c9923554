package io.github.pbxredundancy.core.promotion;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a promotion may start, with every unmet precondition at once (R2, R11, R15, R16, B2):
 * the node is an initialised standby with an imported backup, its licenses are complete, the
 * operator confirmed the hardware lines were moved, and the active is confirmed down or the
 * operator overrode that check.
 *
 * <p>Immutable and thread-safe.
 *
 * @param at when the preconditions were evaluated (after the liveness check ended)
 * @param unmet every precondition that does not hold, in the order of {@link PreconditionCode};
 *     empty when the promotion may start
 * @param met one line per precondition that holds, e.g. {@code backup: bundle ... imported at
 *     ...; its data is from ..., 2 h old}; recorded in the audit trail with the promotion
 * @param warnings what holds but deserves attention, e.g. a backup older than the maximum age or
 *     a newer bundle that was not imported yet; they do not refuse the promotion
 * @param verdict the liveness check's verdict; empty when the operator overrode the check (it
 *     did not run) or the check did not finish
 * @param override the operator's override of the liveness check, if the request had one
 */
public record PromotionPreconditions(Instant at, List<UnmetPrecondition> unmet, List<String> met, List<String> warnings,
                                     Optional<DownVerdict> verdict, Optional<DownOverride> override) {
    /** Validates that every part is present and copies the lists. */
    public PromotionPreconditions {
        Objects.requireNonNull(at, "at");
        unmet = List.copyOf(unmet);
        met = List.copyOf(met);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(override, "override");
    }

    /**
     * Whether every precondition holds.
     *
     * @return true if nothing is unmet
     */
    public boolean satisfied() {
        return unmet.isEmpty();
    }

    /**
     * The codes of the unmet preconditions.
     *
     * @return a new set, empty when every precondition holds
     */
    public Set<PreconditionCode> codes() {
        Set<PreconditionCode> codes = EnumSet.noneOf(PreconditionCode.class);
        unmet.forEach(problem -> codes.add(problem.code()));
        return codes;
    }
}
