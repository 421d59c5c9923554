package io.github.pbxredundancy.license;

/**
 * How a vendor licenses a standby.
 *
 * <p>Immutable and thread-safe.
 */
public enum PairingScheme {
    /**
     * STARFACE (R5, R6, R11, R12): the standby holds its own redundancy counterpart, with a
     * different key, of every license of the active, including the redundancy module's.
     */
    REDUNDANCY_COUNTERPARTS,
    /**
     * OfficeMaster FailoverSuite (R25, R26): the standby holds every license of the active
     * under the same keys plus exactly one failover license, bound to the active's base
     * license and the standby's hardware id.
     */
    FAILOVER_LICENSE
}
