package io.github.pbxredundancy.license;

import java.util.Locale;

/**
 * Which node a license is meant for. A key is issued for exactly one edition; mixing them up
 * between the nodes is what the {@link PairingCheck} catches.
 *
 * <p>Immutable and thread-safe.
 */
public enum LicenseEdition {
    /** An ordinary license, installed on the active node. */
    REGULAR,
    /**
     * A redundancy counterpart (STARFACE, R5): the standby holds one for every license of
     * the active, with its own key; issued with the redundancy module license.
     */
    REDUNDANCY,
    /**
     * An OfficeMaster failover license (R25): the one extra license of a standby that carries
     * copies of all its main system's licenses.
     */
    FAILOVER;

    /**
     * The lower-case name used in license files: {@code regular}, {@code redundancy},
     * {@code failover}.
     *
     * @return the id
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
