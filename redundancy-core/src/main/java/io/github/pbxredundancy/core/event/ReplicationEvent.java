package io.github.pbxredundancy.core.event;

/**
 * Events of the active side's replication runs (R1, R19). Each carries the run's number,
 * counted from 1 per {@code Replicator}.
 */
public sealed interface ReplicationEvent extends RedundancyEvent
        permits RunStarted, RunSkipped, BundlePrepared, AttemptFailed, RunSucceeded, RunFailed {
    /**
     * The run's number; for {@link RunSkipped} the number of the run still in progress, or of
     * the last run if the replication gate was closed.
     */
    long run();
}
