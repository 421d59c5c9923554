package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.internal.DurationText;
import io.github.pbxredundancy.core.internal.ReplicationLoop;
import io.github.pbxredundancy.core.spi.EpochObserver;
import io.github.pbxredundancy.core.spi.Notifier;
import io.github.pbxredundancy.core.spi.TransferListener;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The active node's replication loop (R1, R7, R19): on every run of the
 * {@link ReplicationSchedule} it makes a bundle from a fresh host backup, delivers it to the
 * standby and retries failed attempts by the {@link RetrySchedule}; every failed run is
 * reported once.
 *
 * <h2>Runs</h2>
 * {@link #start()} schedules the first run after the clock's current instant. When a run falls
 * due it first schedules the next one, computed from the schedule and the clock, so the chain
 * never drifts and never stops, whatever happens in the run. Runs are numbered from 1. A run
 * emits {@code RunStarted}, then makes attempts:
 * <ol>
 *   <li>If the run has no bundle yet, {@link ReplicationSteps#prepare} makes one
 *       ({@code BundlePrepared}); the same bundle is delivered on every later attempt of the run
 *       and cleaned up when the run ends.</li>
 *   <li>{@link ReplicationSteps#deliver} delivers it. An accepted receipt for this bundle with
 *       its SHA-256 ends the run with {@code RunSucceeded}. Anything else fails the attempt: a
 *       receipt with another hash or for another bundle ({@link ReasonCode#INTEGRITY_FAILED}), a
 *       rejection (its reason code and message), an exception (the code of the outermost
 *       {@link RedundancyException} in its cause chain, else {@link ReasonCode#UNEXPECTED} with its
 *       class and message).</li>
 *   <li>After a failure the retry schedule decides: retry after a delay ({@code AttemptFailed}
 *       with the next attempt's time, which is scheduled, never slept for), or give up
 *       ({@code AttemptFailed} without a next time, then exactly one {@code RunFailed} carrying
 *       every attempt's failure, R19).</li>
 * </ol>
 *
 * <h2>Overlap</h2>
 * One replicator never runs two runs, nor two host steps, at once. A run that falls due while
 * another is in progress (retrying, preparing, delivering) is skipped: {@code RunSkipped} names
 * the run in progress and the skipped time, and the chain goes on with the run after it. Runs the
 * clock jumped over are not made up (see {@link TaskScheduler#using}).
 *
 * <h2>Fencing (B1)</h2>
 * Only a node that may work replicates. The {@linkplain Builder#gate(ReplicationGate) gate} is
 * asked before every run, every attempt and every delivery: a run that falls due while it is
 * closed is skipped ({@code RunSkipped} with cause {@code NOT_ALLOWED} and the gate's reason, no
 * run number used); an attempt that would start, or a bundle that would be delivered, while it is
 * closed fails with {@link ReasonCode#ILLEGAL_STATE}, which ends the run. So a fenced node sends
 * nothing. Every receipt's epoch above 0 goes to the
 * {@linkplain Builder#epochObserver(EpochObserver) epoch observer} before the attempt's outcome
 * is reported: when the standby was promoted, its refusal ({@link ReasonCode#STALE_EPOCH}, not
 * retryable) carries its higher epoch, the observer fences this node, and the run ends with one
 * {@code RunFailed}; the next run is skipped as not allowed.
 * {@link io.github.pbxredundancy.core.promotion.EpochFence} supplies both for a node's lifecycle.
 *
 * <h2>Timeouts</h2>
 * If {@link ReplicationSteps#prepare} has not returned within the backup timeout, the attempt
 * fails with {@link ReasonCode#BACKUP_FAILED} ("no backup within 30 min") and the preparing
 * thread is interrupted; a bundle that still arrives is cleaned up unused. While that call has
 * not returned no second one starts: a later attempt fails at once with
 * {@link ReasonCode#BACKUP_FAILED}, a later run is skipped. Delivery has no timeout here; the
 * transport bounds its own waits.
 *
 * <h2>Threads</h2>
 * The timers run on the {@link TaskScheduler}; the blocking steps on the executor for blocking
 * work, never on the scheduler's thread. Events go to the notifier on whichever of these threads
 * produced them, outside the replicator's lock; what the notifier throws is logged. A notifier
 * that may block belongs behind {@link Notifications}. Thread-safe: every method may be called
 * from any thread.
 */
public final class Replicator {
    /** The backup timeout unless set otherwise: generous for a backup of a few megabytes (R23). */
    public static final Duration DEFAULT_BACKUP_TIMEOUT = Duration.ofMinutes(30);

    private final ReplicationLoop loop;

    private Replicator(ReplicationLoop loop) {
        this.loop = loop;
    }

    /**
     * A builder; schedule, retries, steps, clock, scheduler and work executor are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Schedules the first run after the clock's current instant; runs go on until {@link #stop()}.
     * A replicator may be started again after a stop; its run numbers go on.
     *
     * @throws IllegalStateException if it is already started
     */
    public void start() {
        loop.start();
    }

    /**
     * Cancels the next run and abandons the run in progress, waiting for nothing: its pending
     * retry and timeout are cancelled, a running backup is interrupted, a running delivery is left
     * to finish and its outcome discarded, and the run's bundle is cleaned up. An abandoned run
     * emits no further event. Does nothing if not started.
     */
    public void stop() {
        loop.stop();
    }

    /**
     * A snapshot for a status page.
     *
     * @return the replicator's state at the time of the call
     */
    public ReplicationStatus status() {
        return loop.status();
    }

    /**
     * Collects a {@link Replicator}'s parts; {@link #build()} checks them together.
     *
     * <p>Not thread-safe; use one builder per thread.
     */
    public static final class Builder {
        private ReplicationSchedule schedule;
        private RetrySchedule retries;
        private ReplicationSteps steps;
        private Clock clock;
        private TaskScheduler scheduler;
        private Executor workExecutor;
        private Notifier notifier = Notifiers.logging();
        private Duration backupTimeout = DEFAULT_BACKUP_TIMEOUT;
        private TransferListener transferListener = TransferListener.NONE;
        private ReplicationGate gate = ReplicationGate.OPEN;
        private EpochObserver epochObserver = EpochObserver.NONE;

        private Builder() {
        }

        /**
         * When runs fall due. Required.
         *
         * @param schedule the schedule, already checked against the host's backup window (R8)
         * @return this builder
         */
        public Builder schedule(ReplicationSchedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /**
         * How failed attempts are retried, e.g. {@link RetrySchedule#starfaceDefault(int)}. Required.
         *
         * @param retries the retry schedule
         * @return this builder
         */
        public Builder retries(RetrySchedule retries) {
            this.retries = retries;
            return this;
        }

        /**
         * The blocking steps of a run. Required.
         *
         * @param steps the steps
         * @return this builder
         */
        public Builder steps(ReplicationSteps steps) {
            this.steps = steps;
            return this;
        }

        /**
         * The clock for every instant the replicator computes and reports; the scheduler must
         * use the same one. Required.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Runs the timers: runs, retries, backup timeouts. Required.
         *
         * @param scheduler the scheduler, e.g. {@link TaskScheduler#using}
         * @return this builder
         */
        public Builder scheduler(TaskScheduler scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /**
         * Runs the blocking steps (backup and delivery); a single thread suffices, as steps
         * never overlap, but a thread stuck in a backup past its timeout holds it. It must run
         * every task it accepts; refusing one fails the attempt. Required.
         *
         * @param workExecutor the executor
         * @return this builder
         */
        public Builder workExecutor(Executor workExecutor) {
            this.workExecutor = workExecutor;
            return this;
        }

        /**
         * Hears every event; {@link Notifiers#logging()} unless set. Called on the replicator's
         * threads: use {@link Notifications} for notifiers that may block (mail).
         *
         * @param notifier the notifier
         * @return this builder
         */
        public Builder notifier(Notifier notifier) {
            this.notifier = notifier;
            return this;
        }

        /**
         * How long {@link ReplicationSteps#prepare} may take; {@link #DEFAULT_BACKUP_TIMEOUT} unless set.
         *
         * @param backupTimeout more than zero, at most {@link RetrySchedule#LONGEST_DELAY}
         * @return this builder
         */
        public Builder backupTimeout(Duration backupTimeout) {
            this.backupTimeout = backupTimeout;
            return this;
        }

        /**
         * Hears delivery progress, e.g. for a progress bar; none unless set.
         *
         * @param transferListener the listener, passed to {@link ReplicationSteps#deliver}
         * @return this builder
         */
        public Builder transferListener(TransferListener transferListener) {
            this.transferListener = transferListener;
            return this;
        }

        /**
         * Whether the node may replicate now, asked before every run, attempt and delivery; e.g.
         * {@link io.github.pbxredundancy.core.promotion.EpochFence#replicationGate()}, open only
         * while the node is active. {@link ReplicationGate#OPEN} unless set.
         *
         * @param gate the gate; thread-safe and never blocking
         * @return this builder
         */
        public Builder gate(ReplicationGate gate) {
            this.gate = gate;
            return this;
        }

        /**
         * Hears the epoch of every receipt that carries one (above 0), on the delivering thread,
         * before the attempt's outcome is reported; e.g.
         * the node's {@link io.github.pbxredundancy.core.promotion.EpochFence}, which fences the
         * node when the standby's epoch is higher. {@link EpochObserver#NONE} unless set.
         *
         * @param epochObserver the observer
         * @return this builder
         */
        public Builder epochObserver(EpochObserver epochObserver) {
            this.epochObserver = epochObserver;
            return this;
        }

        /**
         * Checks the parts and builds the replicator, not yet started.
         *
         * @return the replicator
         * @throws InvalidInputException naming every missing or out-of-range setting
         */
        public Replicator build() {
            List<InputProblem> problems = new ArrayList<>();
            required(problems, "schedule", schedule);
            required(problems, "retries", retries);
            required(problems, "steps", steps);
            required(problems, "clock", clock);
            required(problems, "scheduler", scheduler);
            required(problems, "workExecutor", workExecutor);
            required(problems, "notifier", notifier);
            required(problems, "transferListener", transferListener);
            required(problems, "gate", gate);
            required(problems, "epochObserver", epochObserver);
            if (backupTimeout == null || backupTimeout.compareTo(Duration.ZERO) <= 0
                    || backupTimeout.compareTo(RetrySchedule.LONGEST_DELAY) > 0) {
                problems.add(InputProblem.of("backupTimeout", backupTimeout == null ? null : backupTimeout.toString(),
                        "must be more than 0 and at most " + DurationText.of(RetrySchedule.LONGEST_DELAY)));
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            return new Replicator(new ReplicationLoop(schedule, retries, steps, clock, scheduler, workExecutor,
                    notifier, backupTimeout, transferListener, gate, epochObserver));
        }

        private static void required(List<InputProblem> problems, String field, Object value) {
            if (value == null) {
                problems.add(InputProblem.of(field, null, "is required"));
            }
        }
    }
}
