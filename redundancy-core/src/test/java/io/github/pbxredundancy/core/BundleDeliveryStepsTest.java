package io.github.pbxredundancy.core;

import static io.github.pbxredundancy.core.BundleFixtures.KEY;
import static io.github.pbxredundancy.core.BundleFixtures.VERSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pbxredundancy.core.event.RunSucceeded;
import io.github.pbxredundancy.core.spi.Backup;
import io.github.pbxredundancy.core.spi.Delivery;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import io.github.pbxredundancy.core.spi.TransferListener;
import io.github.pbxredundancy.core.spi.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleDeliveryStepsTest {
    private static final Instant NOW = Instant.parse("2016-01-26T04:59:59.750Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(NOW);
    private final VerifyingTransport transport = new VerifyingTransport();

    private BundleDeliverySteps steps(Path backupRoot, long epoch) {
        return BundleDeliverySteps.builder()
                .source(() -> new Backup.Files(backupRoot))
                .transport(transport)
                .staging(dir.resolve("staging"))
                .activeServerKey(KEY)
                .sourceNode("pbx-a")
                .softwareVersion(() -> VERSION)
                .epoch(() -> epoch)
                .clock(clock)
                .random(RandomGenerator.of("L64X128MixRandom"))
                .build();
    }

    @Test
    void preparesAVerifiableBundleOfTheHostsBackupAndDeliversIt() throws IOException {
        Path backup = BundleFixtures.tree(dir.resolve("backup"));
        BundleDeliverySteps steps = steps(backup, 7);

        PreparedBundle prepared = steps.prepare(1);
        DeliveryReceipt receipt = steps.deliver(prepared, TransferListener.NONE);

        Delivery delivery = prepared.delivery();
        assertThat(delivery.file()).startsWith(dir.resolve("staging")).exists();
        assertThat(delivery.file().getFileName().toString()).isEqualTo(delivery.bundleId() + ".bundle")
                .startsWith("20160126T045959Z-e7-");
        assertThat(receipt).isEqualTo(new DeliveryReceipt.Accepted(delivery.bundleId(), delivery.sha256()));
        VerifiedBundle verified = transport.verified.get(0);
        assertThat(verified.manifest().epoch()).isEqualTo(7);
        assertThat(verified.manifest().sourceNode()).isEqualTo("pbx-a");
        assertThat(verified.manifest().createdAt()).isEqualTo(Instant.parse("2016-01-26T04:59:59Z"));

        prepared.cleanup().cleanUp();
        assertThat(delivery.file()).doesNotExist();
    }

    @Test
    void aFailingBackupSourceIsABackupFailure() {
        BundleDeliverySteps steps = BundleDeliverySteps.builder()
                .source(() -> {
                    throw new IOException("database dump failed:\nexit 3");
                })
                .transport(transport).staging(dir.resolve("staging")).activeServerKey(KEY).sourceNode("pbx-a")
                .softwareVersion(() -> VERSION).epoch(() -> 0).clock(clock).build();

        assertThatThrownBy(() -> steps.prepare(1))
                .isInstanceOfSatisfying(RedundancyException.class,
                        e -> assertThat(e.reason()).isEqualTo(ReasonCode.BACKUP_FAILED))
                .hasMessageContaining("database dump failed:\\u000aexit 3")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(dir.resolve("staging")).doesNotExist();
    }

    @Test
    void sweepRemovesOnlyLeftoverBundles() throws IOException {
        Path staging = Files.createDirectories(dir.resolve("staging"));
        Files.writeString(staging.resolve("old.bundle"), "left by a crash");
        Files.writeString(staging.resolve("notes.txt"), "not ours to delete");

        List<Path> deleted = steps(dir.resolve("backup"), 0).sweep();

        assertThat(deleted).containsExactly(staging.resolve("old.bundle"));
        assertThat(staging.resolve("notes.txt")).exists();
    }

    @Test
    void namesEveryMissingSetting() {
        assertThatThrownBy(() -> BundleDeliverySteps.builder().build())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(InputProblem::field).containsExactly("source", "transport", "staging",
                                "activeServerKey", "sourceNode", "softwareVersion", "epoch", "clock"));
    }

    @Test
    void aReplicatorRunOnTheRealStepsEndsWithTheStandbysAcceptance() throws IOException {
        Path backup = BundleFixtures.tree(dir.resolve("backup"));
        ManualScheduler scheduler = new ManualScheduler(clock);
        RecordingNotifier events = new RecordingNotifier();
        ReplicationSchedule daily = ReplicationSchedule.of(LocalDate.of(2016, 1, 26), LocalTime.of(5, 0),
                ZoneOffset.UTC, IntervalUnit.DAY, 1);
        Replicator replicator = Replicator.builder().schedule(daily).retries(RetrySchedule.starfaceDefault(10))
                .steps(steps(backup, 7)).clock(clock).scheduler(scheduler).workExecutor(Runnable::run)
                .notifier(events).build();

        replicator.start();
        scheduler.advance(Duration.ofMinutes(1));

        assertThat(events.ofType(RunSucceeded.class)).as("events: %s", events.events()).singleElement()
                .satisfies(s -> assertThat(s.attempts()).isEqualTo(1));
        assertThat(transport.verified).hasSize(1);
        // The run is over, so its bundle is gone from staging.
        try (var files = Files.list(dir.resolve("staging"))) {
            assertThat(files).isEmpty();
        }
        replicator.stop();
    }

    /** Verifies what it is given as a standby would, and accepts it. */
    private static final class VerifyingTransport implements Transport {
        final List<VerifiedBundle> verified = new ArrayList<>();

        @Override
        public DeliveryReceipt deliver(Delivery delivery, TransferListener listener) {
            VerifiedBundle bundle = new BundleVerifier().verify(delivery.file(), BundleFixtures.expectations());
            verified.add(bundle);
            listener.transferred(delivery.bundleId(), delivery.size(), delivery.size());
            return new DeliveryReceipt.Accepted(delivery.bundleId(), bundle.sha256());
        }

        @Override
        public void close() {
        }
    }
}
