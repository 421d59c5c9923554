package io.github.pbxredundancy.license;

import java.time.Duration;
import java.util.Objects;

/**
 * Where a standby stands against its load budget (R29).
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface LoadBudgetStatus {

    /**
     * Load used in the current stretch.
     *
     * @return not negative
     */
    Duration used();

    /**
     * Below every warning threshold.
     *
     * @param used load used in the current stretch
     * @param remaining load left until the limit
     */
    record WithinBudget(Duration used, Duration remaining) implements LoadBudgetStatus {
        /** Checks that both durations are present and not negative. */
        public WithinBudget {
            notNegative("used", used);
            notNegative("remaining", remaining);
        }
    }

    /**
     * A warning threshold reached, the limit not exceeded.
     *
     * @param used load used in the current stretch
     * @param remaining load left until the limit, possibly zero
     * @param thresholdCrossed the highest threshold reached
     */
    record Warning(Duration used, Duration remaining, Duration thresholdCrossed) implements LoadBudgetStatus {
        /** Checks that the durations are present, not negative, and the threshold reached. */
        public Warning {
            notNegative("used", used);
            notNegative("remaining", remaining);
            notNegative("thresholdCrossed", thresholdCrossed);
            if (thresholdCrossed.compareTo(used) > 0) {
                throw new IllegalArgumentException("thresholdCrossed '" + thresholdCrossed
                        + "': must not exceed used (" + used + ")");
            }
        }
    }

    /**
     * The limit exceeded: the standby has been under load longer than allowed.
     *
     * @param used load used in the current stretch
     * @param over how far beyond the limit
     */
    record Exceeded(Duration used, Duration over) implements LoadBudgetStatus {
        /** Checks that the durations are present and {@code over} positive. */
        public Exceeded {
            notNegative("used", used);
            notNegative("over", over);
            if (over.isZero()) {
                throw new IllegalArgumentException("over 'PT0S': must be positive, reaching the limit is allowed");
            }
        }
    }

    private static void notNegative(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative()) {
            throw new IllegalArgumentException(field + " '" + value + "': must not be negative");
        }
    }
}
