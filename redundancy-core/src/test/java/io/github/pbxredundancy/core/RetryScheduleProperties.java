package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class RetryScheduleProperties {
    private static final IOException RETRYABLE = new IOException("connection reset");

    /** Settings of one generated schedule, kept so that the property can check against them. */
    record Settings(int maxAttempts, boolean exponential, Duration initial, double multiplier, Duration maxDelay,
            double jitter, Optional<Duration> budget, long seed) {

        RetrySchedule build() {
            RetrySchedule.Builder builder = RetrySchedule.builder().maxAttempts(maxAttempts);
            if (exponential) {
                builder.exponentialBackoff(initial, multiplier, maxDelay);
            } else {
                builder.fixedDelay(initial);
            }
            budget.ifPresent(builder::maxTotalTime);
            return builder.jitter(jitter, new SplittableRandom(seed)).build();
        }

        RetrySchedule withoutJitter() {
            return new Settings(maxAttempts, exponential, initial, multiplier, maxDelay, 0, budget, seed).build();
        }

        Duration cap() {
            return exponential ? maxDelay : RetrySchedule.LONGEST_DELAY;
        }
    }

    @Property
    void decideNeverGrantsMoreAttemptsLongerDelaysOrMoreTimeThanConfigured(@ForAll("settings") Settings settings) {
        RetrySchedule schedule = settings.build();
        // The attempts themselves take time too; the budget must hold whatever they take.
        SplittableRandom attemptTimes = new SplittableRandom(~settings.seed());
        Duration elapsed = Duration.ZERO;
        Duration granted = Duration.ZERO;
        int attempt = 1;
        while (true) {
            elapsed = elapsed.plusMillis(attemptTimes.nextLong(0, 600_000));
            RetryDecision decision = schedule.decide(attempt, elapsed, RETRYABLE);
            if (decision instanceof RetryDecision.GiveUp giveUp) {
                assertThat(giveUp.reason()).isEqualTo(attempt >= settings.maxAttempts()
                        ? GiveUpReason.ATTEMPTS_EXHAUSTED : GiveUpReason.TIME_BUDGET_EXHAUSTED);
                break;
            }
            Duration delay = ((RetryDecision.RetryAfter) decision).delay();
            assertThat(delay).isBetween(Duration.ZERO, settings.cap());
            granted = granted.plus(delay);
            elapsed = elapsed.plus(delay);
            attempt++;
            assertThat(attempt).isLessThanOrEqualTo(settings.maxAttempts());
        }
        Duration totalDelay = granted;
        settings.budget().ifPresent(budget -> assertThat(totalDelay).isLessThanOrEqualTo(budget));
    }

    @Property
    void exponentialDelaysNeverDecreaseAndStayBetweenInitialAndMaximum(@ForAll("exponentialSettings") Settings settings) {
        RetrySchedule schedule = settings.withoutJitter();
        Duration previous = Duration.ZERO;
        for (int attempt = 1; attempt <= RetrySchedule.MAX_ATTEMPTS; attempt++) {
            Duration delay = schedule.delayAfter(attempt);
            assertThat(delay).isGreaterThanOrEqualTo(previous).isBetween(settings.initial(), settings.maxDelay());
            previous = delay;
        }
        assertThat(schedule.delayAfter(Integer.MAX_VALUE)).isGreaterThanOrEqualTo(previous);
    }

    @Property
    void jitteredDelayStaysWithinTheFactorAndNeverExceedsTheMaximum(@ForAll("settings") Settings settings,
            @ForAll @IntRange(min = 1) int attempt) {
        Duration base = settings.withoutJitter().delayAfter(attempt);
        Duration delay = settings.build().delayAfter(attempt);

        assertThat(delay).isBetween(Duration.ZERO, settings.cap());
        assertThat((double) delay.toNanos())
                .isBetween(Math.floor(base.toNanos() * (1 - settings.jitter())) - 1,
                        Math.min(settings.cap().toNanos(), base.toNanos() * (1 + settings.jitter())) + 1);
    }

    @Property
    void fixedDelayWithoutJitterIsTheSameAfterEveryAttempt(@ForAll("settings") Settings settings,
            @ForAll @IntRange(min = 1) int attempt) {
        Settings fixed = new Settings(settings.maxAttempts(), false, settings.initial(), 1, settings.initial(), 0,
                settings.budget(), settings.seed());

        assertThat(fixed.build().delayAfter(attempt)).isEqualTo(settings.initial());
    }

    @Property
    void nonRetryableFailureGivesUpAtOnceWhateverTheAttemptOrTime(@ForAll("settings") Settings settings,
            @ForAll ReasonCode code, @ForAll @IntRange(min = 1, max = 1000) int attempt, @ForAll boolean wrapped) {
        RedundancyException failure = new RedundancyException(code, "failed");
        Throwable thrown = wrapped ? new UncheckedIOException(new IOException(failure)) : failure;

        RetryDecision decision = settings.build().decide(attempt, Duration.ZERO, thrown);

        boolean gaveUpAsNotRetryable = decision instanceof RetryDecision.GiveUp giveUp
                && giveUp.reason() == GiveUpReason.NOT_RETRYABLE;
        assertThat(gaveUpAsNotRetryable).isEqualTo(!code.retryable());
    }

    @Provide
    Arbitrary<Settings> settings() {
        return Combinators.combine(Arbitraries.integers().between(1, RetrySchedule.MAX_ATTEMPTS),
                Arbitraries.of(true, false), delays(), multipliers(), extraDelays(), jitters(), budgets(),
                Arbitraries.longs())
                .as((attempts, exponential, initial, multiplier, extra, jitter, budget, seed) -> new Settings(
                        attempts, exponential, initial, multiplier, maxDelay(initial, extra), jitter, budget, seed));
    }

    @Provide
    Arbitrary<Settings> exponentialSettings() {
        return Combinators.combine(delays(), multipliers(), extraDelays())
                .as((initial, multiplier, extra) -> new Settings(RetrySchedule.MAX_ATTEMPTS, true, initial,
                        multiplier, maxDelay(initial, extra), 0, Optional.empty(), 0));
    }

    private static Duration maxDelay(Duration initial, Duration extra) {
        Duration max = initial.plus(extra);
        return max.compareTo(RetrySchedule.LONGEST_DELAY) > 0 ? RetrySchedule.LONGEST_DELAY : max;
    }

    /** From a millisecond to a week, plus the longest delay allowed. */
    private static Arbitrary<Duration> delays() {
        return Arbitraries.longs().between(1, Duration.ofDays(7).toMillis()).map(Duration::ofMillis)
                .edgeCases(edges -> edges.add(RetrySchedule.LONGEST_DELAY));
    }

    private static Arbitrary<Duration> extraDelays() {
        return Arbitraries.longs().between(0, Duration.ofDays(30).toMillis()).map(Duration::ofMillis);
    }

    private static Arbitrary<Double> multipliers() {
        return Arbitraries.oneOf(Arbitraries.doubles().between(1, 3), Arbitraries.doubles().between(1, 1e12),
                Arbitraries.of(1.0, Math.nextUp(1.0), 1e300, Double.MAX_VALUE));
    }

    private static Arbitrary<Double> jitters() {
        return Arbitraries.oneOf(Arbitraries.just(0.0), Arbitraries.doubles().between(0, 1));
    }

    private static Arbitrary<Optional<Duration>> budgets() {
        return Arbitraries.longs().between(1, Duration.ofDays(14).toMillis()).map(Duration::ofMillis).optional();
    }
}
