package io.github.pbxredundancy.core.internal;

import java.time.Duration;
import java.util.StringJoiner;

/**
 * Renders a {@link Duration} the way an administrator writes it ({@code 5 min},
 * {@code 1 h 30 min}) rather than ISO-8601 ({@code PT1H30M}), for messages and log lines.
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
public final class DurationText {
    private DurationText() {
    }

    /**
     * The duration as non-zero parts from days down to nanoseconds, e.g. {@code 1 d 2 h},
     * {@code 90 s} is written {@code 1 min 30 s}; zero is {@code 0 s}.
     *
     * @param duration any duration; negative ones get a leading minus sign
     * @return the text, never empty
     */
    public static String of(Duration duration) {
        if (duration.isZero()) {
            return "0 s";
        }
        if (duration.isNegative()) {
            // Duration.MIN-like values cannot be negated; they never occur in a schedule.
            return "-" + of(duration.negated());
        }
        StringJoiner parts = new StringJoiner(" ");
        append(parts, duration.toDays(), "d");
        append(parts, duration.toHoursPart(), "h");
        append(parts, duration.toMinutesPart(), "min");
        append(parts, duration.toSecondsPart(), "s");
        append(parts, duration.toMillisPart(), "ms");
        append(parts, duration.toNanosPart() % 1_000_000, "ns");
        return parts.toString();
    }

    private static void append(StringJoiner parts, long amount, String unit) {
        if (amount != 0) {
            parts.add(amount + " " + unit);
        }
    }
}
