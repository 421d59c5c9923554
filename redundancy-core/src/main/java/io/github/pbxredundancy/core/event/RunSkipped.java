package io.github.pbxredundancy.core.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A run fell due while the previous one was still in progress (retrying, or blocked in a backup
 * or delivery); it was skipped, not stacked, so one pair never has two runs at once. The next
 * scheduled run happens as usual.
 *
 * @param at when
 * @param run the number of the run still in progress
 * @param scheduledFor the schedule's time of the skipped run
 */
public record RunSkipped(Instant at, long run, Instant scheduledFor) implements ReplicationEvent {
    /** Validates that the instants are present. */
    public RunSkipped {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(scheduledFor, "scheduledFor");
    }
}
