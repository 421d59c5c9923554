package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.internal.ExecutorTaskScheduler;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Runs a task once at an instant of the library's clock. The library never sleeps: every wait
 * (the next replication run, the next attempt, a timeout) is a task given to a scheduler, so a
 * test drives all of them with a manual clock in milliseconds.
 *
 * <p>Implementations must be thread-safe, must never run the task on the thread that calls
 * {@link #schedule} (the library schedules while holding its lock), and should run tasks quickly
 * one after the other: the library's tasks only decide and hand blocking work to an executor.
 */
@FunctionalInterface
public interface TaskScheduler {

    /**
     * Runs {@code task} once, at or after {@code at}; an instant in the past runs as soon as
     * possible. What a task throws is caught and logged by the implementations of this library.
     *
     * @param at when, by the clock the scheduler was made with
     * @param task what to run
     * @return a handle to cancel the task
     * @throws java.util.concurrent.RejectedExecutionException if the scheduler is shut down
     */
    ScheduledTask schedule(Instant at, Runnable task);

    /**
     * A scheduler on a {@link ScheduledExecutorService}: each task is scheduled with the delay
     * from {@code clock.instant()} to its instant, computed when it is scheduled.
     *
     * <p>An executor's delays are elapsed time, not wall-clock time: if the clock jumps while a
     * task waits (an administrator or NTP sets it, a virtual machine resumes), the task fires
     * the jump's length early or late by the clock. The {@link Replicator} copes with both: a
     * run that fires before its time by the clock is scheduled again for that time, and each run
     * computes the next one from the schedule and the clock when it fires, so runs never drift
     * from the schedule, never repeat, and never pile up after a forward jump (the runs the jump
     * passed over are not made up).
     *
     * <p>The executor stays the caller's: shutting it down is the caller's job, and tasks
     * scheduled afterwards are refused.
     *
     * @param executor runs the tasks; its threads must not block for long
     * @param clock the clock the instants refer to
     * @return the scheduler, thread-safe
     */
    static TaskScheduler using(ScheduledExecutorService executor, Clock clock) {
        return new ExecutorTaskScheduler(executor, clock);
    }

    /**
     * A task given to a {@link TaskScheduler}.
     *
     * <p>Implementations must be thread-safe.
     */
    @FunctionalInterface
    interface ScheduledTask {
        /**
         * Makes sure the task does not start, if it has not started yet; never interrupts a
         * task that is running.
         *
         * @return true if the task will not run because of this call, false if it has run, is
         *     running or was cancelled before
         */
        boolean cancel();
    }
}
