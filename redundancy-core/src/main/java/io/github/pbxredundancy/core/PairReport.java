package io.github.pbxredundancy.core;

import io.github.pbxredundancy.license.PairingReport;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything {@link PairCheck} found wrong with a pair; empty when the pair may run.
 *
 * @param problems every violated prerequisite, network and version first, licenses last; a
 *     license problem appears here once per finding of {@code licensing}
 * @param licensing the license pairing report with its own detailed codes
 */
public record PairReport(List<PairProblem> problems, PairingReport licensing) {

    /** Copies the list. */
    public PairReport {
        problems = List.copyOf(problems);
        Objects.requireNonNull(licensing, "licensing");
    }

    /** Whether every prerequisite holds. */
    public boolean ok() {
        return problems.isEmpty();
    }

    /** The distinct codes found. */
    public Set<PairCode> codes() {
        Set<PairCode> codes = EnumSet.noneOf(PairCode.class);
        problems.forEach(p -> codes.add(p.code()));
        return codes;
    }
}
