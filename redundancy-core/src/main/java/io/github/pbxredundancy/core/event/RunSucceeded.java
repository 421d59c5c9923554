package io.github.pbxredundancy.core.event;

import io.github.pbxredundancy.core.BundleId;
import java.time.Instant;
import java.util.Objects;

/**
 * The standby accepted the run's bundle.
 *
 * @param at when
 * @param run the run's number
 * @param bundleId the bundle the standby accepted
 * @param attempts how many attempts it took
 */
public record RunSucceeded(Instant at, long run, BundleId bundleId, int attempts) implements ReplicationEvent {
    /** Validates the parts. */
    public RunSucceeded {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(bundleId, "bundleId");
    }
}
