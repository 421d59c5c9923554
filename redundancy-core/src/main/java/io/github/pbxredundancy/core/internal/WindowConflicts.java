package io.github.pbxredundancy.core.internal;

import com.google.common.math.LongMath;
import io.github.pbxredundancy.core.BackupWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Decides whether the runs of a replication schedule can start inside a host's backup window
 * (R8). Both checks are sound but deliberately conservative: they may refuse a schedule whose
 * runs happen to miss the window on every real date, never accept one that hits it.
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
public final class WindowConflicts {
    private static final long NANOS_PER_DAY = Duration.ofDays(1).toNanos();
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** A gap on the start date itself lies before the first run's instant; look back far enough. */
    private static final Duration LOOK_BACK = Duration.ofDays(2);

    private WindowConflicts() {
    }

    /**
     * For runs on the wall clock (calendar units): they start at {@code startTime}, except on a
     * day where a daylight-saving gap swallows that time and the run moves forward by the gap's
     * length. Every gap of the zone from the first run on counts, whether or not its date is a
     * scheduled day.
     *
     * @param startTime the schedule's wall-clock start time
     * @param zone the schedule's zone, in which the window is given too
     * @param firstRun the schedule's first run
     * @param window the backup window
     * @return one sentence explaining the first conflict found, or empty
     */
    public static Optional<String> wallClockRuns(LocalTime startTime, ZoneId zone, Instant firstRun,
            BackupWindow window) {
        if (window.contains(startTime)) {
            return Optional.of("runs at " + startTime + " fall into the backup window " + window);
        }
        for (ZoneOffsetTransition transition : ZoneChanges.after(zone.getRules(), firstRun.minus(LOOK_BACK))) {
            if (!transition.isGap()) {
                continue;
            }
            Optional<LocalDateTime> moved = movedByGap(startTime, transition);
            if (moved.isPresent() && window.contains(moved.get().toLocalTime())) {
                return Optional.of("runs on daylight-saving days such as " + moved.get().toLocalDate()
                        + " move from " + startTime + " to " + moved.get().toLocalTime()
                        + " and fall into the backup window " + window);
            }
        }
        return Optional.empty();
    }

    /**
     * For runs a fixed elapsed step apart (minutes, hours): modulo one day their UTC times of
     * day form the progression {@code r + j * g} with {@code g = gcd(step, 24 h)} and {@code r}
     * the first run's UTC time of day modulo {@code g}. Each UTC offset the zone uses from the
     * first run on turns that into local times; a conflict exists if any of them, under any of
     * those offsets, falls into the window, even if that offset is never in force at that time.
     *
     * @param firstRun the schedule's first run
     * @param step the elapsed time between runs, positive
     * @param stepText the step for the message, e.g. {@code 90 minutes}
     * @param zone the schedule's zone, in which the window is given
     * @param window the backup window
     * @return one sentence explaining the first conflict found, or empty
     */
    public static Optional<String> elapsedRuns(Instant firstRun, Duration step, String stepText, ZoneId zone,
            BackupWindow window) {
        long period = LongMath.gcd(step.toNanos(), NANOS_PER_DAY);
        long firstUtcNanoOfDay = Math.floorMod(firstRun.getEpochSecond(), 86_400L) * NANOS_PER_SECOND
                + firstRun.getNano();
        long windowStart = window.widenedStart().toNanoOfDay();
        long windowLength = window.widenedLength().toNanos();
        for (ZoneOffset offset : ZoneChanges.offsetsFrom(zone.getRules(), firstRun)) {
            long local = firstUtcNanoOfDay + offset.getTotalSeconds() * NANOS_PER_SECOND;
            // The progression's first point at or after the window start: its distance is
            // (local - windowStart) mod period, because the period divides a whole day.
            long distance = Math.floorMod(local - windowStart, period);
            if (distance < windowLength) {
                LocalTime hit = LocalTime.ofNanoOfDay(Math.floorMod(windowStart + distance, NANOS_PER_DAY));
                return Optional.of("runs every " + stepText + " can start at " + hit + " local time (at "
                        + utc(offset) + "), which falls into the backup window " + window);
            }
        }
        return Optional.empty();
    }

    private static Optional<LocalDateTime> movedByGap(LocalTime startTime, ZoneOffsetTransition gap) {
        LocalDateTime gapStart = gap.getDateTimeBefore();
        LocalDateTime gapEnd = gap.getDateTimeAfter();
        // A gap can straddle midnight, so the planned run may sit on either date.
        return Stream.of(gapStart.toLocalDate(), gapEnd.toLocalDate())
                .distinct()
                .map((LocalDate date) -> date.atTime(startTime))
                .filter(planned -> !planned.isBefore(gapStart) && planned.isBefore(gapEnd))
                .map(planned -> planned.plus(gap.getDuration()))
                .findFirst();
    }

    private static String utc(ZoneOffset offset) {
        return offset.equals(ZoneOffset.UTC) ? "UTC" : "UTC" + offset.getId();
    }
}
