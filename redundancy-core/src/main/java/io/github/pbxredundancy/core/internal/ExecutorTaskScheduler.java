package io.github.pbxredundancy.core.internal;

import io.github.pbxredundancy.core.TaskScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The implementation of {@link TaskScheduler#using}; see there for how clock jumps behave.
 *
 * <p>Not part of the API. Thread-safe as far as the executor is.
 */
public final class ExecutorTaskScheduler implements TaskScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(TaskScheduler.class);

    private final ScheduledExecutorService executor;
    private final Clock clock;

    /**
     * @param executor runs the tasks
     * @param clock the clock the instants refer to
     */
    public ExecutorTaskScheduler(ScheduledExecutorService executor, Clock clock) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ScheduledTask schedule(Instant at, Runnable task) {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(task, "task");
        long delayNanos = nanosUntil(at);
        ScheduledFuture<?> future = executor.schedule(() -> runLogged(task), delayNanos, TimeUnit.NANOSECONDS);
        // Never interrupt: a running task of the library holds no blocking call worth interrupting.
        return () -> future.cancel(false);
    }

    private long nanosUntil(Instant at) {
        Duration delay = Duration.between(clock.instant(), at);
        if (delay.isNegative()) {
            return 0;
        }
        try {
            return delay.toNanos();
        } catch (ArithmeticException beyond292Years) {
            // The executor clamps huge delays itself; such a task never runs in practice.
            return Long.MAX_VALUE;
        }
    }

    private static void runLogged(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            // Otherwise the executor keeps it in a future nobody reads, and it vanishes.
            LOG.error("A scheduled task failed", e);
        }
    }

    @Override
    public String toString() {
        return "TaskScheduler.using(" + executor + ", " + clock + ")";
    }
}
