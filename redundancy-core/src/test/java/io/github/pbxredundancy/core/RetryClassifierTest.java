package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RetryClassifierTest {
    private static final RetryClassifier CLASSIFIER = RetryClassifier.byReasonCode();

    @ParameterizedTest
    @EnumSource(value = ReasonCode.class, names = {"INVALID_INPUT", "VERSION_INCOMPATIBLE", "FOREIGN_PAIR",
        "AUTHENTICATION_FAILED", "HOST_KEY_UNKNOWN", "HOST_KEY_CHANGED", "PERMISSION_DENIED", "STALE_EPOCH"})
    void nonRetryableCodeStopsAtTheFirstFailure(ReasonCode code) {
        RedundancyException failure = new RedundancyException(code, "refused");

        RetryDecision decision = RetrySchedule.starfaceDefault(10).decide(1, Duration.ZERO, failure);

        assertThat(decision).isInstanceOfSatisfying(RetryDecision.GiveUp.class, giveUp -> {
            assertThat(giveUp.reason()).isEqualTo(GiveUpReason.NOT_RETRYABLE);
            assertThat(giveUp.explanation()).contains(code.name());
        });
    }

    @ParameterizedTest
    @EnumSource(ReasonCode.class)
    void followsTheReasonCodeAlsoWhenWrapped(ReasonCode code) {
        RedundancyException failure = new RedundancyException(code, "failed");

        assertThat(CLASSIFIER.isRetryable(failure)).isEqualTo(code.retryable());
        assertThat(CLASSIFIER.isRetryable(new UncheckedIOException(new IOException(failure))))
                .isEqualTo(code.retryable());
    }

    @ParameterizedTest
    @EnumSource(value = ReasonCode.class, names = {"CONNECTION_FAILED", "TIMEOUT", "TRANSFER_INTERRUPTED",
        "DISK_FULL", "INTEGRITY_FAILED"})
    void retryableCodeWaitsFiveMinutes(ReasonCode code) {
        RetryDecision decision = RetrySchedule.starfaceDefault(10)
                .decide(1, Duration.ZERO, new RedundancyException(code, "failed"));

        assertThat(decision).isEqualTo(new RetryDecision.RetryAfter(Duration.ofMinutes(5)));
    }

    @Test
    void failureWithoutReasonCodeIsRetryable() {
        assertThat(CLASSIFIER.isRetryable(new IOException("connection reset"))).isTrue();
        assertThat(CLASSIFIER.isRetryable(new IllegalStateException())).isTrue();
    }

    @Test
    void invalidInputIsNotRetryable() {
        assertThat(CLASSIFIER.isRetryable(InvalidInputException.of("server", "x", "must be an IPv4 address")))
                .isFalse();
    }

    @Test
    void outermostReasonCodeDecides() {
        RedundancyException inner = new RedundancyException(ReasonCode.AUTHENTICATION_FAILED, "refused");

        assertThat(CLASSIFIER.isRetryable(new RedundancyException(ReasonCode.TIMEOUT, "slow", inner))).isTrue();
        assertThat(CLASSIFIER.isRetryable(new RedundancyException(ReasonCode.HOST_KEY_CHANGED, "impostor?",
                new RedundancyException(ReasonCode.TIMEOUT, "slow")))).isFalse();
    }

    @Test
    void endsOnACauseChainThatLoops() {
        Exception looping = new Exception("loops") {
            private static final long serialVersionUID = 1L;

            @Override
            public synchronized Throwable getCause() {
                return this;
            }
        };

        assertThat(CLASSIFIER.isRetryable(looping)).isTrue();
        assertThat(RetrySchedule.builder().fixedDelay(Duration.ZERO).classifier(failure -> false).build()
                .decide(1, Duration.ZERO, looping)).isInstanceOf(RetryDecision.GiveUp.class);
    }
}
