package io.github.pbxredundancy.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Input from outside broke one or more rules. Carries every problem found, not just the
 * first, so an administrator can fix a file in one pass.
 */
public class InvalidInputException extends RedundancyException {
    private static final long serialVersionUID = 1L;

    private final List<InputProblem> problems;

    /** @param problems at least one problem */
    public InvalidInputException(List<InputProblem> problems) {
        super(ReasonCode.INVALID_INPUT, describe(problems));
        this.problems = List.copyOf(problems);
    }

    /** Shorthand for a single problem. */
    public static InvalidInputException of(String field, String rawValue, String rule) {
        return new InvalidInputException(List.of(InputProblem.of(field, rawValue, rule)));
    }

    /** Every problem found, in the order the input was read. */
    public List<InputProblem> problems() {
        return problems;
    }

    private static String describe(List<InputProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidInputException needs at least one problem");
        }
        return problems.stream().map(InputProblem::toString).collect(Collectors.joining("; "));
    }
}
