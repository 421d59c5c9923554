package io.github.pbxredundancy.core.promotion;

import io.github.pbxredundancy.license.PrintableText;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A node's durable state at one moment, as {@link NodeLifecycle} keeps it in
 * {@code <directory>/node-state}: what the node is, its fencing epoch, how far a running
 * promotion got, and the last audited change.
 *
 * <p>A node without a state file is {@link #initial()}: {@link NodeState#NOT_CONFIGURED} at
 * epoch 0 with no change yet.
 *
 * <p>Immutable and thread-safe.
 *
 * @param state the node's state
 * @param epoch the node's fencing epoch (B1): the highest it raised or observed; 0 or more,
 *     never lower than before
 * @param promotion the running promotion; present exactly in {@link NodeState#PROMOTING} and
 *     {@link NodeState#PROMOTION_FAILED}, with a failed step exactly in the latter; its start
 *     epoch is at most {@code epoch}
 * @param lastChange the last entry of the audit trail, which this snapshot is the result of:
 *     its {@code to} and {@code epoch} are this snapshot's, its promotion id the running
 *     promotion's; empty only for {@link #initial()}
 */
public record NodeSnapshot(NodeState state, long epoch, Optional<PromotionProgress> promotion,
                           Optional<AuditEntry> lastChange) {
    private static final NodeSnapshot INITIAL = new NodeSnapshot(NodeState.NOT_CONFIGURED, 0, Optional.empty(),
            Optional.empty());

    /**
     * Validates that the parts fit together.
     *
     * @throws IllegalArgumentException naming the part, its value and the rule it breaks
     */
    public NodeSnapshot {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(promotion, "promotion");
        Objects.requireNonNull(lastChange, "lastChange");
        if (epoch < 0) {
            throw PrintableText.invalid("epoch", Long.toString(epoch), "must be 0 or more");
        }
        if (promotion.isPresent() != state.inPromotion()) {
            throw PrintableText.invalid("promotion", promotion.map(PromotionProgress::id).orElse(null),
                    state.inPromotion() ? "is required in state " + state : "is only for PROMOTING and PROMOTION_FAILED,"
                            + " not " + state);
        }
        if (promotion.isPresent()) {
            PromotionProgress progress = promotion.get();
            if (progress.failedStep().isPresent() != (state == NodeState.PROMOTION_FAILED)) {
                throw PrintableText.invalid("failed step", progress.failedStep().orElse(null),
                        state == NodeState.PROMOTION_FAILED ? "is required in state PROMOTION_FAILED"
                                : "is only for PROMOTION_FAILED, not " + state);
            }
            if (progress.startEpoch() > epoch) {
                throw PrintableText.invalid("promotion start epoch", Long.toString(progress.startEpoch()),
                        "must be at most the epoch " + epoch);
            }
        }
        if (lastChange.isPresent()) {
            AuditEntry change = lastChange.get();
            if (change.to() != state || change.epoch() != epoch) {
                throw PrintableText.invalid("last change", change.action() + " to " + change.to() + " at epoch "
                        + change.epoch(), "must lead to this snapshot's state " + state + " and epoch " + epoch);
            }
            if (promotion.isPresent() && !change.promotionId().equals(Optional.of(promotion.get().id()))) {
                throw PrintableText.invalid("last change promotion", change.promotionId().orElse(null),
                        "must be the running promotion " + promotion.get().id());
            }
        } else if (state != NodeState.NOT_CONFIGURED || epoch != 0) {
            throw PrintableText.invalid("last change", null, "is required unless the snapshot is the initial one"
                    + " (NOT_CONFIGURED at epoch 0)");
        }
    }

    /**
     * The snapshot of a node that has no state file yet.
     *
     * @return {@link NodeState#NOT_CONFIGURED} at epoch 0, no promotion, no change
     */
    public static NodeSnapshot initial() {
        return INITIAL;
    }

    /**
     * Whether the running promotion has raised the epoch, the point after which it cannot be
     * aborted (see {@link Trigger#ABORT}).
     *
     * @return true if a promotion runs and the epoch is above its start epoch
     */
    public boolean epochRaisedInPromotion() {
        return promotion.map(progress -> epoch > progress.startEpoch()).orElse(false);
    }

    /**
     * The triggers that may fire now, by {@link NodeStateMachine}'s table and the checks
     * {@link NodeLifecycle} makes itself; for a UI's buttons.
     *
     * @return the triggers, in their declaration order
     */
    public Set<Trigger> allowedTriggers() {
        return NodeStateMachine.allowedTriggers(this);
    }
}
