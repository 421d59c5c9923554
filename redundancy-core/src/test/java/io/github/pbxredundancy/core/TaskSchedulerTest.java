package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskSchedulerTest {
    private static final Instant T0 = Instant.parse("2016-01-26T05:00:00Z");

    /** Records the delays it is asked for; a real executor otherwise. */
    private static final class RecordingExecutor extends ScheduledThreadPoolExecutor {
        final List<Long> delaysNanos = new CopyOnWriteArrayList<>();

        RecordingExecutor() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            delaysNanos.add(unit.toNanos(delay));
            return super.schedule(command, delay, unit);
        }
    }

    private final RecordingExecutor executor = new RecordingExecutor();
    private final MutableClock clock = new MutableClock(T0);
    private final TaskScheduler scheduler = TaskScheduler.using(executor, clock);

    @AfterEach
    void shutDown() {
        executor.shutdownNow();
    }

    @Test
    void delayIsTheDistanceFromTheClockToTheInstant() {
        TaskScheduler.ScheduledTask task = scheduler.schedule(T0.plus(Duration.ofMinutes(90)), () -> { });

        assertThat(executor.delaysNanos).containsExactly(Duration.ofMinutes(90).toNanos());
        assertThat(task.cancel()).isTrue();
        assertThat(task.cancel()).isFalse();
    }

    @Test
    void anInstantInThePastRunsAtOnceAndAFailingTaskDoesNotStopLaterOnes() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);

        scheduler.schedule(T0.minusSeconds(30), () -> {
            throw new IllegalStateException("task failure, logged by the scheduler");
        });
        scheduler.schedule(T0.minus(Duration.ofDays(400)), ran::countDown);

        assertThat(executor.delaysNanos).containsExactly(0L, 0L);
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aFarFutureInstantDoesNotOverflowTheDelay() {
        scheduler.schedule(Instant.MAX, () -> { });

        assertThat(executor.delaysNanos).containsExactly(Long.MAX_VALUE);
    }

    @Test
    void aShutDownExecutorRefusesNewTasks() {
        executor.shutdown();

        assertThatThrownBy(() -> scheduler.schedule(T0, () -> { })).isInstanceOf(RejectedExecutionException.class);
    }
}
