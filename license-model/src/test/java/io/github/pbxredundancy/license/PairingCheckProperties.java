package io.github.pbxredundancy.license;

import static io.github.pbxredundancy.license.LicenseEdition.FAILOVER;
import static io.github.pbxredundancy.license.LicenseEdition.REDUNDANCY;
import static io.github.pbxredundancy.license.LicenseEdition.REGULAR;
import static io.github.pbxredundancy.license.PairFixtures.withEdition;
import static io.github.pbxredundancy.license.PairFixtures.withKey;
import static io.github.pbxredundancy.license.PairFixtures.withQuantity;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.license.PairFixtures.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class PairingCheckProperties {

    @Property
    void aGeneratedCounterpartPairPasses(@ForAll("counterpartPairs") Pair pair) {
        PairingReport report = pair.check(PairingCheck.redundancyCounterparts());

        assertThat(report.problems()).isEmpty();
        assertThat(report.paired()).isTrue();
    }

    @Property
    void aGeneratedFailoverPairPasses(@ForAll("failoverPairs") Pair pair) {
        assertThat(pair.check(PairingCheck.failoverLicense()).problems()).isEmpty();
    }

    @Property
    void eachSingleCounterpartMistakeYieldsExactlyItsCode(@ForAll("counterpartPairs") Pair pair,
            @ForAll CounterpartMistake mistake, @ForAll @IntRange(min = 0, max = 1000) int pick) {
        Mutated mutated = mistake.apply(pair, pick);

        PairingReport report = mutated.pair().check(PairingCheck.redundancyCounterparts());

        assertThat(report.codes()).containsExactly(mutated.expected());
        assertThat(report.problems()).hasSize(1);
        assertNoFullKeyIn(report, mutated.pair());
    }

    @Property
    void eachSingleFailoverMistakeYieldsExactlyItsCode(@ForAll("failoverPairs") Pair pair,
            @ForAll FailoverMistake mistake, @ForAll @IntRange(min = 0, max = 1000) int pick) {
        Mutated mutated = mistake.apply(pair, pick);

        PairingReport report = mutated.pair().check(PairingCheck.failoverLicense());

        assertThat(report.codes()).containsExactly(mutated.expected());
        assertThat(report.problems()).hasSize(1);
        assertNoFullKeyIn(report, mutated.pair());
    }

    @Property
    void independentMistakesAreAllReported(@ForAll("counterpartPairs") Pair pair,
            @ForAll @IntRange(min = 0, max = 1000) int pick) {
        // Three mistakes that touch different licenses: their codes must all appear, none hide another.
        Mutated first = CounterpartMistake.WRONG_CONFIGURED_KEY.apply(pair, pick);
        Mutated second = CounterpartMistake.EXTRA_REGULAR_ON_STANDBY.apply(first.pair(), pick);
        Mutated third = CounterpartMistake.SECOND_FAILOVER.apply(second.pair(), pick);

        PairingReport report = third.pair().check(PairingCheck.redundancyCounterparts());

        assertThat(report.codes()).containsExactlyInAnyOrder(PairingCode.STANDBY_KEY_NOT_ACTIVE_SERVER_KEY,
                PairingCode.REGULAR_LICENSE_ON_STANDBY, PairingCode.MORE_THAN_ONE_FAILOVER_LICENSE);
    }

    private static void assertNoFullKeyIn(PairingReport report, Pair pair) {
        List<String> fullKeys = Stream.concat(Stream.concat(pair.activeLicenses().stream(), pair.standbyLicenses().stream())
                        .map(l -> l.key().value()), Stream.of(pair.configuredKey().value())).toList();
        for (PairingProblem problem : report.problems()) {
            assertThat(problem.message()).doesNotContain(fullKeys);
            assertThat(problem.toString()).doesNotContain(fullKeys);
        }
    }

    @Provide
    Arbitrary<Pair> counterpartPairs() {
        return PairFixtures.counterpartPairs();
    }

    @Provide
    Arbitrary<Pair> failoverPairs() {
        return PairFixtures.failoverPairs();
    }

    /** A broken pair and the one code its mistake must yield. */
    record Mutated(Pair pair, PairingCode expected) {
    }

    /** One mistake in an otherwise valid STARFACE pair. */
    enum CounterpartMistake {
        DROP_COUNTERPART {
            @Override
            Mutated apply(Pair p, int pick) {
                Map.Entry<LicenseKey, License> e = pickEntry(p, pick);
                boolean module = e.getValue().isFor(ModuleId.REDUNDANCY);
                return new Mutated(p.withStandby(l -> without(l, e.getValue())), module
                        ? PairingCode.REDUNDANCY_MODULE_LICENSE_MISSING_ON_STANDBY : PairingCode.COUNTERPART_MISSING);
            }
        },
        SWAP_STANDBY_KEY_FOR_ACTIVE_TWIN {
            @Override
            Mutated apply(Pair p, int pick) {
                Map.Entry<LicenseKey, License> e = pickEntry(p, pick);
                return new Mutated(p.replacingOnStandby(e.getValue(), withKey(e.getValue(), e.getKey())),
                        PairingCode.KEY_ON_BOTH_NODES);
            }
        },
        COPY_ACTIVE_LICENSE_TO_STANDBY {
            @Override
            Mutated apply(Pair p, int pick) {
                Map.Entry<LicenseKey, License> e = pickEntry(p, pick);
                License original = p.active().licenses().find(e.getKey()).orElseThrow();
                return new Mutated(p.replacingOnStandby(e.getValue(), original), PairingCode.KEY_ON_BOTH_NODES);
            }
        },
        REGULAR_EDITION_ON_STANDBY {
            @Override
            Mutated apply(Pair p, int pick) {
                License s = pickEntry(p, pick).getValue();
                return new Mutated(p.replacingOnStandby(s, withEdition(s, REGULAR)), PairingCode.REGULAR_LICENSE_ON_STANDBY);
            }
        },
        EXTRA_REGULAR_ON_STANDBY {
            @Override
            Mutated apply(Pair p, int pick) {
                License extra = License.users(p.spareKeys().get(0), REGULAR, 1 + pick % 50);
                return new Mutated(p.withStandby(l -> with(l, extra)), PairingCode.REGULAR_LICENSE_ON_STANDBY);
            }
        },
        REDUNDANCY_EDITION_ON_ACTIVE {
            @Override
            Mutated apply(Pair p, int pick) {
                License a = pick(p.activeLicenses(), pick);
                return new Mutated(p.replacingOnActive(a, withEdition(a, REDUNDANCY)), PairingCode.REDUNDANCY_LICENSE_ON_ACTIVE);
            }
        },
        WRONG_CONFIGURED_KEY {
            @Override
            Mutated apply(Pair p, int pick) {
                // The standby's own server key, any other key of either node, or a key of neither.
                List<LicenseKey> wrong = new ArrayList<>(p.spareKeys());
                Stream.concat(p.standbyLicenses().stream(), p.activeLicenses().stream()).map(License::key)
                        .filter(k -> !k.equals(p.activeServer().key())).distinct().forEach(wrong::add);
                return new Mutated(p.withConfiguredKey(pick(wrong, pick)), PairingCode.STANDBY_KEY_NOT_ACTIVE_SERVER_KEY);
            }
        },
        WRONG_QUANTITY_ON_COUNTERPART {
            @Override
            Mutated apply(Pair p, int pick) {
                List<License> counted = p.counterparts().values().stream().filter(l -> l.kind().counted()).toList();
                License s = pick(counted, pick);
                int quantity = s.quantity() > 1 && pick % 2 == 0 ? s.quantity() - 1 : s.quantity() + 1 + pick % 7;
                return new Mutated(p.replacingOnStandby(s, withQuantity(s, quantity)),
                        PairingCode.COUNTERPART_QUANTITY_MISMATCH);
            }
        },
        DROP_ACTIVE_SERVER {
            @Override
            Mutated apply(Pair p, int pick) {
                return new Mutated(p.withActive(l -> without(l, p.activeServer())), PairingCode.ACTIVE_SERVER_LICENSE_MISSING);
            }
        },
        DROP_ACTIVE_REDUNDANCY_MODULE {
            @Override
            Mutated apply(Pair p, int pick) {
                License module = p.activeLicenses().stream().filter(l -> l.isFor(ModuleId.REDUNDANCY)).findFirst().orElseThrow();
                return new Mutated(p.withActive(l -> without(l, module)),
                        PairingCode.REDUNDANCY_MODULE_LICENSE_MISSING_ON_ACTIVE);
            }
        },
        ORPHAN_ON_STANDBY {
            @Override
            Mutated apply(Pair p, int pick) {
                LicenseKey key = p.spareKeys().get(0);
                License orphan = pick % 2 == 0 ? License.users(key, REDUNDANCY, 1 + pick % 40)
                        : License.module(key, REDUNDANCY, ModuleId.of("orphan-module"));
                return new Mutated(p.withStandby(l -> with(l, orphan)), PairingCode.ORPHAN_COUNTERPART);
            }
        },
        ACTIVE_SERVER_BOUND_ELSEWHERE {
            @Override
            Mutated apply(Pair p, int pick) {
                HardwareId other = pick % 2 == 0 ? p.otherHardware() : p.standby().hardwareId();
                return new Mutated(p.replacingOnActive(p.activeServer(), p.activeServer().withBoundHardware(other)),
                        PairingCode.SERVER_LICENSE_BOUND_TO_OTHER_HARDWARE);
            }
        },
        STANDBY_SERVER_BOUND_ELSEWHERE {
            @Override
            Mutated apply(Pair p, int pick) {
                License server = p.standby().licenses().serverLicense().orElseThrow();
                HardwareId other = pick % 2 == 0 ? p.otherHardware() : p.active().hardwareId();
                return new Mutated(p.replacingOnStandby(server, server.withBoundHardware(other)),
                        PairingCode.SERVER_LICENSE_BOUND_TO_OTHER_HARDWARE);
            }
        },
        FAILOVER_BOUND_TO_OTHER_BASE {
            @Override
            Mutated apply(Pair p, int pick) {
                // A key of neither node, or the active's user license instead of its server license.
                LicenseKey base = pick % 2 == 0 ? p.spareKeys().get(1)
                        : p.active().licenses().ofKind(LicenseKind.USER).get(0).key();
                return setFailover(p, failover(p, Optional.of(base), Optional.of(p.standby().hardwareId())),
                        PairingCode.FAILOVER_NOT_BOUND_TO_BASE);
            }
        },
        FAILOVER_NOT_BOUND_TO_ANY_BASE {
            @Override
            Mutated apply(Pair p, int pick) {
                return setFailover(p, failover(p, Optional.empty(), Optional.of(p.standby().hardwareId())),
                        PairingCode.FAILOVER_NOT_BOUND_TO_BASE);
            }
        },
        FAILOVER_ON_OTHER_HARDWARE {
            @Override
            Mutated apply(Pair p, int pick) {
                List<Optional<HardwareId>> wrong = List.of(Optional.empty(), Optional.of(p.otherHardware()),
                        Optional.of(p.active().hardwareId()));
                return setFailover(p, failover(p, Optional.of(p.configuredKey()), pick(wrong, pick)),
                        PairingCode.FAILOVER_NOT_BOUND_TO_STANDBY_HARDWARE);
            }
        },
        SECOND_FAILOVER {
            @Override
            Mutated apply(Pair p, int pick) {
                Pair withOne = p.standby().licenses().ofEdition(FAILOVER).isEmpty()
                        ? p.withStandby(l -> with(l, License.failover(p.spareKeys().get(2), p.activeServer().key(),
                                p.standby().hardwareId())))
                        : p;
                License second = License.failover(p.spareKeys().get(3), p.activeServer().key(), p.standby().hardwareId());
                return new Mutated(withOne.withStandby(l -> with(l, second)), PairingCode.MORE_THAN_ONE_FAILOVER_LICENSE);
            }
        },
        FAILOVER_ON_ACTIVE {
            @Override
            Mutated apply(Pair p, int pick) {
                License failover = License.failover(p.spareKeys().get(3), p.activeServer().key(), p.active().hardwareId());
                return new Mutated(p.withActive(l -> with(l, failover)), PairingCode.FAILOVER_LICENSE_ON_ACTIVE);
            }
        };

        abstract Mutated apply(Pair p, int pick);
    }

    /** One mistake in an otherwise valid OfficeMaster pair. */
    enum FailoverMistake {
        DROP_COPY {
            @Override
            Mutated apply(Pair p, int pick) {
                License copy = pickEntry(p, pick).getValue();
                return new Mutated(p.withStandby(l -> without(l, copy)), PairingCode.LICENSE_MISSING_ON_STANDBY);
            }
        },
        DROP_FAILOVER {
            @Override
            Mutated apply(Pair p, int pick) {
                License failover = p.standby().licenses().ofEdition(FAILOVER).get(0);
                return new Mutated(p.withStandby(l -> without(l, failover)), PairingCode.FAILOVER_LICENSE_MISSING);
            }
        },
        FAILOVER_BOUND_TO_OTHER_BASE {
            @Override
            Mutated apply(Pair p, int pick) {
                return CounterpartMistake.FAILOVER_BOUND_TO_OTHER_BASE.apply(p, pick);
            }
        },
        FAILOVER_NOT_BOUND_TO_ANY_BASE {
            @Override
            Mutated apply(Pair p, int pick) {
                return CounterpartMistake.FAILOVER_NOT_BOUND_TO_ANY_BASE.apply(p, pick);
            }
        },
        FAILOVER_ON_OTHER_HARDWARE {
            @Override
            Mutated apply(Pair p, int pick) {
                return CounterpartMistake.FAILOVER_ON_OTHER_HARDWARE.apply(p, pick);
            }
        },
        SECOND_FAILOVER {
            @Override
            Mutated apply(Pair p, int pick) {
                return CounterpartMistake.SECOND_FAILOVER.apply(p, pick);
            }
        },
        FAILOVER_ON_ACTIVE {
            @Override
            Mutated apply(Pair p, int pick) {
                return CounterpartMistake.FAILOVER_ON_ACTIVE.apply(p, pick);
            }
        },
        WRONG_CONFIGURED_KEY {
            @Override
            Mutated apply(Pair p, int pick) {
                return CounterpartMistake.WRONG_CONFIGURED_KEY.apply(p, pick);
            }
        },
        ACTIVE_SERVER_BOUND_ELSEWHERE {
            @Override
            Mutated apply(Pair p, int pick) {
                return CounterpartMistake.ACTIVE_SERVER_BOUND_ELSEWHERE.apply(p, pick);
            }
        },
        DROP_ACTIVE_SERVER {
            @Override
            Mutated apply(Pair p, int pick) {
                return CounterpartMistake.DROP_ACTIVE_SERVER.apply(p, pick);
            }
        },
        REDUNDANCY_EDITION_ON_ACTIVE {
            @Override
            Mutated apply(Pair p, int pick) {
                return CounterpartMistake.REDUNDANCY_EDITION_ON_ACTIVE.apply(p, pick);
            }
        };

        abstract Mutated apply(Pair p, int pick);
    }

    /** Replaces the standby's failover license, or adds this one if there is none. */
    private static Mutated setFailover(Pair p, License failover, PairingCode expected) {
        List<License> existing = p.standby().licenses().ofEdition(FAILOVER);
        Pair changed = existing.isEmpty() ? p.withStandby(l -> with(l, failover)) : p.replacingOnStandby(existing.get(0), failover);
        return new Mutated(changed, expected);
    }

    private static License failover(Pair p, Optional<LicenseKey> base, Optional<HardwareId> hardware) {
        return new License(p.spareKeys().get(2), LicenseKind.FAILOVER, FAILOVER, 1, Optional.empty(), hardware, base);
    }

    private static Map.Entry<LicenseKey, License> pickEntry(Pair p, int pick) {
        return pick(List.copyOf(p.counterparts().entrySet()), pick);
    }

    private static <T> T pick(List<T> list, int pick) {
        return list.get(pick % list.size());
    }

    private static List<License> without(List<License> list, License license) {
        if (!list.remove(license)) {
            throw new IllegalStateException("not in the list: " + license);
        }
        return list;
    }

    private static List<License> with(List<License> list, License license) {
        list.add(license);
        return list;
    }
}
