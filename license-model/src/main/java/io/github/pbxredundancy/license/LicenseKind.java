package io.github.pbxredundancy.license;

import io.github.pbxredundancy.license.internal.Ids;

/**
 * What a license grants: a server, a number of users, a module, a failover installation,
 * or any other kind a vendor sells. The set is open: hosts may use their own kinds; the
 * constants are the ones this library gives rules for.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id 1 to 32 lower-case ASCII letters, digits or {@code -}, starting with a letter
 */
public record LicenseKind(String id) {
    /** The base license of an installation, one per node (R5, R22). */
    public static final LicenseKind SERVER = new LicenseKind("server");
    /** A number of users; the only built-in kind whose quantity may exceed 1. */
    public static final LicenseKind USER = new LicenseKind("user");
    /** One module; such a license names its {@link ModuleId}. */
    public static final LicenseKind MODULE = new LicenseKind("module");
    /**
     * An OfficeMaster failover license (R25): always of edition
     * {@link LicenseEdition#FAILOVER}, bound to the active's base license and the standby's
     * hardware id.
     */
    public static final LicenseKind FAILOVER = new LicenseKind("failover");

    /**
     * Validates the id.
     *
     * @throws IllegalArgumentException naming the id and the rule
     */
    public LicenseKind {
        Ids.check("license kind", id);
    }

    /**
     * The kind with this id.
     *
     * @param id 1 to 32 lower-case ASCII letters, digits or {@code -}, starting with a letter
     * @return the kind
     * @throws IllegalArgumentException naming the id and the rule
     */
    public static LicenseKind of(String id) {
        return new LicenseKind(id);
    }

    /**
     * Whether licenses of this kind count something (users, channels…) rather than being
     * a single grant: true for {@link #USER} and for every kind this library does not know.
     *
     * @return false for server, module and failover licenses
     */
    public boolean counted() {
        return !equals(SERVER) && !equals(MODULE) && !equals(FAILOVER);
    }

    /**
     * The id, as written in a license file.
     *
     * @return the id
     */
    @Override
    public String toString() {
        return id;
    }
}
