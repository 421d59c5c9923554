package io.github.pbxredundancy.transport.http.internal;

import io.github.pbxredundancy.core.TaskScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Calls an action once when a transfer has made no progress for the idle timeout, or has not
 * ended by an overall deadline, both by the injected clock: the sender's guard against a
 * receiver that stopped reading, the receiver's against a client that stalls or trickles.
 *
 * <p>It keeps at most one task on the scheduler: when the task fires early (there was progress),
 * it schedules the next for the new idle instant, so a long transfer costs one task per idle
 * period, not one per chunk.
 *
 * <p>Not part of the API. Thread-safe: {@link #progress()} from the transferring thread,
 * {@link #stop()} from any; the action runs on the scheduler's thread, at most once, never after
 * {@link #stop()} returned true.
 */
public final class Watchdog {
    private final Clock clock;
    private final TaskScheduler scheduler;
    private final Duration idle;
    private final Instant deadline;
    private final Runnable action;
    private volatile Instant lastProgress;
    private TaskScheduler.ScheduledTask task;
    private boolean done;
    private boolean fired;

    private Watchdog(Clock clock, TaskScheduler scheduler, Duration idle, Instant deadline, Runnable action) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.idle = Objects.requireNonNull(idle, "idle");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.action = Objects.requireNonNull(action, "action");
        this.lastProgress = clock.instant();
    }

    /**
     * Starts watching.
     *
     * @param clock decides the instants
     * @param scheduler wakes the watchdog
     * @param idle the longest time without progress
     * @param deadline the instant by which the transfer must have ended
     * @param action what to do when either passes
     * @return the running watchdog
     * @throws java.util.concurrent.RejectedExecutionException if the scheduler is shut down
     */
    public static Watchdog start(Clock clock, TaskScheduler scheduler, Duration idle, Instant deadline, Runnable action) {
        Watchdog watchdog = new Watchdog(clock, scheduler, idle, deadline, action);
        synchronized (watchdog) {
            watchdog.arm();
        }
        return watchdog;
    }

    /** The transfer moved on: the idle time starts again. */
    public void progress() {
        lastProgress = clock.instant();
    }

    /**
     * Stops watching.
     *
     * @return true if the action has not run and never will; false if it ran or is running
     */
    public synchronized boolean stop() {
        done = true;
        if (task != null) {
            task.cancel();
            task = null;
        }
        return !fired;
    }

    /** @return whether the action ran (or is running) */
    public synchronized boolean fired() {
        return fired;
    }

    private void arm() {
        Instant idleAt = lastProgress.plus(idle);
        task = scheduler.schedule(idleAt.isBefore(deadline) ? idleAt : deadline, this::check);
    }

    private void check() {
        synchronized (this) {
            if (done) {
                return;
            }
            Instant now = clock.instant();
            if (now.isBefore(lastProgress.plus(idle)) && now.isBefore(deadline)) {
                arm();
                return;
            }
            done = true;
            fired = true;
        }
        action.run();
    }
}
