package io.github.pbxredundancy.core.promotion;

import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.Receiver;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.ReplicationGate;
import io.github.pbxredundancy.core.event.NodeFenced;
import io.github.pbxredundancy.core.internal.AuditText;
import io.github.pbxredundancy.core.spi.EpochObserver;
import io.github.pbxredundancy.core.spi.Notifier;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fencing (B1) for one node: keeps the epoch of its {@link NodeLifecycle} and of its
 * {@link Receiver} in step, fences the node when its peer holds a higher epoch, and stops its
 * replication while it may not work.
 *
 * <ul>
 *   <li><b>In step.</b> {@link #connect} and {@link #sync()} raise the receiver's floor to the
 *       node's epoch ({@link Receiver#raiseEpochFloor}) and let the node observe the receiver's
 *       epoch. Call {@link #sync()} after the node's epoch rose (a promotion's
 *       {@link NodeLifecycle#raiseEpoch}, before it takes the address): it waits for a delivery
 *       or import in progress, so afterwards no bundle of the old active is kept or imported. For
 *       the moments in between, build the receiver with
 *       {@link Receiver.Builder#epochFloor(java.util.function.LongSupplier) epochFloor(node::epoch)},
 *       which makes every delivery ask the node.</li>
 *   <li><b>Learning of a higher epoch.</b> {@link #observe} (this is the
 *       {@link EpochObserver} for the {@link io.github.pbxredundancy.core.Replicator}'s receipts;
 *       {@link StartupGuard} uses it for the peer's answer) records the epoch with
 *       {@link NodeLifecycle#observeEpoch}. An active or promoting node is then
 *       {@link NodeState#FENCED}: besides the lifecycle's
 *       {@link io.github.pbxredundancy.core.event.NodeStateChanged}, the fence sends
 *       {@link NodeFenced} saying where the epoch came from and what to do.</li>
 *   <li><b>Stopping.</b> {@link #replicationGate()} is open only while the node is
 *       {@link NodeState#ACTIVE}; a fenced node replicates nothing.</li>
 *   <li><b>Answering the peer.</b> {@link #pairEpoch()} is what this node answers to its peer's
 *       {@link io.github.pbxredundancy.core.spi.PeerEpochQuery}.</li>
 * </ul>
 *
 * <p>Thread-safe. {@link #sync()} and {@link #observe} are serialised by the fence and block on
 * the lifecycle's and the receiver's disk writes; {@link #pairEpoch()} and the gate never wait.
 * Events go to the notifier on the calling thread; what it throws is logged.
 */
public final class EpochFence implements EpochObserver {
    private static final Logger LOG = LoggerFactory.getLogger(EpochFence.class);

    private final NodeLifecycle node;
    private final Optional<Receiver> receiver;
    private final Notifier notifier;
    private final Object lock = new Object();

    private EpochFence(NodeLifecycle node, Optional<Receiver> receiver, Notifier notifier) {
        this.node = Objects.requireNonNull(node, "node");
        this.receiver = receiver;
        this.notifier = Objects.requireNonNull(notifier, "notifier");
    }

    /**
     * A fence for a node and the receiver on the same node, brought in step at once
     * ({@link #sync()}).
     *
     * @param node the node's lifecycle
     * @param receiver the receiver of the same node
     * @param notifier hears {@link NodeFenced}
     * @return the fence
     * @throws RedundancyException as {@link #sync()}
     */
    public static EpochFence connect(NodeLifecycle node, Receiver receiver, Notifier notifier) {
        EpochFence fence = new EpochFence(node, Optional.of(Objects.requireNonNull(receiver, "receiver")), notifier);
        fence.sync();
        return fence;
    }

    /**
     * A fence for a node without a receiver (an active that never receives).
     *
     * @param node the node's lifecycle
     * @param notifier hears {@link NodeFenced}
     * @return the fence
     */
    public static EpochFence of(NodeLifecycle node, Notifier notifier) {
        return new EpochFence(node, Optional.empty(), notifier);
    }

    /** The node this fence guards. */
    NodeLifecycle node() {
        return node;
    }

    /**
     * Brings the node and the receiver in step: the node observes the receiver's epoch (a
     * receiver that accepted a bundle of a higher epoch than its node's means another node was
     * promoted: an active node is fenced), then the receiver's floor is raised to the node's
     * epoch. Idempotent.
     *
     * @return the pair's epoch afterwards, as {@link #pairEpoch()}
     * @throws RedundancyException with {@link ReasonCode#UNEXPECTED} if an epoch cannot be persisted
     */
    public long sync() {
        synchronized (lock) {
            if (receiver.isPresent()) {
                long received = receiver.get().highestEpoch();
                if (received > node.epoch()) {
                    learn(received, "this node's receiver holds epoch " + received);
                }
                receiver.get().raiseEpochFloor(node.epoch());
            }
            return pairEpoch();
        }
    }

    /**
     * The highest epoch this node knows of its pair: its own or its receiver's. What it answers
     * to its peer's {@link io.github.pbxredundancy.core.spi.PeerEpochQuery}. Never waits.
     *
     * @return the epoch, 0 or more
     */
    public long pairEpoch() {
        return Math.max(node.epoch(), receiver.map(Receiver::highestEpoch).orElse(0L));
    }

    /**
     * The gate for the node's {@link io.github.pbxredundancy.core.Replicator}: open only while
     * the node is {@link NodeState#ACTIVE}; closed with the reason in every other state.
     *
     * @return the gate; it never blocks
     */
    public ReplicationGate replicationGate() {
        return () -> {
            NodeSnapshot now = node.snapshot();
            if (now.state() == NodeState.ACTIVE) {
                return Optional.empty();
            }
            if (now.state() == NodeState.FENCED) {
                return Optional.of("this node is FENCED at epoch " + now.epoch() + ": another node holds a higher epoch"
                        + " (it was promoted), so this one replicates nothing until a failback makes it that node's"
                        + " standby");
            }
            return Optional.of("this node is " + now.state() + ", not ACTIVE: only the active replicates");
        };
    }

    /**
     * Records an epoch the peer reported (a receipt, a peer query), as
     * {@link NodeLifecycle#observeEpoch}; if that fences the node, sends {@link NodeFenced}.
     * Then raises the receiver's floor if the node's epoch rose above it. An epoch not above the
     * node's changes nothing.
     *
     * @param epoch the peer's epoch, 0 or more
     * @param evidence where it came from, one line; made fit for the audit trail
     * @throws InvalidInputException if {@code epoch} is negative
     * @throws RedundancyException with {@link ReasonCode#UNEXPECTED} if the node's epoch cannot
     *     be persisted
     */
    @Override
    public void observe(long epoch, String evidence) {
        learn(epoch, evidence);
    }

    /**
     * As {@link #observe}, returning the node's snapshot afterwards.
     *
     * @param epoch the peer's epoch, 0 or more
     * @param evidence where it came from
     * @return the node's snapshot afterwards
     */
    NodeSnapshot learn(long epoch, String evidence) {
        if (epoch < 0) {
            throw InvalidInputException.of("epoch", Long.toString(epoch), "must be 0 or more");
        }
        String seen = evidence == null || evidence.isBlank() ? "(no evidence)"
                : AuditText.safe(evidence, AuditContext.MAX_CHECK_LENGTH);
        NodeSnapshot before;
        NodeSnapshot after;
        synchronized (lock) {
            before = node.snapshot();
            if (epoch <= before.epoch()) {
                return before;
            }
            String reason = "epoch " + epoch + " seen, higher than this node's epoch " + before.epoch();
            after = node.observeEpoch(epoch, AuditContext.system(reason, List.of(seen)));
            raiseReceiverFloor(after.epoch());
        }
        boolean fencedNow = before.state() != NodeState.FENCED && after.state() == NodeState.FENCED
                && after.lastChange().map(change -> change.action().equals(Trigger.HIGHER_EPOCH_SEEN.name())
                        && change.epoch() == epoch).orElse(false);
        if (fencedNow) {
            NodeFenced event = new NodeFenced(after.lastChange().orElseThrow().at(), before.state(), before.epoch(), epoch,
                    seen, explanation(before, epoch, seen), AuditContext.SYSTEM);
            LOG.error("Node fenced: {}", event.explanation());
            try {
                notifier.notify(event);
            } catch (Throwable t) {
                LOG.warn("Notifier {} failed on NodeFenced", notifier, t);
            }
        }
        return after;
    }

    private void raiseReceiverFloor(long epoch) {
        if (receiver.isEmpty() || receiver.get().highestEpoch() >= epoch) {
            return;
        }
        try {
            receiver.get().raiseEpochFloor(epoch);
        } catch (RedundancyException e) {
            // The node's epoch is persisted; a receiver built with epochFloor(node::epoch) follows it anyway.
            LOG.error("Cannot raise the receiver's epoch to the node's epoch {}", epoch, e);
        }
    }

    static String explanation(NodeSnapshot before, long epoch, String evidence) {
        return "Another node of the pair holds epoch " + epoch + ", higher than this node's epoch " + before.epoch()
                + " (" + evidence + "): it was promoted while this node was " + (before.state() == NodeState.ACTIVE
                        ? "away or cut off" : "being promoted") + ". This node is FENCED: it claims no address, runs no"
                + " modules and replicates nothing. Start a failback to make it the standby of the node with epoch "
                + epoch + ": it starts from that node's newest data.";
    }
}
