package io.github.pbxredundancy.core.promotion;

import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.event.EpochChanged;
import io.github.pbxredundancy.core.event.NodeEvent;
import io.github.pbxredundancy.core.event.NodeStateChanged;
import io.github.pbxredundancy.core.internal.promotion.EventRelay;
import io.github.pbxredundancy.core.internal.promotion.NodeDirectory;
import io.github.pbxredundancy.core.spi.Notifier;
import io.github.pbxredundancy.license.PrintableText;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's state machine at run time: its {@link NodeSnapshot} kept durably in a directory,
 * changed only by {@link NodeStateMachine}'s transitions and a few promotion operations, each
 * change recorded in the {@link AuditTrail} and reported to a {@link Notifier}.
 *
 * <h2>Directory</h2>
 * <pre>
 * &lt;directory&gt;/node-state   state, epoch, promotion progress, last change (replaced atomically)
 * &lt;directory&gt;/audit.log    one line per change, appended, each forced to disk
 * </pre>
 * A directory without {@code node-state} is a node that was never configured:
 * {@link NodeState#NOT_CONFIGURED} at epoch 0. Every other reading is strict: a damaged or
 * foreign file stops {@link #open} with a message naming the file, the line, the value and the
 * rule, never a default, because a node that forgot it was active or its epoch is the split
 * brain this library prevents. Use one lifecycle per directory; a second writer is detected
 * (the state file changes behind the first one's back) and refused.
 *
 * <h2>Order of a change</h2>
 * <ol>
 *   <li>The new snapshot is persisted: written to a temporary file, forced, renamed over
 *       {@code node-state}, the directory forced. The snapshot holds the change's audit entry
 *       and the number of entries the trail holds with it. A write that would lower the epoch
 *       is refused.</li>
 *   <li>The audit entry is appended to {@code audit.log} and forced.</li>
 *   <li>After the lock is released, the event goes to the notifier.</li>
 * </ol>
 * A crash between 1 and 2 leaves a trail that lacks the last entry (perhaps with a torn last
 * line); the next {@link #open} cuts the torn line, appends the entry from the state file and
 * records a {@link AuditEntry#RECOVERED} note saying so. Any other disagreement between the two
 * files (a state file older than the trail, a trail that lost entries) stops {@link #open}. A
 * crash during 1 leaves the old state and a temporary file, which {@link #open} removes: the
 * change did not happen. If only the append fails at run time, the change stands (it is
 * persisted), the failure is logged, and the entry is appended before the next change, which is
 * refused while that is impossible.
 *
 * <h2>Promotion operations</h2>
 * A promotion starts with {@link Trigger#PROMOTION_REQUESTED} (new promotion id, progress
 * empty). Its orchestrator then calls {@link #raiseEpoch} first (B1), records each step with
 * {@link #recordStepCompleted} or {@link #recordStepFailed}, and ends it with
 * {@link Trigger#PROMOTION_COMPLETED}, or after a failure with {@link Trigger#RETRY} or
 * {@link Trigger#ABORT}. Steps and the epoch raise are idempotent, so an orchestrator resuming
 * after a crash may repeat them. {@link #observeEpoch} is for every epoch the node learns of
 * its pair (bundles, receipts, peer queries); it fences an active or promoting node.
 *
 * <h2>Threads</h2>
 * Thread-safe. Changes are serialised by one lock and block on disk I/O; the reads
 * ({@link #snapshot()}, {@link #state()}, {@link #epoch()}) never wait. Events go to the
 * notifier outside the lock, in the order of the changes, each after its change is persisted
 * and audited; what the notifier throws is logged.
 */
public final class NodeLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(NodeLifecycle.class);
    private static final DateTimeFormatter PROMOTION_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final NodeDirectory files;
    private final Clock clock;
    private final EventRelay events;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile NodeSnapshot current;
    /** A persisted change whose audit entry could not be appended yet; guarded by {@link #lock}. */
    private AuditEntry unaudited;

    private NodeLifecycle(NodeDirectory files, Clock clock, Notifier notifier, NodeSnapshot snapshot) {
        this.files = files;
        this.clock = clock;
        this.events = new EventRelay(notifier);
        this.current = snapshot;
    }

    /**
     * Loads a node's state from its directory, creating the directory and an empty audit trail
     * if needed, and completes the audit trail after a crash as the class description says.
     *
     * @param directory the node's directory, owned by this lifecycle
     * @param clock the time of every change
     * @param notifier receives the {@link NodeEvent}s
     * @return the lifecycle
     * @throws InvalidInputException on field {@code directory} if it exists but is no directory
     * @throws RedundancyException with {@link ReasonCode#UNEXPECTED} if a file cannot be read or
     *     written, is damaged, or the two files disagree in a way a crash cannot explain
     */
    public static NodeLifecycle open(Path directory, Clock clock, Notifier notifier) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(notifier, "notifier");
        NodeDirectory files = NodeDirectory.create(directory);
        NodeDirectory.Startup startup = files.load();
        NodeLifecycle lifecycle = new NodeLifecycle(files, clock, notifier, startup.snapshot());
        if (!startup.repairs().isEmpty()) {
            lifecycle.recordChange(AuditEntry.RECOVERED, AuditContext.system("the node stopped in the middle of a"
                    + " change; its files were repaired at the start", startup.repairs()));
        }
        return lifecycle;
    }

    /** The node's directory, absolute. */
    public Path directory() {
        return files.directory();
    }

    /**
     * The node's state now, without waiting.
     *
     * @return the snapshot
     */
    public NodeSnapshot snapshot() {
        return current;
    }

    /**
     * The node's state now, without waiting.
     *
     * @return the state
     */
    public NodeState state() {
        return current.state();
    }

    /**
     * The node's fencing epoch now, without waiting.
     *
     * @return the epoch, 0 or more
     */
    public long epoch() {
        return current.epoch();
    }

    /**
     * The node's audit trail, for reading.
     *
     * @return the trail
     */
    public AuditTrail auditTrail() {
        return AuditTrail.in(files.directory());
    }

    /**
     * Fires a trigger: checks it against {@link NodeStateMachine} and the node's record, then
     * persists, audits and reports the new state. The caller has checked the transition's
     * {@linkplain Transition#guard() guard}. {@link Trigger#PROMOTION_REQUESTED} starts a new
     * promotion; {@link Trigger#RETRY} keeps its completed steps; leaving the promotion states
     * ends it.
     *
     * @param trigger the trigger; not {@link Trigger#STEP_FAILED} (use {@link #recordStepFailed})
     *     nor {@link Trigger#HIGHER_EPOCH_SEEN} (use {@link #observeEpoch})
     * @param context who, why, which checks passed
     * @return the new snapshot
     * @throws IllegalTransitionException if the trigger is not allowed now; nothing changed
     * @throws IllegalArgumentException for {@link Trigger#STEP_FAILED} or
     *     {@link Trigger#HIGHER_EPOCH_SEEN}
     * @throws RedundancyException with {@link ReasonCode#UNEXPECTED} if the change cannot be
     *     persisted; it did not happen, or (if only the last directory sync failed) is decided at
     *     the next start
     */
    public NodeSnapshot transition(Trigger trigger, AuditContext context) {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(context, "context");
        if (trigger == Trigger.STEP_FAILED || trigger == Trigger.HIGHER_EPOCH_SEEN) {
            throw new IllegalArgumentException(trigger + " carries data: fire it with " + (trigger == Trigger.STEP_FAILED
                    ? "recordStepFailed(step, context)" : "observeEpoch(epoch, context)"));
        }
        return change(before -> {
            Transition transition = NodeStateMachine.check(before, trigger);
            Instant at = clock.instant();
            Optional<PromotionProgress> promotion;
            if (trigger == Trigger.PROMOTION_REQUESTED) {
                promotion = Optional.of(PromotionProgress.start(PROMOTION_TIME.format(at) + "-e" + before.epoch(),
                        before.epoch()));
            } else if (trigger == Trigger.RETRY) {
                promotion = before.promotion().map(PromotionProgress::retried);
            } else {
                promotion = transition.to().inPromotion() ? before.promotion() : Optional.empty();
            }
            return stateChange(before, at, transition, before.epoch(), promotion, Optional.empty(), context);
        });
    }

    /**
     * Raises the epoch by one and persists it before returning: a promotion's first step (B1).
     * At most once per promotion: if this promotion raised it already (e.g. before a crash), the
     * snapshot is returned unchanged. Observe the highest epoch known of the pair (the receiver's,
     * the peer's) with {@link #observeEpoch} before the promotion starts, so that the raised epoch
     * is above all of them.
     *
     * @param context who, why
     * @return the snapshot with the raised epoch
     * @throws RedundancyException with {@link ReasonCode#ILLEGAL_STATE} unless the node is
     *     {@link NodeState#PROMOTING}; with {@link ReasonCode#UNEXPECTED} if it cannot be persisted
     */
    public NodeSnapshot raiseEpoch(AuditContext context) {
        Objects.requireNonNull(context, "context");
        return change(before -> {
            requirePromoting(before, "raising the epoch");
            if (before.epochRaisedInPromotion()) {
                return null;
            }
            long epoch = Math.addExact(before.epoch(), 1);
            Instant at = clock.instant();
            AuditEntry entry = entry(at, AuditEntry.EPOCH_RAISED, before.state(), before.state(), epoch,
                    before.promotion(), Optional.empty(), context);
            return new Change(new NodeSnapshot(before.state(), epoch, before.promotion(), Optional.of(entry)),
                    Optional.of(new EpochChanged(at, before.state(), before.epoch(), epoch, EpochChanged.Cause.RAISED,
                            context.operator(), context.reason())));
        });
    }

    /**
     * Records an epoch the node learned of its pair: from a bundle or receipt, or a peer's
     * answer. An epoch not above the node's changes nothing. A higher one is kept, so the node's
     * epoch never falls below one it has seen; and where the state machine has
     * {@link Trigger#HIGHER_EPOCH_SEEN} (an active or promoting node) the node is
     * {@link NodeState#FENCED}: another node has claimed a later epoch.
     *
     * @param epoch the epoch seen, 0 or more
     * @param context who, why (e.g. {@link AuditContext#system} naming the peer), the evidence
     * @return the snapshot, changed or not
     * @throws InvalidInputException on field {@code epoch} if it is negative
     * @throws RedundancyException with {@link ReasonCode#UNEXPECTED} if it cannot be persisted
     */
    public NodeSnapshot observeEpoch(long epoch, AuditContext context) {
        Objects.requireNonNull(context, "context");
        if (epoch < 0) {
            throw InvalidInputException.of("epoch", Long.toString(epoch), "must be 0 or more");
        }
        return change(before -> {
            if (epoch <= before.epoch()) {
                return null;
            }
            Instant at = clock.instant();
            Optional<Transition> fencing = NodeStateMachine.find(before.state(), Trigger.HIGHER_EPOCH_SEEN);
            if (fencing.isPresent()) {
                return stateChange(before, at, fencing.get(), epoch, Optional.empty(), Optional.empty(), context);
            }
            AuditEntry entry = entry(at, AuditEntry.EPOCH_OBSERVED, before.state(), before.state(), epoch,
                    before.promotion(), Optional.empty(), context);
            return new Change(new NodeSnapshot(before.state(), epoch, before.promotion(), Optional.of(entry)),
                    Optional.of(new EpochChanged(at, before.state(), before.epoch(), epoch, EpochChanged.Cause.OBSERVED,
                            context.operator(), context.reason())));
        });
    }

    /**
     * Records that a promotion step completed, so that a resumed promotion skips it. Recording
     * a step that is recorded already changes nothing.
     *
     * @param step the step's name: 1 to 40 lower-case letters, digits and hyphens, e.g.
     *     {@code network-takeover}
     * @param context who, why, the step's evidence
     * @return the snapshot with the step
     * @throws InvalidInputException on field {@code step} if the name breaks its rule or the
     *     promotion has {@value PromotionProgress#MAX_STEPS} steps already
     * @throws RedundancyException with {@link ReasonCode#ILLEGAL_STATE} unless the node is
     *     {@link NodeState#PROMOTING}; with {@link ReasonCode#UNEXPECTED} if it cannot be persisted
     */
    public NodeSnapshot recordStepCompleted(String step, AuditContext context) {
        checkStep(step);
        Objects.requireNonNull(context, "context");
        return change(before -> {
            requirePromoting(before, "recording a completed step");
            PromotionProgress progress = before.promotion().orElseThrow();
            if (progress.isCompleted(step)) {
                return null;
            }
            if (progress.completedSteps().size() >= PromotionProgress.MAX_STEPS) {
                throw InvalidInputException.of("step", step, "is one step too many: a promotion records at most "
                        + PromotionProgress.MAX_STEPS);
            }
            Optional<PromotionProgress> promotion = Optional.of(progress.withCompleted(step));
            AuditEntry entry = entry(clock.instant(), AuditEntry.STEP_COMPLETED, before.state(), before.state(),
                    before.epoch(), promotion, Optional.of(step), context);
            return new Change(new NodeSnapshot(before.state(), before.epoch(), promotion, Optional.of(entry)),
                    Optional.empty());
        });
    }

    /**
     * Records that a promotion step failed: fires {@link Trigger#STEP_FAILED}, and the snapshot
     * names the step until {@link Trigger#RETRY}.
     *
     * @param step the step's name, not a completed one
     * @param context who, why (what failed)
     * @return the snapshot in {@link NodeState#PROMOTION_FAILED}
     * @throws InvalidInputException on field {@code step} if the name breaks its rule or the step
     *     completed already
     * @throws IllegalTransitionException unless the node is {@link NodeState#PROMOTING}
     * @throws RedundancyException with {@link ReasonCode#UNEXPECTED} if it cannot be persisted
     */
    public NodeSnapshot recordStepFailed(String step, AuditContext context) {
        checkStep(step);
        Objects.requireNonNull(context, "context");
        return change(before -> {
            Transition transition = NodeStateMachine.check(before, Trigger.STEP_FAILED);
            PromotionProgress progress = before.promotion().orElseThrow();
            if (progress.isCompleted(step)) {
                throw InvalidInputException.of("step", step, "completed already; a completed step cannot fail");
            }
            return stateChange(before, clock.instant(), transition, before.epoch(),
                    Optional.of(progress.withFailed(step)), Optional.of(step), context);
        });
    }

    /**
     * Records a note in the audit trail without changing state or epoch, e.g. an operator's
     * override of the liveness check ({@code OVERRIDE}) or a refused promotion
     * ({@code PROMOTION_REFUSED}) with its evidence as checks. No event is sent.
     *
     * @param action what: 1 to 40 upper-case letters, digits and underscores, not a trigger's
     *     name nor one of {@link AuditEntry}'s actions
     * @param context who, why, the evidence
     * @return the snapshot, whose last change is the note
     * @throws InvalidInputException on field {@code action} if it breaks its rule or is reserved
     * @throws RedundancyException with {@link ReasonCode#UNEXPECTED} if it cannot be persisted
     */
    public NodeSnapshot recordNote(String action, AuditContext context) {
        try {
            Names.action(action);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("action", action, "must be 1 to 40 upper-case letters, digits and"
                    + " underscores, starting with a letter");
        }
        if (AuditEntry.isReserved(action)) {
            throw InvalidInputException.of("action", action, "is reserved for the state machine's own entries; name"
                    + " the note differently");
        }
        Objects.requireNonNull(context, "context");
        return recordChange(action, context);
    }

    private NodeSnapshot recordChange(String action, AuditContext context) {
        return change(before -> {
            AuditEntry entry = entry(clock.instant(), action, before.state(), before.state(), before.epoch(),
                    before.promotion(), Optional.empty(), context);
            return new Change(new NodeSnapshot(before.state(), before.epoch(), before.promotion(), Optional.of(entry)),
                    Optional.empty());
        });
    }

    /** A new snapshot and the event that reports it. */
    private record Change(NodeSnapshot snapshot, Optional<NodeEvent> event) {
    }

    /**
     * Makes one change under the lock: plans it from the current snapshot ({@code null} for no
     * change), persists it, audits it, queues its event; delivers events after the lock.
     */
    private NodeSnapshot change(Function<NodeSnapshot, Change> plan) {
        NodeSnapshot result;
        lock.lock();
        try {
            NodeSnapshot before = current;
            Change change = plan.apply(before);
            if (change == null) {
                return before;
            }
            appendUnaudited();
            try {
                files.persist(before, change.snapshot());
            } catch (IOException e) {
                throw new RedundancyException(ReasonCode.UNEXPECTED, "cannot persist the node's state in "
                        + PrintableText.quote(files.stateFile().toString()) + ": " + e + "; the change "
                        + change.snapshot().lastChange().orElseThrow().action() + " did not happen (or, if only the"
                        + " directory sync failed, takes effect at the next start)", e);
            }
            current = change.snapshot();
            audit(change.snapshot().lastChange().orElseThrow());
            change.event().ifPresent(events::enqueue);
            result = change.snapshot();
        } finally {
            lock.unlock();
        }
        events.drain();
        return result;
    }

    private void audit(AuditEntry entry) {
        try {
            files.append(entry);
        } catch (IOException | RuntimeException e) {
            unaudited = entry;
            LOG.error("The change {} is persisted in {}, but its audit entry could not be appended to {}; it is"
                    + " appended before the next change or at the next start", entry.action(), files.stateFile(),
                    files.auditFile(), e);
        }
    }

    private void appendUnaudited() {
        if (unaudited == null) {
            return;
        }
        try {
            files.append(unaudited);
            LOG.info("Appended the audit entry of the earlier change {} to {}", unaudited.action(), files.auditFile());
            unaudited = null;
        } catch (IOException | RuntimeException e) {
            throw new RedundancyException(ReasonCode.UNEXPECTED, "the audit entry of the earlier change "
                    + unaudited.action() + " at " + unaudited.at() + " still cannot be appended to "
                    + PrintableText.quote(files.auditFile().toString()) + " (" + e + "); no further change is made"
                    + " until it can", e);
        }
    }

    private Change stateChange(NodeSnapshot before, Instant at, Transition transition, long epoch,
                               Optional<PromotionProgress> promotion, Optional<String> step, AuditContext context) {
        // The entry belongs to the promotion it starts, runs in or ends.
        Optional<PromotionProgress> owner = promotion.isPresent() ? promotion : before.promotion();
        AuditEntry entry = entry(at, transition.trigger().name(), transition.from(), transition.to(), epoch, owner, step,
                context);
        return new Change(new NodeSnapshot(transition.to(), epoch, promotion, Optional.of(entry)),
                Optional.of(new NodeStateChanged(at, transition.from(), transition.to(), transition.trigger(), epoch,
                        context.operator(), context.reason())));
    }

    private static AuditEntry entry(Instant at, String action, NodeState from, NodeState to, long epoch,
                                    Optional<PromotionProgress> promotion, Optional<String> step, AuditContext context) {
        return new AuditEntry(at, action, from, to, epoch, promotion.map(PromotionProgress::id), step, context);
    }

    private static void requirePromoting(NodeSnapshot snapshot, String what) {
        if (snapshot.state() != NodeState.PROMOTING) {
            throw new RedundancyException(ReasonCode.ILLEGAL_STATE, what + " is only possible while a promotion runs"
                    + " (state PROMOTING), not in state " + snapshot.state() + "; allowed triggers: "
                    + snapshot.allowedTriggers());
        }
    }

    private static void checkStep(String step) {
        try {
            Names.step("step", step);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("step", step, "must be 1 to 40 lower-case letters, digits and hyphens,"
                    + " starting with a letter (e.g. network-takeover)");
        }
    }
}
