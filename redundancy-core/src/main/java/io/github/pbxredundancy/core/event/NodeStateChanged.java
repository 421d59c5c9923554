package io.github.pbxredundancy.core.event;

import io.github.pbxredundancy.core.promotion.NodeState;
import io.github.pbxredundancy.core.promotion.Trigger;
import java.time.Instant;
import java.util.Objects;

/**
 * A node's state changed by one of its state machine's transitions, e.g. a standby became
 * {@link NodeState#ACTIVE} or an old active was {@link NodeState#FENCED}.
 *
 * @param at when, by the lifecycle's clock; the time recorded in the audit trail
 * @param from the state before
 * @param to the state after, different from {@code from}
 * @param trigger what caused it
 * @param epoch the node's fencing epoch after the change
 * @param operator who, as recorded
 * @param reason why, as recorded; possibly empty
 */
public record NodeStateChanged(Instant at, NodeState from, NodeState to, Trigger trigger, long epoch, String operator,
                               String reason) implements NodeEvent {
    /** Validates that every part is present and the state changed. */
    public NodeStateChanged {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(reason, "reason");
        if (from == to) {
            throw new IllegalArgumentException("a state change must change the state, not stay " + from);
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be 0 or more, not " + epoch);
        }
    }
}
