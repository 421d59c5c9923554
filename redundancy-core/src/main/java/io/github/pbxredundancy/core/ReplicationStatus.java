package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.event.AttemptFailure;
import io.github.pbxredundancy.core.event.RunFailed;
import io.github.pbxredundancy.core.event.RunSucceeded;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of a {@link Replicator} for a status page: whether it is started, the run in
 * progress, the last success and failure, and when the next run is due.
 *
 * <p>Immutable and thread-safe.
 *
 * @param started whether the replicator is started
 * @param running the run in progress, or empty if idle
 * @param lastSuccess the last run the standby accepted, or empty if none since the replicator was built
 * @param lastFailure the last run that gave up, or empty if none since the replicator was built
 * @param nextRunAt when the next run is scheduled, or empty if stopped (or the schedule has no
 *     further run)
 */
public record ReplicationStatus(boolean started, Optional<RunProgress> running, Optional<RunSucceeded> lastSuccess,
                                Optional<RunFailed> lastFailure, Optional<Instant> nextRunAt) {

    /** Validates that every part is present. */
    public ReplicationStatus {
        Objects.requireNonNull(running, "running");
        Objects.requireNonNull(lastSuccess, "lastSuccess");
        Objects.requireNonNull(lastFailure, "lastFailure");
        Objects.requireNonNull(nextRunAt, "nextRunAt");
    }

    /** What the run in progress is doing. */
    public enum Phase {
        /** The host's backup is being made and bundled. */
        PREPARING,
        /** The bundle is being delivered to the standby. */
        DELIVERING,
        /** An attempt failed; the next one is scheduled. */
        WAITING_TO_RETRY
    }

    /**
     * The run in progress.
     *
     * <p>Immutable and thread-safe.
     *
     * @param run the run's number
     * @param scheduledFor the schedule's time for it
     * @param startedAt when it started
     * @param attempt the number of the current (or, while waiting, the last failed) attempt
     * @param phase what it is doing
     * @param nextAttemptAt when the next attempt starts, if waiting to retry
     * @param failures the failed attempts so far, in order
     */
    public record RunProgress(long run, Instant scheduledFor, Instant startedAt, int attempt, Phase phase,
                              Optional<Instant> nextAttemptAt, List<AttemptFailure> failures) {
        /** Validates the parts and copies the list. */
        public RunProgress {
            Objects.requireNonNull(scheduledFor, "scheduledFor");
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
            failures = List.copyOf(failures);
        }
    }
}
