package io.github.pbxredundancy.core.promotion;

/**
 * What an active node does at start when it cannot ask its peer for the pair's fencing epoch
 * (B1) before claiming the pair's address ({@link StartupGuard}).
 *
 * <p>The node cannot tell a dead or disconnected standby from one that was promoted while this
 * node was down and now holds the address. Claiming the address in the second case makes two
 * active nodes (R34: split brain, changes on one of them lost at the failback), so the default
 * is to stay passive and alert: a short outage that an operator ends with
 * {@link StartupGuard#claimWithoutPeer}, against a split brain no one can undo.
 *
 * <p>Immutable and thread-safe.
 */
public enum UnreachablePeerRule {
    /**
     * The default: claim nothing, replicate nothing, emit
     * {@link io.github.pbxredundancy.core.event.PeerUnreachableAtStartup}; check again later, or
     * let an operator decide ({@link StartupGuard#claimWithoutPeer}).
     */
    STAY_PASSIVE_AND_ALERT,
    /**
     * Claim the address all the same and emit
     * {@link io.github.pbxredundancy.core.event.PeerUnreachableAtStartup}: for pairs where an
     * outage of the PBX is worse than the risk of a split brain, e.g. where the standby cannot be
     * promoted without the administrator who also restarts the active. A promoted standby still
     * refuses this node's bundles, and this node fences itself at its first receipt from it.
     */
    CLAIM_AND_ALERT
}
