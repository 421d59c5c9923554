package io.github.pbxredundancy.core.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt of a run failed.
 *
 * @param at when
 * @param run the run's number
 * @param failure what failed and why
 * @param maxAttempts the attempts the run may make in all
 * @param nextAttemptAt when the next attempt starts, or empty if the run gives up
 */
public record AttemptFailed(Instant at, long run, AttemptFailure failure, int maxAttempts,
                            Optional<Instant> nextAttemptAt) implements ReplicationEvent {
    /** Validates the parts. */
    public AttemptFailed {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    }
}
