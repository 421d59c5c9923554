package io.github.pbxredundancy.core.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A scheduled run began.
 *
 * @param at when
 * @param run the run's number
 * @param scheduledFor the schedule's time for this run
 */
public record RunStarted(Instant at, long run, Instant scheduledFor) implements ReplicationEvent {
    /** Validates that the instants are present. */
    public RunStarted {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(scheduledFor, "scheduledFor");
    }
}
