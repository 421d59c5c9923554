package io.github.pbxredundancy.core;

import static io.github.pbxredundancy.core.BundleFixtures.KEY;
import static io.github.pbxredundancy.core.BundleFixtures.VERSION;
import static io.github.pbxredundancy.core.ReceiverFixtures.NOW;
import static io.github.pbxredundancy.core.ReceiverFixtures.RESERVE;
import static io.github.pbxredundancy.core.ReceiverFixtures.deliver;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import io.github.pbxredundancy.core.spi.Notifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The fence on the receiving side (B1): whatever the order of bundles, floor raises (explicit
 * or through the node's epoch) and restarts, a bundle is accepted exactly when its epoch is at
 * least the floor and at least every epoch accepted before; the receiver's epoch, in its status,
 * its receipts and its file, is the highest of both and never decreases.
 */
class ReceiverEpochFloorProperties {
    private static final Notifier NO_EVENTS = event -> {
    };

    /** One step of the interleaving. */
    sealed interface Step permits Deliver, RaiseFloor, RaiseNode, Restart {
    }

    /** A bundle of this epoch arrives. */
    record Deliver(long epoch) implements Step {
    }

    /** The node's fence raises the receiver's floor ({@link Receiver#raiseEpochFloor}). */
    record RaiseFloor(long floor) implements Step {
    }

    /** The node's own epoch rises; the receiver follows it through its floor supplier. */
    record RaiseNode(long epoch) implements Step {
    }

    /** The receiver is built again on the same root. */
    record Restart() implements Step {
    }

    @Property(tries = 100)
    void acceptedIffTheEpochIsAtLeastTheFloorAndEveryAcceptedEpoch(@ForAll("interleavings") List<Step> steps)
            throws IOException {
        Path dir = Files.createTempDirectory("epoch-floor");
        try {
            run(dir, steps);
            Statistics.label("delivery").coverage(coverage -> {
                coverage.check("accepted").count(n -> n > 0);
                coverage.check("refused").count(n -> n > 0);
            });
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static void run(Path dir, List<Step> steps) throws IOException {
        MutableClock clock = new MutableClock(NOW);
        AtomicLong node = new AtomicLong();
        Path root = dir.resolve("receiver");
        Receiver.Builder builder = Receiver.builder().root(root).activeServerKey(KEY).ownVersion(VERSION)
                .importer(new RecordingImporter()).clock(clock).notifier(NO_EVENTS)
                .freeSpaceReserve(RESERVE).epochFloor(node::get);
        Receiver receiver = builder.build();
        long floor = 0;
        long highestAccepted = 0;
        long previousEpoch = 0;
        int bundles = 0;
        for (Step step : steps) {
            clock.advance(Duration.ofMinutes(1));
            if (step instanceof Deliver deliver) {
                bundles++;
                WrittenBundle bundle = ReceiverFixtures.bundle(dir, "b" + bundles, deliver.epoch(),
                        BundleFixtures.CREATED.plus(Duration.ofMinutes(bundles)));
                boolean expected = deliver.epoch() >= floor && deliver.epoch() >= highestAccepted;

                DeliveryReceipt receipt = deliver(receiver, bundle);

                if (expected) {
                    assertThat(receipt).as("%s after floor %d and accepted %d", step, floor, highestAccepted)
                            .isInstanceOf(DeliveryReceipt.Accepted.class);
                    highestAccepted = deliver.epoch();
                } else {
                    assertThat(receipt).as("%s after floor %d and accepted %d", step, floor, highestAccepted)
                            .isInstanceOfSatisfying(DeliveryReceipt.Rejected.class,
                                    rejected -> assertThat(rejected.reason()).isEqualTo(ReasonCode.STALE_EPOCH));
                }
                assertThat(receipt.epoch()).isEqualTo(Math.max(floor, highestAccepted));
                Files.delete(bundle.file());
                Statistics.label("delivery").collect(expected ? "accepted" : "refused");
            } else if (step instanceof RaiseFloor raise) {
                long result = receiver.raiseEpochFloor(raise.floor());
                floor = Math.max(floor, raise.floor());
                assertThat(result).isEqualTo(Math.max(floor, highestAccepted));
            } else if (step instanceof RaiseNode raise) {
                // A node's epoch never decreases: the supplier follows the lifecycle's rule.
                node.set(Math.max(node.get(), raise.epoch()));
                floor = Math.max(floor, node.get());
            } else {
                receiver = builder.build();
            }
            long epoch = Math.max(floor, highestAccepted);
            assertThat(receiver.highestEpoch()).as("after %s", step).isEqualTo(epoch);
            assertThat(epoch).as("the epoch never decreases").isGreaterThanOrEqualTo(previousEpoch);
            previousEpoch = epoch;
            long persisted = persisted(root);
            assertThat(persisted).as("the file after %s", step).isLessThanOrEqualTo(epoch);
            if (!(step instanceof RaiseNode)) {
                // A node's raise is persisted by the receiver's next delivery, raise or start.
                assertThat(persisted).as("the file after %s", step).isEqualTo(epoch);
            }
        }
    }

    private static long persisted(Path root) throws IOException {
        Path file = root.resolve("state/epoch");
        return Files.exists(file) ? Long.parseLong(Files.readString(file).strip().substring("epoch=".length())) : 0;
    }

    @Provide
    Arbitrary<List<Step>> interleavings() {
        Arbitrary<Long> epochs = Arbitraries.longs().between(0, 6);
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                Tuple.of(6, epochs.map(Deliver::new)),
                Tuple.of(2, epochs.map(RaiseFloor::new)),
                Tuple.of(2, epochs.map(RaiseNode::new)),
                Tuple.of(1, Arbitraries.just(new Restart())));
        return step.list().ofMinSize(1).ofMaxSize(14).map(ArrayList::new);
    }
}
