package io.github.pbxredundancy.core.spi;

import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.TaskScheduler;
import io.github.pbxredundancy.core.internal.DurationText;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Looks for something (the standby's answer) on the caller's thread, again and again, until it
 * is there or a deadline by the injected clock has passed, without ever sleeping.
 *
 * <p>Each pause between two looks is a task given to the {@link TaskScheduler} for the instant of
 * the next look; the task only completes a future, on which the caller blocks. The looks (file
 * I/O) thus run on the caller's thread, the scheduler's thread never blocks, and every deadline is
 * decided by the clock: with a manual clock and scheduler, a test moves through an hour of
 * waiting in microseconds. A real-time bound on each pause (the pause plus the whole timeout)
 * only guards against a scheduler that no longer runs tasks.
 *
 * <p>For transport implementers: drop-style transports ({@code file:}, SFTP) wait for the inbox
 * answer with it. One poll at a time per instance; {@link #cancel()} may be called from
 * any thread.
 */
public final class ScheduledPoll {
    private final Clock clock;
    private final TaskScheduler scheduler;
    private final AtomicReference<CompletableFuture<Void>> pause = new AtomicReference<>();
    private volatile boolean cancelled;

    /**
     * One look; empty if what the poll waits for is not there yet.
     *
     * @param <T> what is looked for
     */
    @FunctionalInterface
    public interface Probe<T> {
        /**
         * @return what was found, or empty
         * @throws IOException if looking failed; the poll ends with it
         */
        Optional<T> look() throws IOException;
    }

    /**
     * @param clock decides the deadline and the instants of the looks
     * @param scheduler wakes the caller for each look
     */
    public ScheduledPoll(Clock clock, TaskScheduler scheduler) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /**
     * Looks at once, then every {@code interval} by the clock, and a last time at the deadline.
     *
     * @param <T> what is looked for
     * @param probe the look
     * @param timeout how long to look, by the clock
     * @param interval the pause between looks
     * @param what what is awaited, for messages, e.g. {@code the standby's answer to bundle x}
     * @return what the probe found, or empty if the deadline passed first
     * @throws IOException what the probe threw
     * @throws InterruptedException if the caller's thread was interrupted during a pause
     * @throws RedundancyException with {@link ReasonCode#TRANSFER_INTERRUPTED} if {@link #cancel()}
     *     was called, with {@link ReasonCode#UNEXPECTED} if the scheduler refused a task, with
     *     {@link ReasonCode#TIMEOUT} if it did not run one in time
     */
    public <T> Optional<T> poll(Probe<T> probe, Duration timeout, Duration interval, String what)
            throws IOException, InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            Optional<T> found = probe.look();
            if (found.isPresent()) {
                return found;
            }
            Instant now = clock.instant();
            if (!now.isBefore(deadline)) {
                return Optional.empty();
            }
            Instant next = now.plus(interval).isBefore(deadline) ? now.plus(interval) : deadline;
            pauseUntil(next, Duration.between(now, next).plus(timeout), what);
        }
    }

    /** Ends the current poll and every later one with {@link ReasonCode#TRANSFER_INTERRUPTED}. */
    public void cancel() {
        cancelled = true;
        CompletableFuture<Void> current = pause.get();
        if (current != null) {
            current.cancel(false);
        }
    }

    private void pauseUntil(Instant at, Duration backstop, String what) throws InterruptedException {
        CompletableFuture<Void> tick = new CompletableFuture<>();
        pause.set(tick);
        TaskScheduler.ScheduledTask task = null;
        try {
            if (cancelled) {
                throw closed(what);
            }
            task = scheduler.schedule(at, () -> tick.complete(null));
            tick.get(backstop.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            throw new RedundancyException(ReasonCode.UNEXPECTED, "the task scheduler refused to schedule the next look for "
                    + what + ": is it shut down?", e);
        } catch (TimeoutException e) {
            throw new RedundancyException(ReasonCode.TIMEOUT, "the task scheduler did not wake the wait for " + what
                    + " within " + DurationText.of(backstop) + ": is it shut down or overloaded?", e);
        } catch (CancellationException | ExecutionException e) {
            throw closed(what);
        } finally {
            if (task != null) {
                task.cancel();
            }
            pause.compareAndSet(tick, null);
        }
    }

    private static RedundancyException closed(String what) {
        return new RedundancyException(ReasonCode.TRANSFER_INTERRUPTED, "the transport was closed while waiting for " + what);
    }
}
