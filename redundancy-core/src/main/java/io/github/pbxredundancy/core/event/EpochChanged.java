package io.github.pbxredundancy.core.event;

import io.github.pbxredundancy.core.promotion.NodeState;
import java.time.Instant;
import java.util.Objects;

/**
 * A node's fencing epoch rose without a change of state (B1): a promotion raised it, or the
 * node learned of a higher epoch of its pair while it is a standby. (An active or promoting node
 * that learns of a higher epoch is fenced instead: {@link NodeStateChanged}.)
 *
 * @param at when, by the lifecycle's clock
 * @param state the node's state, unchanged
 * @param previousEpoch the epoch before
 * @param epoch the epoch after, higher
 * @param cause whether the node raised it or observed it
 * @param operator who, as recorded
 * @param reason why, as recorded; possibly empty
 */
public record EpochChanged(Instant at, NodeState state, long previousEpoch, long epoch, Cause cause, String operator,
                           String reason) implements NodeEvent {
    /** Validates that every part is present and the epoch rose. */
    public EpochChanged {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(reason, "reason");
        if (previousEpoch < 0 || epoch <= previousEpoch) {
            throw new IllegalArgumentException("an epoch change must rise from 0 or more, not " + previousEpoch + " to "
                    + epoch);
        }
    }

    /** How the epoch rose. */
    public enum Cause {
        /** A promotion of this node raised it, its first step. */
        RAISED,
        /** The node learned that its pair holds a higher epoch (a bundle, a receipt, a peer query). */
        OBSERVED
    }
}
