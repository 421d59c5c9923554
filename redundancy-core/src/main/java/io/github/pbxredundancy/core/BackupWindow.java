package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.internal.DurationText;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The time of day at which the host creates its backup file, which a replication run must not
 * overlap (R8: "the transfer time must not overlap the creation of the backup file").
 *
 * <p>Times are wall-clock times in the replication schedule's own time zone. The window is
 * widened by {@code margin} on both sides, because backup creation does not always take the
 * same time and a transfer that starts just before it still runs while it starts. A window may
 * wrap past midnight (start 23:30 for 1 h covers 23:30 to 00:30).
 *
 * <p>Immutable and thread-safe.
 *
 * @param start when backup creation starts each day
 * @param duration how long it takes at most; more than zero and less than 24 hours
 * @param margin kept free before and after; zero or more, and {@code duration + 2 * margin}
 *     must stay below 24 hours so that some time of day remains for transfers
 */
public record BackupWindow(LocalTime start, Duration duration, Duration margin) {
    /**
     * Margin used by {@link #of(LocalTime, Duration)}: 30 minutes on each side. STARFACE
     * itself moves a colliding archiving or backup job by one hour; half an hour each side
     * adds up to that hour of separation.
     */
    public static final Duration DEFAULT_MARGIN = Duration.ofMinutes(30);

    private static final Duration DAY = Duration.ofDays(1);
    private static final long NANOS_PER_DAY = DAY.toNanos();

    /**
     * Validates every part and reports all violations at once.
     *
     * @throws InvalidInputException on fields {@code backup-start}, {@code backup-duration},
     *     {@code backup-margin}
     */
    public BackupWindow {
        List<InputProblem> problems = new ArrayList<>();
        if (start == null) {
            problems.add(InputProblem.of("backup-start", null, "is required"));
        }
        boolean durationOk = duration != null && duration.compareTo(Duration.ZERO) > 0
                && duration.compareTo(DAY) < 0;
        if (!durationOk) {
            problems.add(InputProblem.of("backup-duration", text(duration),
                    "must be more than 0 and less than 24 h"));
        }
        // A margin of a day or more can never fit; rejecting it first also keeps 2 * margin from overflowing.
        boolean marginOk = margin != null && !margin.isNegative() && margin.compareTo(DAY) < 0;
        if (!marginOk) {
            problems.add(InputProblem.of("backup-margin", text(margin),
                    "must be 0 or more and less than 24 h"));
        }
        if (durationOk && marginOk && duration.plus(margin.multipliedBy(2)).compareTo(DAY) >= 0) {
            problems.add(InputProblem.of("backup-margin", text(margin),
                    "together with the backup duration of " + DurationText.of(duration)
                            + " on both sides must leave some time of day free (duration + 2 * margin < 24 h)"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /**
     * A window with the {@linkplain #DEFAULT_MARGIN default margin} of 30 minutes.
     *
     * @param start when backup creation starts each day
     * @param duration how long it takes at most
     * @return the window
     * @throws InvalidInputException if a value breaks a rule of the canonical constructor
     */
    public static BackupWindow of(LocalTime start, Duration duration) {
        return new BackupWindow(start, duration, DEFAULT_MARGIN);
    }

    /**
     * Whether a run starting at {@code time} would overlap backup creation: {@code time} lies in
     * the widened window, from {@link #widenedStart()} inclusive to {@link #widenedEnd()}
     * exclusive, wrapping past midnight where needed.
     *
     * @param time a wall-clock time in the schedule's zone
     * @return true if the time is inside the widened window
     */
    public boolean contains(LocalTime time) {
        long sinceWidenedStart = Math.floorMod(time.toNanoOfDay() - widenedStart().toNanoOfDay(), NANOS_PER_DAY);
        return sinceWidenedStart < widenedLength().toNanos();
    }

    /** Where the widened window begins: {@code start - margin}, wrapped to the previous day if needed. */
    public LocalTime widenedStart() {
        return start.minus(margin);
    }

    /** Where the widened window ends (exclusive): {@code start + duration + margin}, wrapped past midnight if needed. */
    public LocalTime widenedEnd() {
        return start.plus(duration).plus(margin);
    }

    /** The length of the widened window: {@code duration + 2 * margin}, always less than a day. */
    public Duration widenedLength() {
        return duration.plus(margin.multipliedBy(2));
    }

    /** For messages: {@code 04:30–06:30 (backup 05:00 for 1 h, margin 30 min)}. */
    @Override
    public String toString() {
        return widenedStart() + "\u2013" + widenedEnd() + " (backup " + start + " for "
                + DurationText.of(duration) + ", margin " + DurationText.of(margin) + ")";
    }

    private static String text(Duration value) {
        return value == null ? null : value.toString();
    }
}
