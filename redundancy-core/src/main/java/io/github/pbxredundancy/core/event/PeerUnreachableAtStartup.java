package io.github.pbxredundancy.core.event;

import io.github.pbxredundancy.core.promotion.NodeState;
import io.github.pbxredundancy.core.promotion.UnreachablePeerRule;
import java.time.Instant;
import java.util.Objects;

/**
 * An active node starting up could not ask its peer for the pair's fencing epoch (B1) before
 * claiming the pair's address, and followed its {@link UnreachablePeerRule}: by default it
 * stays passive (claims nothing) until the peer answers or an operator decides; with
 * {@link UnreachablePeerRule#CLAIM_AND_ALERT} it claims the address without knowing whether the
 * standby was promoted meanwhile. Either way an administrator should look: with both nodes cut
 * off from each other, both may believe they are the active (R34).
 *
 * @param at when the start-up check decided
 * @param state the node's state, {@link NodeState#ACTIVE}
 * @param epoch the node's own epoch
 * @param peer who was asked
 * @param reason why the peer could not be asked
 * @param rule the rule followed
 * @param claimed whether the node claims the address: true only for
 *     {@link UnreachablePeerRule#CLAIM_AND_ALERT}
 * @param explanation what it means and what to do, for the administrator
 * @param operator who, as recorded: {@code system}
 */
public record PeerUnreachableAtStartup(Instant at, NodeState state, long epoch, String peer, String reason,
                                       UnreachablePeerRule rule, boolean claimed, String explanation, String operator)
        implements NodeEvent {
    /** Validates that every part is present. */
    public PeerUnreachableAtStartup {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(explanation, "explanation");
        Objects.requireNonNull(operator, "operator");
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be 0 or more, not " + epoch);
        }
    }
}
