package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** R8: a transfer must not overlap the creation of the backup file. */
class ReplicationScheduleWindowTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalDate START = LocalDate.of(2016, 1, 26);
    private static final BackupWindow FIVE_FOR_AN_HOUR = BackupWindow.of(LocalTime.of(5, 0), Duration.ofHours(1));

    @Test
    void dailyRunInsideTheWindowIsExplainedAndRefusedOnTheStartTime() {
        ReplicationSchedule schedule = schedule(LocalTime.of(5, 0), BERLIN, IntervalUnit.DAY, 1);

        assertThat(schedule.conflictWith(FIVE_FOR_AN_HOUR)).contains(
                "runs at 05:00 fall into the backup window 04:30\u201306:30 (backup 05:00 for 1 h, margin 30 min)");
        assertThatThrownBy(() -> schedule.checkAgainst(FIVE_FOR_AN_HOUR))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.problems()).singleElement().satisfies(problem -> {
                        assertThat(problem.field()).isEqualTo("start-time");
                        assertThat(problem.value()).isEqualTo("'05:00'");
                    });
                    assertThat(e.reason()).isEqualTo(ReasonCode.INVALID_INPUT);
                });
    }

    @Test
    void theMarginCountsOnBothSidesStartInclusiveEndExclusive() {
        assertThat(schedule(LocalTime.of(4, 29), BERLIN, IntervalUnit.DAY, 1).conflictWith(FIVE_FOR_AN_HOUR)).isEmpty();
        assertThat(schedule(LocalTime.of(4, 30), BERLIN, IntervalUnit.DAY, 1).conflictWith(FIVE_FOR_AN_HOUR)).isPresent();
        assertThat(schedule(LocalTime.of(6, 29), BERLIN, IntervalUnit.WEEK, 2).conflictWith(FIVE_FOR_AN_HOUR)).isPresent();
        assertThat(schedule(LocalTime.of(6, 30), BERLIN, IntervalUnit.MONTH, 1).conflictWith(FIVE_FOR_AN_HOUR)).isEmpty();
    }

    @Test
    void scheduleOutsideTheWindowIsReturnedUnchanged() {
        ReplicationSchedule schedule = schedule(LocalTime.of(2, 0), BERLIN, IntervalUnit.DAY, 1);

        assertThat(schedule.checkAgainst(FIVE_FOR_AN_HOUR)).isSameAs(schedule);
    }

    @Test
    void windowWrappingPastMidnightCatchesRunsOnBothSides() {
        BackupWindow lateNight = BackupWindow.of(LocalTime.of(23, 30), Duration.ofHours(1));

        assertThat(schedule(LocalTime.of(22, 59), BERLIN, IntervalUnit.DAY, 1).conflictWith(lateNight)).isEmpty();
        assertThat(schedule(LocalTime.of(23, 0), BERLIN, IntervalUnit.DAY, 1).conflictWith(lateNight)).isPresent();
        assertThat(schedule(LocalTime.of(0, 15), BERLIN, IntervalUnit.DAY, 1).conflictWith(lateNight)).isPresent();
        assertThat(schedule(LocalTime.of(1, 0), BERLIN, IntervalUnit.DAY, 1).conflictWith(lateNight)).isEmpty();
    }

    @Test
    void runMovedByASpringForwardGapIntoTheWindowIsRefused() {
        BackupWindow halfPastThree = new BackupWindow(LocalTime.of(3, 30), Duration.ofMinutes(30), Duration.ZERO);

        assertThat(schedule(LocalTime.of(2, 30), BERLIN, IntervalUnit.DAY, 1).conflictWith(halfPastThree)).contains(
                "runs on daylight-saving days such as 2016-03-27 move from 02:30 to 03:30 and fall into the backup"
                        + " window 03:30\u201304:00 (backup 03:30 for 30 min, margin 0 s)");
        // Weekly runs on Tuesdays never fall on the Sunday of the change; the check is conservative.
        assertThat(schedule(LocalTime.of(2, 30), BERLIN, IntervalUnit.WEEK, 1).conflictWith(halfPastThree)).isPresent();
        assertThat(schedule(LocalTime.of(1, 30), BERLIN, IntervalUnit.DAY, 1).conflictWith(halfPastThree)).isEmpty();
        assertThat(schedule(LocalTime.of(2, 30), ZoneOffset.UTC, IntervalUnit.DAY, 1).conflictWith(halfPastThree))
                .isEmpty();
    }

    @Test
    void halfHourGapOfLordHoweMovesTheRunByHalfAnHour() {
        BackupWindow twentyToThree = new BackupWindow(LocalTime.of(2, 40), Duration.ofMinutes(10), Duration.ZERO);

        assertThat(schedule(LocalTime.of(2, 15), ZoneId.of("Australia/Lord_Howe"), IntervalUnit.DAY, 1)
                .conflictWith(twentyToThree)).hasValueSatisfying(text -> assertThat(text).contains("to 02:45"));
        assertThat(schedule(LocalTime.of(2, 15), ZoneId.of("Australia/Sydney"), IntervalUnit.DAY, 1)
                .conflictWith(twentyToThree)).isEmpty();
    }

    @Test
    void hourlyRunsAreCheckedWithTheSummerOffsetToo() {
        // From midnight in winter every 2 hours: even local hours in winter, odd ones in summer.
        ReplicationSchedule everyTwoHours = schedule(LocalTime.MIDNIGHT, BERLIN, IntervalUnit.HOUR, 2);

        assertThat(everyTwoHours.conflictWith(new BackupWindow(LocalTime.of(3, 10), Duration.ofMinutes(40),
                Duration.ZERO))).isEmpty();
        assertThat(everyTwoHours.conflictWith(new BackupWindow(LocalTime.of(5, 0), Duration.ofMinutes(10),
                Duration.ZERO))).contains("runs every 2 hours can start at 05:00 local time (at UTC+02:00), which falls"
                        + " into the backup window 05:00\u201305:10 (backup 05:00 for 10 min, margin 0 s)");
        assertThat(schedule(LocalTime.MIDNIGHT, ZoneOffset.UTC, IntervalUnit.HOUR, 2).conflictWith(
                new BackupWindow(LocalTime.of(5, 0), Duration.ofMinutes(10), Duration.ZERO))).isEmpty();
    }

    @Test
    void everyTwentyFourHoursDriftsIntoAWindowThatEveryDayAvoids() {
        BackupWindow six = new BackupWindow(LocalTime.of(6, 0), Duration.ofMinutes(30), Duration.ZERO);

        assertThat(schedule(LocalTime.of(5, 0), BERLIN, IntervalUnit.DAY, 1).conflictWith(six)).isEmpty();
        assertThat(schedule(LocalTime.of(5, 0), BERLIN, IntervalUnit.HOUR, 24).conflictWith(six))
                .hasValueSatisfying(text -> assertThat(text).contains("at 06:00 local time"));
    }

    @Test
    void minuteRunsMissOnlyWindowsShorterThanTheirSpacing() {
        ReplicationSchedule everySevenMinutes = schedule(LocalTime.of(5, 0), BERLIN, IntervalUnit.MINUTE, 7);

        // gcd(7 min, 24 h) = 1 min: over the days the runs visit every whole minute of the day.
        assertThat(everySevenMinutes.conflictWith(new BackupWindow(LocalTime.of(12, 1), Duration.ofMinutes(1),
                Duration.ZERO))).isPresent();
        assertThat(everySevenMinutes.conflictWith(new BackupWindow(LocalTime.of(12, 0, 10), Duration.ofSeconds(30),
                Duration.ZERO))).isEmpty();
    }

    private static ReplicationSchedule schedule(LocalTime time, ZoneId zone, IntervalUnit unit, int every) {
        return ReplicationSchedule.of(START, time, zone, unit, every);
    }
}
