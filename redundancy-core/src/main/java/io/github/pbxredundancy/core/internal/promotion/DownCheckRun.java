package io.github.pbxredundancy.core.internal.promotion;

import io.github.pbxredundancy.core.TaskScheduler;
import io.github.pbxredundancy.core.internal.DurationText;
import io.github.pbxredundancy.core.internal.MessageText;
import io.github.pbxredundancy.core.promotion.ActiveDownCheck;
import io.github.pbxredundancy.core.promotion.DownVerdict;
import io.github.pbxredundancy.core.promotion.ProbeObservation;
import io.github.pbxredundancy.core.spi.LivenessProbe;
import io.github.pbxredundancy.core.spi.ProbeResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of an {@link ActiveDownCheck}: its rounds, their probes, their deadlines and the
 * verdict. The rules are documented on {@link ActiveDownCheck}.
 *
 * <p>All state is guarded by the run's lock; probes run on the executor and timers on the
 * scheduler, neither while the lock is held; the listener and the future's dependents are
 * called outside the lock.
 *
 * <p>Not part of the API. Thread-safe.
 */
public final class DownCheckRun {
    private static final Logger LOG = LoggerFactory.getLogger(ActiveDownCheck.class);

    private final List<LivenessProbe> probes;
    private final List<String> names;
    private final Duration period;
    private final Duration interval;
    private final Duration timeout;
    private final int minimumNoAnswers;
    private final int rounds;
    private final Clock clock;
    private final TaskScheduler scheduler;
    private final Executor executor;
    private final Consumer<ProbeObservation> listener;
    private final CompletableFuture<DownVerdict> future = new CompletableFuture<>();

    // Guarded by this.
    private final List<ProbeObservation> evidence = new ArrayList<>();
    private final boolean[] busy;
    private ProbeResult[] results;
    private Instant startedAt;
    private Instant roundStartedAt;
    private int round = -1;
    private boolean roundOpen;
    private DownVerdict verdict;
    private boolean stopped;
    private TaskScheduler.ScheduledTask timer;

    /**
     * @param probes at least two, with distinct names
     * @param names their names, in the same order
     * @param period the confirmation period
     * @param interval the time between the starts of two rounds
     * @param timeout given to each probe
     * @param minimumNoAnswers how many probes must find no answer in each round
     * @param clock the clock
     * @param scheduler runs the timers
     * @param executor runs the probes
     * @param listener hears each observation
     */
    public DownCheckRun(List<LivenessProbe> probes, List<String> names, Duration period, Duration interval,
            Duration timeout, int minimumNoAnswers, Clock clock, TaskScheduler scheduler, Executor executor,
            Consumer<ProbeObservation> listener) {
        this.probes = List.copyOf(probes);
        this.names = List.copyOf(names);
        this.period = Objects.requireNonNull(period, "period");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.minimumNoAnswers = minimumNoAnswers;
        this.rounds = Math.toIntExact(roundsFor(period, interval));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.busy = new boolean[this.probes.size()];
    }

    /**
     * How many rounds a run makes: one at the start, then one every interval, the last one
     * exactly at the end of the period.
     *
     * @param period the confirmation period, at least the interval, at most about 292 years
     * @param interval the time between two rounds, more than zero
     * @return {@code ceil(period / interval) + 1}
     */
    public static long roundsFor(Duration period, Duration interval) {
        long whole = period.toNanos() / interval.toNanos();
        boolean rest = period.toNanos() % interval.toNanos() != 0;
        return whole + (rest ? 1 : 0) + 1;
    }

    /**
     * Starts the first round on the calling thread (which hands the probes to the executor).
     *
     * @return the verdict to come; completing or cancelling it ends the run
     */
    public CompletableFuture<DownVerdict> start() {
        future.whenComplete((verdict, failure) -> stop());
        startRound(0);
        return future;
    }

    /** Ends the run without a verdict (the future is cancelled). */
    public void cancel() {
        future.cancel(false);
    }

    private void stop() {
        TaskScheduler.ScheduledTask pending;
        synchronized (this) {
            stopped = true;
            pending = timer;
            timer = null;
        }
        if (pending != null) {
            pending.cancel();
        }
    }

    private boolean decided() {
        return verdict != null || stopped;
    }

    /** The instant round {@code k} is planned for, relative to the start. */
    private Duration plannedOffset(int k) {
        Duration offset = interval.multipliedBy(k);
        return offset.compareTo(period) > 0 ? period : offset;
    }

    private void startRound(int k) {
        List<Integer> toRun = new ArrayList<>(probes.size());
        List<ProbeObservation> heard = new ArrayList<>();
        DownVerdict decided;
        synchronized (this) {
            if (decided()) {
                return;
            }
            Instant now = clock.instant();
            if (k == 0) {
                startedAt = now;
            }
            round = k;
            roundStartedAt = now;
            roundOpen = true;
            results = new ProbeResult[probes.size()];
            LOG.debug("Round {} of {} of the check that the active is down starts", k + 1, rounds);
            for (int i = 0; i < probes.size(); i++) {
                if (busy[i]) {
                    record(i, true, new ProbeResult.Unknown("its call of an earlier round has not returned yet, so it was not"
                            + " called again (its timeout is " + DurationText.of(timeout) + ")"), now, heard);
                } else {
                    busy[i] = true;
                    toRun.add(i);
                }
            }
            if (toRun.isEmpty()) {
                closeRound(now, heard);
            } else {
                arm(now.plus(interval), () -> deadline(k));
            }
            decided = verdict;
        }
        deliver(heard, decided);
        for (int i : toRun) {
            submit(i, k);
        }
    }

    private void submit(int i, int k) {
        try {
            executor.execute(() -> runProbe(i, k));
        } catch (RuntimeException e) {
            // RejectedExecutionException when it is shut down or full; anything else is as bad.
            onResult(i, k, new ProbeResult.Unknown("the executor refused to run the probe: "
                    + MessageText.oneLine(String.valueOf(e.getMessage()))));
        }
    }

    private void runProbe(int i, int k) {
        synchronized (this) {
            if (decided()) {
                busy[i] = false;
                return;
            }
        }
        LivenessProbe probe = probes.get(i);
        ProbeResult result;
        Error fatal = null;
        try {
            result = probe.probe(timeout);
            if (result == null) {
                result = new ProbeResult.Unknown("the probe returned no result");
            }
        } catch (Exception | Error e) {
            // An Error too (a host probe's missing class, an assertion): the probe is done and not busy any more.
            LOG.warn("Liveness probe {} threw; counted as unknown, not as down", names.get(i), e);
            result = new ProbeResult.Unknown("the probe threw " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + MessageText.oneLine(e.getMessage())));
            fatal = e instanceof VirtualMachineError ? (Error) e : null;
        }
        onResult(i, k, result);
        if (fatal != null) {
            throw fatal;
        }
    }

    private void onResult(int i, int k, ProbeResult result) {
        List<ProbeObservation> heard = new ArrayList<>(1);
        DownVerdict decided;
        synchronized (this) {
            busy[i] = false;
            if (decided()) {
                LOG.debug("Liveness probe {} returned after the verdict: {}", names.get(i), result.describe());
                return;
            }
            Instant now = clock.instant();
            if (k == round && roundOpen) {
                record(i, true, result, now, heard);
                if (verdict == null && allIn()) {
                    closeRound(now, heard);
                }
            } else if (result instanceof ProbeResult.Alive) {
                // Counted as unknown when its round closed; but a sign of life is one, however late.
                record(i, false, result, now, heard);
            } else {
                LOG.debug("Liveness probe {} returned after its round: {}", names.get(i), result.describe());
            }
            decided = verdict;
        }
        deliver(heard, decided);
    }

    /** Adds one observation, counted in the open round or not; a sign of life decides at once. Under the lock. */
    private void record(int i, boolean inRound, ProbeResult result, Instant at, List<ProbeObservation> heard) {
        ProbeObservation observation = new ProbeObservation(at, names.get(i), result);
        evidence.add(observation);
        heard.add(observation);
        if (inRound) {
            results[i] = result;
        }
        if (result instanceof ProbeResult.Alive) {
            decide(new DownVerdict.SignOfLife(observation, evidence));
        }
    }

    private boolean allIn() {
        for (ProbeResult result : results) {
            if (result == null) {
                return false;
            }
        }
        return true;
    }

    private void deadline(int k) {
        List<ProbeObservation> heard = new ArrayList<>();
        DownVerdict decided;
        synchronized (this) {
            if (decided() || k != round || !roundOpen) {
                return;
            }
            timer = null;
            closeRound(clock.instant(), heard);
            decided = verdict;
        }
        deliver(heard, decided);
    }

    /** Counts the round and decides, or arms the next round. Under the lock. */
    private void closeRound(Instant now, List<ProbeObservation> heard) {
        for (int i = 0; i < results.length && verdict == null; i++) {
            if (results[i] == null) {
                record(i, true, new ProbeResult.Unknown("no result within " + DurationText.of(interval) + " (its timeout is "
                        + DurationText.of(timeout) + ")"), now, heard);
            }
        }
        roundOpen = false;
        disarm();
        if (verdict != null) {
            return;
        }
        int noAnswers = 0;
        for (ProbeResult result : results) {
            if (result instanceof ProbeResult.NoAnswer) {
                noAnswers++;
            }
        }
        if (noAnswers < minimumNoAnswers) {
            decide(new DownVerdict.Inconclusive("in round " + (round + 1) + " of " + rounds + " only " + noAnswers
                    + " of " + probes.size() + " probes found no answer and " + (probes.size() - noAnswers)
                    + " could not decide; at least " + minimumNoAnswers + " must find no answer", evidence));
        } else if (round == rounds - 1) {
            // A clock set back during the run must not make the verdict invalid.
            decide(new DownVerdict.ConfirmedDown(startedAt, now.isBefore(startedAt) ? startedAt : now, rounds, evidence));
        } else {
            int next = round + 1;
            Instant due = roundStartedAt.plus(plannedOffset(next).minus(plannedOffset(round)));
            arm(due, () -> roundDue(next, due));
        }
    }

    private void roundDue(int k, Instant due) {
        DownVerdict decided;
        synchronized (this) {
            if (decided()) {
                return;
            }
            timer = null;
            if (!clock.instant().isBefore(due)) {
                decided = null;
            } else {
                // Fired early by the clock (it was set back while the task waited): wait on.
                arm(due, () -> roundDue(k, due));
                decided = verdict;
                if (decided == null) {
                    return;
                }
            }
        }
        if (decided == null) {
            startRound(k);
        } else {
            deliver(List.of(), decided);
        }
    }

    /** Schedules the one timer; a refusing scheduler ends the run. Under the lock. */
    private void arm(Instant at, Runnable task) {
        disarm();
        try {
            timer = scheduler.schedule(at, task);
        } catch (RuntimeException e) {
            // RejectedExecutionException when it is shut down; anything else is as bad.
            LOG.warn("The task scheduler refused a task of the check that the active is down", e);
            decide(new DownVerdict.Inconclusive("the task scheduler refused to schedule the next step of the check:"
                    + " is it shut down?", evidence));
        }
    }

    private void disarm() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private void decide(DownVerdict decided) {
        if (verdict == null) {
            verdict = decided;
            disarm();
        }
    }

    /** Tells the listener, then completes the future; outside the lock. */
    private void deliver(List<ProbeObservation> heard, DownVerdict decided) {
        for (ProbeObservation observation : heard) {
            LOG.debug("Liveness probe {}: {}", observation.probe(), observation.result().describe());
            try {
                listener.accept(observation);
            } catch (RuntimeException e) {
                LOG.warn("The observation listener of the check that the active is down threw; ignored", e);
            }
        }
        if (decided != null && !future.isDone()) {
            if (future.complete(decided)) {
                LOG.info("Check that the active is down: {}", decided.summary().get(0));
            }
        }
    }
}
