package io.github.pbxredundancy.core.promotion;

import io.github.pbxredundancy.core.InputProblem;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.internal.AuditText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An operator's request to promote this standby (R2, R15): who asks and why, the operator's
 * confirmation that the hardware lines were moved (R16), and, if the operator decided so, an
 * override of the check that the active is down (B2).
 *
 * <p>The texts are recorded in the audit trail and sent in notifications; they follow the
 * operator free-text rule (any language's letters, no line breaks or control characters).
 *
 * <p>Immutable and thread-safe.
 *
 * @param operator who asks: 1 to {@value AuditContext#MAX_OPERATOR_LENGTH} printable characters,
 *     not all blank, e.g. the name the host's web UI knows the administrator by
 * @param reason why, in the operator's words: at most {@value AuditContext#MAX_REASON_LENGTH}
 *     printable characters, possibly empty
 * @param hardwareMoved whether the operator confirms that the hardware connections (ISDN lines,
 *     analogue devices) were moved from the active to this node by hand (R16); a promotion
 *     without it is refused
 * @param override the operator's override of the liveness check, if any: the promotion then does
 *     not run the check and records the override with its reason instead
 */
public record PromotionRequest(String operator, String reason, boolean hardwareMoved, Optional<DownOverride> override) {
    /**
     * Validates every part and reports all violations at once.
     *
     * @throws InvalidInputException on fields {@code operator}, {@code reason} and {@code override}
     */
    public PromotionRequest {
        List<InputProblem> problems = new ArrayList<>();
        String problem = AuditText.problem(operator, AuditContext.MAX_OPERATOR_LENGTH, false);
        if (problem != null) {
            problems.add(InputProblem.of("operator", operator, problem));
        }
        problem = AuditText.problem(reason, AuditContext.MAX_REASON_LENGTH, true);
        if (problem != null) {
            problems.add(InputProblem.of("reason", reason, problem));
        }
        if (override == null) {
            problems.add(InputProblem.of("override", null, "must be an Optional, empty for none"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /**
     * A request that lets the liveness check decide.
     *
     * @param operator who asks
     * @param reason why, possibly empty
     * @param hardwareMoved whether the operator confirms the hardware lines were moved (R16)
     * @return the request
     * @throws InvalidInputException if a part breaks its rule
     */
    public static PromotionRequest of(String operator, String reason, boolean hardwareMoved) {
        return new PromotionRequest(operator, reason, hardwareMoved, Optional.empty());
    }

    /**
     * The same request with an override of the liveness check.
     *
     * @param override who overrides and why
     * @return a new request
     */
    public PromotionRequest withOverride(DownOverride override) {
        return new PromotionRequest(operator, reason, hardwareMoved, Optional.of(override));
    }
}
