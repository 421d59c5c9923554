package io.github.pbxredundancy.license;

import java.util.List;
import java.util.Objects;

/**
 * A license file broke one or more rules. Carries one problem per bad line, every bad line
 * of the file, so that an administrator can fix the file in one pass. Each problem names the
 * line number, the field, the (escaped) value and the rule; well-formed keys appear masked.
 *
 * <p>Immutable and thread-safe.
 */
public class LicenseFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** An immutable list ({@code List.copyOf}), hence serializable. */
    private final List<String> problems;

    /**
     * @param problems at least one problem, each starting with {@code line N: }
     */
    public LicenseFileException(List<String> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * Every problem, in line order, one per bad line.
     *
     * @return an immutable list, never empty
     */
    public List<String> problems() {
        return problems;
    }

    private static String describe(List<String> problems) {
        Objects.requireNonNull(problems, "problems");
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems: a LicenseFileException needs at least one");
        }
        return "license file has " + problems.size() + (problems.size() == 1 ? " problem: " : " problems: ")
                + String.join("; ", problems);
    }
}
