package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.internal.AuditText;
import java.util.ArrayList;
import java.util.List;

/**
 * An operator's request to initialise the standby once with the active's full backup (R13,
 * STARFACE's "Standby-Import"), as a web form would collect it. Importing overwrites all data
 * on the standby, so the operator must confirm that explicitly; for a raw backup, which carries
 * no pair identity, that confirmation is the only check that it is the right backup.
 *
 * <p>Immutable and thread-safe.
 *
 * @param operator who asks, recorded and reported: 1 to {@value #MAX_OPERATOR_LENGTH}
 *     printable characters (letters of any language), not all blank
 * @param reason why, recorded and reported: at most {@value #MAX_REASON_LENGTH} printable
 *     characters; required (not blank) when {@code force} is set, optional otherwise
 * @param confirmedOverwrite that the operator confirmed that importing overwrites all data on
 *     this standby; must be true
 * @param force whether to initialise a standby that is initialised already, overwriting it again
 */
public record InitializationRequest(String operator, String reason, boolean confirmedOverwrite, boolean force) {
    /** The longest operator name accepted. */
    public static final int MAX_OPERATOR_LENGTH = 100;
    /** The longest reason accepted. */
    public static final int MAX_REASON_LENGTH = 500;

    /**
     * Validates every part and reports all violations at once.
     *
     * @throws InvalidInputException on fields {@code operator}, {@code reason} and
     *     {@code confirmedOverwrite}
     */
    public InitializationRequest {
        List<InputProblem> problems = new ArrayList<>();
        checkOperator(problems, operator);
        checkReason(problems, reason);
        if (force && reason != null && reason.isBlank()) {
            problems.add(InputProblem.of("reason", reason,
                    "is required when forcing a new initialisation: say why the standby is overwritten again"));
        }
        if (!confirmedOverwrite) {
            problems.add(InputProblem.of("confirmedOverwrite", "false", "must be true: importing overwrites all data on"
                    + " this standby; the operator must confirm that explicitly"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /** Adds a problem if {@code operator} breaks its rule; shared with {@link Initialization}. */
    static void checkOperator(List<InputProblem> problems, String operator) {
        String problem = AuditText.problem(operator, MAX_OPERATOR_LENGTH, false);
        if (problem != null) {
            problems.add(InputProblem.of("operator", operator, problem));
        }
    }

    /** Adds a problem if {@code reason} breaks its rule; shared with {@link Initialization}. */
    static void checkReason(List<InputProblem> problems, String reason) {
        String problem = AuditText.problem(reason, MAX_REASON_LENGTH, true);
        if (problem != null) {
            problems.add(InputProblem.of("reason", reason, problem));
        }
    }
}
