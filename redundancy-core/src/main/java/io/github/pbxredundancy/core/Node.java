package io.github.pbxredundancy.core;

import io.github.pbxredundancy.license.HardwareId;
import io.github.pbxredundancy.license.LicenseSet;
import io.github.pbxredundancy.license.LicensedNode;
import java.util.Objects;

/**
 * One PBX server of a pair, as far as the pair's prerequisites are concerned (R4, R22).
 *
 * @param name a label for messages, e.g. {@code pbx-a}; 1–64 printable ASCII characters
 * @param address the node's own static IPv4 address
 * @param prefixLength the subnet's prefix length, 1–30 (a /31 or /32 leaves no room for phones)
 * @param version the software version the node runs
 * @param hardwareId the installation's hardware id, to which its server license is bound
 * @param platform what the node runs on
 * @param licenses the licenses installed on this node
 */
public record Node(String name, Ipv4Address address, int prefixLength, SoftwareVersion version,
                   HardwareId hardwareId, Platform platform, LicenseSet licenses) {

    /** Validates every component. */
    public Node {
        if (name == null || name.isEmpty() || name.length() > 64 || !name.chars().allMatch(c -> c >= ' ' && c <= '~')) {
            throw InvalidInputException.of("node name", name, "must be 1 to 64 printable ASCII characters");
        }
        Objects.requireNonNull(address, "address");
        if (prefixLength < 1 || prefixLength > 30) {
            throw InvalidInputException.of("prefix length of " + name, Integer.toString(prefixLength),
                    "must be between 1 and 30: the subnet needs room for both nodes and the phones");
        }
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(hardwareId, "hardwareId");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(licenses, "licenses");
    }

    /** The node's network address for its prefix length. */
    public Ipv4Address networkAddress() {
        return address.networkAddress(prefixLength);
    }

    /** The node's broadcast address for its prefix length. */
    public Ipv4Address broadcastAddress() {
        return address.broadcastAddress(prefixLength);
    }

    /** The licensing view of this node, for {@link io.github.pbxredundancy.license.PairingCheck}. */
    public LicensedNode licensed() {
        return new LicensedNode(hardwareId, licenses);
    }

    /** {@code name (address/prefix, version)}; licenses are left out, their keys are not for logs. */
    @Override
    public String toString() {
        return name + " (" + address + "/" + prefixLength + ", " + version + ", " + platform + ")";
    }
}
