package io.github.pbxredundancy.license.internal;

import io.github.pbxredundancy.license.License;
import io.github.pbxredundancy.license.LicenseKey;
import io.github.pbxredundancy.license.LicensedNode;
import io.github.pbxredundancy.license.PairingCode;
import java.util.Optional;

/**
 * The rules about server licenses that hold in every scheme: the active has one (R5), the
 * standby's configuration names it (R12), and a server license is bound to its own node's
 * hardware (R22).
 *
 * <p>Stateless and thread-safe.
 */
public final class ServerRules {

    private ServerRules() {
    }

    /**
     * Reports a missing active server license, and otherwise checks the standby's configured
     * key against it. Without a server license on the active the configured key cannot be
     * judged, and the missing license is the one thing to fix.
     *
     * @param active the active
     * @param standby the standby
     * @param configuredKey the key in the standby's redundancy configuration
     * @param problems where to report
     */
    public static void checkActiveServer(LicensedNode active, LicensedNode standby, LicenseKey configuredKey,
            Problems problems) {
        Optional<License> server = active.licenses().serverLicense();
        if (server.isEmpty()) {
            problems.add(PairingCode.ACTIVE_SERVER_LICENSE_MISSING, "The active has no server license."
                    + " Install it first: the pair is identified by its key, so the standby's configured key"
                    + " and the failover license's base could not be checked.");
            return;
        }
        LicenseKey serverKey = server.get().key();
        if (!configuredKey.equals(serverKey)) {
            problems.add(PairingCode.STANDBY_KEY_NOT_ACTIVE_SERVER_KEY, configuredKey,
                    "The standby's redundancy configuration holds the key " + configuredKey.masked()
                            + ", which is " + whatIs(configuredKey, active, standby)
                            + "; it must hold the active's server license key " + serverKey.masked() + ".");
        }
    }

    /**
     * Reports a node's server license bound to another node's hardware. An unbound license
     * passes: the binding is not always known.
     *
     * @param nodeName {@code active} or {@code standby}
     * @param node the node
     * @param server the node's server license to judge
     * @param problems where to report
     */
    public static void checkBinding(String nodeName, LicensedNode node, License server, Problems problems) {
        if (server.boundHardware().isPresent() && !server.boundHardware().get().equals(node.hardwareId())) {
            problems.add(PairingCode.SERVER_LICENSE_BOUND_TO_OTHER_HARDWARE, server.key(),
                    "The " + nodeName + "'s server license " + server.key().masked()
                            + " is bound to hardware id " + server.boundHardware().get().value()
                            + ", but the " + nodeName + "'s hardware id is " + node.hardwareId().value()
                            + ". Have the vendor re-link the license to this hardware.");
        }
    }

    private static String whatIs(LicenseKey key, LicensedNode active, LicensedNode standby) {
        Optional<License> onActive = active.licenses().find(key);
        if (onActive.isPresent()) {
            return "the active's " + LicensePhrases.describe(onActive.get());
        }
        Optional<License> onStandby = standby.licenses().find(key);
        if (onStandby.isPresent()) {
            return "the standby's own " + LicensePhrases.describe(onStandby.get());
        }
        return "not a license of either node";
    }
}
