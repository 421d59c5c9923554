package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

class ReplicationScheduleProperties {
    private static final Instant EARLIEST = Instant.parse("1999-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2400-01-01T00:00:00Z");

    @Property
    void iteratedNextRunIsStrictlyIncreasingAndLaterThanItsArgument(
            @ForAll("schedules") ReplicationSchedule schedule, @ForAll("instants") Instant t) {
        Instant current = t;
        for (int i = 0; i < 20; i++) {
            Instant next = schedule.nextRunAfter(current);
            assertThat(next).isAfter(current);
            current = next;
        }
    }

    @Property
    void nextRunAfterEqualsBruteForceIteration(@ForAll("schedules") ReplicationSchedule schedule,
            @ForAll @DoubleRange(min = -1, max = 40) double stepsAhead, @ForAll("nanos") long nanos) {
        long offsetSeconds = (long) (stepsAhead * nominalStep(schedule).getSeconds());
        Instant t = schedule.firstRun().plusSeconds(offsetSeconds).plusNanos(nanos);

        assertThat(schedule.nextRunAfter(t)).isEqualTo(bruteForceNextRun(schedule, t));
    }

    /** 400 runs per try: fewer tries than the default keep it under half a second. */
    @Property(tries = 500)
    void dailyScheduleRunsExactlyOncePerLocalDayThroughDaylightSavingChanges(
            @ForAll("dates") LocalDate startDate, @ForAll("times") LocalTime startTime,
            @ForAll("zonesWithoutSkippedDays") ZoneId zone) {
        ReplicationSchedule schedule = ReplicationSchedule.of(startDate, startTime, zone, IntervalUnit.DAY, 1);

        // 400 days contain both changes of every daylight-saving zone in the list.
        List<Instant> runs = schedule.nextRuns(schedule.firstRun().minusNanos(1), 400);

        for (int i = 0; i < runs.size(); i++) {
            LocalDateTime local = runs.get(i).atZone(zone).toLocalDateTime();
            LocalDateTime planned = startDate.plusDays(i).atTime(startTime);
            assertThat(local.toLocalDate()).isEqualTo(planned.toLocalDate());
            assertThat(local.toLocalTime()).isEqualTo(expectedWallClock(planned, zone));
        }
    }

    @Provide
    Arbitrary<ReplicationSchedule> schedules() {
        return Combinators.combine(ScheduleArbitraries.startDates(), ScheduleArbitraries.startTimes(),
                ScheduleArbitraries.zones(ScheduleArbitraries.ZONES), Arbitraries.of(IntervalUnit.class),
                Arbitraries.integers().between(1, ReplicationSchedule.MAX_EVERY)).as(ReplicationSchedule::of);
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(EARLIEST.getEpochSecond(), LATEST.getEpochSecond())
                .map(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<Long> nanos() {
        return Arbitraries.longs().between(0, 999_999_999L).edgeCases(edges -> edges.includeOnly(0L, 999_999_999L));
    }

    @Provide
    Arbitrary<LocalDate> dates() {
        return ScheduleArbitraries.startDates();
    }

    @Provide
    Arbitrary<LocalTime> times() {
        return ScheduleArbitraries.startTimes();
    }

    @Provide
    Arbitrary<ZoneId> zonesWithoutSkippedDays() {
        return ScheduleArbitraries.zones("Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "UTC",
                "Asia/Kathmandu");
    }

    /** The wall-clock time a run planned at {@code planned} really has: moved by the gap if it does not exist. */
    private static LocalTime expectedWallClock(LocalDateTime planned, ZoneId zone) {
        if (!zone.getRules().getValidOffsets(planned).isEmpty()) {
            return planned.toLocalTime();
        }
        return planned.plus(zone.getRules().getTransition(planned).getDuration()).toLocalTime();
    }

    /** Run k by the definition in the Javadoc, independent of the implementation's arithmetic. */
    private static Instant definedRun(ReplicationSchedule s, long k) {
        long n = k * s.every();
        return switch (s.unit()) {
            case MINUTE -> s.firstRun().plus(Duration.ofMinutes(n));
            case HOUR -> s.firstRun().plus(Duration.ofHours(n));
            case DAY -> ZonedDateTime.of(s.startDate().plusDays(n), s.startTime(), s.zone()).toInstant();
            case WEEK -> ZonedDateTime.of(s.startDate().plusWeeks(n), s.startTime(), s.zone()).toInstant();
            case MONTH -> ZonedDateTime.of(s.startDate().plusMonths(n), s.startTime(), s.zone()).toInstant();
        };
    }

    private static Instant bruteForceNextRun(ReplicationSchedule s, Instant t) {
        for (long k = 0; ; k++) {
            Instant run = definedRun(s, k);
            if (run.isAfter(t)) {
                return run;
            }
        }
    }

    private static Duration nominalStep(ReplicationSchedule s) {
        Duration unit = switch (s.unit()) {
            case MINUTE -> Duration.ofMinutes(1);
            case HOUR -> Duration.ofHours(1);
            case DAY -> Duration.ofDays(1);
            case WEEK -> Duration.ofDays(7);
            case MONTH -> Duration.ofDays(30);
        };
        return unit.multipliedBy(s.every());
    }
}
