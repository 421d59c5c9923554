package io.github.pbxredundancy.core;

import io.github.pbxredundancy.license.HardwareId;
import io.github.pbxredundancy.license.License;
import io.github.pbxredundancy.license.LicenseEdition;
import io.github.pbxredundancy.license.LicenseKey;
import io.github.pbxredundancy.license.LicenseSet;
import io.github.pbxredundancy.license.ModuleId;

/** The seed's example pair (STARFACE documentation, seed 000) for tests. */
final class PairFixtures {
    static final LicenseKey ACTIVE_SERVER = LicenseKey.parse("XXXXX-YYYYY-ZZZZZ-11111");
    static final LicenseKey ACTIVE_USER = LicenseKey.parse("AAAAA-BBBBB-CCCCC-33333");
    static final LicenseKey ACTIVE_MODULE = LicenseKey.parse("UUUUU-KKKKK-SSSSS-55555");
    static final LicenseKey STANDBY_SERVER = LicenseKey.parse("DDDDD-FFFFF-TTTTT-22222");
    static final LicenseKey STANDBY_USER = LicenseKey.parse("HHHHH-MMMMM-PPPPP-44444");
    static final LicenseKey STANDBY_MODULE = LicenseKey.parse("VVVVV-RRRRR-JJJJJ-66666");

    private PairFixtures() {
    }

    static LicenseSet activeLicenses() {
        return LicenseSet.of(License.server(ACTIVE_SERVER, LicenseEdition.REGULAR),
                License.users(ACTIVE_USER, LicenseEdition.REGULAR, 1),
                License.module(ACTIVE_MODULE, LicenseEdition.REGULAR, ModuleId.REDUNDANCY));
    }

    static LicenseSet standbyLicenses() {
        return LicenseSet.of(License.server(STANDBY_SERVER, LicenseEdition.REDUNDANCY),
                License.users(STANDBY_USER, LicenseEdition.REDUNDANCY, 1),
                License.module(STANDBY_MODULE, LicenseEdition.REDUNDANCY, ModuleId.REDUNDANCY));
    }

    static Node node(String name, String address, int prefix, String version, Platform platform, LicenseSet licenses) {
        return new Node(name, Ipv4Address.parse(address), prefix, SoftwareVersion.parse(version),
                HardwareId.derive("Intel Xeon E-2224", 4), platform, licenses);
    }

    static RedundancyPair seedPair() {
        return new RedundancyPair(
                node("pbx-a", "192.168.1.1", 24, "7.3.1.5", Platform.HARDWARE_APPLIANCE, activeLicenses()),
                node("pbx-b", "192.168.1.2", 24, "7.3.1.5", Platform.VIRTUAL_MACHINE, standbyLicenses()),
                ACTIVE_SERVER);
    }
}
