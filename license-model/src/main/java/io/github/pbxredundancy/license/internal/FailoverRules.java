package io.github.pbxredundancy.license.internal;

import io.github.pbxredundancy.license.License;
import io.github.pbxredundancy.license.LicenseEdition;
import io.github.pbxredundancy.license.LicenseKey;
import io.github.pbxredundancy.license.LicensedNode;
import io.github.pbxredundancy.license.PairingCode;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The OfficeMaster failover license rules (R25, R26), applied to whatever failover licenses
 * are present in any scheme: a failover license lives on the standby, one per standby,
 * bound to the active's server license and the standby's hardware id.
 *
 * <p>Stateless and thread-safe.
 */
public final class FailoverRules {

    private FailoverRules() {
    }

    /**
     * Applies the rules.
     *
     * @param active the active
     * @param standby the standby
     * @param required whether the standby must hold a failover license
     * @param problems where to report
     */
    public static void check(LicensedNode active, LicensedNode standby, boolean required, Problems problems) {
        for (License a : active.licenses().ofEdition(LicenseEdition.FAILOVER)) {
            problems.add(PairingCode.FAILOVER_LICENSE_ON_ACTIVE, a.key(), "The active holds the failover license "
                    + a.key().masked() + ", which belongs on the standby.");
        }
        List<License> failovers = standby.licenses().ofEdition(LicenseEdition.FAILOVER);
        if (failovers.isEmpty() && required) {
            problems.add(PairingCode.FAILOVER_LICENSE_MISSING, "The standby has no failover license. It needs"
                    + " one, bound to the active's server license and activated on the standby's hardware.");
        }
        if (failovers.size() > 1) {
            problems.add(PairingCode.MORE_THAN_ONE_FAILOVER_LICENSE, failovers.get(1).key(), "The standby holds "
                    + failovers.size() + " failover licenses (" + failovers.stream().map(l -> l.key().masked())
                            .collect(Collectors.joining(", ")) + "), but one failover license is used per"
                    + " standby system. A standby for a second main system is a second standby system.");
        }
        Optional<LicenseKey> base = active.licenses().serverLicense().map(License::key);
        for (License f : failovers) {
            // Without an active server license the base cannot be judged; that absence is reported already.
            if (base.isPresent() && !f.boundBaseLicense().equals(base)) {
                problems.add(PairingCode.FAILOVER_NOT_BOUND_TO_BASE, f.key(), "The failover license "
                        + f.key().masked() + " is " + f.boundBaseLicense().map(b -> "bound to base license "
                                + b.masked()).orElse("not bound to any base license")
                        + ", but the active's server license is " + base.get().masked()
                        + ". Bind it to the active's server license.");
            }
            if (!f.boundHardware().equals(Optional.of(standby.hardwareId()))) {
                problems.add(PairingCode.FAILOVER_NOT_BOUND_TO_STANDBY_HARDWARE, f.key(), "The failover license "
                        + f.key().masked() + " is " + f.boundHardware().map(h -> "bound to hardware id "
                                + h.value()).orElse("not bound to any hardware id")
                        + ", but the standby's hardware id is " + standby.hardwareId().value()
                        + ". Activate it on the standby.");
            }
        }
    }
}
