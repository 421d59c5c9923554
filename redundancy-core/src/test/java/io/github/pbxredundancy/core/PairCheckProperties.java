package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.license.HardwareId;
import io.github.pbxredundancy.license.License;
import io.github.pbxredundancy.license.LicenseEdition;
import io.github.pbxredundancy.license.LicenseKey;
import io.github.pbxredundancy.license.LicenseSet;
import io.github.pbxredundancy.license.ModuleId;
import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PairCheckProperties {
    private final PairCheck check = PairCheck.standard();

    @Provide
    Arbitrary<RedundancyPair> validPairs() {
        Arbitrary<Integer> prefixes = Arbitraries.integers().between(8, 28);
        Arbitrary<Integer> networks = Arbitraries.integers().between(0, 0xFFFFFF);
        Arbitrary<SoftwareVersion> versions = Arbitraries.integers().between(0, 20).list().ofMinSize(1).ofMaxSize(4)
                .map(l -> SoftwareVersion.of(l.stream().mapToInt(Integer::intValue).toArray()));
        Arbitrary<Platform> platforms = Arbitraries.of(Platform.HARDWARE_APPLIANCE, Platform.VIRTUAL_MACHINE);
        Arbitrary<List<LicenseKey>> keys = Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
                .ofLength(20).map(s -> LicenseKey.parse(String.join("-", s.substring(0, 5), s.substring(5, 10),
                        s.substring(10, 15), s.substring(15))))
                .list().ofSize(6).uniqueElements();
        Arbitrary<Integer> users = Arbitraries.integers().between(1, 500);
        return Combinators.combine(prefixes, networks, versions, platforms, platforms, keys, users, Arbitraries.doubles().between(0, 1))
                .as((prefix, network, version, activePlatform, standbyPlatform, k, userCount, pick) -> {
                    // Two distinct host addresses inside one 10.x network of the chosen prefix.
                    int base = (0x0A000000 | network) & (-1 << (32 - prefix));
                    int hosts = (1 << (32 - prefix)) - 2;
                    int first = 1 + (int) (pick * (hosts - 1));
                    int second = first == hosts ? 1 : first + 1;
                    LicenseSet active = LicenseSet.of(License.server(k.get(0), LicenseEdition.REGULAR),
                            License.users(k.get(1), LicenseEdition.REGULAR, userCount),
                            License.module(k.get(2), LicenseEdition.REGULAR, ModuleId.REDUNDANCY));
                    LicenseSet standby = LicenseSet.of(License.server(k.get(3), LicenseEdition.REDUNDANCY),
                            License.users(k.get(4), LicenseEdition.REDUNDANCY, userCount),
                            License.module(k.get(5), LicenseEdition.REDUNDANCY, ModuleId.REDUNDANCY));
                    HardwareId hardware = HardwareId.derive("cpu", 4);
                    return new RedundancyPair(
                            new Node("a", new Ipv4Address(base + first), prefix, version, hardware, activePlatform, active),
                            new Node("b", new Ipv4Address(base + second), prefix, version, hardware, standbyPlatform, standby),
                            k.get(0));
                });
    }

    @Property
    void generatedValidPairsPass(@ForAll("validPairs") RedundancyPair pair) {
        assertThat(check.check(pair).problems()).isEmpty();
    }

    @Property
    void versionMutationFailsWithItsCodeOnly(@ForAll("validPairs") RedundancyPair pair) {
        SoftwareVersion newer = SoftwareVersion.parse(pair.standby().version() + ".1");
        assertOnly(pair, PairCode.VERSIONS_DIFFER, n -> with(n, n.address(), n.prefixLength(), newer, n.platform()));
    }

    @Property
    void sameAddressFailsWithItsCodeOnly(@ForAll("validPairs") RedundancyPair pair) {
        Ipv4Address activeAddress = pair.active().address();
        assertOnly(pair, PairCode.SAME_ADDRESS, n -> with(n, activeAddress, n.prefixLength(), n.version(), n.platform()));
    }

    @Property
    void networkAddressFailsWithItsCodeOnly(@ForAll("validPairs") RedundancyPair pair) {
        assertOnly(pair, PairCode.NETWORK_ADDRESS,
                n -> with(n, n.networkAddress(), n.prefixLength(), n.version(), n.platform()));
    }

    @Property
    void broadcastAddressFailsWithItsCodeOnly(@ForAll("validPairs") RedundancyPair pair) {
        assertOnly(pair, PairCode.BROADCAST_ADDRESS,
                n -> with(n, n.broadcastAddress(), n.prefixLength(), n.version(), n.platform()));
    }

    @Property
    void otherSubnetFailsWithItsCodeOnly(@ForAll("validPairs") RedundancyPair pair) {
        Node standby = pair.standby();
        Ipv4Address moved = new Ipv4Address(standby.address().bits() + (1 << (32 - standby.prefixLength())));
        assertOnly(pair, PairCode.DIFFERENT_SUBNETS, n -> with(n, moved, n.prefixLength(), n.version(), n.platform()));
    }

    @Property
    void cloudFailsWithItsCodeOnly(@ForAll("validPairs") RedundancyPair pair) {
        assertOnly(pair, PairCode.CLOUD_PLATFORM, n -> with(n, n.address(), n.prefixLength(), n.version(), Platform.CLOUD));
    }

    @Property
    void unassignableSubnetFailsWithItsCodeOnly(@ForAll("validPairs") RedundancyPair pair) {
        // Move both nodes, keeping their host parts, into the link-local range.
        int prefix = Math.max(pair.active().prefixLength(), 16);
        RedundancyPair moved = new RedundancyPair(linkLocal(pair.active(), prefix), linkLocal(pair.standby(), prefix),
                pair.standbyConfiguredKey());
        Assume.that(!moved.active().address().equals(moved.standby().address())
                && check.check(sameLayoutInTenNet(moved)).ok());
        assertThat(check.check(moved).codes()).containsExactly(PairCode.ADDRESS_NOT_ASSIGNABLE);
    }

    @Property
    void swappingAStandbyKeyForItsActiveTwinFailsWithTheLicenseCodeOnly(@ForAll("validPairs") RedundancyPair pair) {
        License activeUser = pair.active().licenses().licenses().get(1);
        List<License> standby = pair.standby().licenses().licenses().stream()
                .map(l -> l.kind().equals(activeUser.kind())
                        ? License.users(activeUser.key(), LicenseEdition.REDUNDANCY, activeUser.quantity()) : l)
                .toList();
        Node standbyNode = pair.standby();
        Node mutated = new Node(standbyNode.name(), standbyNode.address(), standbyNode.prefixLength(),
                standbyNode.version(), standbyNode.hardwareId(), standbyNode.platform(), new LicenseSet(standby));
        PairReport report = check.check(new RedundancyPair(pair.active(), mutated, pair.standbyConfiguredKey()));
        assertThat(report.codes()).containsExactly(PairCode.LICENSES_NOT_PAIRED);
    }

    private void assertOnly(RedundancyPair pair, PairCode expected, UnaryOperator<Node> mutateStandby) {
        RedundancyPair mutated = new RedundancyPair(pair.active(), mutateStandby.apply(pair.standby()),
                pair.standbyConfiguredKey());
        assertThat(check.check(mutated).codes()).containsExactly(expected);
    }

    private static Node with(Node n, Ipv4Address address, int prefix, SoftwareVersion version, Platform platform) {
        return new Node(n.name(), address, prefix, version, n.hardwareId(), platform, n.licenses());
    }

    private static Node linkLocal(Node n, int prefix) {
        int host = n.address().bits() & ~(-1 << (32 - prefix));
        return with(n, new Ipv4Address(0xA9FE0000 | host), prefix, n.version(), n.platform());
    }

    /** The same pair moved back into 10/8, to make sure only the range is what the check objects to. */
    private static RedundancyPair sameLayoutInTenNet(RedundancyPair pair) {
        UnaryOperator<Node> back = n -> with(n, new Ipv4Address(0x0A000000 | (n.address().bits() & 0xFFFF)),
                n.prefixLength(), n.version(), n.platform());
        return new RedundancyPair(back.apply(pair.active()), back.apply(pair.standby()), pair.standbyConfiguredKey());
    }
}
