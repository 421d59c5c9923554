package io.github.pbxredundancy.core.internal;

import io.github.pbxredundancy.core.GiveUpReason;
import io.github.pbxredundancy.core.PreparedBundle;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.ReplicationGate;
import io.github.pbxredundancy.core.ReplicationSchedule;
import io.github.pbxredundancy.core.ReplicationStatus;
import io.github.pbxredundancy.core.ReplicationSteps;
import io.github.pbxredundancy.core.Replicator;
import io.github.pbxredundancy.core.RetryDecision;
import io.github.pbxredundancy.core.RetrySchedule;
import io.github.pbxredundancy.core.TaskScheduler;
import io.github.pbxredundancy.core.event.AttemptFailed;
import io.github.pbxredundancy.core.event.AttemptFailure;
import io.github.pbxredundancy.core.event.BundlePrepared;
import io.github.pbxredundancy.core.event.ReplicationEvent;
import io.github.pbxredundancy.core.event.RunFailed;
import io.github.pbxredundancy.core.event.RunSkipped;
import io.github.pbxredundancy.core.event.RunStarted;
import io.github.pbxredundancy.core.event.RunSucceeded;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import io.github.pbxredundancy.core.spi.EpochObserver;
import io.github.pbxredundancy.core.spi.Notifier;
import io.github.pbxredundancy.core.spi.TransferListener;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state machine behind {@link Replicator}; see there for the behaviour.
 *
 * <p>How it stays correct without sleeping: every wait is a task on the {@link TaskScheduler}
 * (the next run, the next attempt, the backup timeout), every blocking call into the host runs
 * on the executor for blocking work, and every decision is taken under one lock, which is
 * released before an event is emitted, a bundle cleaned up, or a task handed to the executor.
 * Events are queued under the lock, in the order of the decisions, and handed to the notifier
 * outside it by one thread at a time, so the notifier sees them in that order (a run's end before
 * the next run's start) even when they were decided on different threads. An outcome (a step's result, a failure, a timeout, a stop) first checks under the lock that
 * its run and attempt are still the current ones and closes the attempt, so the first outcome
 * wins and every later one is discarded.
 *
 * <p>The gate is asked outside the lock (it is the host's or the node's code) before every run,
 * every attempt and every delivery; a closed gate skips the run ({@link RunSkipped.Cause#NOT_ALLOWED})
 * or fails the attempt with {@link ReasonCode#ILLEGAL_STATE}. Every receipt's epoch goes to the
 * epoch observer before the attempt's outcome is decided, so a run the standby refused as stale
 * ends with the node already fenced.
 *
 * <p>Not part of the API. Thread-safe.
 */
public final class ReplicationLoop {
    private static final Logger LOG = LoggerFactory.getLogger(Replicator.class);

    private final ReplicationSchedule schedule;
    private final RetrySchedule retries;
    private final ReplicationSteps steps;
    private final Clock clock;
    private final TaskScheduler scheduler;
    private final Executor work;
    private final Notifier notifier;
    private final Duration backupTimeout;
    private final TransferListener listener;
    private final ReplicationGate gate;
    private final EpochObserver epochObserver;

    private final Object lock = new Object();
    // Everything below is guarded by lock.
    private boolean started;
    /** Raised by every start and stop, so that a run task of an earlier start does nothing. */
    private long chain;
    private TaskScheduler.ScheduledTask nextRunTask;
    private Instant nextRunAt;
    private long lastRunNumber;
    private RunState current;
    /** The host call still running, even for a run that has moved on or ended; at most one. */
    private HostCall inFlight;
    private RunSucceeded lastSuccess;
    private RunFailed lastFailure;
    /** Events decided but not yet handed to the notifier, in order. */
    private final Deque<ReplicationEvent> outbox = new ArrayDeque<>();
    /** Whether a thread is handing the outbox to the notifier; the others leave it to that one. */
    private boolean publishing;

    /**
     * @param schedule when runs fall due
     * @param retries how failed attempts are retried
     * @param steps the host's blocking steps
     * @param clock the library's clock
     * @param scheduler runs the loop's timers on {@code clock}
     * @param work runs the blocking steps
     * @param notifier hears every event
     * @param backupTimeout how long {@link ReplicationSteps#prepare} may take
     * @param listener hears delivery progress
     * @param gate says whether the node may replicate now
     * @param epochObserver hears the epoch of every receipt
     */
    public ReplicationLoop(ReplicationSchedule schedule, RetrySchedule retries, ReplicationSteps steps, Clock clock,
            TaskScheduler scheduler, Executor work, Notifier notifier, Duration backupTimeout,
            TransferListener listener, ReplicationGate gate, EpochObserver epochObserver) {
        this.schedule = schedule;
        this.retries = retries;
        this.steps = steps;
        this.clock = clock;
        this.scheduler = scheduler;
        this.work = work;
        this.notifier = notifier;
        this.backupTimeout = backupTimeout;
        this.listener = listener;
        this.gate = gate;
        this.epochObserver = epochObserver;
    }

    /** See {@link Replicator#start()}. */
    public void start() {
        Instant next;
        synchronized (lock) {
            if (started) {
                throw new IllegalStateException("the replicator is already started");
            }
            started = true;
            chain++;
            scheduleRunAfter(clock.instant());
            next = nextRunAt;
        }
        LOG.info("Replication started: {}, {}; next run at {}", schedule, retries, next);
    }

    /** See {@link Replicator#stop()}. */
    public void stop() {
        RunState abandoned = null;
        HostCall toInterrupt = null;
        PreparedBundle toClean = null;
        synchronized (lock) {
            if (!started) {
                return;
            }
            started = false;
            chain++;
            if (nextRunTask != null) {
                nextRunTask.cancel();
            }
            nextRunTask = null;
            nextRunAt = null;
            if (current != null) {
                abandoned = current;
                end(abandoned);
                if (inFlight != null && inFlight.run == abandoned) {
                    if (inFlight.claim()) {
                        // Handed to the executor but not started: it never will be.
                        inFlight = null;
                    } else if (inFlight.step == HostCall.Step.PREPARE) {
                        toInterrupt = inFlight;
                    }
                }
                // A delivery still running uses the bundle; its thread cleans up when it returns.
                if (inFlight == null || inFlight.run != abandoned || inFlight.step != HostCall.Step.DELIVER) {
                    toClean = abandoned.takeBundle();
                }
            }
        }
        if (abandoned != null) {
            LOG.info("Replication stopped; run {} abandoned at attempt {}", abandoned.number, abandoned.attempt);
        } else {
            LOG.info("Replication stopped");
        }
        if (toInterrupt != null) {
            toInterrupt.interrupt();
        }
        if (toClean != null) {
            PreparedBundle bundle = toClean;
            executeOrRun(() -> cleanUp(bundle));
        }
    }

    /**
     * See {@link Replicator#status()}.
     *
     * @return the snapshot
     */
    public ReplicationStatus status() {
        synchronized (lock) {
            return new ReplicationStatus(started, Optional.ofNullable(current).map(RunState::progress),
                    Optional.ofNullable(lastSuccess), Optional.ofNullable(lastFailure), Optional.ofNullable(nextRunAt));
        }
    }

    // ---- the chain of runs -------------------------------------------------------------------

    /** Under lock: schedules the first run after {@code t}. */
    private void scheduleRunAfter(Instant t) {
        Instant next;
        try {
            next = schedule.nextRunAfter(t);
        } catch (DateTimeException e) {
            LOG.error("The schedule {} has no run after {}; no further run is scheduled", schedule, t, e);
            nextRunTask = null;
            nextRunAt = null;
            return;
        }
        armRun(next);
    }

    /** Under lock. */
    private void armRun(Instant at) {
        long chainOfTask = chain;
        nextRunAt = at;
        nextRunTask = trySchedule(at, () -> fire(chainOfTask, at));
        if (nextRunTask == null) {
            nextRunAt = null;
        }
    }

    /** A scheduled run falls due; on the scheduler's thread. */
    private void fire(long chainOfTask, Instant scheduledFor) {
        RunState run = null;
        Optional<String> closed = gateClosed();
        synchronized (lock) {
            if (!started || chainOfTask != chain) {
                return;
            }
            Instant now = clock.instant();
            if (now.isBefore(scheduledFor)) {
                // An executor's delay is elapsed time; the clock was set back meanwhile. Wait for the run's time.
                armRun(scheduledFor);
                return;
            }
            // The next run first, from the schedule and the clock: whatever this run does, the chain goes on.
            scheduleRunAfter(now);
            RunState busy = current != null ? current : inFlight != null ? inFlight.run : null;
            if (closed.isPresent()) {
                outbox.add(new RunSkipped(now, lastRunNumber, scheduledFor, RunSkipped.Cause.NOT_ALLOWED, closed.get()));
            } else if (busy != null) {
                outbox.add(new RunSkipped(now, busy.number, scheduledFor));
            } else {
                run = new RunState(++lastRunNumber, scheduledFor, now);
                current = run;
                outbox.add(new RunStarted(now, run.number, scheduledFor));
            }
        }
        publish();
        if (run != null) {
            startAttempt(run, 1);
        }
    }

    // ---- one attempt ---------------------------------------------------------------------------

    /** Starts attempt {@code attempt} of {@code run}; on the scheduler's thread. */
    private void startAttempt(RunState run, int attempt) {
        HostCall call = null;
        Runnable job = null;
        AttemptOutcome busy = null;
        Optional<String> closed = gateClosed();
        synchronized (lock) {
            if (current != run || run.ended) {
                return;
            }
            Instant now = clock.instant();
            run.attempt = attempt;
            run.nextAttemptAt = null;
            run.retryTask = null;
            if (closed.isPresent()) {
                run.phase = run.bundle != null ? ReplicationStatus.Phase.DELIVERING : ReplicationStatus.Phase.PREPARING;
                busy = notAllowed(closed.get());
            } else if (run.bundle != null) {
                run.phase = ReplicationStatus.Phase.DELIVERING;
                run.attemptOpen = true;
                HostCall delivery = new HostCall(run, attempt, HostCall.Step.DELIVER, now);
                PreparedBundle bundle = run.bundle;
                call = delivery;
                job = () -> {
                    if (delivery.claim()) {
                        deliver(delivery, bundle);
                    }
                };
            } else if (inFlight != null) {
                // Only this run's own timed-out backup can still be running here (fire() skips a run otherwise);
                // a second backup beside it would break BackupSource's promise that calls never overlap.
                run.phase = ReplicationStatus.Phase.PREPARING;
                busy = AttemptOutcome.of(ReasonCode.BACKUP_FAILED, "the backup of attempt " + inFlight.attempt
                        + ", started at " + inFlight.since + ", has still not returned");
            } else {
                run.phase = ReplicationStatus.Phase.PREPARING;
                run.attemptOpen = true;
                HostCall backup = new HostCall(run, attempt, HostCall.Step.PREPARE, now);
                FutureTask<Void> task = new FutureTask<>(() -> {
                    if (backup.claim()) {
                        prepareThenDeliver(backup);
                    }
                    return null;
                });
                backup.runsAs(task);
                call = backup;
                job = () -> runInterruptibly(task);
                run.timeoutTask = trySchedule(now.plus(backupTimeout), () -> backupTimedOut(backup));
            }
            if (call != null) {
                inFlight = call;
            }
        }
        if (busy != null) {
            attemptFailed(run, attempt, busy);
            return;
        }
        try {
            work.execute(job);
        } catch (RejectedExecutionException e) {
            refused(call, e);
        }
    }

    /** On a work thread: makes the bundle, then delivers it on the same thread. */
    private void prepareThenDeliver(HostCall backup) {
        RunState run = backup.run;
        PreparedBundle bundle = null;
        AttemptOutcome failure = null;
        try {
            bundle = steps.prepare(run.number);
            if (bundle == null) {
                failure = AttemptOutcome.of(ReasonCode.UNEXPECTED, "the backup step returned no bundle");
            }
        } catch (Throwable t) {
            // Whatever the host throws, even an Error such as a NoClassDefFoundError, fails the attempt: the run
            // must reach its end and report it.
            failure = AttemptOutcome.thrown(t);
        }
        HostCall delivery = null;
        boolean stale = false;
        Instant now;
        // The node may have been fenced while the backup was made: nothing is sent then.
        Optional<String> closed = failure == null ? gateClosed() : Optional.empty();
        synchronized (lock) {
            now = clock.instant();
            if (inFlight == backup) {
                inFlight = null;
            }
            if (current == run && run.accepts(backup.attempt) && run.phase == ReplicationStatus.Phase.PREPARING) {
                if (run.timeoutTask != null) {
                    run.timeoutTask.cancel();
                    run.timeoutTask = null;
                }
                if (failure == null && closed.isPresent()) {
                    // Kept for a later attempt, or cleaned up when the run ends.
                    run.bundle = bundle;
                    run.attemptOpen = false;
                    outbox.add(new BundlePrepared(now, run.number, bundle.delivery().bundleId(),
                            bundle.delivery().size()));
                    failure = notAllowed(closed.get());
                } else if (failure == null) {
                    run.bundle = bundle;
                    run.phase = ReplicationStatus.Phase.DELIVERING;
                    delivery = new HostCall(run, backup.attempt, HostCall.Step.DELIVER, now);
                    delivery.claim();
                    inFlight = delivery;
                    outbox.add(new BundlePrepared(now, run.number, bundle.delivery().bundleId(),
                            bundle.delivery().size()));
                } else {
                    run.attemptOpen = false;
                }
            } else {
                stale = true;
            }
        }
        if (stale) {
            if (bundle != null) {
                LOG.info("Run {}: the bundle of attempt {} arrived after the attempt had ended; discarding it",
                        run.number, backup.attempt);
                cleanUp(bundle);
            } else {
                LOG.info("Run {}: the backup of attempt {} failed after the attempt had ended: {} {}",
                        run.number, backup.attempt, failure.reason(), failure.message());
            }
            return;
        }
        if (failure != null) {
            attemptFailed(run, backup.attempt, failure);
            return;
        }
        publish();
        deliver(delivery, bundle);
    }

    /** On a work thread. */
    private void deliver(HostCall delivery, PreparedBundle bundle) {
        RunState run = delivery.run;
        DeliveryReceipt receipt = null;
        AttemptOutcome failure;
        try {
            receipt = steps.deliver(bundle, listener);
            failure = AttemptOutcome.ofReceipt(receipt, bundle.delivery()).orElse(null);
        } catch (Throwable t) {
            // As in prepareThenDeliver: anything thrown fails the attempt, and the run goes on.
            failure = AttemptOutcome.thrown(t);
        }
        if (receipt != null) {
            observeEpoch(receipt);
        }
        boolean accepted;
        PreparedBundle orphan = null;
        synchronized (lock) {
            if (inFlight == delivery) {
                inFlight = null;
            }
            accepted = current == run && run.accepts(delivery.attempt);
            if (accepted) {
                run.attemptOpen = false;
            } else if (run.ended) {
                // stop() left the bundle to this thread because it was in use.
                orphan = run.takeBundle();
            }
        }
        if (!accepted) {
            LOG.info("Run {} was stopped during attempt {}; its outcome is discarded", run.number, delivery.attempt);
            cleanUp(orphan);
            return;
        }
        if (failure == null) {
            succeeded(run, delivery.attempt, receipt);
        } else {
            attemptFailed(run, delivery.attempt, failure);
        }
    }

    /** The backup timeout of an attempt expired; on the scheduler's thread. */
    private void backupTimedOut(HostCall backup) {
        RunState run = backup.run;
        boolean interrupt = false;
        synchronized (lock) {
            if (current != run || !run.accepts(backup.attempt) || run.phase != ReplicationStatus.Phase.PREPARING) {
                return;
            }
            run.attemptOpen = false;
            run.timeoutTask = null;
            if (inFlight == backup && backup.claim()) {
                // Still queued on the executor, so never started: drop it.
                inFlight = null;
            } else {
                interrupt = true;
            }
        }
        if (interrupt) {
            backup.interrupt();
        }
        attemptFailed(run, backup.attempt, AttemptOutcome.of(ReasonCode.BACKUP_FAILED,
                "no backup within " + DurationText.of(backupTimeout)));
    }

    /** The executor for blocking work refused an attempt's job. */
    private void refused(HostCall call, RejectedExecutionException e) {
        RunState run = call.run;
        synchronized (lock) {
            if (inFlight == call) {
                inFlight = null;
            }
            if (current != run || !run.accepts(call.attempt)) {
                return;
            }
            run.attemptOpen = false;
            if (run.timeoutTask != null) {
                run.timeoutTask.cancel();
                run.timeoutTask = null;
            }
        }
        LOG.error("Run {}: the executor for blocking work refused attempt {}", run.number, call.attempt, e);
        attemptFailed(run, call.attempt, AttemptOutcome.of(ReasonCode.UNEXPECTED,
                "the executor for blocking work refused the attempt (" + e.getClass().getName() + ")"));
    }

    // ---- the end of an attempt -----------------------------------------------------------------

    private void succeeded(RunState run, int attempt, DeliveryReceipt receipt) {
        PreparedBundle toClean;
        synchronized (lock) {
            toClean = run.takeBundle();
            if (current == run && !run.ended) {
                RunSucceeded event = new RunSucceeded(clock.instant(), run.number, receipt.bundleId(), attempt);
                end(run);
                lastSuccess = event;
                outbox.add(event);
            }
        }
        publish();
        cleanUp(toClean);
    }

    private void attemptFailed(RunState run, int attempt, AttemptOutcome outcome) {
        Instant now = clock.instant();
        // The clock may have been set back during the run; the retry schedule accepts no negative time.
        Duration elapsed = Duration.between(run.startedAt, now);
        RetryDecision decision = decide(attempt, elapsed.isNegative() ? Duration.ZERO : elapsed, outcome);
        AttemptFailure failure = new AttemptFailure(attempt, now, outcome.reason(), outcome.message());
        PreparedBundle toClean = null;
        Instant retryAt = null;
        synchronized (lock) {
            if (current != run || run.ended) {
                toClean = run.takeBundle();
            } else {
                run.failures.add(failure);
                if (decision instanceof RetryDecision.RetryAfter retry) {
                    retryAt = now.plus(retry.delay());
                    run.phase = ReplicationStatus.Phase.WAITING_TO_RETRY;
                    run.nextAttemptAt = retryAt;
                    outbox.add(new AttemptFailed(now, run.number, failure, retries.maxAttempts(), Optional.of(retryAt)));
                } else {
                    RetryDecision.GiveUp giveUp = (RetryDecision.GiveUp) decision;
                    RunFailed failed = new RunFailed(now, run.number, giveUp.reason(), giveUp.explanation(),
                            run.failures);
                    end(run);
                    lastFailure = failed;
                    toClean = run.takeBundle();
                    outbox.add(new AttemptFailed(now, run.number, failure, retries.maxAttempts(), Optional.empty()));
                    outbox.add(failed);
                }
            }
        }
        publish();
        cleanUp(toClean);
        if (retryAt != null) {
            armRetry(run, attempt + 1, retryAt);
        }
    }

    private RetryDecision decide(int attempt, Duration elapsed, AttemptOutcome outcome) {
        try {
            return retries.decide(attempt, elapsed, outcome.cause());
        } catch (RuntimeException e) {
            // Only a host's classifier can throw here; the run must still end and be reported.
            LOG.error("The retry schedule {} failed after attempt {}; giving up the run", retries, attempt, e);
            return new RetryDecision.GiveUp(GiveUpReason.NOT_RETRYABLE,
                    "the retry classifier failed with " + e.getClass().getName() + " after attempt " + attempt);
        }
    }

    private void armRetry(RunState run, int attempt, Instant at) {
        PreparedBundle toClean = null;
        synchronized (lock) {
            if (current != run || run.ended) {
                return;
            }
            run.retryTask = trySchedule(at, () -> startAttempt(run, attempt));
            if (run.retryTask == null) {
                end(run);
                toClean = run.takeBundle();
            }
        }
        cleanUp(toClean);
    }

    /** Under lock: the run is over, by success, giving up or a stop. */
    private void end(RunState run) {
        run.ended = true;
        run.attemptOpen = false;
        run.nextAttemptAt = null;
        run.cancelTimers();
        if (current == run) {
            current = null;
        }
    }

    // ---- the gate and the epoch ----------------------------------------------------------------

    /** Asks the gate, outside the lock; what it throws closes it. */
    private Optional<String> gateClosed() {
        try {
            Optional<String> closed = gate.closedBecause();
            return closed == null ? Optional.of("the replication gate gave no answer") : closed.map(MessageText::oneLine);
        } catch (Throwable t) {
            LOG.error("The replication gate {} failed; nothing is sent while it fails", gate, t);
            return Optional.of("the replication gate failed: " + MessageText.oneLine(t.toString()));
        }
    }

    private static AttemptOutcome notAllowed(String reason) {
        return AttemptOutcome.of(ReasonCode.ILLEGAL_STATE, "replication is not allowed now: " + reason);
    }

    /** Hands the receipt's epoch to the observer, outside the lock; what it throws is logged. */
    private void observeEpoch(DeliveryReceipt receipt) {
        if (receipt.epoch() <= 0) {
            return;
        }
        String evidence = "the standby's receipt for bundle " + receipt.bundleId() + " ("
                + (receipt instanceof DeliveryReceipt.Rejected rejected ? "rejected, " + rejected.reason() : "accepted")
                + ", epoch " + receipt.epoch() + ")";
        try {
            epochObserver.observe(receipt.epoch(), evidence);
        } catch (Throwable t) {
            LOG.error("The epoch observer {} failed on epoch {} from {}", epochObserver, receipt.epoch(), evidence, t);
        }
    }

    // ---- plumbing ------------------------------------------------------------------------------

    /** Under lock; null if the scheduler is shut down, which only the host's shutdown does. */
    private TaskScheduler.ScheduledTask trySchedule(Instant at, Runnable task) {
        try {
            return scheduler.schedule(at, task);
        } catch (RejectedExecutionException e) {
            LOG.error("The task scheduler refused a task for {}; replication cannot go on", at, e);
            return null;
        }
    }

    private static void runInterruptibly(FutureTask<Void> task) {
        task.run();
        if (task.isCancelled()) {
            // The timeout's or stop's interrupt is meant for the backup, not for the executor's next task.
            Thread.interrupted();
        }
    }

    private void executeOrRun(Runnable job) {
        try {
            work.execute(job);
        } catch (RejectedExecutionException e) {
            job.run();
        }
    }

    /**
     * Hands the queued events to the notifier, outside the lock. If another thread is already at
     * it, that thread hands over these events too, so no thread waits here for another's notifier.
     */
    private void publish() {
        synchronized (lock) {
            if (publishing) {
                return;
            }
            publishing = true;
        }
        while (true) {
            ReplicationEvent next;
            synchronized (lock) {
                next = outbox.poll();
                if (next == null) {
                    publishing = false;
                    return;
                }
            }
            emit(next);
        }
    }

    private void emit(ReplicationEvent event) {
        try {
            notifier.notify(event);
        } catch (Throwable t) {
            // A broken notifier must not break replication.
            LOG.warn("Notifier {} failed on {} of run {}", notifier, event.getClass().getSimpleName(), event.run(), t);
        }
    }

    private static void cleanUp(PreparedBundle bundle) {
        if (bundle == null) {
            return;
        }
        try {
            bundle.cleanup().cleanUp();
        } catch (Throwable t) {
            // Cleanup only frees disk space; the run's outcome stands.
            LOG.warn("Cleaning up bundle {} failed", bundle.delivery().bundleId(), t);
        }
    }
}
