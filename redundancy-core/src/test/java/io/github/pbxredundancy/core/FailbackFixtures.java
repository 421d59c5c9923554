package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.promotion.AuditContext;
import io.github.pbxredundancy.core.promotion.AuditEntry;
import io.github.pbxredundancy.core.promotion.Failback;
import io.github.pbxredundancy.core.promotion.FailbackStep;
import io.github.pbxredundancy.core.promotion.NodeLifecycle;
import io.github.pbxredundancy.core.promotion.NodeState;
import io.github.pbxredundancy.core.promotion.Trigger;
import io.github.pbxredundancy.core.spi.Backup;
import io.github.pbxredundancy.core.spi.Delivery;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import io.github.pbxredundancy.core.spi.TransferListener;
import io.github.pbxredundancy.core.spi.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A returning node for failback tests, on the test's thread: {@code pbx-a}, the original active,
 * fenced at epoch 1 by the promotion of {@code pbx-b}; its receiver (the promoted node's bundles
 * reach it directly, without a transport's threads) and its failback; and the promoted node's
 * data and delivery steps, which make real bundles on a manual clock.
 */
final class FailbackFixtures {
    static final Instant T0 = Instant.parse("2016-01-27T08:00:00Z");
    static final AuditContext ADMIN = new AuditContext("Jürgen Admin", "pbx-a is repaired", List.of(
            "pbx-b reaches pbx-a over SSH"));

    final Path directory;
    final MutableClock clock = new MutableClock(T0);
    final RecordingNotifier events = new RecordingNotifier();
    final RecordingImporter importer = new RecordingImporter();
    final Path promotedData;
    final BundleDeliverySteps promoted;
    NodeLifecycle node;
    Receiver receiver;
    Failback failback;
    private long runs;

    FailbackFixtures(Path directory) {
        this.directory = directory;
        try {
            this.promotedData = BundleFixtures.tree(directory.resolve("pbx-b/data"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Transport direct = new Transport() {
            @Override
            public DeliveryReceipt deliver(Delivery delivery, TransferListener listener) {
                return receiver.receiveFile(delivery.bundleId(), delivery.file(), delivery.sha256());
            }

            @Override
            public void close() {
            }
        };
        this.promoted = BundleDeliverySteps.builder().source(() -> new Backup.Files(promotedData)).transport(direct)
                .staging(directory.resolve("pbx-b/outgoing")).activeServerKey(BundleFixtures.KEY).sourceNode("pbx-b")
                .softwareVersion(() -> BundleFixtures.VERSION).epoch(() -> 1).clock(clock).build();
        this.node = NodeLifecycle.open(directory.resolve("pbx-a/node"), clock, events);
        node.transition(Trigger.CONFIGURED_AS_ACTIVE, AuditContext.of("installer", ""));
        node.observeEpoch(1, AuditContext.system("pbx-b answered epoch 1 at start-up", List.of()));
        assertThat(node.state()).isEqualTo(NodeState.FENCED);
        this.receiver = receiver();
        this.failback = Failback.open(node, receiver, clock, events);
        clock.advance(Duration.ofMinutes(1));
    }

    private Receiver receiver() {
        NodeLifecycle owner = node;
        return Receiver.builder().root(directory.resolve("pbx-a/store")).activeServerKey(BundleFixtures.KEY)
                .ownVersion(BundleFixtures.VERSION).importer(importer).clock(clock).notifier(events)
                .freeSpaceReserve(1 << 20).epochFloor(owner::epoch).build();
    }

    /** Stops and starts the returning node: its lifecycle, receiver and failback read from disk. */
    void restart() {
        node = NodeLifecycle.open(directory.resolve("pbx-a/node"), clock, events);
        receiver = receiver();
        failback = Failback.open(node, receiver, clock, events);
    }

    /** A change on the promoted node while it serves. */
    void change(String name, String content) {
        try {
            BundleFixtures.write(promotedData.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One run of the promoted node's replication to this node, a minute from now; the bundle's id. */
    BundleId sendBackup() {
        clock.advance(Duration.ofMinutes(1));
        PreparedBundle bundle = promoted.prepare(++runs);
        try {
            DeliveryReceipt receipt = promoted.deliver(bundle, TransferListener.NONE);
            assertThat(receipt).isInstanceOf(DeliveryReceipt.Accepted.class);
            return bundle.delivery().bundleId();
        } finally {
            try {
                bundle.cleanup().cleanUp();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Steps 1 to 3 done: backup received, address released, final backup received, shut down. */
    void throughShutDown() {
        failback.start("pbx-b", ADMIN);
        sendBackup();
        failback.verifyBackup(ADMIN);
        clock.advance(Duration.ofMinutes(5));
        failback.confirm(FailbackStep.RELEASE_ADDRESS, ADMIN);
        sendBackup();
        clock.advance(Duration.ofMinutes(5));
        failback.confirm(FailbackStep.SHUT_DOWN_ACTIVE, ADMIN);
    }

    List<AuditEntry> trail() {
        return node.auditTrail().read().entries();
    }

    List<AuditEntry> notes(String action) {
        return trail().stream().filter(entry -> entry.action().equals(action)).toList();
    }
}
