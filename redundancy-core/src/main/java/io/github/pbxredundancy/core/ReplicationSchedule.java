package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.internal.WindowConflicts;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When the active node ships its backup to the standby: the STARFACE form's start date
 * ("Start (dd.mm.jjjj)"), start time ("Zeit (hh:mm)"), interval unit ("Timer-Intervall") and
 * "repeat every N" ("Wiederhole alle"), R7, in an explicit time zone. The interval bounds the
 * data an emergency promotion can lose (R21: the interval is the RPO).
 *
 * <p>Runs are numbered from {@code k = 0}, the {@linkplain #firstRun() first run}:
 * <ul>
 *   <li>{@link IntervalUnit#DAY}, {@link IntervalUnit#WEEK} (7 days) and {@link IntervalUnit#MONTH}
 *       are calendar units anchored to the start: run {@code k} is at the start time on the date
 *       {@code startDate.plusDays(k * every)} (times 7 for weeks) or
 *       {@code startDate.plusMonths(k * every)}, in {@code zone}. Months are counted from the
 *       anchor, not from the previous run, so a schedule starting on January 31st runs on
 *       February 28th or 29th, on March 31st again, then on April 30th. The wall-clock time stays
 *       the same across daylight-saving changes. On a spring-forward day on which the start time
 *       does not exist, the run moves forward by the length of the gap (02:30 becomes 03:30 in
 *       Europe/Berlin); on a fall-back day on which it exists twice, the run happens once, at the
 *       earlier instant ({@link ZonedDateTime#of} semantics). So there is one run per scheduled
 *       day, daylight-saving days included.</li>
 *   <li>{@link IntervalUnit#MINUTE} and {@link IntervalUnit#HOUR} are elapsed-time units: run
 *       {@code k} is {@code firstRun() + k * every * unit}. They follow real time, so across a
 *       daylight-saving change their wall-clock times shift by the change.</li>
 * </ul>
 * Runs never go backwards in time. In a zone that skipped a whole calendar day (Pacific/Apia
 * on 2011-12-30) the skipped day's run coincides with the next day's and happens once.
 *
 * <p>R8 forbids transfers that overlap the creation of the backup file: see
 * {@link #conflictWith(BackupWindow)} and {@link #checkAgainst(BackupWindow)}.
 *
 * <p>Immutable and thread-safe; every method is a pure function of the schedule and its
 * arguments and never reads the system clock.
 *
 * @param startDate the date of the first run, in {@code zone}
 * @param startTime the wall-clock time of the first run (and of every run of a calendar unit)
 * @param zone the time zone of the start and of the host's backup window
 * @param unit the interval unit
 * @param every the number of units between runs, 1 to {@value #MAX_EVERY}
 */
public record ReplicationSchedule(LocalDate startDate, LocalTime startTime, ZoneId zone, IntervalUnit unit,
        int every) {
    /** The largest accepted "repeat every" count. */
    public static final int MAX_EVERY = 1000;

    /**
     * Validates every part and reports all violations at once.
     *
     * @throws InvalidInputException on fields {@code start-date}, {@code start-time},
     *     {@code time-zone}, {@code interval-unit}, {@code repeat-every}
     */
    public ReplicationSchedule {
        List<InputProblem> problems = new ArrayList<>();
        requirePresent(problems, "start-date", startDate);
        requirePresent(problems, "start-time", startTime);
        requirePresent(problems, "time-zone", zone);
        requirePresent(problems, "interval-unit", unit);
        if (every < 1 || every > MAX_EVERY) {
            problems.add(InputProblem.of("repeat-every", String.valueOf(every),
                    "must be a whole number from 1 to " + MAX_EVERY));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /**
     * A schedule; the same as the canonical constructor.
     *
     * @param startDate the date of the first run, in {@code zone}
     * @param startTime the wall-clock time of the first run
     * @param zone the time zone of the start and of the host's backup window
     * @param unit the interval unit
     * @param every the number of units between runs, 1 to {@value #MAX_EVERY}
     * @return the schedule
     * @throws InvalidInputException if a value is missing or {@code every} is out of range
     */
    public static ReplicationSchedule of(LocalDate startDate, LocalTime startTime, ZoneId zone, IntervalUnit unit,
            int every) {
        return new ReplicationSchedule(startDate, startTime, zone, unit, every);
    }

    /**
     * The first run: the start date and time in the zone, moved forward by the gap if that
     * local time does not exist, the earlier instant if it exists twice.
     *
     * @return the instant of run 0
     */
    public Instant firstRun() {
        return ZonedDateTime.of(startDate, startTime, zone).toInstant();
    }

    /**
     * The first run strictly after {@code t}; the first run itself if {@code t} is before it.
     * Takes constant time however far {@code t} lies in the future.
     *
     * @param t any instant
     * @return a run later than {@code t}
     * @throws DateTimeException if that run lies beyond the range of {@link LocalDate} or
     *     {@link Instant}
     */
    public Instant nextRunAfter(Instant t) {
        Objects.requireNonNull(t, "t");
        Instant first = firstRun();
        if (t.isBefore(first)) {
            return first;
        }
        // The estimate is off by at most a step or two (UTC offsets, short months); walk the rest.
        long k = Math.max(0, estimateLastRunNumberNotAfter(t, first));
        while (!run(k).isAfter(t)) {
            k++;
        }
        while (k > 0 && run(k - 1).isAfter(t)) {
            k--;
        }
        return run(k);
    }

    /**
     * The next {@code count} runs strictly after {@code after}, in increasing order.
     *
     * @param after any instant
     * @param count how many runs, zero or more
     * @return an unmodifiable list of {@code count} strictly increasing instants
     * @throws InvalidInputException on field {@code count} if it is negative
     * @throws DateTimeException if a run lies beyond the supported range
     */
    public List<Instant> nextRuns(Instant after, int count) {
        if (count < 0) {
            throw InvalidInputException.of("count", String.valueOf(count), "must be 0 or more");
        }
        List<Instant> runs = new ArrayList<>(count);
        Instant previous = Objects.requireNonNull(after, "after");
        for (int i = 0; i < count; i++) {
            previous = nextRunAfter(previous);
            runs.add(previous);
        }
        return List.copyOf(runs);
    }

    /**
     * Whether some run can start inside the host's backup window widened by its margin (R8),
     * explained in one sentence, e.g. {@code runs at 05:00 fall into the backup window
     * 04:30–06:30 (backup 05:00 for 1 h, margin 30 min)}.
     *
     * <p>The check is deliberately conservative: it never accepts a schedule with a run in the
     * window, but may refuse one whose runs only could be there. For calendar units the runs'
     * wall-clock time is the start time, or the start time moved by a daylight-saving gap of the
     * zone (any gap from the first run on, whether or not its date is a scheduled day). For
     * minute and hour units the runs' UTC times of day repeat with period
     * {@code gcd(every * unit, 24 h)}; each is converted with every UTC offset the zone uses from
     * the first run on (standard and daylight-saving time), whether or not that offset is in force
     * at that time.
     *
     * @param window the host's backup-file creation window, in this schedule's zone
     * @return the explanation, or empty if no run can start inside the window
     */
    public Optional<String> conflictWith(BackupWindow window) {
        Objects.requireNonNull(window, "window");
        if (isElapsedTime()) {
            return WindowConflicts.elapsedRuns(firstRun(), elapsedStep(), unit.withCount(every), zone, window);
        }
        return WindowConflicts.wallClockRuns(startTime, zone, firstRun(), window);
    }

    /**
     * This schedule, if no run can start inside the backup window ({@link #conflictWith}).
     *
     * @param window the host's backup-file creation window, in this schedule's zone
     * @return this schedule
     * @throws InvalidInputException on field {@code start-time}, explaining the conflict
     */
    public ReplicationSchedule checkAgainst(BackupWindow window) {
        Optional<String> conflict = conflictWith(window);
        if (conflict.isPresent()) {
            throw InvalidInputException.of("start-time", startTime.toString(), conflict.get()
                    + "; the transfer must not overlap the creation of the backup file, so choose another start"
                    + " time or interval");
        }
        return this;
    }

    /** For logs: {@code every 1 day from 2016-01-26 05:00 (Europe/Berlin)}. */
    @Override
    public String toString() {
        return "every " + unit.withCount(every) + " from " + startDate + " " + startTime + " (" + zone.getId() + ")";
    }

    private boolean isElapsedTime() {
        return unit == IntervalUnit.MINUTE || unit == IntervalUnit.HOUR;
    }

    private Duration elapsedStep() {
        return (unit == IntervalUnit.MINUTE ? Duration.ofMinutes(every) : Duration.ofHours(every));
    }

    private long stepDays() {
        return unit == IntervalUnit.WEEK ? 7L * every : every;
    }

    private long estimateLastRunNumberNotAfter(Instant t, Instant first) {
        if (isElapsedTime()) {
            return Duration.between(first, t).getSeconds() / elapsedStep().getSeconds();
        }
        LocalDate day = t.atZone(zone).toLocalDate();
        if (unit == IntervalUnit.MONTH) {
            return YearMonth.from(startDate).until(YearMonth.from(day), ChronoUnit.MONTHS) / every;
        }
        return ChronoUnit.DAYS.between(startDate, day) / stepDays();
    }

    private Instant run(long k) {
        try {
            return switch (unit) {
                case MINUTE, HOUR -> firstRun().plus(elapsedStep().multipliedBy(k));
                case DAY, WEEK -> ZonedDateTime.of(startDate.plusDays(Math.multiplyExact(k, stepDays())),
                        startTime, zone).toInstant();
                case MONTH -> ZonedDateTime.of(startDate.plusMonths(Math.multiplyExact(k, (long) every)),
                        startTime, zone).toInstant();
            };
        } catch (ArithmeticException e) {
            throw new DateTimeException("run " + k + " of the schedule " + this + " lies beyond the supported dates", e);
        }
    }

    private static void requirePresent(List<InputProblem> problems, String field, Object value) {
        if (value == null) {
            problems.add(InputProblem.of(field, null, "is required"));
        }
    }
}
