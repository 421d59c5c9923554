package io.github.pbxredundancy.core;

import io.github.pbxredundancy.license.LicenseKey;
import java.util.Objects;

/**
 * An active node and its standby.
 *
 * @param active the node whose backups are shipped
 * @param standby the node that imports them and can be promoted
 * @param standbyConfiguredKey the license key entered in the standby's module configuration;
 *     it must be the active's server license key, which identifies the pair (R12)
 */
public record RedundancyPair(Node active, Node standby, LicenseKey standbyConfiguredKey) {

    /** Validates that every part is present. */
    public RedundancyPair {
        Objects.requireNonNull(active, "active");
        Objects.requireNonNull(standby, "standby");
        Objects.requireNonNull(standbyConfiguredKey, "standbyConfiguredKey");
    }
}
