package io.github.pbxredundancy.core;

import static io.github.pbxredundancy.core.BundleFixtures.KEY;
import static io.github.pbxredundancy.core.BundleFixtures.VERSION;
import static io.github.pbxredundancy.core.ReceiverFixtures.NOW;
import static io.github.pbxredundancy.core.ReceiverFixtures.RESERVE;
import static io.github.pbxredundancy.core.ReceiverFixtures.bundle;
import static io.github.pbxredundancy.core.ReceiverFixtures.deliver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pbxredundancy.core.ReceiverStatus.ImportOutcome;
import io.github.pbxredundancy.core.event.BundleRefused;
import io.github.pbxredundancy.core.event.ImportFailed;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver's epoch floor (B1): the epoch of its own node, raised by a promotion before the
 * node takes the address, below which every bundle is refused even though the receiver never
 * accepted a bundle of that epoch.
 */
class ReceiverEpochFloorTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(NOW);
    private final RecordingNotifier events = new RecordingNotifier();
    private final RecordingImporter importer = new RecordingImporter();
    private int created;

    private Path root() {
        return dir.resolve("receiver");
    }

    private Receiver.Builder builder() {
        return Receiver.builder().root(root()).activeServerKey(KEY).ownVersion(VERSION).importer(importer).clock(clock)
                .notifier(events).freeSpaceReserve(RESERVE);
    }

    private WrittenBundle bundleOf(long epoch) {
        created++;
        return bundle(dir, "b" + created + "-e" + epoch, epoch, BundleFixtures.CREATED.plus(Duration.ofMinutes(created)));
    }

    private String epochFile() throws IOException {
        return Files.readString(root().resolve("state/epoch"));
    }

    @Test
    void aRaisedFloorRefusesLowerBundlesAndSaysItsEpochInTheReceipt() throws IOException {
        Receiver receiver = builder().build();
        deliver(receiver, bundleOf(2));

        assertThat(receiver.raiseEpochFloor(3)).isEqualTo(3);

        assertThat(receiver.highestEpoch()).isEqualTo(3);
        assertThat(epochFile()).isEqualTo("epoch=3\n");
        WrittenBundle stale = bundleOf(2);
        DeliveryReceipt refused = deliver(receiver, stale);
        assertThat(refused).isInstanceOfSatisfying(DeliveryReceipt.Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(ReasonCode.STALE_EPOCH);
            assertThat(rejected.epoch()).isEqualTo(3);
            assertThat(rejected.message()).contains("carries epoch 2", "has seen epoch 3", "replaced by a promotion");
        });
        assertThat(events.ofType(BundleRefused.class)).singleElement()
                .satisfies(event -> assertThat(event.reason()).isEqualTo(ReasonCode.STALE_EPOCH));
        WrittenBundle current = bundleOf(3);
        assertThat(deliver(receiver, current))
                .isEqualTo(new DeliveryReceipt.Accepted(current.manifest().bundleId(), current.sha256(), 3));
        WrittenBundle higher = bundleOf(4);
        assertThat(deliver(receiver, higher))
                .isEqualTo(new DeliveryReceipt.Accepted(higher.manifest().bundleId(), higher.sha256(), 4));
        assertThat(epochFile()).isEqualTo("epoch=4\n");
    }

    @Test
    void theFloorNeverDecreasesAndSurvivesARestart() throws IOException {
        Receiver receiver = builder().build();
        receiver.raiseEpochFloor(5);

        assertThat(receiver.raiseEpochFloor(2)).as("a lower floor changes nothing").isEqualTo(5);
        assertThat(receiver.raiseEpochFloor(5)).isEqualTo(5);
        assertThat(epochFile()).isEqualTo("epoch=5\n");

        Receiver restarted = builder().build();

        assertThat(restarted.highestEpoch()).isEqualTo(5);
        assertThat(restarted.status().highestEpoch()).isEqualTo(5);
        assertThat(deliver(restarted, bundleOf(4))).isInstanceOfSatisfying(DeliveryReceipt.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(ReasonCode.STALE_EPOCH));
        assertThat(importer.calls()).isEmpty();
    }

    @Test
    void aNegativeFloorIsRefused() {
        Receiver receiver = builder().build();

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> receiver.raiseEpochFloor(-1));

        assertThat(e.getMessage()).contains("floor", "-1", "0 or more");
        assertThat(receiver.highestEpoch()).isZero();
    }

    @Test
    void theFloorSupplierIsFollowedAtEveryDeliveryWithoutFurtherWiring() throws IOException {
        AtomicLong node = new AtomicLong(1);
        Receiver receiver = builder().epochFloor(node::get).build();
        assertThat(epochFile()).as("persisted when the receiver is built").isEqualTo("epoch=1\n");
        WrittenBundle first = bundleOf(1);
        assertThat(deliver(receiver, first)).isEqualTo(new DeliveryReceipt.Accepted(first.manifest().bundleId(),
                first.sha256(), 1));

        node.set(2);

        assertThat(receiver.highestEpoch()).as("seen at once, before a delivery").isEqualTo(2);
        DeliveryReceipt refused = deliver(receiver, bundleOf(1));
        assertThat(refused).isInstanceOfSatisfying(DeliveryReceipt.Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(ReasonCode.STALE_EPOCH);
            assertThat(rejected.epoch()).isEqualTo(2);
        });
        assertThat(epochFile()).as("persisted by the delivery").isEqualTo("epoch=2\n");
        assertThat(Receiver.builder().root(root()).activeServerKey(KEY).ownVersion(VERSION).importer(importer)
                .clock(clock).freeSpaceReserve(RESERVE).build().highestEpoch())
                .as("kept without the supplier after a restart").isEqualTo(2);
    }

    @Test
    void aFailingFloorSupplierRefusesTheDeliveryRatherThanGuessing() {
        AtomicLong node = new AtomicLong(0);
        boolean[] failing = {false};
        Receiver receiver = builder().epochFloor(() -> {
            if (failing[0]) {
                throw new IllegalStateException("node state unreadable");
            }
            return node.get();
        }).build();
        failing[0] = true;

        DeliveryReceipt receipt = deliver(receiver, bundleOf(3));

        assertThat(receipt).isInstanceOfSatisfying(DeliveryReceipt.Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(ReasonCode.UNEXPECTED);
            assertThat(rejected.message()).contains("node state unreadable");
        });
        assertThat(receiver.keptBundles()).isEmpty();
        assertThat(receiver.status().highestEpoch()).as("the status falls back to the persisted epoch").isZero();
    }

    @Test
    void aKeptBundleBelowARaisedFloorIsNeverImportedAgain() {
        Receiver receiver = builder().build();
        WrittenBundle old = bundleOf(1);
        deliver(receiver, old);
        assertThat(importer.calls()).hasSize(1);

        receiver.raiseEpochFloor(2);

        ImportOutcome outcome = receiver.importLatest().orElseThrow();
        assertThat(outcome.failure()).contains(ReasonCode.STALE_EPOCH);
        assertThat(importer.calls()).as("the promoted node's data is never overwritten by the old active's").hasSize(1);
        assertThat(events.ofType(ImportFailed.class)).singleElement()
                .satisfies(failed -> assertThat(failed.reason()).isEqualTo(ReasonCode.STALE_EPOCH));
        assertThat(receiver.keptBundles()).extracting(BundleId::value).containsExactly(old.manifest().bundleId().value());
    }

    @Test
    void aBundleVerifiedWhileTheNodeRaisedItsEpochIsRefusedBeforeItIsKept() {
        AtomicLong node = new AtomicLong(0);
        WrittenBundle bundle = bundleOf(0);
        // The version is asked while the bundle is verified: the node raises its epoch just then.
        Receiver receiver = builder().epochFloor(node::get).ownVersion(() -> {
            node.set(1);
            return VERSION;
        }).build();
        node.set(0);

        DeliveryReceipt receipt = deliver(receiver, bundle);

        assertThat(receipt).isInstanceOfSatisfying(DeliveryReceipt.Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(ReasonCode.STALE_EPOCH);
            assertThat(rejected.epoch()).isEqualTo(1);
        });
        assertThat(receiver.keptBundles()).isEmpty();
        assertThat(importer.calls()).isEmpty();
    }

    @Test
    void aRedeliveredBundleIsAcceptedAgainWithTheReceiversEpochNow() {
        Receiver receiver = builder().build();
        WrittenBundle bundle = bundleOf(3);
        deliver(receiver, bundle);
        receiver.raiseEpochFloor(4);

        assertThat(deliver(receiver, bundle)).isEqualTo(new DeliveryReceipt.Accepted(bundle.manifest().bundleId(),
                bundle.sha256(), 4));
    }
}
