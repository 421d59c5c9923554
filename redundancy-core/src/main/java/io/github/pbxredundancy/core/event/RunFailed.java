package io.github.pbxredundancy.core.event;

import io.github.pbxredundancy.core.GiveUpReason;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A run gave up: after its last attempt, at once on an error retrying cannot fix, or when its
 * time budget ran out. Sent once per failed run (R19); the next scheduled run still happens.
 *
 * @param at when
 * @param run the run's number
 * @param reason why the run stopped retrying
 * @param explanation one sentence for the administrator
 * @param failures every attempt's failure, in order
 */
public record RunFailed(Instant at, long run, GiveUpReason reason, String explanation, List<AttemptFailure> failures)
        implements ReplicationEvent {
    /** Validates the parts and copies the list. */
    public RunFailed {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(explanation, "explanation");
        failures = List.copyOf(failures);
    }
}
