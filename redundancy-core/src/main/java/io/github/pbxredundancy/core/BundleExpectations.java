package io.github.pbxredundancy.core;

import io.github.pbxredundancy.license.LicenseKey;
import java.util.Objects;

/**
 * What the standby requires of a bundle before it may import it.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows the key masked.
 *
 * @param activeServerKey the active's server license key, as configured on the standby (R12);
 *     a bundle of any other pair is refused with {@link ReasonCode#FOREIGN_PAIR}
 * @param ownVersion the standby's software version; a bundle made by a newer version is
 *     refused with {@link ReasonCode#VERSION_INCOMPATIBLE} (R20)
 * @param minimumEpoch the highest fencing epoch the standby has seen; a bundle with a lower
 *     epoch is refused with {@link ReasonCode#STALE_EPOCH} (B1)
 * @param limits the size limits
 */
public record BundleExpectations(LicenseKey activeServerKey, SoftwareVersion ownVersion, long minimumEpoch,
                                 BundleLimits limits) {

    /** Validates every part. */
    public BundleExpectations {
        Objects.requireNonNull(activeServerKey, "activeServerKey");
        Objects.requireNonNull(ownVersion, "ownVersion");
        if (minimumEpoch < 0) {
            throw InvalidInputException.of("minimum epoch", Long.toString(minimumEpoch), "must be zero or more");
        }
        Objects.requireNonNull(limits, "limits");
    }
}
