package io.github.pbxredundancy.core;

/** Stable codes of the pair prerequisites that {@link PairCheck} verifies. */
public enum PairCode {
    /** Active and standby run different software versions (R4, R30). */
    VERSIONS_DIFFER,
    /** The nodes are not in the same IPv4 subnet, or their prefix lengths differ (R4). */
    DIFFERENT_SUBNETS,
    /** Both nodes have the same address: each needs its own static address (R4). */
    SAME_ADDRESS,
    /** A node uses its subnet's network address. */
    NETWORK_ADDRESS,
    /** A node uses its subnet's broadcast address. */
    BROADCAST_ADDRESS,
    /** A node's address cannot be a host's static address (loopback, link-local, multicast…). */
    ADDRESS_NOT_ASSIGNABLE,
    /** A node runs in the cloud, where warm standby is not available (R3). */
    CLOUD_PLATFORM,
    /** The license check found a problem; the detail is in {@link PairReport#licensing()} (R5, R11, R12, R25). */
    LICENSES_NOT_PAIRED
}
