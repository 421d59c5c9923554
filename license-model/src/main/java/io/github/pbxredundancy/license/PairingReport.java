package io.github.pbxredundancy.license;

import com.google.common.collect.Sets;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The outcome of a {@link PairingCheck}: every problem found, in the order the checks ran.
 *
 * <p>Immutable and thread-safe.
 *
 * @param problems the problems; empty when the licenses pair
 */
public record PairingReport(List<PairingProblem> problems) {

    /** Copies the problems. */
    public PairingReport {
        Objects.requireNonNull(problems, "problems");
        problems = List.copyOf(problems);
    }

    /**
     * Whether the licenses pair, i.e. no problem was found.
     *
     * @return true if there is no problem
     */
    public boolean paired() {
        return problems.isEmpty();
    }

    /**
     * The distinct codes of the problems.
     *
     * @return an immutable set, empty when paired
     */
    public Set<PairingCode> codes() {
        return Sets.immutableEnumSet(problems.stream().map(PairingProblem::code).toList());
    }
}
