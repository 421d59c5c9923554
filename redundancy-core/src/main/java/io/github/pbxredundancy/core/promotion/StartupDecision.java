package io.github.pbxredundancy.core.promotion;

import java.util.Objects;

/**
 * What an active node may do at start, as {@link StartupGuard#check()} decided: claim the
 * pair's address or stay passive, and why. The host acts on {@link #claimAddress()}: only then
 * does it take the address (and announce it, e.g. gratuitous ARP), activate its modules and
 * start the {@link io.github.pbxredundancy.core.Replicator}.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface StartupDecision permits StartupDecision.Claim, StartupDecision.Fenced,
        StartupDecision.PeerUnreachable, StartupDecision.Overridden, StartupDecision.NotActive {

    /**
     * Whether the node may claim the pair's address now.
     *
     * @return true for {@link Claim} and {@link Overridden}, and for {@link PeerUnreachable}
     *     under {@link UnreachablePeerRule#CLAIM_AND_ALERT}
     */
    boolean claimAddress();

    /**
     * The decision in words, for the host's log and status page.
     *
     * @return one paragraph
     */
    String explanation();

    /**
     * The peer answered with an epoch not above this node's: no promotion happened while this
     * node was away. Claim the address.
     *
     * @param epoch this node's epoch
     * @param peer who answered
     * @param peerEpoch the peer's epoch, at most {@code epoch}
     * @param explanation the decision in words
     */
    record Claim(long epoch, String peer, long peerEpoch, String explanation) implements StartupDecision {
        /** Validates the parts. */
        public Claim {
            Objects.requireNonNull(peer, "peer");
            Objects.requireNonNull(explanation, "explanation");
            if (peerEpoch > epoch) {
                throw new IllegalArgumentException("a peer epoch " + peerEpoch + " above " + epoch + " fences, it does"
                        + " not claim");
            }
        }

        @Override
        public boolean claimAddress() {
            return true;
        }
    }

    /**
     * The peer holds a higher epoch: the standby was promoted while this node was away. The node
     * is now {@link NodeState#FENCED}: it claims no address and replicates nothing; a failback
     * (B5) makes it the standby of the promoted node.
     *
     * @param previousEpoch this node's epoch before
     * @param peer who answered
     * @param peerEpoch the peer's epoch, now this node's too
     * @param explanation why, and what to do
     */
    record Fenced(long previousEpoch, String peer, long peerEpoch, String explanation) implements StartupDecision {
        /** Validates the parts. */
        public Fenced {
            Objects.requireNonNull(peer, "peer");
            Objects.requireNonNull(explanation, "explanation");
        }

        @Override
        public boolean claimAddress() {
            return false;
        }
    }

    /**
     * The peer could not be asked; the node followed its {@link UnreachablePeerRule}.
     *
     * @param epoch this node's epoch
     * @param peer who was asked
     * @param reason why it could not be asked
     * @param rule the rule followed
     * @param explanation the decision in words
     */
    record PeerUnreachable(long epoch, String peer, String reason, UnreachablePeerRule rule, String explanation)
            implements StartupDecision {
        /** Validates the parts. */
        public PeerUnreachable {
            Objects.requireNonNull(peer, "peer");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(explanation, "explanation");
        }

        @Override
        public boolean claimAddress() {
            return rule == UnreachablePeerRule.CLAIM_AND_ALERT;
        }
    }

    /**
     * An operator decided that the node claims the address although the peer cannot be asked
     * ({@link StartupGuard#claimWithoutPeer}); recorded in the audit trail.
     *
     * @param epoch this node's epoch
     * @param context who decided, and why
     * @param explanation the decision in words
     */
    record Overridden(long epoch, AuditContext context, String explanation) implements StartupDecision {
        /** Validates the parts. */
        public Overridden {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(explanation, "explanation");
        }

        @Override
        public boolean claimAddress() {
            return true;
        }
    }

    /**
     * The node is not {@link NodeState#ACTIVE}, so it has no address to claim (a standby, a
     * node already fenced, a promotion in progress, which its orchestrator resumes).
     *
     * @param state the node's state
     * @param epoch its epoch
     * @param explanation the decision in words
     */
    record NotActive(NodeState state, long epoch, String explanation) implements StartupDecision {
        /** Validates the parts. */
        public NotActive {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(explanation, "explanation");
            if (state == NodeState.ACTIVE) {
                throw new IllegalArgumentException("an ACTIVE node is not NotActive");
            }
        }

        @Override
        public boolean claimAddress() {
            return false;
        }
    }
}
