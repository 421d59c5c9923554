package io.github.pbxredundancy.core.promotion;

import io.github.pbxredundancy.core.InputProblem;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.internal.AuditText;
import java.util.ArrayList;
import java.util.List;

/**
 * An operator's decision to promote although the active could not be {@linkplain
 * DownVerdict.ConfirmedDown confirmed down} (B2), e.g. because a firewall answers for the dead
 * active, or its probes cannot reach it from the standby while the operator stands in front of
 * the switched-off machine. The promotion records it, with the verdict it overrides, in the
 * audit trail; a reason is required so that whoever reads the trail later learns why.
 *
 * <p>Immutable and thread-safe.
 *
 * @param operator who overrides: 1 to {@value #MAX_OPERATOR_LENGTH} printable characters
 *     (letters of any language, no line breaks), not all blank
 * @param reason why the active is known to be down or may be ignored: {@value #MIN_REASON_LENGTH}
 *     to {@value #MAX_REASON_LENGTH} printable characters, at least {@value #MIN_REASON_LENGTH}
 *     of them besides leading and trailing blanks
 */
public record DownOverride(String operator, String reason) {
    /** The longest operator name accepted. */
    public static final int MAX_OPERATOR_LENGTH = 100;
    /** The shortest reason accepted: a word or two is not a reason. */
    public static final int MIN_REASON_LENGTH = 10;
    /** The longest reason accepted. */
    public static final int MAX_REASON_LENGTH = 1000;

    /**
     * Validates both parts and reports every violation at once.
     *
     * @throws InvalidInputException on fields {@code operator} and {@code reason}
     */
    public DownOverride {
        List<InputProblem> problems = new ArrayList<>();
        String operatorProblem = AuditText.problem(operator, MAX_OPERATOR_LENGTH, false);
        if (operatorProblem != null) {
            problems.add(InputProblem.of("operator", operator, operatorProblem));
        }
        String reasonProblem = AuditText.problem(reason, MAX_REASON_LENGTH, false);
        if (reasonProblem != null) {
            problems.add(InputProblem.of("reason", reason, reasonProblem));
        } else if (reason.strip().length() < MIN_REASON_LENGTH) {
            problems.add(InputProblem.of("reason", reason, "must be at least " + MIN_REASON_LENGTH
                    + " characters: say why the active is down although the probes could not confirm it"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /**
     * The override for the audit trail, e.g. {@code Operator Anna Weber overrode the check that
     * the active is down: the active is switched off, the firewall answers for it}.
     *
     * @return one line
     */
    public String summary() {
        return "Operator " + operator + " overrode the check that the active is down: " + reason;
    }
}
