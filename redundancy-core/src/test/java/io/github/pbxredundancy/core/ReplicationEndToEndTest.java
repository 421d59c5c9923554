package io.github.pbxredundancy.core;

import static io.github.pbxredundancy.core.BundleFixtures.KEY;
import static io.github.pbxredundancy.core.BundleFixtures.OTHER_KEY;
import static io.github.pbxredundancy.core.BundleFixtures.VERSION;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.event.BundleRefused;
import io.github.pbxredundancy.core.spi.Backup;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import io.github.pbxredundancy.core.spi.TransferListener;
import io.github.pbxredundancy.core.spi.TransportOptions;
import io.github.pbxredundancy.core.transport.FileTransport;
import io.github.pbxredundancy.core.transport.InboxWatcher;
import io.github.pbxredundancy.license.LicenseKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path of a backup on real threads and files: host backup on the active, bundle,
 * {@code file:} transport, the standby's inbox watcher, receiver, host import.
 */
class ReplicationEndToEndTest {
    private static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    Path dir;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService work = Executors.newSingleThreadExecutor();
    private final RecordingImporter importer = new RecordingImporter();
    private final RecordingNotifier standbyEvents = new RecordingNotifier();
    private InboxWatcher watcher;
    private FileTransport transport;

    @BeforeEach
    void standby() throws IOException {
        Path inbox = Files.createDirectories(dir.resolve("standby/inbox"));
        Receiver receiver = Receiver.builder().root(dir.resolve("standby/store")).activeServerKey(KEY)
                .ownVersion(VERSION).importer(importer).clock(CLOCK).notifier(standbyEvents)
                .freeSpaceReserve(1 << 20).build();
        watcher = InboxWatcher.builder().inbox(inbox).handler(receiver::receiveFile).clock(CLOCK)
                .scheduler(TaskScheduler.using(timer, CLOCK)).workExecutor(work).pollInterval(Duration.ofMillis(10))
                .build();
        watcher.start();
        TransportOptions options = TransportOptions.defaults(CLOCK, TaskScheduler.using(timer, CLOCK))
                .withAckTimeout(Duration.ofSeconds(20)).withPollInterval(Duration.ofMillis(10));
        transport = new FileTransport(inbox.toUri(), options);
    }

    @AfterEach
    void shutdown() throws InterruptedException {
        transport.close();
        watcher.stop();
        timer.shutdownNow();
        work.shutdownNow();
        assertThat(timer.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    private BundleDeliverySteps active(Path backup, LicenseKey key) {
        return BundleDeliverySteps.builder().source(() -> new Backup.Files(backup)).transport(transport)
                .staging(dir.resolve("active/outgoing")).activeServerKey(key).sourceNode("pbx-a")
                .softwareVersion(() -> VERSION).epoch(() -> 5).clock(CLOCK).build();
    }

    @Test
    void theStandbyImportsExactlyTheActivesBackup() throws IOException {
        Path backup = BundleFixtures.tree(dir.resolve("active/backup"));
        BundleDeliverySteps steps = active(backup, KEY);

        PreparedBundle prepared = steps.prepare(1);
        DeliveryReceipt receipt = steps.deliver(prepared, TransferListener.NONE);

        assertThat(receipt).isEqualTo(new DeliveryReceipt.Accepted(prepared.delivery().bundleId(),
                prepared.delivery().sha256(), 5));
        assertThat(importer.calls()).singleElement()
                .satisfies(call -> assertThat(call.files()).isEqualTo(BundleFixtures.snapshot(backup)));
        try (var left = Files.list(dir.resolve("standby/inbox"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aForeignActiveIsRefusedAndReportedOnBothSides() throws IOException {
        Path backup = BundleFixtures.tree(dir.resolve("active/backup"));
        BundleDeliverySteps foreign = active(backup, OTHER_KEY);

        DeliveryReceipt receipt = foreign.deliver(foreign.prepare(1), TransferListener.NONE);

        assertThat(receipt).isInstanceOfSatisfying(DeliveryReceipt.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(ReasonCode.FOREIGN_PAIR));
        assertThat(standbyEvents.ofType(BundleRefused.class)).singleElement()
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo(ReasonCode.FOREIGN_PAIR));
        assertThat(importer.calls()).isEmpty();
    }
}
