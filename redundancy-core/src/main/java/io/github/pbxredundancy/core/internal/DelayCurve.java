package io.github.pbxredundancy.core.internal;

import java.time.Duration;

/**
 * The delay after each failed attempt before jitter: fixed, or growing exponentially up to a
 * cap. Delays are computed in nanoseconds with doubles, which cannot overflow: a product too
 * large for a {@code long} compares above the cap first.
 *
 * <p>Not part of the API. Immutable and thread-safe; callers validate the arguments.
 */
public final class DelayCurve {
    private final Duration initial;
    private final double multiplier;
    private final Duration cap;
    private final boolean fixed;

    private DelayCurve(Duration initial, double multiplier, Duration cap, boolean fixed) {
        this.initial = initial;
        this.multiplier = multiplier;
        this.cap = cap;
        this.fixed = fixed;
    }

    /**
     * The same delay after every attempt.
     *
     * @param delay zero or more
     * @param cap the most any jittered delay may reach, at least {@code delay}
     * @return the curve
     */
    public static DelayCurve fixed(Duration delay, Duration cap) {
        return new DelayCurve(delay, 1.0, cap, true);
    }

    /**
     * {@code initial * multiplier^(attempt - 1)}, at most {@code maxDelay}.
     *
     * @param initial the delay after the first attempt, more than zero
     * @param multiplier the growth per attempt, finite and at least 1
     * @param maxDelay the cap, at least {@code initial}
     * @return the curve
     */
    public static DelayCurve exponential(Duration initial, double multiplier, Duration maxDelay) {
        return new DelayCurve(initial, multiplier, maxDelay, false);
    }

    /**
     * The delay after the given failed attempt, non-decreasing in {@code attempt}.
     *
     * @param attempt 1 or more
     * @return the delay, between the initial delay and the cap
     */
    public Duration base(int attempt) {
        if (fixed || attempt == 1) {
            return min(initial, cap);
        }
        // Math.pow is semi-monotonic, and so are the product and the truncation: the sequence never decreases.
        double nanos = initial.toNanos() * Math.pow(multiplier, attempt - 1.0);
        if (nanos >= cap.toNanos()) {
            return cap;
        }
        // The double may round a little below an exact initial; the exact value never is.
        return max(initial, Duration.ofNanos((long) nanos));
    }

    /**
     * Scales a delay by a jitter factor and clamps it to {@code [0, cap]}.
     *
     * @param delay a delay from {@link #base}
     * @param scale a factor, typically in {@code [1 - jitter, 1 + jitter]}
     * @return the scaled delay
     */
    public Duration scaled(Duration delay, double scale) {
        double nanos = delay.toNanos() * scale;
        if (nanos >= cap.toNanos()) {
            return cap;
        }
        return nanos <= 0 ? Duration.ZERO : Duration.ofNanos((long) nanos);
    }

    /** For logs: {@code 5 min apart} or {@code backoff 1 s x2 up to 5 min}. */
    @Override
    public String toString() {
        if (fixed) {
            return DurationText.of(initial) + " apart";
        }
        String factor = multiplier == Math.rint(multiplier) && multiplier < 1e6
                ? String.valueOf((long) multiplier) : String.valueOf(multiplier);
        return "backoff " + DurationText.of(initial) + " x" + factor + " up to " + DurationText.of(cap);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
