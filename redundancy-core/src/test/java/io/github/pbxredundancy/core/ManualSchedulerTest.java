package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tests of the replicator rely on this tool's ordering, so it gets tests of its own. */
class ManualSchedulerTest {
    private static final Instant T0 = Instant.parse("2016-01-26T04:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final List<String> ran = new ArrayList<>();

    private Runnable record(String name) {
        return () -> ran.add(name + "@" + Duration.between(T0, clock.instant()).toMinutes());
    }

    @Test
    void advanceRunsDueTasksInTimeOrderEachAtItsDueTime() {
        scheduler.schedule(T0.plusSeconds(600), record("b"));
        scheduler.schedule(T0.plusSeconds(60), record("a"));
        scheduler.schedule(T0.plusSeconds(600), record("c"));
        scheduler.schedule(T0.plusSeconds(3600), record("late"));

        scheduler.advance(Duration.ofMinutes(30));

        assertThat(ran).containsExactly("a@1", "b@10", "c@10");
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(1800));
        assertThat(scheduler.pending()).isEqualTo(1);
    }

    @Test
    void tasksScheduledDuringAnAdvanceRunIfDueAndPastInstantsRunAtOnce() {
        scheduler.schedule(T0.plusSeconds(60), () -> {
            record("first").run();
            scheduler.schedule(clock.instant().plusSeconds(120), record("chained"));
            scheduler.schedule(T0, record("past"));
            scheduler.schedule(clock.instant().plusSeconds(3600), record("beyond"));
        });

        scheduler.advance(Duration.ofMinutes(10));

        assertThat(ran).containsExactly("first@1", "past@1", "chained@3");
        assertThat(scheduler.nextDue()).contains(T0.plusSeconds(3660));
    }

    @Test
    void cancelledTasksNeverRunAndCancelTellsWhetherItPrevented() {
        TaskScheduler.ScheduledTask task = scheduler.schedule(T0.plusSeconds(60), record("cancelled"));

        assertThat(task.cancel()).isTrue();
        assertThat(task.cancel()).isFalse();
        scheduler.advance(Duration.ofMinutes(5));

        assertThat(ran).isEmpty();
    }
}
