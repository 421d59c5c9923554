package io.github.pbxredundancy.core.event;

import io.github.pbxredundancy.core.promotion.NodeState;
import java.time.Instant;
import java.util.Objects;

/**
 * A node learned that its peer holds a higher fencing epoch (B1) and was fenced: another node
 * was promoted while this one was away or cut off, so this node claims no address, runs no
 * modules and replicates nothing. Sent beside the {@link NodeStateChanged} to
 * {@link NodeState#FENCED}, with what an administrator needs to act: where the epoch came from
 * and what to do (a failback, B5, R18).
 *
 * @param at when the node was fenced, as recorded in its audit trail
 * @param from the state before: {@link NodeState#ACTIVE}, {@link NodeState#PROMOTING} or
 *     {@link NodeState#PROMOTION_FAILED}
 * @param previousEpoch the node's epoch before
 * @param epoch the epoch seen, now the node's own; higher than {@code previousEpoch}
 * @param evidence where the epoch came from, e.g. the standby's receipt for a bundle or the
 *     peer's answer at start
 * @param explanation what it means and what to do, for the administrator
 * @param operator who, as recorded: {@code system}
 */
public record NodeFenced(Instant at, NodeState from, long previousEpoch, long epoch, String evidence,
                         String explanation, String operator) implements NodeEvent {
    /** Validates that every part is present and the epoch rose. */
    public NodeFenced {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(explanation, "explanation");
        Objects.requireNonNull(operator, "operator");
        if (previousEpoch < 0 || epoch <= previousEpoch) {
            throw new IllegalArgumentException("a node is fenced by a higher epoch, not by " + epoch + " over "
                    + previousEpoch);
        }
    }
}
