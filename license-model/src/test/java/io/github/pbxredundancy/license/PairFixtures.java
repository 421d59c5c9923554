package io.github.pbxredundancy.license;

import static io.github.pbxredundancy.license.LicenseEdition.REDUNDANCY;
import static io.github.pbxredundancy.license.LicenseEdition.REGULAR;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generated license pairs that pass the pairing check, and helpers to break them in one place. */
final class PairFixtures {
    private static final String KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    /** Fresh keys each pair keeps in reserve for mutations that add a license. */
    private static final int SPARE_KEYS = 4;

    private PairFixtures() {
    }

    /**
     * A pair as the tests see it.
     *
     * @param active the active node
     * @param standby the standby node
     * @param configuredKey the key in the standby's redundancy configuration
     * @param counterparts each active license's counterpart on the standby (the standby's copy in the
     *     failover scheme), in active order
     * @param spareKeys keys used nowhere in the pair
     * @param otherHardware a hardware id of neither node
     */
    record Pair(LicensedNode active, LicensedNode standby, LicenseKey configuredKey, Map<LicenseKey, License> counterparts,
            List<LicenseKey> spareKeys, HardwareId otherHardware) {

        License activeServer() {
            return active.licenses().serverLicense().orElseThrow();
        }

        List<License> activeLicenses() {
            return active.licenses().licenses();
        }

        List<License> standbyLicenses() {
            return standby.licenses().licenses();
        }

        Pair withActive(UnaryOperator<List<License>> change) {
            return new Pair(new LicensedNode(active.hardwareId(), new LicenseSet(change.apply(new ArrayList<>(activeLicenses())))),
                    standby, configuredKey, counterparts, spareKeys, otherHardware);
        }

        Pair withStandby(UnaryOperator<List<License>> change) {
            return new Pair(active, new LicensedNode(standby.hardwareId(),
                    new LicenseSet(change.apply(new ArrayList<>(standbyLicenses())))),
                    configuredKey, counterparts, spareKeys, otherHardware);
        }

        Pair withConfiguredKey(LicenseKey key) {
            return new Pair(active, standby, key, counterparts, spareKeys, otherHardware);
        }

        Pair replacingOnStandby(License old, License replacement) {
            return withStandby(list -> replace(list, old, replacement));
        }

        Pair replacingOnActive(License old, License replacement) {
            return withActive(list -> replace(list, old, replacement));
        }

        PairingReport check(PairingCheck check) {
            return check.check(active, standby, configuredKey);
        }
    }

    /** What a generated pair is made of, before it is laid out for a scheme. */
    record Spec(List<Integer> userCounts, List<String> moduleIds, int faxChannels, List<Boolean> flags,
            List<LicenseKey> keys, List<HardwareId> hardware, long shuffleSeed) {
    }

    static Arbitrary<Pair> counterpartPairs() {
        return specs().map(PairFixtures::counterpartPair);
    }

    static Arbitrary<Pair> failoverPairs() {
        return specs().map(PairFixtures::failoverPair);
    }

    static Arbitrary<LicenseKey> keys() {
        return Arbitraries.strings().withChars(KEY_CHARS).ofLength(20)
                .map(s -> new LicenseKey(s.substring(0, 5) + "-" + s.substring(5, 10) + "-" + s.substring(10, 15) + "-"
                        + s.substring(15)));
    }

    private static Arbitrary<Spec> specs() {
        Arbitrary<List<Integer>> userCounts = Arbitraries.integers().between(1, 500).list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<List<String>> moduleIds = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(3).ofMaxLength(8)
                .filter(id -> !id.equals(ModuleId.REDUNDANCY.id())).list().uniqueElements().ofMaxSize(2);
        Arbitrary<Integer> faxChannels = Arbitraries.integers().between(0, 60);
        Arbitrary<List<Boolean>> flags = Arbitraries.of(true, false).list().ofSize(3);
        Arbitrary<List<LicenseKey>> keys = keys().list().uniqueElements().ofSize(32);
        Arbitrary<List<HardwareId>> hardware = Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(12)
                .map(HardwareId::of).list().uniqueElements().ofSize(3);
        Arbitrary<Long> seeds = Arbitraries.longs();
        return Combinators.combine(userCounts, moduleIds, faxChannels, flags, keys, hardware, seeds).as(Spec::new);
    }

    /** The licenses of a STARFACE-style active (flags: server bound, standby server bound, failover present). */
    private static List<License> activeLicenses(Spec spec, Keys keys) {
        List<License> active = new ArrayList<>();
        License server = License.server(keys.next(), REGULAR);
        active.add(spec.flags().get(0) ? server.withBoundHardware(spec.hardware().get(0)) : server);
        for (int count : spec.userCounts()) {
            active.add(License.users(keys.next(), REGULAR, count));
        }
        active.add(License.module(keys.next(), REGULAR, ModuleId.REDUNDANCY));
        for (String id : spec.moduleIds()) {
            active.add(License.module(keys.next(), REGULAR, ModuleId.of(id)));
        }
        if (spec.faxChannels() > 0) {
            active.add(new License(keys.next(), LicenseKind.of("fax-channel"), REGULAR, spec.faxChannels(), Optional.empty(),
                    Optional.empty(), Optional.empty()));
        }
        return active;
    }

    private static Pair counterpartPair(Spec spec) {
        Keys keys = new Keys(spec.keys());
        HardwareId activeHw = spec.hardware().get(0);
        HardwareId standbyHw = spec.hardware().get(1);
        List<License> active = activeLicenses(spec, keys);
        Map<LicenseKey, License> counterparts = new LinkedHashMap<>();
        List<License> standby = new ArrayList<>();
        for (License a : active) {
            License s = new License(keys.next(), a.kind(), REDUNDANCY, a.quantity(), a.module(), Optional.empty(),
                    Optional.empty());
            if (a.kind().equals(LicenseKind.SERVER) && spec.flags().get(1)) {
                s = s.withBoundHardware(standbyHw);
            }
            counterparts.put(a.key(), s);
            standby.add(s);
        }
        LicenseKey serverKey = active.get(0).key();
        if (spec.flags().get(2)) {
            standby.add(License.failover(keys.next(), serverKey, standbyHw));
        }
        Collections.shuffle(active, new Random(spec.shuffleSeed()));
        Collections.shuffle(standby, new Random(~spec.shuffleSeed()));
        return new Pair(new LicensedNode(activeHw, new LicenseSet(active)), new LicensedNode(standbyHw, new LicenseSet(standby)),
                serverKey, counterparts, keys.spare(), spec.hardware().get(2));
    }

    private static Pair failoverPair(Spec spec) {
        Keys keys = new Keys(spec.keys());
        HardwareId activeHw = spec.hardware().get(0);
        HardwareId standbyHw = spec.hardware().get(1);
        List<License> active = activeLicenses(spec, keys);
        Map<LicenseKey, License> copies = new LinkedHashMap<>();
        for (License a : active) {
            copies.put(a.key(), a);
        }
        LicenseKey serverKey = active.get(0).key();
        List<License> standby = new ArrayList<>(active);
        standby.add(License.failover(keys.next(), serverKey, standbyHw));
        Collections.shuffle(active, new Random(spec.shuffleSeed()));
        Collections.shuffle(standby, new Random(~spec.shuffleSeed()));
        return new Pair(new LicensedNode(activeHw, new LicenseSet(active)), new LicensedNode(standbyHw, new LicenseSet(standby)),
                serverKey, copies, keys.spare(), spec.hardware().get(2));
    }

    static List<License> replace(List<License> list, License old, License replacement) {
        int i = list.indexOf(old);
        if (i < 0) {
            throw new IllegalStateException("not in the list: " + old);
        }
        list.set(i, replacement);
        return list;
    }

    static License withKey(License l, LicenseKey key) {
        return new License(key, l.kind(), l.edition(), l.quantity(), l.module(), l.boundHardware(), l.boundBaseLicense());
    }

    static License withEdition(License l, LicenseEdition edition) {
        return new License(l.key(), l.kind(), edition, l.quantity(), l.module(), l.boundHardware(), l.boundBaseLicense());
    }

    static License withQuantity(License l, int quantity) {
        return new License(l.key(), l.kind(), l.edition(), quantity, l.module(), l.boundHardware(), l.boundBaseLicense());
    }

    /** Hands out distinct keys in order, keeping the last few spare. */
    private static final class Keys {
        private final List<LicenseKey> all;
        private int next;

        Keys(List<LicenseKey> all) {
            this.all = all;
        }

        LicenseKey next() {
            if (next >= all.size() - SPARE_KEYS) {
                throw new IllegalStateException("generate more keys");
            }
            return all.get(next++);
        }

        List<LicenseKey> spare() {
            return List.copyOf(all.subList(all.size() - SPARE_KEYS, all.size()));
        }
    }
}
