package io.github.pbxredundancy.core;

import static io.github.pbxredundancy.core.PairFixtures.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pbxredundancy.license.License;
import io.github.pbxredundancy.license.LicenseEdition;
import io.github.pbxredundancy.license.LicenseSet;
import io.github.pbxredundancy.license.ModuleId;
import org.junit.jupiter.api.Test;

class PairCheckTest {
    private final PairCheck check = PairCheck.standard();

    @Test
    void seedPairPasses() {
        PairReport report = check.check(PairFixtures.seedPair());
        assertThat(report.problems()).isEmpty();
        assertThat(report.ok()).isTrue();
        assertThat(report.licensing().paired()).isTrue();
    }

    @Test
    void everyViolationIsReportedAtOnce() {
        RedundancyPair pair = new RedundancyPair(
                node("pbx-a", "192.168.1.1", 24, "7.3.1.5", Platform.CLOUD, PairFixtures.activeLicenses()),
                node("pbx-b", "192.168.2.255", 24, "7.2", Platform.VIRTUAL_MACHINE, PairFixtures.standbyLicenses()),
                PairFixtures.STANDBY_SERVER);

        PairReport report = check.check(pair);

        assertThat(report.codes()).containsExactlyInAnyOrder(PairCode.VERSIONS_DIFFER, PairCode.BROADCAST_ADDRESS,
                PairCode.DIFFERENT_SUBNETS, PairCode.CLOUD_PLATFORM, PairCode.LICENSES_NOT_PAIRED);
        assertThat(report.problems()).extracting(PairProblem::message)
                .anySatisfy(m -> assertThat(m).contains("pbx-b runs 7.2", "could not import"))
                .anySatisfy(m -> assertThat(m).contains("192.168.1.0/24", "192.168.2.0/24"))
                .anySatisfy(m -> assertThat(m).contains("pbx-a runs in the cloud"))
                .allSatisfy(m -> assertThat(m).doesNotContain("FFFFF-TTTTT"));
    }

    @Test
    void newerStandbyIsStillADifferenceButNotAnImportProblem() {
        RedundancyPair pair = new RedundancyPair(PairFixtures.seedPair().active(),
                node("pbx-b", "192.168.1.2", 24, "7.4", Platform.VIRTUAL_MACHINE, PairFixtures.standbyLicenses()),
                PairFixtures.ACTIVE_SERVER);
        PairReport report = check.check(pair);
        assertThat(report.codes()).containsExactly(PairCode.VERSIONS_DIFFER);
        assertThat(report.problems().get(0).message()).doesNotContain("could not import");
    }

    @Test
    void sameAddressAndDifferentPrefixLengthsAreReported() {
        RedundancyPair same = new RedundancyPair(PairFixtures.seedPair().active(),
                node("pbx-b", "192.168.1.1", 24, "7.3.1.5", Platform.VIRTUAL_MACHINE, PairFixtures.standbyLicenses()),
                PairFixtures.ACTIVE_SERVER);
        assertThat(check.check(same).codes()).containsExactly(PairCode.SAME_ADDRESS);

        RedundancyPair prefixes = new RedundancyPair(PairFixtures.seedPair().active(),
                node("pbx-b", "192.168.1.2", 25, "7.3.1.5", Platform.VIRTUAL_MACHINE, PairFixtures.standbyLicenses()),
                PairFixtures.ACTIVE_SERVER);
        assertThat(check.check(prefixes).codes()).containsExactly(PairCode.DIFFERENT_SUBNETS);
    }

    @Test
    void networkAndUnassignableAddressesAreReported() {
        RedundancyPair network = new RedundancyPair(PairFixtures.seedPair().active(),
                node("pbx-b", "192.168.1.0", 24, "7.3.1.5", Platform.VIRTUAL_MACHINE, PairFixtures.standbyLicenses()),
                PairFixtures.ACTIVE_SERVER);
        assertThat(check.check(network).codes()).containsExactly(PairCode.NETWORK_ADDRESS);

        RedundancyPair loopback = new RedundancyPair(
                node("pbx-a", "127.0.0.1", 8, "7.3.1.5", Platform.VIRTUAL_MACHINE, PairFixtures.activeLicenses()),
                node("pbx-b", "127.0.0.2", 8, "7.3.1.5", Platform.VIRTUAL_MACHINE, PairFixtures.standbyLicenses()),
                PairFixtures.ACTIVE_SERVER);
        assertThat(check.check(loopback).codes()).containsExactly(PairCode.ADDRESS_NOT_ASSIGNABLE);
    }

    @Test
    void licenseProblemsCarryTheDetailedCode() {
        LicenseSet standby = LicenseSet.of(License.server(PairFixtures.STANDBY_SERVER, LicenseEdition.REDUNDANCY),
                License.users(PairFixtures.ACTIVE_USER, LicenseEdition.REDUNDANCY, 1),
                License.module(PairFixtures.STANDBY_MODULE, LicenseEdition.REDUNDANCY, ModuleId.REDUNDANCY));
        RedundancyPair pair = new RedundancyPair(PairFixtures.seedPair().active(),
                node("pbx-b", "192.168.1.2", 24, "7.3.1.5", Platform.VIRTUAL_MACHINE, standby),
                PairFixtures.ACTIVE_SERVER);

        PairReport report = check.check(pair);

        assertThat(report.codes()).containsExactly(PairCode.LICENSES_NOT_PAIRED);
        assertThat(report.licensing().problems()).isNotEmpty();
        assertThat(report.problems()).allSatisfy(p -> assertThat(p.message()).startsWith("licenses: "));
    }

    @Test
    void nodeRefusesUnusablePrefixAndName() {
        assertThatThrownBy(() -> node("pbx-a", "192.168.1.1", 31, "7.3", Platform.CLOUD, PairFixtures.activeLicenses()))
                .hasMessageContaining("prefix length of pbx-a '31': must be between 1 and 30");
        assertThatThrownBy(() -> node("pbx\n-a", "192.168.1.1", 24, "7.3", Platform.CLOUD, PairFixtures.activeLicenses()))
                .hasMessageContaining("node name 'pbx\\u000A-a'");
    }

    @Test
    void nodeToStringLeavesLicensesOut() {
        assertThat(PairFixtures.seedPair().active().toString())
                .isEqualTo("pbx-a (192.168.1.1/24, 7.3.1.5, HARDWARE_APPLIANCE)");
    }
}
