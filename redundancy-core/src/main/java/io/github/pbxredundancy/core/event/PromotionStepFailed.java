package io.github.pbxredundancy.core.event;

import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.promotion.PromotionStep;
import java.time.Instant;
import java.util.Objects;

/**
 * A promotion step failed; the node is in {@code PROMOTION_FAILED}, naming the step, until an
 * operator retries the promotion or (only while the epoch was not raised) aborts it.
 *
 * @param at when, by the promoter's clock
 * @param promotionId the promotion, as in the audit trail
 * @param step the step that failed
 * @param reason the host's own code if it threw a {@link io.github.pbxredundancy.core.RedundancyException},
 *     else {@link ReasonCode#PROMOTION_STEP_FAILED}
 * @param message what failed, one line for the administrator
 * @param epoch the node's epoch now
 * @param operator who ran the step (requested, retried or resumed the promotion)
 * @param abortAllowed whether the promotion may still be aborted: only before the epoch raise
 */
public record PromotionStepFailed(Instant at, String promotionId, PromotionStep step, ReasonCode reason, String message,
                                  long epoch, String operator, boolean abortAllowed) implements PromotionEvent {
    /** Validates that every part is present. */
    public PromotionStepFailed {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(promotionId, "promotionId");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(operator, "operator");
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be 0 or more, not " + epoch);
        }
    }
}
