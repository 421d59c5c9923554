package io.github.pbxredundancy.core.event;

import io.github.pbxredundancy.core.ReasonCode;
import java.time.Instant;
import java.util.Objects;

/**
 * Why one attempt of a run failed, as reported to the administrator.
 *
 * @param attempt the attempt's number, from 1
 * @param at when it failed
 * @param reason the failure's code
 * @param message one line for the administrator; never a secret
 */
public record AttemptFailure(int attempt, Instant at, ReasonCode reason, String message) {
    /** Validates the parts. */
    public AttemptFailure {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }
}
