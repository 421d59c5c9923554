package io.github.pbxredundancy.core;

import java.time.Duration;
import java.util.Objects;

/**
 * What to do after a failed attempt, as decided by {@link RetrySchedule#decide}: wait and try
 * again, or give up. A closed set, so a caller's {@code instanceof} chain or pattern switch
 * covers every case.
 *
 * <p>All implementations are immutable and thread-safe.
 */
public sealed interface RetryDecision permits RetryDecision.RetryAfter, RetryDecision.GiveUp {

    /**
     * Try again after waiting.
     *
     * @param delay how long to wait before the next attempt; zero or more
     */
    record RetryAfter(Duration delay) implements RetryDecision {
        /**
         * Validates the delay.
         *
         * @throws InvalidInputException on field {@code delay} if it is negative
         */
        public RetryAfter {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw InvalidInputException.of("delay", delay.toString(), "must be zero or more");
            }
        }
    }

    /**
     * Stop retrying.
     *
     * @param reason why
     * @param explanation one sentence for the administrator's notification and the log; never
     *     contains a failure's message, which might carry a secret
     */
    record GiveUp(GiveUpReason reason, String explanation) implements RetryDecision {
        /** Validates that both parts are present. */
        public GiveUp {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(explanation, "explanation");
        }
    }
}
