package io.github.pbxredundancy.core;

/**
 * Why a {@link RetrySchedule} stops retrying a failed transfer.
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum GiveUpReason {
    /** Every configured attempt ("Anzahl Versuche", R7) has failed. */
    ATTEMPTS_EXHAUSTED,
    /** Waiting for the next attempt would overrun the schedule's total time budget. */
    TIME_BUDGET_EXHAUSTED,
    /** The failure stays the same however often the transfer is repeated (see {@link RetryClassifier}). */
    NOT_RETRYABLE
}
