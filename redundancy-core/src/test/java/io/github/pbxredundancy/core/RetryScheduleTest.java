package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    private static final IOException NETWORK_DOWN = new IOException("connection reset");
    /** Draws 0.0: the jitter factor's lowest scale. */
    private static final RandomGenerator LOWEST = () -> 0L;
    /** Draws just below 1.0: the jitter factor's highest scale. */
    private static final RandomGenerator HIGHEST = () -> -1L;

    @Test
    void starfaceDefaultMakesTheGivenAttemptsFiveMinutesApart() {
        RetrySchedule schedule = RetrySchedule.starfaceDefault(10);

        assertThat(schedule.maxAttempts()).isEqualTo(10);
        assertThat(IntStream.rangeClosed(1, 9).mapToObj(schedule::delayAfter)).containsOnly(Duration.ofMinutes(5));
        assertThat(schedule.maxTotalTime()).isEmpty();
        assertThat(schedule.classifier()).isSameAs(RetryClassifier.byReasonCode());
        assertThat(schedule).hasToString("10 attempts, 5 min apart");
        assertThat(RetrySchedule.starfaceDefault(1)).hasToString("1 attempt, 5 min apart");
    }

    @Test
    void retriesUntilTheLastAttemptFails() {
        RetrySchedule schedule = RetrySchedule.starfaceDefault(10);

        assertThat(schedule.decide(1, Duration.ZERO, NETWORK_DOWN))
                .isEqualTo(new RetryDecision.RetryAfter(Duration.ofMinutes(5)));
        assertThat(schedule.decide(9, Duration.ofMinutes(45), NETWORK_DOWN))
                .isEqualTo(new RetryDecision.RetryAfter(Duration.ofMinutes(5)));
        assertThat(schedule.decide(10, Duration.ofMinutes(50), NETWORK_DOWN))
                .isInstanceOfSatisfying(RetryDecision.GiveUp.class, giveUp -> {
                    assertThat(giveUp.reason()).isEqualTo(GiveUpReason.ATTEMPTS_EXHAUSTED);
                    assertThat(giveUp.explanation()).isEqualTo("attempt 10 of 10 failed; no attempts left");
                });
    }

    @Test
    void builderDefaultsToTenAttemptsAndTheReasonCodeClassifier() {
        RetrySchedule schedule = RetrySchedule.builder().fixedDelay(Duration.ofMinutes(5)).build();

        assertThat(schedule.maxAttempts()).isEqualTo(RetrySchedule.DEFAULT_ATTEMPTS).isEqualTo(10);
        assertThat(schedule.classifier()).isSameAs(RetryClassifier.byReasonCode());
    }

    @Test
    void exponentialBackoffDoublesUpToTheMaximumWithoutOverflow() {
        RetrySchedule schedule = RetrySchedule.builder().maxAttempts(1000)
                .exponentialBackoff(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1)).build();

        assertThat(IntStream.rangeClosed(1, 8).mapToObj(schedule::delayAfter)).containsExactly(
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(16), Duration.ofSeconds(32), Duration.ofMinutes(1), Duration.ofMinutes(1));
        assertThat(schedule.delayAfter(1000)).isEqualTo(Duration.ofMinutes(1));
        assertThat(schedule.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(1));
        assertThat(schedule).hasToString("1000 attempts, backoff 1 s x2 up to 1 min");
    }

    @Test
    void hugeMultiplierAtTheLongestDelayStillCapsCleanly() {
        RetrySchedule schedule = RetrySchedule.builder().maxAttempts(1000)
                .exponentialBackoff(RetrySchedule.LONGEST_DELAY, 1e300, RetrySchedule.LONGEST_DELAY).build();

        assertThat(schedule.delayAfter(1000)).isEqualTo(RetrySchedule.LONGEST_DELAY);
    }

    @Test
    void jitterScalesWithinTheFactorAndIsCappedAtTheMaximumDelay() {
        RetrySchedule low = RetrySchedule.builder().fixedDelay(Duration.ofMinutes(10)).jitter(0.5, LOWEST).build();
        RetrySchedule high = RetrySchedule.builder().fixedDelay(Duration.ofMinutes(10)).jitter(0.5, HIGHEST).build();
        RetrySchedule capped = RetrySchedule.builder()
                .exponentialBackoff(Duration.ofMinutes(1), 2.0, Duration.ofMinutes(2)).jitter(0.5, HIGHEST).build();

        assertThat(low.delayAfter(3)).isEqualTo(Duration.ofMinutes(5));
        assertThat(high.delayAfter(3)).isBetween(Duration.ofSeconds(899), Duration.ofMinutes(15));
        assertThat(capped.delayAfter(1)).isBetween(Duration.ofSeconds(89), Duration.ofSeconds(90));
        assertThat(capped.delayAfter(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(low).hasToString("10 attempts, 10 min apart, jitter \u00b150%");
    }

    @Test
    void givesUpWhenTheNextWaitWouldEndAfterTheTimeBudget() {
        RetrySchedule schedule = RetrySchedule.builder().fixedDelay(Duration.ofMinutes(5))
                .maxTotalTime(Duration.ofMinutes(12)).build();

        assertThat(schedule.decide(2, Duration.ofMinutes(7), NETWORK_DOWN))
                .isEqualTo(new RetryDecision.RetryAfter(Duration.ofMinutes(5)));
        assertThat(schedule.decide(2, Duration.ofMinutes(7).plusMillis(1), NETWORK_DOWN))
                .isInstanceOfSatisfying(RetryDecision.GiveUp.class, giveUp -> {
                    assertThat(giveUp.reason()).isEqualTo(GiveUpReason.TIME_BUDGET_EXHAUSTED);
                    assertThat(giveUp.explanation()).contains("5 min", "12 min");
                });
        assertThat(schedule.decide(2, Duration.ofSeconds(Long.MAX_VALUE), NETWORK_DOWN))
                .isInstanceOf(RetryDecision.GiveUp.class);
        assertThat(schedule).hasToString("10 attempts, 5 min apart, at most 12 min in total");
    }

    @Test
    void checksRetryabilityBeforeAttemptsAndAttemptsBeforeTheBudget() {
        RetrySchedule schedule = RetrySchedule.builder().maxAttempts(3).fixedDelay(Duration.ofMinutes(5))
                .maxTotalTime(Duration.ofMinutes(1)).build();
        RedundancyException wrongPassword = new RedundancyException(ReasonCode.AUTHENTICATION_FAILED, "login refused");

        assertThat(schedule.decide(3, Duration.ofHours(1), wrongPassword))
                .extracting(decision -> ((RetryDecision.GiveUp) decision).reason())
                .isEqualTo(GiveUpReason.NOT_RETRYABLE);
        assertThat(schedule.decide(3, Duration.ofHours(1), NETWORK_DOWN))
                .extracting(decision -> ((RetryDecision.GiveUp) decision).reason())
                .isEqualTo(GiveUpReason.ATTEMPTS_EXHAUSTED);
        assertThat(schedule.decide(1, Duration.ZERO, NETWORK_DOWN))
                .extracting(decision -> ((RetryDecision.GiveUp) decision).reason())
                .isEqualTo(GiveUpReason.TIME_BUDGET_EXHAUSTED);
    }

    @Test
    void explanationsNameTheReasonCodeOrClassButNeverTheMessage() {
        RetrySchedule schedule = RetrySchedule.builder().fixedDelay(Duration.ofMinutes(5))
                .classifier(failure -> false).build();

        RetryDecision decision = schedule.decide(1, Duration.ZERO, new IOException("password=hunter2"));

        assertThat(decision).isInstanceOfSatisfying(RetryDecision.GiveUp.class, giveUp -> assertThat(
                giveUp.explanation()).contains("java.io.IOException").doesNotContain("hunter2"));
        assertThat(schedule.toString()).startsWith("10 attempts, 5 min apart, classifier ");
    }

    @Test
    void builderRefusesBothDelayPoliciesNamingBoth() {
        assertThatThrownBy(() -> RetrySchedule.builder().fixedDelay(Duration.ofMinutes(5))
                .exponentialBackoff(Duration.ofSeconds(1), 2, Duration.ofMinutes(1)).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("exponentialBackoff")
                .hasMessageContaining("conflicts with fixedDelay");
    }

    @Test
    void builderRefusesAMissingDelay() {
        assertThatThrownBy(() -> RetrySchedule.builder().maxAttempts(3).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("fixedDelay (none): a delay is required");
    }

    @Test
    void builderRefusesAJitterFactorOutsideZeroToOneOrWithoutRandomness() {
        for (double factor : new double[] {-0.1, 1.01, Double.NaN}) {
            assertThatThrownBy(() -> RetrySchedule.builder().fixedDelay(Duration.ofMinutes(5))
                    .jitter(factor, LOWEST).build())
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("jitter '" + factor + "'");
        }
        assertThatThrownBy(() -> RetrySchedule.builder().fixedDelay(Duration.ofMinutes(5)).jitter(0.2, null).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("needs a random generator");
        assertThat(RetrySchedule.builder().fixedDelay(Duration.ofMinutes(5)).jitter(1.0, LOWEST).build()
                .delayAfter(1)).isZero();
    }

    @Test
    void builderReportsEveryBadSettingAtOnce() {
        assertThatThrownBy(() -> RetrySchedule.builder().maxAttempts(0)
                .exponentialBackoff(Duration.ZERO, 0.5, Duration.ofDays(400))
                .maxTotalTime(Duration.ZERO).classifier(null).build())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(InputProblem::field)
                        .containsExactly("maxAttempts", "exponentialBackoff", "exponentialBackoff",
                                "exponentialBackoff", "maxTotalTime", "classifier"));
    }

    @Test
    void builderRefusesOutOfRangeValues() {
        assertRefused(RetrySchedule.builder().maxAttempts(1001).fixedDelay(Duration.ofMinutes(5)), "maxAttempts");
        assertRefused(RetrySchedule.builder().fixedDelay(Duration.ofSeconds(-1)), "fixedDelay");
        assertRefused(RetrySchedule.builder().fixedDelay(Duration.ofDays(366)), "fixedDelay");
        assertRefused(RetrySchedule.builder().fixedDelay(null), "fixedDelay");
        assertRefused(RetrySchedule.builder()
                .exponentialBackoff(Duration.ofMinutes(2), 2, Duration.ofMinutes(1)), "exponentialBackoff");
        assertRefused(RetrySchedule.builder()
                .exponentialBackoff(Duration.ofMinutes(1), Double.POSITIVE_INFINITY, Duration.ofMinutes(2)),
                "exponentialBackoff");
        assertRefused(RetrySchedule.builder().fixedDelay(Duration.ofMinutes(1)).maxTotalTime(null), "maxTotalTime");
    }

    @Test
    void builtScheduleIgnoresLaterBuilderChanges() {
        RetrySchedule.Builder builder = RetrySchedule.builder().maxAttempts(3).fixedDelay(Duration.ofMinutes(1));
        RetrySchedule schedule = builder.build();

        builder.maxAttempts(7).fixedDelay(Duration.ofMinutes(9));

        assertThat(schedule.maxAttempts()).isEqualTo(3);
        assertThat(schedule.delayAfter(1)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void rejectsImpossibleArguments() {
        RetrySchedule schedule = RetrySchedule.starfaceDefault(3);

        assertThatThrownBy(() -> schedule.delayAfter(0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("attempt '0'");
        assertThatThrownBy(() -> schedule.decide(0, Duration.ZERO, NETWORK_DOWN))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("failedAttempt '0'");
        assertThatThrownBy(() -> schedule.decide(1, Duration.ofSeconds(-1), NETWORK_DOWN))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("elapsed 'PT-1S'");
        assertThatThrownBy(() -> new RetryDecision.RetryAfter(Duration.ofSeconds(-1)))
                .isInstanceOf(InvalidInputException.class);
    }

    private static void assertRefused(RetrySchedule.Builder builder, String setting) {
        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(InputProblem::field)
                        .containsExactly(setting));
    }

    @Test
    void theLongestSpanIsTheSumOfTheLongestDelaysBetweenAttemptsWithinTheTimeBudget() {
        assertThat(RetrySchedule.starfaceDefault(10).longestSpan()).isEqualTo(Duration.ofMinutes(45));
        assertThat(RetrySchedule.starfaceDefault(1).longestSpan()).isZero();
        RetrySchedule backoff = RetrySchedule.builder().maxAttempts(5)
                .exponentialBackoff(Duration.ofMinutes(1), 2, Duration.ofMinutes(5)).build();
        assertThat(backoff.longestSpan()).isEqualTo(Duration.ofMinutes(1 + 2 + 4 + 5));
        RetrySchedule budget = RetrySchedule.builder().maxAttempts(10).fixedDelay(Duration.ofMinutes(5))
                .maxTotalTime(Duration.ofMinutes(12)).build();
        assertThat(budget.longestSpan()).isEqualTo(Duration.ofMinutes(12));
        // With jitter every delay may reach its upper bound: 3 waits of up to 5 min * 1.5.
        RetrySchedule jittered = RetrySchedule.builder().maxAttempts(4).fixedDelay(Duration.ofMinutes(5))
                .jitter(0.5, RandomGenerator.of("L64X128MixRandom")).build();
        assertThat(jittered.longestSpan()).isEqualTo(Duration.ofSeconds(3 * 450));
    }
}
