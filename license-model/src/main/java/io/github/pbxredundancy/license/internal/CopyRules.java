package io.github.pbxredundancy.license.internal;

import io.github.pbxredundancy.license.License;
import io.github.pbxredundancy.license.LicenseEdition;
import io.github.pbxredundancy.license.LicensedNode;
import io.github.pbxredundancy.license.PairingCode;

/**
 * The OfficeMaster rule (R25): the standby carries every license of its main system under
 * the same key. Matching is by key only: a key stands for what the vendor sold under it.
 * Further licenses on the standby are not judged, apart from failover licenses
 * ({@link FailoverRules}).
 *
 * <p>Stateless and thread-safe.
 */
public final class CopyRules {

    private CopyRules() {
    }

    /**
     * Applies the rule, and the edition rule for the active that holds in every scheme.
     *
     * @param active the active
     * @param standby the standby
     * @param problems where to report
     */
    public static void check(LicensedNode active, LicensedNode standby, Problems problems) {
        for (License a : active.licenses().licenses()) {
            if (a.edition() == LicenseEdition.REDUNDANCY) {
                problems.add(PairingCode.REDUNDANCY_LICENSE_ON_ACTIVE, a.key(), "The active holds the redundancy "
                        + LicensePhrases.withKey(a) + ", which belongs on a standby."
                        + " Install the regular license on the active.");
            }
        }
        for (License a : active.licenses().licenses()) {
            if (a.edition() != LicenseEdition.FAILOVER && !standby.licenses().containsKey(a.key())) {
                problems.add(PairingCode.LICENSE_MISSING_ON_STANDBY, a.key(), "The standby lacks the active's "
                        + LicensePhrases.withKey(a) + ". With a failover license the standby carries every"
                        + " license of the active under the same key.");
            }
        }
    }
}
