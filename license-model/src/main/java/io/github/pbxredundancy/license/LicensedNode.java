package io.github.pbxredundancy.license;

import java.util.Objects;

/**
 * A node as far as licensing sees it: its hardware id and its installed licenses.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows keys masked only.
 *
 * @param hardwareId the node's hardware id (R22)
 * @param licenses the licenses installed on it
 */
public record LicensedNode(HardwareId hardwareId, LicenseSet licenses) {

    /** Checks that both parts are present. */
    public LicensedNode {
        Objects.requireNonNull(hardwareId, "hardwareId");
        Objects.requireNonNull(licenses, "licenses");
    }
}
