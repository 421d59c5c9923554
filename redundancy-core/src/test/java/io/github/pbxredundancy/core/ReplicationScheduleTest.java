package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicationScheduleTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void seedExampleRunsEveryDayAtFiveInTheMorningBerlinTime() {
        // R7: every 1 day, start 26.01.2016 05:00.
        ReplicationSchedule schedule = ReplicationSchedule.of(LocalDate.of(2016, 1, 26), LocalTime.of(5, 0), BERLIN,
                IntervalUnit.parse("Day"), 1);

        assertThat(schedule.firstRun()).isEqualTo(Instant.parse("2016-01-26T04:00:00Z"));
        assertThat(schedule.nextRuns(Instant.parse("2016-01-01T00:00:00Z"), 3)).containsExactly(
                Instant.parse("2016-01-26T04:00:00Z"),
                Instant.parse("2016-01-27T04:00:00Z"),
                Instant.parse("2016-01-28T04:00:00Z"));
        assertThat(schedule.nextRunAfter(Instant.parse("2016-01-26T04:00:00Z")))
                .isEqualTo(Instant.parse("2016-01-27T04:00:00Z"));
        // After the switch to summer time 05:00 Berlin is 03:00 UTC.
        assertThat(schedule.nextRuns(Instant.parse("2016-03-26T12:00:00Z"), 2)).containsExactly(
                Instant.parse("2016-03-27T03:00:00Z"),
                Instant.parse("2016-03-28T03:00:00Z"));
        assertThat(schedule).hasToString("every 1 day from 2016-01-26 05:00 (Europe/Berlin)");
    }

    @Test
    void springForwardDayHasExactlyOneRunMovedByTheGap() {
        ReplicationSchedule schedule = daily(LocalDate.of(2016, 3, 20), LocalTime.of(2, 30));

        List<Instant> onTheDay = runsOnLocalDate(schedule, LocalDate.of(2016, 3, 27));

        // 02:30 does not exist that day; 03:30 CEST is 01:30 UTC.
        assertThat(onTheDay).containsExactly(Instant.parse("2016-03-27T01:30:00Z"));
        assertThat(onTheDay.get(0).atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(3, 30));
        assertThat(schedule.nextRunAfter(onTheDay.get(0))).isEqualTo(Instant.parse("2016-03-28T00:30:00Z"));
    }

    @Test
    void fallBackDayHasExactlyOneRunAtTheEarlierInstant() {
        ReplicationSchedule schedule = daily(LocalDate.of(2016, 10, 20), LocalTime.of(2, 30));

        List<Instant> onTheDay = runsOnLocalDate(schedule, LocalDate.of(2016, 10, 30));

        // 02:30 happens twice: at 00:30 UTC (CEST) and at 01:30 UTC (CET); only the first runs.
        assertThat(onTheDay).containsExactly(Instant.parse("2016-10-30T00:30:00Z"));
        assertThat(schedule.nextRunAfter(Instant.parse("2016-10-30T00:30:00Z")))
                .isEqualTo(Instant.parse("2016-10-31T01:30:00Z"));
    }

    @Test
    void monthlyFromTheThirtyFirstUsesTheLastDayOfShorterMonthsAndReturns() {
        ReplicationSchedule schedule = ReplicationSchedule.of(LocalDate.of(2016, 1, 31), LocalTime.of(5, 0), BERLIN,
                IntervalUnit.MONTH, 1);

        List<LocalDateTime> local = schedule.nextRuns(Instant.parse("2016-01-01T00:00:00Z"), 5).stream()
                .map(run -> run.atZone(BERLIN).toLocalDateTime())
                .toList();

        assertThat(local).containsExactly(
                LocalDateTime.of(2016, 1, 31, 5, 0),
                LocalDateTime.of(2016, 2, 29, 5, 0),
                LocalDateTime.of(2016, 3, 31, 5, 0),
                LocalDateTime.of(2016, 4, 30, 5, 0),
                LocalDateTime.of(2016, 5, 31, 5, 0));
    }

    @Test
    void everyTwoMonthsCountsFromTheAnchor() {
        ReplicationSchedule schedule = ReplicationSchedule.of(LocalDate.of(2015, 12, 31), LocalTime.of(5, 0), BERLIN,
                IntervalUnit.MONTH, 2);

        assertThat(schedule.nextRuns(Instant.parse("2015-12-01T00:00:00Z"), 4).stream()
                .map(run -> run.atZone(BERLIN).toLocalDate()))
                .containsExactly(LocalDate.of(2015, 12, 31), LocalDate.of(2016, 2, 29),
                        LocalDate.of(2016, 4, 30), LocalDate.of(2016, 6, 30));
    }

    @Test
    void weeklyRunsSevenCalendarDaysApartAcrossTheSpringChange() {
        ReplicationSchedule schedule = ReplicationSchedule.of(LocalDate.of(2016, 3, 20), LocalTime.of(5, 0), BERLIN,
                IntervalUnit.WEEK, 1);

        assertThat(schedule.nextRuns(Instant.parse("2016-03-20T00:00:00Z"), 2)).containsExactly(
                Instant.parse("2016-03-20T04:00:00Z"),
                Instant.parse("2016-03-27T03:00:00Z"));
    }

    @Test
    void hourlyRunsKeepAFixedElapsedStepAcrossBothChanges() {
        ReplicationSchedule spring = ReplicationSchedule.of(LocalDate.of(2016, 3, 27), LocalTime.MIDNIGHT, BERLIN,
                IntervalUnit.HOUR, 1);
        List<Instant> springRuns = spring.nextRuns(Instant.parse("2016-03-26T00:00:00Z"), 5);

        assertThat(springRuns).containsExactly(
                Instant.parse("2016-03-26T23:00:00Z"), Instant.parse("2016-03-27T00:00:00Z"),
                Instant.parse("2016-03-27T01:00:00Z"), Instant.parse("2016-03-27T02:00:00Z"),
                Instant.parse("2016-03-27T03:00:00Z"));
        assertThat(springRuns.stream().map(run -> run.atZone(BERLIN).getHour()))
                .containsExactly(0, 1, 3, 4, 5);

        ReplicationSchedule autumn = ReplicationSchedule.of(LocalDate.of(2016, 10, 30), LocalTime.MIDNIGHT, BERLIN,
                IntervalUnit.HOUR, 1);
        List<Instant> autumnRuns = autumn.nextRuns(Instant.parse("2016-10-29T00:00:00Z"), 5);

        for (int i = 1; i < autumnRuns.size(); i++) {
            assertThat(Duration.between(autumnRuns.get(i - 1), autumnRuns.get(i))).isEqualTo(Duration.ofHours(1));
        }
        assertThat(autumnRuns.stream().map(run -> run.atZone(BERLIN).getHour()))
                .containsExactly(0, 1, 2, 2, 3);
    }

    @Test
    void findsTheNextMinuteRunCenturiesAhead() {
        ReplicationSchedule schedule = ReplicationSchedule.of(LocalDate.of(2016, 1, 26), LocalTime.of(5, 0), BERLIN,
                IntervalUnit.MINUTE, 7);
        Instant far = Instant.parse("2999-06-15T12:34:56.5Z");

        Instant next = schedule.nextRunAfter(far);

        assertThat(next).isAfter(far);
        assertThat(next.minus(Duration.ofMinutes(7))).isBeforeOrEqualTo(far);
        assertThat(Duration.between(schedule.firstRun(), next).toMinutes() % 7).isZero();
        assertThat(Duration.between(schedule.firstRun(), next).toNanosPart()).isZero();
    }

    @Test
    void findsTheNextDailyRunCenturiesAhead() {
        ReplicationSchedule schedule = ReplicationSchedule.of(LocalDate.of(2016, 1, 26), LocalTime.of(5, 0), BERLIN,
                IntervalUnit.DAY, 3);

        Instant next = schedule.nextRunAfter(Instant.parse("2999-06-15T12:00:00Z"));

        // 2999-06-15 is 359,174 days after 2016-01-26; the next multiple of 3 is 359,175: 2999-06-16.
        assertThat(next.atZone(BERLIN).toLocalDateTime()).isEqualTo(LocalDateTime.of(2999, 6, 16, 5, 0));
    }

    @Test
    void runBeyondTheSupportedDatesIsADateTimeException() {
        for (IntervalUnit unit : IntervalUnit.values()) {
            ReplicationSchedule schedule = ReplicationSchedule.of(LocalDate.of(2016, 1, 26), LocalTime.of(5, 0), BERLIN,
                    unit, 1000);

            assertThatThrownBy(() -> schedule.nextRunAfter(Instant.MAX)).isInstanceOf(DateTimeException.class);
        }
    }

    @Test
    void nextRunAfterAnInstantBeforeTheStartIsTheFirstRun() {
        ReplicationSchedule schedule = daily(LocalDate.of(2016, 1, 26), LocalTime.of(5, 0));

        assertThat(schedule.nextRunAfter(Instant.MIN)).isEqualTo(schedule.firstRun());
        assertThat(schedule.nextRunAfter(schedule.firstRun().minusNanos(1))).isEqualTo(schedule.firstRun());
    }

    @Test
    void firstRunOnASpringForwardDayMovesByTheGap() {
        assertThat(daily(LocalDate.of(2016, 3, 27), LocalTime.of(2, 30)).firstRun())
                .isEqualTo(Instant.parse("2016-03-27T01:30:00Z"));
    }

    @Test
    void nextRunsOfZeroIsEmptyAndNegativeIsRejected() {
        ReplicationSchedule schedule = daily(LocalDate.of(2016, 1, 26), LocalTime.of(5, 0));

        assertThat(schedule.nextRuns(Instant.EPOCH, 0)).isEmpty();
        assertThatThrownBy(() -> schedule.nextRuns(Instant.EPOCH, -1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("count '-1'");
    }

    @Test
    void rejectsARepeatCountOutsideOneToOneThousand() {
        for (int every : new int[] {0, -1, 1001, Integer.MAX_VALUE}) {
            assertThatThrownBy(() -> ReplicationSchedule.of(LocalDate.of(2016, 1, 26), LocalTime.of(5, 0), BERLIN,
                    IntervalUnit.DAY, every))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("repeat-every '" + every + "'")
                    .hasMessageContaining("1 to 1000");
        }
        assertThat(ReplicationSchedule.of(LocalDate.of(2016, 1, 26), LocalTime.of(5, 0), BERLIN,
                IntervalUnit.DAY, 1000).every()).isEqualTo(1000);
    }

    @Test
    void reportsEveryMissingPartAtOnce() {
        assertThatThrownBy(() -> ReplicationSchedule.of(null, null, null, null, 0))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(InputProblem::field)
                        .containsExactly("start-date", "start-time", "time-zone", "interval-unit", "repeat-every"));
    }

    private static ReplicationSchedule daily(LocalDate date, LocalTime time) {
        return ReplicationSchedule.of(date, time, BERLIN, IntervalUnit.DAY, 1);
    }

    private static List<Instant> runsOnLocalDate(ReplicationSchedule schedule, LocalDate date) {
        return schedule.nextRuns(date.minusDays(2).atStartOfDay(BERLIN).toInstant(), 6).stream()
                .filter(run -> run.atZone(BERLIN).toLocalDate().equals(date))
                .toList();
    }
}
