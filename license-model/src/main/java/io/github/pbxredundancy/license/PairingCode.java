package io.github.pbxredundancy.license;

/**
 * What is wrong with the licenses of a pair. The names are stable across releases: hosts,
 * logs and notifications may match on them. Each problem of a {@link PairingReport} carries
 * one code and a plain English message.
 *
 * <p>Immutable and thread-safe.
 */
public enum PairingCode {
    /** The active has no server license at all (R5). Checks that need its key are skipped. */
    ACTIVE_SERVER_LICENSE_MISSING,
    /**
     * A regular license of the active has no redundancy counterpart of the same kind, module
     * and quantity on the standby (R5).
     */
    COUNTERPART_MISSING,
    /**
     * The standby's counterpart of a license matches it in kind and module but not in
     * quantity, e.g. 20 users against the active's 10 (R5).
     */
    COUNTERPART_QUANTITY_MISMATCH,
    /** The same key is installed on both nodes: the keys were mixed up (R5). */
    KEY_ON_BOTH_NODES,
    /** A regular license is installed on a STARFACE standby, which takes redundancy licenses only (R5, R11). */
    REGULAR_LICENSE_ON_STANDBY,
    /** A redundancy license is installed on the active, which takes regular licenses only (R5). */
    REDUNDANCY_LICENSE_ON_ACTIVE,
    /** The active lacks the redundancy module's own license (R6). */
    REDUNDANCY_MODULE_LICENSE_MISSING_ON_ACTIVE,
    /** The standby lacks the counterpart of the redundancy module license (R11). */
    REDUNDANCY_MODULE_LICENSE_MISSING_ON_STANDBY,
    /** The standby's redundancy configuration holds a key other than the active's server key (R12). */
    STANDBY_KEY_NOT_ACTIVE_SERVER_KEY,
    /** A redundancy license on the standby has no original on the active (R5). */
    ORPHAN_COUNTERPART,
    /** A node's server license is bound to a hardware id other than the node's own (R22). */
    SERVER_LICENSE_BOUND_TO_OTHER_HARDWARE,
    /** A failover license is not bound to the active's server license (R25). */
    FAILOVER_NOT_BOUND_TO_BASE,
    /** A failover license is not bound to the standby's hardware id (R25). */
    FAILOVER_NOT_BOUND_TO_STANDBY_HARDWARE,
    /** The standby holds more than one failover license; one is used per standby system (R25, R26). */
    MORE_THAN_ONE_FAILOVER_LICENSE,
    /** The failover scheme needs a failover license on the standby, and there is none (R25). */
    FAILOVER_LICENSE_MISSING,
    /** A failover license is installed on the active; it belongs on the standby (R25). */
    FAILOVER_LICENSE_ON_ACTIVE,
    /** In the failover scheme, one of the active's licenses is not on the standby under the same key (R25). */
    LICENSE_MISSING_ON_STANDBY
}
