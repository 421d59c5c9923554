package io.github.pbxredundancy.core.event;

import io.github.pbxredundancy.core.BundleId;
import java.time.Instant;
import java.util.Objects;

/**
 * The host's backup was created and wrapped into a bundle, ready to deliver.
 *
 * @param at when
 * @param run the run's number
 * @param bundleId the bundle
 * @param size the bundle's size in bytes
 */
public record BundlePrepared(Instant at, long run, BundleId bundleId, long size) implements ReplicationEvent {
    /** Validates the parts. */
    public BundlePrepared {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(bundleId, "bundleId");
    }
}
