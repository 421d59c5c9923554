package io.github.pbxredundancy.core.internal.watchdog;

import io.github.pbxredundancy.core.ReplicationSchedule;
import io.github.pbxredundancy.core.StandbyWatchdog;
import io.github.pbxredundancy.core.TaskScheduler;
import io.github.pbxredundancy.core.event.WatchdogEvent;
import io.github.pbxredundancy.core.internal.DurationText;
import io.github.pbxredundancy.core.spi.Notifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timers, threads and notifications behind {@link StandbyWatchdog}; the rule itself is
 * {@link WatchdogState}.
 *
 * <p>Every evaluation asks the host's supplier outside the lock, decides under the lock, and
 * re-arms the one timer from the state: at the next deadline, and while alarmed also after the
 * recheck interval, so a recovery is noticed soon. Events decided under the lock are queued in
 * order and handed to the notifier outside it by one thread at a time, so the notifier sees
 * them in the order they were decided even when a timer and a host's {@code check()} race.
 *
 * <p>Not part of the API. Thread-safe.
 */
public final class WatchdogLoop {
    private static final Logger LOG = LoggerFactory.getLogger(StandbyWatchdog.class);

    private final ReplicationSchedule schedule;
    private final Duration allowance;
    private final Duration recheck;
    private final Supplier<Optional<Instant>> lastAccepted;
    private final Clock clock;
    private final TaskScheduler scheduler;
    private final Notifier notifier;

    private final Object lock = new Object();
    // Everything below is guarded by lock.
    private boolean started;
    /** Raised by every start and stop, so that a timer of an earlier start does nothing. */
    private long chain;
    private WatchdogState state;
    private TaskScheduler.ScheduledTask timer;
    private final Deque<WatchdogEvent> outbox = new ArrayDeque<>();
    private boolean publishing;

    /**
     * @param schedule the pair's replication schedule
     * @param allowance the retry span plus the grace
     * @param recheck how often to look while alarmed, more than zero
     * @param lastAccepted when the newest valid bundle was accepted
     * @param clock the library's clock
     * @param scheduler runs the timer; {@code null} for a host that calls {@link #check()} itself
     * @param notifier hears the events
     */
    public WatchdogLoop(ReplicationSchedule schedule, Duration allowance, Duration recheck,
            Supplier<Optional<Instant>> lastAccepted, Clock clock, TaskScheduler scheduler, Notifier notifier) {
        this.schedule = schedule;
        this.allowance = allowance;
        this.recheck = recheck;
        this.lastAccepted = lastAccepted;
        this.clock = clock;
        this.scheduler = scheduler;
        this.notifier = notifier;
    }

    /** See {@link StandbyWatchdog#start()}. */
    public void start() {
        Reading reading = read();
        Instant next;
        synchronized (lock) {
            if (started) {
                throw new IllegalStateException("the watchdog is already started");
            }
            Instant now = clock.instant();
            state = new WatchdogState(schedule, allowance, now, reading.lastAccepted());
            started = true;
            chain++;
            evaluate(now, reading);
            next = state.upcomingDeadline();
        }
        LOG.info("Standby watchdog started: {}, a run's bundle is due {} after its scheduled time; next deadline {}",
                schedule, DurationText.of(allowance), next);
        publish();
    }

    /** See {@link StandbyWatchdog#stop()}. */
    public void stop() {
        synchronized (lock) {
            if (!started) {
                return;
            }
            started = false;
            chain++;
            cancelTimer();
        }
        LOG.info("Standby watchdog stopped");
    }

    /** See {@link StandbyWatchdog#check()}. */
    public void check() {
        Reading reading = read();
        synchronized (lock) {
            if (!started) {
                throw new IllegalStateException("the watchdog is not started");
            }
            evaluate(clock.instant(), reading);
        }
        publish();
    }

    /** See {@link StandbyWatchdog#status()}. */
    public StandbyWatchdog.Status status() {
        synchronized (lock) {
            if (state == null) {
                return new StandbyWatchdog.Status(false, Optional.empty(), Optional.empty(), Optional.empty(), 0);
            }
            return new StandbyWatchdog.Status(started, state.lastSeen(),
                    started ? Optional.of(state.upcomingDeadline()) : Optional.empty(), state.overdueSince(),
                    state.missedRuns());
        }
    }

    private void onTimer(long timerChain) {
        Reading reading = read();
        synchronized (lock) {
            if (!started || chain != timerChain) {
                return;
            }
            evaluate(clock.instant(), reading);
        }
        publish();
    }

    /** Asks the host when the newest bundle was accepted; a failure is logged and means "nothing new". */
    private Reading read() {
        try {
            return new Reading(true, Objects.requireNonNull(lastAccepted.get(), "the lastAccepted supplier returned null"));
        } catch (RuntimeException e) {
            LOG.warn("Cannot tell when the last bundle was accepted; the watchdog goes on with what it knew", e);
            return new Reading(false, Optional.empty());
        }
    }

    /** Under the lock: decides, queues the events and re-arms the timer. Never throws. */
    private void evaluate(Instant now, Reading reading) {
        Instant next;
        try {
            outbox.addAll(reading.known() ? state.observe(now, reading.lastAccepted()) : state.observeWithoutNews(now));
            next = state.upcomingDeadline();
            if (state.alarmed() && now.plus(recheck).isBefore(next)) {
                next = now.plus(recheck);
            }
        } catch (RuntimeException e) {
            // Only a schedule beyond the supported dates gets here; looking again later costs nothing.
            LOG.error("Standby watchdog cannot evaluate its schedule {}; it looks again in {}", schedule,
                    DurationText.of(recheck), e);
            next = now.plus(recheck);
        }
        arm(next);
    }

    private void arm(Instant at) {
        cancelTimer();
        if (scheduler == null) {
            return;
        }
        long timerChain = chain;
        try {
            timer = scheduler.schedule(at, () -> onTimer(timerChain));
        } catch (RuntimeException e) {
            LOG.error("Standby watchdog cannot schedule its next check at {}; it checks again only when check() is"
                    + " called", at, e);
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    /** Hands the queued events to the notifier, outside the lock, one thread at a time, in order. */
    private void publish() {
        while (true) {
            WatchdogEvent event;
            synchronized (lock) {
                if (publishing || outbox.isEmpty()) {
                    return;
                }
                event = outbox.poll();
                publishing = true;
            }
            try {
                notifier.notify(event);
            } catch (Throwable t) {
                // The watchdog goes on whatever the notifier does: its next alarm may get through.
                LOG.warn("Notifier {} failed on {}", notifier, event.getClass().getSimpleName(), t);
            } finally {
                synchronized (lock) {
                    publishing = false;
                }
            }
        }
    }

    /**
     * What the supplier answered.
     *
     * @param known false if it failed: then nothing new is known
     * @param lastAccepted its answer; empty if it failed or no bundle was accepted
     */
    private record Reading(boolean known, Optional<Instant> lastAccepted) {
    }
}
