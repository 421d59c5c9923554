package io.github.pbxredundancy.core.event;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The administrator's summary of a promotion whose steps all completed: sent once per
 * promotion, as its last step, just before the node becomes {@code ACTIVE}.
 *
 * @param at when, by the promoter's clock
 * @param promotionId the promotion, as in the audit trail
 * @param node the promoted node's name, now the active
 * @param epoch the node's epoch, raised by the promotion
 * @param operator who requested the promotion
 * @param took from the start of the promotion (its preconditions held, {@code PROMOTION_REQUESTED} in the
 *     audit trail) to this summary, retries and restarts included
 * @param usersInformed how many users the restart-your-phone message was handed over for
 *     (0 if a crash interrupted the hand-over; the summary says so)
 * @param overridden whether an operator overrode the liveness check (B2)
 * @param summary lines for the administrator: what happened, what was checked, what to do next
 */
public record PromotionCompleted(Instant at, String promotionId, String node, long epoch, String operator,
                                 Duration took, int usersInformed, boolean overridden, List<String> summary)
        implements PromotionEvent {
    /** Validates that every part is present and copies the lines. */
    public PromotionCompleted {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(promotionId, "promotionId");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(took, "took");
        summary = List.copyOf(summary);
        if (epoch < 1) {
            throw new IllegalArgumentException("a promotion's epoch is at least 1, not " + epoch);
        }
        if (took.isNegative() || usersInformed < 0) {
            throw new IllegalArgumentException("took and usersInformed must not be negative: " + took + ", "
                    + usersInformed);
        }
    }
}
