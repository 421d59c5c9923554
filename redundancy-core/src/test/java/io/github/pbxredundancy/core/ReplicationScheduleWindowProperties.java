package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.math.LongMath;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/** R8 checked against the runs themselves: an accepted schedule never starts a transfer inside the window. */
class ReplicationScheduleWindowProperties {
    private static final long NANOS_PER_DAY = Duration.ofDays(1).toNanos();

    /** Windows placed near the start time: near misses are where a gap-shifted run can hit. */
    @Property
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void acceptedCalendarScheduleNeverRunsInsideTheWindow(@ForAll("calendarSchedules") ReplicationSchedule schedule,
            @ForAll @IntRange(min = -2 * 3600, max = 2 * 3600) int windowStartFromStartTime,
            @ForAll("durations") Duration duration, @ForAll("margins") Duration margin) {
        BackupWindow window = new BackupWindow(schedule.startTime().plusSeconds(windowStartFromStartTime), duration,
                margin);
        boolean accepted = accepts(schedule, window);
        Statistics.collect(accepted);
        Statistics.coverage(coverage -> coverage.check(true).percentage(p -> p > 30));
        if (accepted) {
            // Two years hold every daylight-saving change of the generated zones at least once.
            Instant end = schedule.firstRun().plus(Duration.ofDays(731));
            for (Instant run = schedule.firstRun(); run.isBefore(end); run = schedule.nextRunAfter(run)) {
                assertOutside(run, schedule.zone(), window);
            }
        }
    }

    @Property
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void acceptedElapsedScheduleNeverRunsInsideTheWindow(@ForAll("elapsedSchedules") ReplicationSchedule schedule,
            @ForAll("windows") BackupWindow window) {
        boolean accepted = accepts(schedule, window);
        Statistics.collect(accepted);
        Statistics.coverage(coverage -> coverage.check(true).percentage(p -> p > 5));
        if (accepted) {
            for (Instant run : runsCoveringEveryTimeOfDayPerOffset(schedule)) {
                assertOutside(run, schedule.zone(), window);
            }
        }
    }

    @Property
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void inAZoneWithoutOffsetChangesTheCheckIsExact(@ForAll("fixedOffsetSchedules") ReplicationSchedule schedule,
            @ForAll("windows") BackupWindow window) {
        boolean someRunInside = runsCoveringEveryTimeOfDayPerOffset(schedule).stream()
                .anyMatch(run -> window.contains(run.atZone(schedule.zone()).toLocalTime()));
        Statistics.collect(someRunInside);
        Statistics.coverage(coverage -> {
            coverage.check(true).percentage(p -> p > 5);
            coverage.check(false).percentage(p -> p > 5);
        });

        assertThat(schedule.conflictWith(window).isPresent()).isEqualTo(someRunInside);
    }

    @Provide
    Arbitrary<ReplicationSchedule> calendarSchedules() {
        return schedules(Arbitraries.of(IntervalUnit.DAY, IntervalUnit.WEEK, IntervalUnit.MONTH),
                // Small steps matter most: only they reach the daylight-saving days within two years.
                Arbitraries.oneOf(Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 1000)),
                ScheduleArbitraries.ZONES);
    }

    @Provide
    Arbitrary<ReplicationSchedule> elapsedSchedules() {
        return schedules(Arbitraries.of(IntervalUnit.MINUTE, IntervalUnit.HOUR),
                Arbitraries.integers().between(1, 1000), ScheduleArbitraries.ZONES);
    }

    @Provide
    Arbitrary<ReplicationSchedule> fixedOffsetSchedules() {
        return schedules(Arbitraries.of(IntervalUnit.class), Arbitraries.integers().between(1, 1000),
                "UTC", "Asia/Kathmandu");
    }

    /** Windows from a second to 8 hours long, margins up to an hour, starting at any second of the day. */
    @Provide
    Arbitrary<BackupWindow> windows() {
        return Combinators.combine(Arbitraries.integers().between(0, 86_399).map(LocalTime::ofSecondOfDay),
                durations(), margins()).as(BackupWindow::new);
    }

    @Provide
    Arbitrary<Duration> durations() {
        return Arbitraries.integers().between(1, 8 * 3600).map(Duration::ofSeconds);
    }

    @Provide
    Arbitrary<Duration> margins() {
        return Arbitraries.integers().between(0, 3600).map(Duration::ofSeconds);
    }

    private static Arbitrary<ReplicationSchedule> schedules(Arbitrary<IntervalUnit> units, Arbitrary<Integer> every,
            String... zones) {
        return Combinators.combine(ScheduleArbitraries.startDates(), ScheduleArbitraries.startTimes(),
                ScheduleArbitraries.zones(zones), units, every).as(ReplicationSchedule::of);
    }

    private static boolean accepts(ReplicationSchedule schedule, BackupWindow window) {
        Optional<String> conflict = schedule.conflictWith(window);
        try {
            assertThat(schedule.checkAgainst(window)).isSameAs(schedule);
            assertThat(conflict).isEmpty();
            return true;
        } catch (InvalidInputException e) {
            assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("start-time"));
            assertThat(conflict).isPresent();
            return false;
        }
    }

    private static void assertOutside(Instant run, ZoneId zone, BackupWindow window) {
        assertThat(window.contains(run.atZone(zone).toLocalTime()))
                .as("run at %s (%s) inside %s", run, run.atZone(zone), window)
                .isFalse();
    }

    /**
     * For calendar units two years of runs. For elapsed units, runs with step {@code s}: any
     * {@code 24 h / gcd(s, 24 h)} consecutive runs visit every time of day the schedule can ever
     * reach, so that many runs from the first run and from each offset change of the next two
     * years cover every wall-clock time that really occurs.
     */
    private static List<Instant> runsCoveringEveryTimeOfDayPerOffset(ReplicationSchedule schedule) {
        Instant first = schedule.firstRun();
        if (schedule.unit() != IntervalUnit.MINUTE && schedule.unit() != IntervalUnit.HOUR) {
            return schedule.nextRuns(first.minusNanos(1), 731 / daysPerStep(schedule) + 1);
        }
        Duration step = schedule.unit() == IntervalUnit.MINUTE
                ? Duration.ofMinutes(schedule.every()) : Duration.ofHours(schedule.every());
        int cycle = (int) (NANOS_PER_DAY / LongMath.gcd(step.toNanos(), NANOS_PER_DAY));
        List<Instant> runs = new ArrayList<>(schedule.nextRuns(first.minusNanos(1), cycle));
        Instant end = first.plus(Duration.ofDays(731));
        for (ZoneOffsetTransition change = schedule.zone().getRules().nextTransition(first);
                change != null && change.getInstant().isBefore(end);
                change = schedule.zone().getRules().nextTransition(change.getInstant())) {
            runs.addAll(schedule.nextRuns(change.getInstant(), cycle));
        }
        return runs;
    }

    private static int daysPerStep(ReplicationSchedule schedule) {
        return switch (schedule.unit()) {
            case DAY -> schedule.every();
            case WEEK -> 7 * schedule.every();
            default -> 28 * schedule.every();
        };
    }
}
