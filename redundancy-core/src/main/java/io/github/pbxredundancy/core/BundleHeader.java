package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.internal.bundle.BundleFields;
import java.time.Instant;
import java.util.Objects;

/**
 * What the active node says about a bundle besides the backup itself; {@link BundleWriter}
 * writes it into the manifest.
 *
 * <p>Immutable and thread-safe.
 *
 * @param bundleId the bundle's id
 * @param pair the pair the bundle belongs to: {@code PairIdentity.of(activeServerKey)}
 * @param sourceNode the active node's name, 1 to 64 printable ASCII characters
 * @param softwareVersion the version the active runs; the standby must run the same or a newer
 *     one to import (R20)
 * @param epoch the active's fencing epoch, zero or more (B1)
 * @param createdAt when the bundle was made, from the caller's clock; also every tar entry's
 *     modification time (to the second), so equal input gives equal bytes; between 1970 and
 *     2242, the range of a tar header
 */
public record BundleHeader(BundleId bundleId, PairIdentity pair, String sourceNode,
                           SoftwareVersion softwareVersion, long epoch, Instant createdAt) {

    /** Validates every part. */
    public BundleHeader {
        Objects.requireNonNull(bundleId, "bundleId");
        Objects.requireNonNull(pair, "pair");
        BundleFields.requireSourceNode(sourceNode);
        Objects.requireNonNull(softwareVersion, "softwareVersion");
        BundleFields.requireEpoch(epoch);
        BundleFields.requireCreatedAt(createdAt);
    }
}
