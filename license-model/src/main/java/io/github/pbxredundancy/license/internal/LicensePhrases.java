package io.github.pbxredundancy.license.internal;

import io.github.pbxredundancy.license.License;
import io.github.pbxredundancy.license.LicenseKind;

/**
 * Names a license in an administrator's words: kind, module and quantity, and the masked
 * key, never the full one.
 *
 * <p>Stateless and thread-safe.
 */
public final class LicensePhrases {

    private LicensePhrases() {
    }

    /**
     * E.g. {@code server license}, {@code user license for 10 users},
     * {@code module license for module 'redundancy'}, {@code fax-channel license for 30}.
     *
     * @param license the license
     * @return a noun phrase without article and key
     */
    public static String describe(License license) {
        LicenseKind kind = license.kind();
        if (kind.equals(LicenseKind.USER)) {
            return "user license for " + license.quantity() + (license.quantity() == 1 ? " user" : " users");
        }
        if (kind.equals(LicenseKind.MODULE)) {
            return "module license for module '" + license.module().orElseThrow().id() + "'";
        }
        if (kind.counted()) {
            return kind.id() + " license for " + license.quantity();
        }
        return kind.id() + " license";
    }

    /**
     * {@link #describe} followed by the masked key.
     *
     * @param license the license
     * @return e.g. {@code user license for 10 users AAAAA-*****-*****-33333}
     */
    public static String withKey(License license) {
        return describe(license) + " " + license.key().masked();
    }

    /**
     * The counterpart a STARFACE standby needs for {@code license}.
     *
     * @param license a license of the active
     * @return e.g. {@code redundancy user license for 10 users}
     */
    public static String counterpartOf(License license) {
        return "redundancy " + describe(license);
    }
}
