package io.github.pbxredundancy.core;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/** Generators shared by the schedule properties. */
final class ScheduleArbitraries {
    /** Zones with 1-hour, 30-minute and no daylight-saving time, a 45-minute offset and one that skipped a day. */
    static final String[] ZONES = {"Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "UTC",
        "Asia/Kathmandu", "Pacific/Apia"};
    private static final LocalDate FIRST_DATE = LocalDate.of(2000, 1, 1);
    private static final LocalDate LAST_DATE = LocalDate.of(2040, 12, 31);

    private ScheduleArbitraries() {
    }

    static Arbitrary<LocalDate> startDates() {
        return Arbitraries.longs().between(0, ChronoUnit.DAYS.between(FIRST_DATE, LAST_DATE)).map(FIRST_DATE::plusDays);
    }

    /** Any minute of the day, with extra weight on the night hours in which daylight saving changes. */
    static Arbitrary<LocalTime> startTimes() {
        Arbitrary<Integer> anyMinute = Arbitraries.integers().between(0, 24 * 60 - 1);
        Arbitrary<Integer> changeHours = Arbitraries.integers().between(0, 4 * 60 - 1);
        return Arbitraries.frequencyOf(List.of(Tuple.of(2, anyMinute), Tuple.of(1, changeHours)))
                .map(minute -> LocalTime.of(minute / 60, minute % 60));
    }

    static Arbitrary<ZoneId> zones(String... ids) {
        return Arbitraries.of(ids).map(ZoneId::of);
    }
}
