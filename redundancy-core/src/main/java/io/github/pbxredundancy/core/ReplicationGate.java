package io.github.pbxredundancy.core;

import java.util.Optional;

/**
 * Whether the node may replicate now: the {@link Replicator} asks before every run, before every
 * attempt and before every delivery, and a closed gate stops it from sending anything. A node
 * that is not the pair's active, above all a fenced former active (B1), must not send its
 * backups: they would overwrite nothing (the promoted node refuses them as stale), but a fenced
 * node "replicates nothing" is a promise the library keeps on the sending side too.
 *
 * <p>The library's gate is {@code io.github.pbxredundancy.core.promotion.EpochFence#replicationGate()}:
 * open only while the node's {@code NodeLifecycle} is {@code ACTIVE}.
 *
 * <p>Implementations must be thread-safe and must not block: the replicator calls them on its
 * scheduler's and work threads. What they throw closes the gate for that call (and is logged).
 */
@FunctionalInterface
public interface ReplicationGate {
    /** Always open: for a replicator without a node lifecycle. */
    ReplicationGate OPEN = Optional::empty;

    /**
     * Why the node may not replicate now.
     *
     * @return empty if it may; else one line for the administrator, e.g. {@code node is FENCED
     *     (epoch 3 seen from the standby): it replicates nothing until a failback makes it the
     *     standby}
     */
    Optional<String> closedBecause();
}
