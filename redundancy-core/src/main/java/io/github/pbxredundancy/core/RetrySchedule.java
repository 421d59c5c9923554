package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.internal.DelayCurve;
import io.github.pbxredundancy.core.internal.DurationText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * How often and how far apart a failed transfer is tried again, and when to stop: the STARFACE
 * form's "Anzahl Versuche" with its fixed 5-minute wait (R7), plus exponential backoff, jitter,
 * a total time budget and a {@link RetryClassifier} for failures that repeating cannot fix.
 *
 * <p>A function from the number of the failed attempt to a delay or a decision to stop; it
 * neither sleeps nor schedules nor reads a clock. The caller measures the elapsed time and
 * waits. Without jitter the answers depend on the arguments alone; with jitter each delay draws
 * one number from the injected random generator.
 *
 * <p>Immutable and thread-safe: draws from the random generator are serialised, so even a
 * generator that is not thread-safe itself may be shared through one schedule.
 */
public final class RetrySchedule {
    /** Attempts used by a {@link Builder} unless set otherwise; the example in the STARFACE manual. */
    public static final int DEFAULT_ATTEMPTS = 10;
    /** The most attempts a schedule accepts. */
    public static final int MAX_ATTEMPTS = 1000;
    /** The STARFACE wait between attempts (R7). */
    public static final Duration STARFACE_DELAY = Duration.ofMinutes(5);
    /**
     * The longest delay any attempt may get, jitter included. A retry years later is always a
     * configuration mistake (milliseconds taken for minutes), and the bound keeps all delay
     * arithmetic exact in nanoseconds.
     */
    public static final Duration LONGEST_DELAY = Duration.ofDays(365);

    private final int maxAttempts;
    private final DelayCurve curve;
    private final double jitter;
    private final RandomGenerator random;
    private final Object randomLock = new Object();
    private final Duration maxTotalTime;
    private final RetryClassifier classifier;

    private RetrySchedule(Builder builder, DelayCurve curve) {
        this.maxAttempts = builder.maxAttempts;
        this.curve = curve;
        this.jitter = builder.jitter;
        this.random = builder.random;
        this.maxTotalTime = builder.maxTotalTime;
        this.classifier = builder.classifier;
    }

    /**
     * {@code maxAttempts} attempts with the same {@code delay} between them, the default
     * classifier and no time budget.
     *
     * @param maxAttempts 1 to {@value #MAX_ATTEMPTS}
     * @param delay zero up to {@link #LONGEST_DELAY}
     * @return the schedule
     * @throws InvalidInputException naming {@code maxAttempts} or {@code fixedDelay}
     */
    public static RetrySchedule fixed(int maxAttempts, Duration delay) {
        return builder().maxAttempts(maxAttempts).fixedDelay(delay).build();
    }

    /**
     * The STARFACE behaviour (R7): {@code attempts} transfer attempts ("Anzahl Versuche") with a
     * fixed wait of 5 minutes between them.
     *
     * @param attempts 1 to {@value #MAX_ATTEMPTS}
     * @return the schedule
     * @throws InvalidInputException naming {@code maxAttempts}
     */
    public static RetrySchedule starfaceDefault(int attempts) {
        return fixed(attempts, STARFACE_DELAY);
    }

    /**
     * A builder for schedules with backoff, jitter, a time budget or a custom classifier.
     *
     * @return a new builder with {@value #DEFAULT_ATTEMPTS} attempts, no delay, no jitter, no
     *     time budget and {@link RetryClassifier#byReasonCode()}
     */
    public static Builder builder() {
        return new Builder();
    }

    /** How many attempts, the first one included, are made at most. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The total time budget, if any: no retry whose wait would end after it. */
    public Optional<Duration> maxTotalTime() {
        return Optional.ofNullable(maxTotalTime);
    }

    /** Which failures are worth retrying. */
    public RetryClassifier classifier() {
        return classifier;
    }

    /**
     * The wait after the given failed attempt, ignoring the stop rules: fixed, or
     * {@code initial * multiplier^(attempt - 1)} capped at the maximum delay; with jitter
     * scaled by a random factor in {@code [1 - factor, 1 + factor]} and capped again.
     *
     * @param attempt the number of the failed attempt, 1 for the first
     * @return the delay, zero or more, never above the maximum delay (or {@link #LONGEST_DELAY})
     * @throws InvalidInputException on field {@code attempt} if it is less than 1
     */
    public Duration delayAfter(int attempt) {
        if (attempt < 1) {
            throw InvalidInputException.of("attempt", String.valueOf(attempt), "must be 1 or more");
        }
        Duration base = curve.base(attempt);
        if (jitter == 0) {
            return base;
        }
        double draw;
        synchronized (randomLock) {
            draw = random.nextDouble();
        }
        return curve.scaled(base, 1 - jitter + 2 * jitter * draw);
    }

    /**
     * The latest a run's last attempt can start after its first: the sum of the longest possible
     * delays after attempts 1 to {@code maxAttempts - 1} (jitter at its maximum), at most the
     * {@linkplain #maxTotalTime() time budget}. 45 minutes for
     * {@link #starfaceDefault(int) starfaceDefault(10)}. What the R8 backup-window check and the
     * standby's watchdog must allow for.
     *
     * @return the span, zero for a single attempt
     */
    public Duration longestSpan() {
        Duration span = Duration.ZERO;
        for (int attempt = 1; attempt < maxAttempts; attempt++) {
            Duration base = curve.base(attempt);
            span = span.plus(jitter == 0 ? base : curve.scaled(base, 1 + jitter));
        }
        Duration sum = span;
        return Optional.ofNullable(maxTotalTime).filter(budget -> budget.compareTo(sum) < 0).orElse(sum);
    }

    /**
     * What to do after attempt {@code failedAttempt} failed with {@code failure}, checked in this
     * order: a failure the classifier calls not retryable gives up at once
     * ({@link GiveUpReason#NOT_RETRYABLE}); the last allowed attempt gives up
     * ({@link GiveUpReason#ATTEMPTS_EXHAUSTED}); a wait that would end after the time budget
     * gives up ({@link GiveUpReason#TIME_BUDGET_EXHAUSTED}); otherwise retry after
     * {@link #delayAfter(int)}.
     *
     * @param failedAttempt the number of the attempt that failed, 1 for the first
     * @param elapsed time since the first attempt started, attempts and waits included
     * @param failure why the attempt failed
     * @return the decision
     * @throws InvalidInputException on field {@code failedAttempt} or {@code elapsed} if it is
     *     less than 1 or negative
     */
    public RetryDecision decide(int failedAttempt, Duration elapsed, Throwable failure) {
        Objects.requireNonNull(failure, "failure");
        if (elapsed == null || elapsed.isNegative()) {
            throw InvalidInputException.of("elapsed", elapsed == null ? null : elapsed.toString(),
                    "must be zero or more");
        }
        if (failedAttempt < 1) {
            throw InvalidInputException.of("failedAttempt", String.valueOf(failedAttempt), "must be 1 or more");
        }
        if (!classifier.isRetryable(failure)) {
            return new RetryDecision.GiveUp(GiveUpReason.NOT_RETRYABLE,
                    "attempt " + failedAttempt + " failed with " + describe(failure)
                            + ", which trying again cannot fix");
        }
        if (failedAttempt >= maxAttempts) {
            return new RetryDecision.GiveUp(GiveUpReason.ATTEMPTS_EXHAUSTED,
                    "attempt " + failedAttempt + " of " + maxAttempts + " failed; no attempts left");
        }
        Duration delay = delayAfter(failedAttempt);
        // Compared as budget - elapsed so that no sum can overflow, whatever the caller passes.
        if (maxTotalTime != null && delay.compareTo(maxTotalTime.minus(elapsed)) > 0) {
            return new RetryDecision.GiveUp(GiveUpReason.TIME_BUDGET_EXHAUSTED,
                    "attempt " + failedAttempt + " failed after " + DurationText.of(elapsed) + "; waiting "
                            + DurationText.of(delay) + " more would exceed the time budget of "
                            + DurationText.of(maxTotalTime));
        }
        return new RetryDecision.RetryAfter(delay);
    }

    /** For logs, e.g. {@code 10 attempts, 5 min apart}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder()
                .append(maxAttempts).append(maxAttempts == 1 ? " attempt, " : " attempts, ").append(curve);
        if (jitter > 0) {
            text.append(", jitter \u00b1").append(Math.round(jitter * 100)).append('%');
        }
        if (maxTotalTime != null) {
            text.append(", at most ").append(DurationText.of(maxTotalTime)).append(" in total");
        }
        if (classifier != RetryClassifier.byReasonCode()) {
            text.append(", classifier ").append(classifier);
        }
        return text.toString();
    }

    /** The reason code that decided, or the exception's class; never its message, which may hold a secret. */
    private static String describe(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable current = failure; current != null && seen.add(current); current = current.getCause()) {
            if (current instanceof RedundancyException redundancy) {
                return redundancy.reason().name();
            }
        }
        return failure.getClass().getName();
    }

    /**
     * Collects the options of a {@link RetrySchedule}; {@link #build()} checks them together.
     * Exactly one of {@link #fixedDelay} and {@link #exponentialBackoff} must be called.
     *
     * <p>Not thread-safe; use one builder per thread. The schedules it builds are.
     */
    public static final class Builder {
        private int maxAttempts = DEFAULT_ATTEMPTS;
        private boolean fixedDelaySet;
        private Duration fixedDelay;
        private boolean backoffSet;
        private Duration initialDelay;
        private double multiplier;
        private Duration maxDelay;
        private double jitter;
        private RandomGenerator random;
        private boolean maxTotalTimeSet;
        private Duration maxTotalTime;
        private RetryClassifier classifier = RetryClassifier.byReasonCode();

        private Builder() {
        }

        /**
         * How many attempts, the first one included, are made at most.
         *
         * @param maxAttempts 1 to {@value RetrySchedule#MAX_ATTEMPTS}; checked by {@link #build()}
         * @return this builder
         */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * The same wait after every failed attempt; excludes {@link #exponentialBackoff}.
         *
         * @param delay zero up to {@link RetrySchedule#LONGEST_DELAY}; checked by {@link #build()}
         * @return this builder
         */
        public Builder fixedDelay(Duration delay) {
            this.fixedDelaySet = true;
            this.fixedDelay = delay;
            return this;
        }

        /**
         * A wait of {@code initial * multiplier^(attempt - 1)}, at most {@code maxDelay}, after
         * each failed attempt; excludes {@link #fixedDelay}. Checked by {@link #build()}.
         *
         * @param initial the wait after the first attempt, more than zero
         * @param multiplier the growth per attempt, at least 1
         * @param maxDelay the longest wait, at least {@code initial} and at most
         *     {@link RetrySchedule#LONGEST_DELAY}; jitter never exceeds it either
         * @return this builder
         */
        public Builder exponentialBackoff(Duration initial, double multiplier, Duration maxDelay) {
            this.backoffSet = true;
            this.initialDelay = initial;
            this.multiplier = multiplier;
            this.maxDelay = maxDelay;
            return this;
        }

        /**
         * Spreads retries of many nodes apart: each wait is scaled by a random factor in
         * {@code [1 - factor, 1 + factor]}, then capped at the maximum delay.
         *
         * @param factor 0 (no jitter) to 1; checked by {@link #build()}
         * @param random the source of randomness, injected so that tests are repeatable
         * @return this builder
         */
        public Builder jitter(double factor, RandomGenerator random) {
            this.jitter = factor;
            this.random = random;
            return this;
        }

        /**
         * A time budget: give up when the elapsed time plus the next wait would exceed it.
         *
         * @param budget more than zero; checked by {@link #build()}
         * @return this builder
         */
        public Builder maxTotalTime(Duration budget) {
            this.maxTotalTimeSet = true;
            this.maxTotalTime = budget;
            return this;
        }

        /**
         * Which failures are worth retrying; {@link RetryClassifier#byReasonCode()} unless set.
         *
         * @param classifier the classifier
         * @return this builder
         */
        public Builder classifier(RetryClassifier classifier) {
            this.classifier = classifier;
            return this;
        }

        /**
         * Checks the options together and builds the schedule.
         *
         * @return an immutable, thread-safe schedule
         * @throws InvalidInputException naming every setting that is missing, out of range or in
         *     conflict with another ({@code fixedDelay} and {@code exponentialBackoff} together,
         *     neither of them, a jitter factor outside [0, 1], ...)
         */
        public RetrySchedule build() {
            List<InputProblem> problems = new ArrayList<>();
            if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
                problems.add(InputProblem.of("maxAttempts", String.valueOf(maxAttempts),
                        "must be from 1 to " + MAX_ATTEMPTS));
            }
            checkDelays(problems);
            if (!(jitter >= 0 && jitter <= 1)) {
                problems.add(InputProblem.of("jitter", String.valueOf(jitter), "factor must be from 0 to 1"));
            } else if (jitter > 0 && random == null) {
                problems.add(InputProblem.of("jitter", null, "needs a random generator"));
            }
            if (maxTotalTimeSet && (maxTotalTime == null || maxTotalTime.compareTo(Duration.ZERO) <= 0)) {
                problems.add(InputProblem.of("maxTotalTime", text(maxTotalTime), "must be more than 0"));
            }
            if (classifier == null) {
                problems.add(InputProblem.of("classifier", null, "is required"));
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            DelayCurve curve = fixedDelaySet
                    ? DelayCurve.fixed(fixedDelay, LONGEST_DELAY)
                    : DelayCurve.exponential(initialDelay, multiplier, maxDelay);
            return new RetrySchedule(this, curve);
        }

        private void checkDelays(List<InputProblem> problems) {
            if (fixedDelaySet && backoffSet) {
                problems.add(InputProblem.of("exponentialBackoff", backoffText(),
                        "conflicts with fixedDelay " + text(fixedDelay) + "; choose one of the two"));
            } else if (!fixedDelaySet && !backoffSet) {
                problems.add(InputProblem.of("fixedDelay", null,
                        "a delay is required: call fixedDelay or exponentialBackoff"));
            } else if (fixedDelaySet) {
                if (fixedDelay == null || fixedDelay.isNegative() || fixedDelay.compareTo(LONGEST_DELAY) > 0) {
                    problems.add(InputProblem.of("fixedDelay", text(fixedDelay),
                            "must be from 0 to " + DurationText.of(LONGEST_DELAY)));
                }
            } else {
                checkBackoff(problems);
            }
        }

        private void checkBackoff(List<InputProblem> problems) {
            boolean initialOk = initialDelay != null && initialDelay.compareTo(Duration.ZERO) > 0
                    && initialDelay.compareTo(LONGEST_DELAY) <= 0;
            if (!initialOk) {
                problems.add(InputProblem.of("exponentialBackoff", backoffText(),
                        "initial delay must be more than 0 and at most " + DurationText.of(LONGEST_DELAY)));
            }
            // Written so that NaN fails too.
            if (!(multiplier >= 1 && multiplier < Double.POSITIVE_INFINITY)) {
                problems.add(InputProblem.of("exponentialBackoff", backoffText(),
                        "multiplier must be a finite number of at least 1"));
            }
            if (maxDelay == null || maxDelay.compareTo(LONGEST_DELAY) > 0
                    || (initialOk && maxDelay.compareTo(initialDelay) < 0)) {
                problems.add(InputProblem.of("exponentialBackoff", backoffText(),
                        "maximum delay must be at least the initial delay and at most "
                                + DurationText.of(LONGEST_DELAY)));
            }
        }

        private String backoffText() {
            return "initial " + text(initialDelay) + ", multiplier " + multiplier + ", max " + text(maxDelay);
        }

        private static String text(Duration value) {
            return value == null ? null : value.toString();
        }
    }
}
