package io.github.pbxredundancy.license;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The limits of a {@link StandbyLoadBudget} (R29).
 *
 * <p>Immutable and thread-safe.
 *
 * @param limit the longest allowed stretch under load; reaching it exactly is still allowed
 * @param warningThresholds load used at which to warn, strictly increasing, each positive
 *     and below the limit; copied; may be empty
 * @param idleGap an idle period at least this long ends a stretch
 */
public record LoadBudgetPolicy(Duration limit, List<Duration> warningThresholds, Duration idleGap) {
    /**
     * OfficeMaster's rule: at most five consecutive days under load; warn after three and
     * after four days; a day of idleness ends a stretch. The seed says only "five days in a
     * row, idle time does not count"; the 24-hour gap is our reading of "in a row".
     */
    public static final LoadBudgetPolicy DEFAULT =
            new LoadBudgetPolicy(Duration.ofDays(5), List.of(Duration.ofDays(3), Duration.ofDays(4)),
                    Duration.ofHours(24));

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException naming the field, value and rule
     */
    public LoadBudgetPolicy {
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(warningThresholds, "warningThresholds");
        Objects.requireNonNull(idleGap, "idleGap");
        if (limit.isNegative() || limit.isZero()) {
            throw invalid("limit", limit, "must be positive");
        }
        if (idleGap.isNegative() || idleGap.isZero()) {
            throw invalid("idleGap", idleGap, "must be positive");
        }
        warningThresholds = List.copyOf(warningThresholds);
        Duration previous = Duration.ZERO;
        for (Duration threshold : warningThresholds) {
            if (threshold.compareTo(previous) <= 0) {
                throw invalid("warningThresholds", threshold, previous.isZero() ? "must be positive"
                        : "must be greater than the threshold before it (" + previous + "); sort them");
            }
            if (threshold.compareTo(limit) >= 0) {
                throw invalid("warningThresholds", threshold, "must be below the limit " + limit);
            }
            previous = threshold;
        }
    }

    /**
     * The status for a given amount of load used in the current stretch: {@code Exceeded}
     * above the limit, otherwise {@code Warning} from the first threshold on (naming the
     * highest threshold reached), otherwise {@code WithinBudget}.
     *
     * @param used load used, not negative
     * @return the status
     */
    public LoadBudgetStatus statusFor(Duration used) {
        Objects.requireNonNull(used, "used");
        if (used.isNegative()) {
            throw invalid("used", used, "must not be negative");
        }
        if (used.compareTo(limit) > 0) {
            return new LoadBudgetStatus.Exceeded(used, used.minus(limit));
        }
        Duration crossed = null;
        for (Duration threshold : warningThresholds) {
            if (used.compareTo(threshold) >= 0) {
                crossed = threshold;
            }
        }
        Duration remaining = limit.minus(used);
        return crossed == null ? new LoadBudgetStatus.WithinBudget(used, remaining)
                : new LoadBudgetStatus.Warning(used, remaining, crossed);
    }

    private static IllegalArgumentException invalid(String field, Duration value, String rule) {
        return new IllegalArgumentException(field + " '" + value + "': " + rule);
    }
}
