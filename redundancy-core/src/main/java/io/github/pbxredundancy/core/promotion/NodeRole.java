package io.github.pbxredundancy.core.promotion;

/**
 * What a node is to its pair, as a host's status page shows it (R32): derived from its
 * {@link NodeState}, see {@link NodeState#role()}.
 *
 * <p>Immutable and thread-safe.
 */
public enum NodeRole {
    /** Redundancy is not configured on this node: it is neither standby nor active of a pair. */
    UNCONFIGURED,
    /**
     * The standby: it receives the active's backups, its module configurations are inactive
     * (R14) and it accepts no work. A node being promoted is still a standby until the promotion
     * completes.
     */
    STANDBY,
    /** The active: it holds the pair's address, runs its modules and accepts work. */
    ACTIVE,
    /**
     * Fenced off: another node holds a higher epoch (B1), so this one claims no address, runs no
     * modules, replicates nothing and waits to become that node's standby (B5).
     */
    FENCED
}
