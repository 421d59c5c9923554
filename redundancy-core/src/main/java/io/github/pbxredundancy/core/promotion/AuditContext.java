package io.github.pbxredundancy.core.promotion;

import io.github.pbxredundancy.core.InputProblem;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.internal.AuditText;
import java.util.ArrayList;
import java.util.List;

/**
 * Who makes a change to a node's state, why, and on the strength of which checks: what the
 * {@link AuditTrail} records with every change (the "who, when, why, which checks
 * passed"). The library adds the time.
 *
 * <p>The texts are recorded verbatim, shown to administrators and sent in notifications; never
 * put a secret (a password, a key) into them. Each follows the operator free-text rule: any
 * language's letters, no line breaks or control characters.
 *
 * <p>Immutable and thread-safe.
 *
 * @param operator who: an operator's name as the host's UI knows it, or {@link #SYSTEM} for a
 *     change the library or host makes on its own (e.g. fencing after a peer query); 1 to
 *     {@value #MAX_OPERATOR_LENGTH} printable characters, not all blank
 * @param reason why, in the operator's words: at most {@value #MAX_REASON_LENGTH} printable
 *     characters, possibly empty
 * @param checks the checks that passed or the evidence the change relies on, one short line
 *     each, e.g. {@code "probe tcp 10.0.0.1:5060 refused for 60s"} or {@code "override: active
 *     unreachable, confirmed by phone"}; at most {@value #MAX_CHECKS} of 1 to
 *     {@value #MAX_CHECK_LENGTH} printable characters
 */
public record AuditContext(String operator, String reason, List<String> checks) {
    /** The longest operator name accepted. */
    public static final int MAX_OPERATOR_LENGTH = 100;
    /** The longest reason accepted. */
    public static final int MAX_REASON_LENGTH = 500;
    /** The most checks one change may list. */
    public static final int MAX_CHECKS = 20;
    /** The longest check accepted. */
    public static final int MAX_CHECK_LENGTH = 200;
    /** The operator name for changes nobody asked for in person. */
    public static final String SYSTEM = "system";

    /**
     * Validates every part and reports all violations at once.
     *
     * @throws InvalidInputException on fields {@code operator}, {@code reason} and
     *     {@code checks[i]}
     */
    public AuditContext {
        List<InputProblem> problems = new ArrayList<>();
        String problem = AuditText.problem(operator, MAX_OPERATOR_LENGTH, false);
        if (problem != null) {
            problems.add(InputProblem.of("operator", operator, problem));
        }
        problem = AuditText.problem(reason, MAX_REASON_LENGTH, true);
        if (problem != null) {
            problems.add(InputProblem.of("reason", reason, problem));
        }
        if (checks == null) {
            problems.add(InputProblem.of("checks", null, "must be a list, possibly empty"));
        } else {
            if (checks.size() > MAX_CHECKS) {
                problems.add(InputProblem.of("checks", checks.size() + " checks", "must be at most " + MAX_CHECKS));
            }
            for (int i = 0; i < checks.size(); i++) {
                problem = AuditText.problem(checks.get(i), MAX_CHECK_LENGTH, false);
                if (problem != null) {
                    problems.add(InputProblem.of("checks[" + i + "]", checks.get(i), problem));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        checks = List.copyOf(checks);
    }

    /**
     * A context without checks.
     *
     * @param operator who
     * @param reason why, possibly empty
     * @return the context
     * @throws InvalidInputException if a part breaks its rule
     */
    public static AuditContext of(String operator, String reason) {
        return new AuditContext(operator, reason, List.of());
    }

    /**
     * A context for a change nobody asked for in person, by operator {@link #SYSTEM}.
     *
     * @param reason why, e.g. {@code "peer pbx-b reported epoch 4"}
     * @param checks the evidence
     * @return the context
     * @throws InvalidInputException if a part breaks its rule
     */
    public static AuditContext system(String reason, List<String> checks) {
        return new AuditContext(SYSTEM, reason, checks);
    }
}
