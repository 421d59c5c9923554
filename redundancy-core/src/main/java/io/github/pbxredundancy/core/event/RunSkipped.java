package io.github.pbxredundancy.core.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A run fell due but did not start, for one of two reasons ({@link #cause()}):
 * <ul>
 *   <li>{@link Cause#RUN_IN_PROGRESS}: the previous run was still in progress (retrying, or
 *       blocked in a backup or delivery); the run was skipped, not stacked, so one pair never has
 *       two runs at once;</li>
 *   <li>{@link Cause#NOT_ALLOWED}: the replicator's {@link io.github.pbxredundancy.core.ReplicationGate}
 *       was closed, e.g. the node is fenced (B1) and replicates nothing.</li>
 * </ul>
 * The next scheduled run falls due as usual.
 *
 * @param at when
 * @param run for {@link Cause#RUN_IN_PROGRESS} the number of the run still in progress; for
 *     {@link Cause#NOT_ALLOWED} the number of the last run that started, 0 if none did
 * @param scheduledFor the schedule's time of the skipped run
 * @param cause why the run was skipped
 * @param reason one line for the administrator, e.g. {@code run 4 is still in progress} or the
 *     gate's reason ({@code node is FENCED …})
 */
public record RunSkipped(Instant at, long run, Instant scheduledFor, Cause cause, String reason)
        implements ReplicationEvent {
    /** Validates that every part is present. */
    public RunSkipped {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(scheduledFor, "scheduledFor");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * A run skipped because run {@code run} is still in progress.
     *
     * @param at when
     * @param run the run still in progress
     * @param scheduledFor the schedule's time of the skipped run
     */
    public RunSkipped(Instant at, long run, Instant scheduledFor) {
        this(at, run, scheduledFor, Cause.RUN_IN_PROGRESS, "run " + run + " is still in progress");
    }

    /** Why a run was skipped. */
    public enum Cause {
        /** The previous run was still in progress. */
        RUN_IN_PROGRESS,
        /** The replication gate was closed: the node may not replicate now (e.g. it is fenced). */
        NOT_ALLOWED
    }
}
