package io.github.pbxredundancy.license.internal;

import io.github.pbxredundancy.license.License;
import io.github.pbxredundancy.license.LicenseEdition;
import io.github.pbxredundancy.license.LicenseKey;
import io.github.pbxredundancy.license.LicenseKind;
import io.github.pbxredundancy.license.LicensedNode;
import io.github.pbxredundancy.license.ModuleId;
import io.github.pbxredundancy.license.PairingCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The STARFACE rules (R5, R6, R11): every license of the active has a redundancy counterpart
 * on the standby with its own key and the same kind, module and quantity.
 *
 * <p>The rules are arranged so that one mistake yields one problem, the one naming its cause:
 * <ol>
 *   <li>A key on both nodes (a mixed-up key) is reported once as
 *       {@link PairingCode#KEY_ON_BOTH_NODES}; the standby's copy then counts as the
 *       counterpart, and no edition or binding rule is applied to either copy.</li>
 *   <li>Every other license is checked for its edition: redundancy on the active, regular
 *       on the standby are reported.</li>
 *   <li>Licenses are matched by kind, module and quantity, regardless of edition (so a
 *       wrong edition is not also a missing counterpart). Regular licenses of the active
 *       are served first, redundancy licenses of the standby are used first.</li>
 *   <li>Left-overs of the same kind and module but a different quantity are paired as a
 *       {@link PairingCode#COUNTERPART_QUANTITY_MISMATCH}.</li>
 *   <li>A regular active license still left lacks its counterpart
 *       ({@link PairingCode#REDUNDANCY_MODULE_LICENSE_MISSING_ON_STANDBY} for the redundancy
 *       module, {@link PairingCode#COUNTERPART_MISSING} otherwise); a redundancy standby
 *       license still left is an {@link PairingCode#ORPHAN_COUNTERPART}, except a server or
 *       redundancy module counterpart whose original is already reported missing on the
 *       active. Left-overs of the wrong edition were reported in step 2.</li>
 * </ol>
 *
 * <p>Stateless and thread-safe.
 */
public final class CounterpartRules {

    private CounterpartRules() {
    }

    /**
     * Applies the rules. Failover licenses take no part; {@link FailoverRules} judges them.
     *
     * @param active the active
     * @param standby the standby
     * @param problems where to report
     * @return the keys installed on both nodes, whose copies later rules leave alone
     */
    public static Set<LicenseKey> check(LicensedNode active, LicensedNode standby, Problems problems) {
        List<License> onActive = withoutFailover(active);
        List<License> onStandby = withoutFailover(standby);
        boolean activeHasServer = active.licenses().serverLicense().isPresent();
        boolean activeHasModule = onActive.stream().anyMatch(l -> l.isFor(ModuleId.REDUNDANCY));
        if (!activeHasModule) {
            problems.add(PairingCode.REDUNDANCY_MODULE_LICENSE_MISSING_ON_ACTIVE,
                    "The active has no license for the redundancy module. Install it on the active before"
                            + " configuring the module; its redundancy counterpart belongs on the standby.");
        }

        Set<LicenseKey> twins = new HashSet<>();
        for (License a : onActive) {
            if (onStandby.stream().anyMatch(s -> s.key().equals(a.key()))) {
                twins.add(a.key());
                problems.add(PairingCode.KEY_ON_BOTH_NODES, a.key(), "The active's " + LicensePhrases.withKey(a)
                        + " is also installed on the standby. Keys must never be shared: the standby needs its"
                        + " own " + LicensePhrases.counterpartOf(a) + " with a different key.");
            }
        }
        List<License> act = onActive.stream().filter(l -> !twins.contains(l.key())).toList();
        List<License> stb = onStandby.stream().filter(l -> !twins.contains(l.key())).toList();

        for (License a : act) {
            if (a.edition() == LicenseEdition.REDUNDANCY) {
                problems.add(PairingCode.REDUNDANCY_LICENSE_ON_ACTIVE, a.key(), "The active holds the redundancy "
                        + LicensePhrases.withKey(a) + ", which belongs on the standby."
                        + " Install the regular license on the active.");
            }
        }
        for (License s : stb) {
            if (s.edition() == LicenseEdition.REGULAR) {
                problems.add(PairingCode.REGULAR_LICENSE_ON_STANDBY, s.key(), "The standby holds the regular "
                        + LicensePhrases.withKey(s) + ", but a standby takes only redundancy licenses."
                        + " Replace it with its redundancy counterpart.");
            }
        }

        List<License> leftOnStandby = new ArrayList<>(stb.stream()
                .sorted(Comparator.comparing((License l) -> l.edition() != LicenseEdition.REDUNDANCY)).toList());
        List<License> leftOnActive = new ArrayList<>();
        for (License a : act.stream()
                .sorted(Comparator.comparing((License l) -> l.edition() != LicenseEdition.REGULAR)).toList()) {
            Optional<License> twin = leftOnStandby.stream().filter(s -> sameKindAndModule(a, s)
                    && a.quantity() == s.quantity()).findFirst();
            if (twin.isPresent()) {
                leftOnStandby.remove(twin.get());
            } else {
                leftOnActive.add(a);
            }
        }
        for (Iterator<License> it = leftOnActive.iterator(); it.hasNext(); ) {
            License a = it.next();
            Optional<License> near = leftOnStandby.stream().filter(s -> sameKindAndModule(a, s)).findFirst();
            if (near.isPresent()) {
                License s = near.get();
                problems.add(PairingCode.COUNTERPART_QUANTITY_MISMATCH, s.key(), "The standby's "
                        + s.edition().id() + " " + LicensePhrases.withKey(s) + " does not match the active's "
                        + LicensePhrases.withKey(a) + ". The counterpart must have the same quantity.");
                leftOnStandby.remove(s);
                it.remove();
            }
        }
        for (License a : leftOnActive) {
            if (a.edition() != LicenseEdition.REGULAR) {
                continue;
            }
            if (a.isFor(ModuleId.REDUNDANCY)) {
                problems.add(PairingCode.REDUNDANCY_MODULE_LICENSE_MISSING_ON_STANDBY, a.key(),
                        "The standby lacks the redundancy counterpart of the active's " + LicensePhrases.withKey(a)
                                + ". Install all redundancy licenses on the standby, this one included.");
            } else {
                problems.add(PairingCode.COUNTERPART_MISSING, a.key(), "The standby lacks the redundancy"
                        + " counterpart of the active's " + LicensePhrases.withKey(a) + ". Install the "
                        + LicensePhrases.counterpartOf(a) + " on the standby.");
            }
        }
        for (License s : leftOnStandby) {
            boolean reportedMissing = (s.kind().equals(LicenseKind.SERVER) && !activeHasServer)
                    || (s.isFor(ModuleId.REDUNDANCY) && !activeHasModule);
            if (s.edition() == LicenseEdition.REDUNDANCY && !reportedMissing) {
                problems.add(PairingCode.ORPHAN_COUNTERPART, s.key(), "The standby's redundancy "
                        + LicensePhrases.withKey(s) + " has no original of the same kind, module and quantity"
                        + " on the active. Look for a mixed-up or left-over license.");
            }
        }
        return Set.copyOf(twins);
    }

    private static boolean sameKindAndModule(License a, License b) {
        return a.kind().equals(b.kind()) && a.module().equals(b.module());
    }

    private static List<License> withoutFailover(LicensedNode node) {
        return node.licenses().licenses().stream().filter(l -> l.edition() != LicenseEdition.FAILOVER).toList();
    }
}
