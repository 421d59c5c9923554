package io.github.pbxredundancy.transport.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.TaskScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link Watchdog} on a manual clock and scheduler: every instant decided by the clock, no real waiting. */
class WatchdogTest {
    private final ManualClock clock = new ManualClock();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final AtomicInteger fired = new AtomicInteger();

    @Test
    void progressKeepsItQuietAndSilenceFiresItOnce() {
        Watchdog watchdog = Watchdog.start(clock, scheduler, Duration.ofSeconds(10), clock.instant().plusSeconds(3600),
                fired::incrementAndGet);

        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(6));
            watchdog.progress();
            scheduler.runDue(clock.instant());
        }
        assertThat(fired).hasValue(0);
        assertThat(scheduler.pending()).as("one task at a time, however much progress").isEqualTo(1);

        clock.advance(Duration.ofSeconds(10));
        scheduler.runDue(clock.instant());
        scheduler.runDue(clock.instant().plusSeconds(100));

        assertThat(fired).hasValue(1);
        assertThat(watchdog.fired()).isTrue();
        assertThat(watchdog.stop()).isFalse();
    }

    @Test
    void theOverallDeadlineFiresItDespiteProgress() {
        Watchdog.start(clock, scheduler, Duration.ofSeconds(10), clock.instant().plusSeconds(25), fired::incrementAndGet);

        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofSeconds(5));
            scheduler.runDue(clock.instant());
        }

        assertThat(fired).hasValue(1);
    }

    @Test
    void aStoppedWatchdogNeverFires() {
        Watchdog watchdog = Watchdog.start(clock, scheduler, Duration.ofSeconds(1), clock.instant().plusSeconds(5),
                fired::incrementAndGet);

        assertThat(watchdog.stop()).isTrue();
        clock.advance(Duration.ofMinutes(1));
        scheduler.runDue(clock.instant());

        assertThat(fired).hasValue(0);
    }

    /** A clock the test moves. */
    static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2016-01-26T05:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /** A scheduler whose tasks run when the test says, in the test's thread. */
    static final class ManualScheduler implements TaskScheduler {
        private final List<Object[]> tasks = new ArrayList<>();

        @Override
        public synchronized ScheduledTask schedule(Instant at, Runnable task) {
            Object[] entry = {at, task};
            tasks.add(entry);
            return () -> {
                synchronized (this) {
                    return tasks.remove(entry);
                }
            };
        }

        void runDue(Instant now) {
            while (true) {
                Object[] due;
                synchronized (this) {
                    due = tasks.stream().filter(t -> !((Instant) t[0]).isAfter(now)).findFirst().orElse(null);
                    if (due == null) {
                        return;
                    }
                    tasks.remove(due);
                }
                ((Runnable) due[1]).run();
            }
        }

        synchronized int pending() {
            return tasks.size();
        }
    }
}
