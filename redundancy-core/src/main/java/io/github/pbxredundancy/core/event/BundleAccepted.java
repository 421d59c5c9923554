package io.github.pbxredundancy.core.event;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.SoftwareVersion;
import java.time.Instant;
import java.util.Objects;

/**
 * A bundle passed every check and is kept among the last good bundles.
 *
 * @param at when
 * @param bundleId the bundle
 * @param sourceNode the active that made it
 * @param softwareVersion the version it was made with
 * @param epoch its fencing epoch
 * @param createdAt when the active created it; the data the standby now holds is this old
 * @param size its size in bytes
 */
public record BundleAccepted(Instant at, BundleId bundleId, String sourceNode, SoftwareVersion softwareVersion,
                             long epoch, Instant createdAt, long size) implements StandbyEvent {
    /** Validates the parts. */
    public BundleAccepted {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(bundleId, "bundleId");
        Objects.requireNonNull(sourceNode, "sourceNode");
        Objects.requireNonNull(softwareVersion, "softwareVersion");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
