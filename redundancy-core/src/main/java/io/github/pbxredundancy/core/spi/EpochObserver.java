package io.github.pbxredundancy.core.spi;

/**
 * Hears the fencing epochs (B1) a node learns from its peer: the epoch in every
 * {@link DeliveryReceipt} the standby sends back, the answer to a {@link PeerEpochQuery}. A
 * node whose peer holds a higher epoch has been replaced by a promotion and must stop working.
 *
 * <p>The library's implementation is {@code io.github.pbxredundancy.core.promotion.EpochFence},
 * which records the epoch in the node's {@code NodeLifecycle} ({@code observeEpoch}) and so
 * fences an active node; a host without a node lifecycle can plug in its own. The
 * {@link io.github.pbxredundancy.core.Replicator} calls it for each receipt with an epoch above
 * 0, before the run's outcome is reported, so that a run that failed because the standby was
 * promoted ends with the node already fenced.
 *
 * <p>Implementations must be thread-safe and should not block for long (a disk write is fine);
 * what they throw is logged and changes nothing else.
 */
@FunctionalInterface
public interface EpochObserver {
    /** Ignores every epoch: for a replicator without a node lifecycle. */
    EpochObserver NONE = (epoch, evidence) -> {
    };

    /**
     * An epoch the peer reported; it may be lower than, equal to or higher than the node's own.
     *
     * @param epoch the peer's epoch, more than 0
     * @param evidence where it came from, one line for the audit trail and the administrator,
     *     e.g. {@code receipt for bundle 20160126T050000Z-e0-… rejected STALE_EPOCH by the standby}
     */
    void observe(long epoch, String evidence);
}
