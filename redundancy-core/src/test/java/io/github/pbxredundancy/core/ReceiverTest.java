package io.github.pbxredundancy.core;

import static io.github.pbxredundancy.core.BundleFixtures.KEY;
import static io.github.pbxredundancy.core.BundleFixtures.OTHER_KEY;
import static io.github.pbxredundancy.core.BundleFixtures.VERSION;
import static io.github.pbxredundancy.core.BundleFixtures.sha256;
import static io.github.pbxredundancy.core.BundleFixtures.snapshot;
import static io.github.pbxredundancy.core.ReceiverFixtures.NOW;
import static io.github.pbxredundancy.core.ReceiverFixtures.RESERVE;
import static io.github.pbxredundancy.core.ReceiverFixtures.bundle;
import static io.github.pbxredundancy.core.ReceiverFixtures.deliver;
import static io.github.pbxredundancy.core.ReceiverFixtures.header;
import static io.github.pbxredundancy.core.ReceiverFixtures.keptState;
import static io.github.pbxredundancy.core.ReceiverFixtures.names;
import static io.github.pbxredundancy.core.ReceiverFixtures.unreadable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.github.pbxredundancy.core.ReceiverStatus.ImportOutcome;
import io.github.pbxredundancy.core.event.BackupImported;
import io.github.pbxredundancy.core.event.BundleAccepted;
import io.github.pbxredundancy.core.event.BundleRefused;
import io.github.pbxredundancy.core.event.ImportFailed;
import io.github.pbxredundancy.core.event.StandbyEvent;
import io.github.pbxredundancy.core.spi.Backup;
import io.github.pbxredundancy.core.spi.BackupImporter;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiverTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(NOW);
    private final RecordingNotifier events = new RecordingNotifier();
    private final RecordingImporter importer = new RecordingImporter();

    private Path root() {
        return dir.resolve("receiver");
    }

    private Receiver.Builder builder() {
        return Receiver.builder().root(root()).activeServerKey(KEY).ownVersion(VERSION).importer(importer).clock(clock)
                .notifier(events).freeSpaceReserve(RESERVE);
    }

    private WrittenBundle bundleAt(String id, long epoch, Duration afterCreation) {
        return bundle(dir, id, epoch, BundleFixtures.CREATED.plus(afterCreation));
    }

    /** The receipt of an accepted bundle: the receiver's epoch is then the bundle's (none higher was accepted). */
    private static DeliveryReceipt.Accepted accepted(WrittenBundle bundle) {
        return new DeliveryReceipt.Accepted(bundle.manifest().bundleId(), bundle.sha256(), bundle.manifest().epoch());
    }

    private static List<String> eventKinds(List<? extends StandbyEvent> events) {
        return events.stream().map(e -> e.getClass().getSimpleName() + " " + e.bundleId()).toList();
    }

    @Test
    void keepsAndImportsEachNewerBundleInOrderAndPrunesTheOldest() throws IOException {
        Receiver receiver = builder().keep(3).build();
        Path[] sources = new Path[4];
        WrittenBundle[] bundles = new WrittenBundle[4];
        for (int i = 0; i < 4; i++) {
            sources[i] = BundleFixtures.tree(Files.createDirectory(dir.resolve("source-" + i)));
            BundleFixtures.write(sources[i].resolve("config/phones.xml"), "<phones revision=\"" + i + "\"/>\n");
            // Epochs 5, 5, 6, 6: a promotion between the second and the third bundle.
            bundles[i] = new BundleWriter().write(new Backup.Files(sources[i]),
                    header("b" + i, KEY, VERSION, 5 + i / 2, BundleFixtures.CREATED.plus(Duration.ofHours(i))),
                    dir.resolve("b" + i + ".bundle"));
        }

        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(1));
            assertThat(deliver(receiver, bundles[i])).isEqualTo(accepted(bundles[i]));
        }

        assertThat(importer.importedIds()).extracting(BundleId::value).containsExactly("b0", "b1", "b2");
        for (int i = 0; i < 3; i++) {
            assertThat(importer.calls().get(i).files()).as("files of b%d", i).isEqualTo(snapshot(sources[i]));
            assertThat(importer.calls().get(i).directory()).doesNotExist();
        }
        assertThat(eventKinds(events.ofType(StandbyEvent.class))).containsExactly(
                "BundleAccepted b0", "BackupImported b0", "BundleAccepted b1", "BackupImported b1",
                "BundleAccepted b2", "BackupImported b2");
        assertThat(receiver.keptBundles()).extracting(BundleId::value).containsExactly("b0", "b1", "b2");

        deliver(receiver, bundles[3]);

        assertThat(receiver.keptBundles()).extracting(BundleId::value).containsExactly("b1", "b2", "b3");
        assertThat(names(root().resolve("bundles"))).containsExactly(
                "b1.accepted", "b1.bundle", "b2.accepted", "b2.bundle", "b3.accepted", "b3.bundle");
        for (int i = 1; i < 4; i++) {
            assertThat(sha256(root().resolve("bundles/b" + i + ".bundle"))).isEqualTo(bundles[i].sha256());
        }
        assertThat(names(root().resolve("staging"))).isEmpty();
        assertThat(names(root().resolve("import"))).isEmpty();
        assertThat(receiver.highestEpoch()).isEqualTo(6);
        assertThat(root().resolve("state/epoch")).hasContent("epoch=6");

        ReceiverStatus status = receiver.status();
        assertThat(status.current()).hasValueSatisfying(current -> {
            assertThat(current.bundleId().value()).isEqualTo("b3");
            assertThat(current.epoch()).isEqualTo(6);
            assertThat(current.createdAt()).isEqualTo(bundles[3].manifest().createdAt());
            assertThat(current.softwareVersion()).isEqualTo(VERSION);
            assertThat(current.sourceNode()).isEqualTo("pbx-a");
            assertThat(current.sha256()).isEqualTo(bundles[3].sha256());
            assertThat(current.size()).isEqualTo(bundles[3].size());
            assertThat(current.acceptedAt()).isEqualTo(NOW.plus(Duration.ofMinutes(3)));
        });
        assertThat(status.lastImport()).hasValueSatisfying(last -> {
            assertThat(last.bundleId().value()).isEqualTo("b3");
            assertThat(last.succeeded()).isTrue();
        });
        assertThat(status.importPending()).isFalse();
        assertThat(status.lastRefusal()).isEmpty();
        BundleAccepted lastAccepted = events.ofType(BundleAccepted.class).get(3);
        assertThat(lastAccepted).isEqualTo(new BundleAccepted(NOW.plus(Duration.ofMinutes(3)), BundleId.parse("b3"),
                "pbx-a", VERSION, 6, bundles[3].manifest().createdAt(), bundles[3].size()));
    }

    @Test
    void aRedeliveredBundleIsAcceptedAgainWithoutReadingOrImportingIt() {
        Receiver receiver = builder().build();
        WrittenBundle bundle = bundleAt("b1", 5, Duration.ZERO);
        deliver(receiver, bundle);
        Map<String, String> kept = keptState(root());

        DeliveryReceipt again = receiver.receive(bundle.manifest().bundleId(), unreadable(), bundle.size(), bundle.sha256());

        assertThat(again).isEqualTo(accepted(bundle));
        assertThat(importer.importedIds()).hasSize(1);
        assertThat(events.ofType(BundleAccepted.class)).hasSize(1);
        assertThat(keptState(root())).isEqualTo(kept);
    }

    @Test
    void anIdUsedByAnotherBundleIsRefusedAndTheKeptOneStaysUntouched() {
        Receiver receiver = builder().build();
        WrittenBundle first = bundle(dir, header("same-id", KEY, VERSION, 5, BundleFixtures.CREATED), "first backup");
        WrittenBundle second = bundle(dir, header("same-id", KEY, VERSION, 5, BundleFixtures.CREATED), "second backup");
        deliver(receiver, first);
        Map<String, String> kept = keptState(root());

        DeliveryReceipt receipt = deliver(receiver, second);

        assertThat(receipt).isInstanceOfSatisfying(DeliveryReceipt.Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(ReasonCode.INTEGRITY_FAILED);
            assertThat(rejected.message()).startsWith("bundle id already used by another bundle");
        });
        assertThat(keptState(root())).isEqualTo(kept);
        assertThat(sha256(root().resolve("bundles/same-id.bundle"))).isEqualTo(first.sha256());
        assertThat(events.ofType(BundleRefused.class)).singleElement()
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo(ReasonCode.INTEGRITY_FAILED));
        assertThat(receiver.status().lastRefusal()).hasValueSatisfying(refusal -> {
            assertThat(refusal.bundleId().value()).isEqualTo("same-id");
            assertThat(refusal.reason()).isEqualTo(ReasonCode.INTEGRITY_FAILED);
            assertThat(refusal.at()).isEqualTo(NOW);
        });
    }

    @Test
    void aFailedImportKeepsTheBundleAndImportLatestSucceedsLater() throws IOException {
        BackupImporter host = mock(BackupImporter.class);
        doThrow(new IOException("host database locked\nby the nightly job")).doNothing().when(host).importBackup(any());
        Receiver receiver = builder().importer(host).build();
        WrittenBundle bundle = bundleAt("b1", 5, Duration.ZERO);

        assertThat(deliver(receiver, bundle)).isEqualTo(accepted(bundle));

        ImportFailed failed = events.ofType(ImportFailed.class).get(0);
        assertThat(failed.reason()).isEqualTo(ReasonCode.IMPORT_FAILED);
        assertThat(failed.message()).contains("host database locked").doesNotContain("\n");
        assertThat(receiver.keptBundles()).extracting(BundleId::value).containsExactly("b1");
        assertThat(receiver.status().importPending()).isTrue();
        assertThat(receiver.status().lastImport()).hasValueSatisfying(last -> {
            assertThat(last.succeeded()).isFalse();
            assertThat(last.failure()).contains(ReasonCode.IMPORT_FAILED);
        });
        assertThat(names(root().resolve("import"))).isEmpty();

        clock.advance(Duration.ofMinutes(10));
        ImportOutcome retried = receiver.importLatest().orElseThrow();

        assertThat(retried.succeeded()).isTrue();
        assertThat(retried.bundleId().value()).isEqualTo("b1");
        assertThat(retried.at()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
        assertThat(events.ofType(BackupImported.class)).singleElement()
                .isEqualTo(new BackupImported(NOW.plus(Duration.ofMinutes(10)), BundleId.parse("b1"),
                        bundle.manifest().createdAt()));
        assertThat(receiver.status().importPending()).isFalse();
        verify(host, times(2)).importBackup(any());
        assertThat(names(root().resolve("import"))).isEmpty();
    }

    @Test
    void importLatestWithoutAKeptBundleDoesNothing() {
        Receiver receiver = builder().build();
        assertThat(receiver.importLatest()).isEmpty();
        assertThat(importer.calls()).isEmpty();
        assertThat(receiver.status().importPending()).isFalse();
    }

    @Test
    void aKeptBundleDamagedOnDiskIsNotImportedNorDeleted() throws IOException {
        Receiver receiver = builder().build();
        deliver(receiver, bundleAt("b1", 5, Duration.ZERO));
        Path kept = root().resolve("bundles/b1.bundle");
        byte[] bytes = Files.readAllBytes(kept);
        bytes[600] ^= 0x10;
        Files.write(kept, bytes);

        ImportOutcome outcome = receiver.importLatest().orElseThrow();

        assertThat(outcome.failure()).contains(ReasonCode.INTEGRITY_FAILED);
        assertThat(importer.calls()).hasSize(1);
        assertThat(kept).exists();
        assertThat(events.ofType(ImportFailed.class)).singleElement()
                .satisfies(failed -> assertThat(failed.reason()).isEqualTo(ReasonCode.INTEGRITY_FAILED));
    }

    @Test
    void theEpochAndTheLastImportPersistAcrossANewReceiverOnTheSameRoot() {
        Receiver first = builder().build();
        deliver(first, bundleAt("b7", 7, Duration.ZERO));

        Receiver second = builder().build();

        assertThat(second.highestEpoch()).isEqualTo(7);
        assertThat(second.keptBundles()).extracting(BundleId::value).containsExactly("b7");
        assertThat(second.status().current()).isEqualTo(first.status().current());
        assertThat(second.status().lastImport()).isEqualTo(first.status().lastImport());
        assertThat(second.status().importPending()).isFalse();
        DeliveryReceipt stale = deliver(second, bundleAt("b6", 6, Duration.ofHours(1)));
        assertThat(stale).isInstanceOfSatisfying(DeliveryReceipt.Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(ReasonCode.STALE_EPOCH);
            assertThat(rejected.epoch()).as("the receipt names the epoch the bundle's fell below").isEqualTo(7);
        });
    }

    @Test
    void anOlderBundleArrivingLateIsKeptButNeverImportedOverNewerData() {
        Receiver receiver = builder().keep(3).build();
        WrittenBundle newer = bundleAt("b-newer", 5, Duration.ofHours(2));
        WrittenBundle older = bundleAt("b-older", 5, Duration.ofHours(1));
        deliver(receiver, newer);

        assertThat(deliver(receiver, older)).isEqualTo(accepted(older));

        assertThat(importer.importedIds()).extracting(BundleId::value).containsExactly("b-newer");
        assertThat(receiver.keptBundles()).extracting(BundleId::value).containsExactly("b-older", "b-newer");
        assertThat(receiver.status().current().orElseThrow().bundleId().value()).isEqualTo("b-newer");
        assertThat(receiver.status().importPending()).isFalse();
    }

    @Test
    void theBundleJustAcceptedIsNeverPrunedEvenWhenItIsTheOldest() {
        Receiver receiver = builder().keep(1).build();
        deliver(receiver, bundleAt("b-newer", 5, Duration.ofHours(2)));

        deliver(receiver, bundleAt("b-older", 5, Duration.ofHours(1)));
        assertThat(receiver.keptBundles()).extracting(BundleId::value).containsExactly("b-older", "b-newer");

        deliver(receiver, bundleAt("b-newest", 5, Duration.ofHours(3)));
        assertThat(receiver.keptBundles()).extracting(BundleId::value).containsExactly("b-newest");
        assertThat(names(root().resolve("bundles"))).containsExactly("b-newest.accepted", "b-newest.bundle");
    }

    @Test
    void aHigherEpochIsCurrentEvenWhenItWasCreatedEarlier() {
        Receiver receiver = builder().build();
        deliver(receiver, bundleAt("old-active", 5, Duration.ofHours(2)));

        deliver(receiver, bundleAt("promoted", 6, Duration.ofHours(1)));

        assertThat(receiver.status().current().orElseThrow().bundleId().value()).isEqualTo("promoted");
        assertThat(importer.importedIds()).extracting(BundleId::value).containsExactly("old-active", "promoted");
    }

    @Test
    void aManifestNamingAnotherIdThanTheDeliveryIsRefused() {
        Receiver receiver = builder().build();
        WrittenBundle bundle = bundleAt("b1", 5, Duration.ZERO);

        DeliveryReceipt receipt = receiver.receive(BundleId.parse("b2"), bytesOf(bundle), bundle.size(), bundle.sha256());

        assertThat(receipt).isInstanceOfSatisfying(DeliveryReceipt.Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(ReasonCode.INTEGRITY_FAILED);
            assertThat(rejected.message()).contains("b1").contains("b2");
        });
        assertThat(receiver.keptBundles()).isEmpty();
        assertThat(names(root().resolve("staging"))).isEmpty();
    }

    @Test
    void anAnnouncedSizeBeyondTheLimitsIsRefusedBeforeReading() {
        BundleLimits small = new BundleLimits(2, 1000, 1000, 4096, 100);
        Receiver receiver = builder().limits(small).build();

        DeliveryReceipt receipt = receiver.receive(BundleId.parse("huge"), unreadable(), 1L << 40, "a".repeat(64));

        assertThat(receipt).isInstanceOfSatisfying(DeliveryReceipt.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(ReasonCode.LIMIT_EXCEEDED));
        assertThat(events.ofType(BundleRefused.class)).hasSize(1);
    }

    @Test
    void moreBytesThanAnnouncedIsAnIntegrityFailure() throws IOException {
        Receiver receiver = builder().build();
        WrittenBundle bundle = bundleAt("b1", 5, Duration.ZERO);
        byte[] bytes = Files.readAllBytes(bundle.file());
        byte[] shorter = Arrays.copyOf(bytes, bytes.length - 1);

        DeliveryReceipt receipt = deliver(receiver, bundle.manifest().bundleId(), bytes, shorter.length, sha256(shorter));

        assertThat(receipt).isInstanceOfSatisfying(DeliveryReceipt.Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(ReasonCode.INTEGRITY_FAILED);
            assertThat(rejected.message()).contains("longer than the announced");
        });
        assertThat(names(root().resolve("staging"))).isEmpty();
    }

    @Test
    void theVersionIsAskedForEachBundleSoAnUpdatedStandbyAcceptsWhatItRefusedBefore() {
        AtomicReference<SoftwareVersion> installed = new AtomicReference<>(VERSION);
        Receiver receiver = builder().ownVersion(installed::get).build();
        SoftwareVersion newer = SoftwareVersion.parse("7.4");
        WrittenBundle bundle = bundle(dir, header("b74", KEY, newer, 5, BundleFixtures.CREATED), "made on 7.4");

        DeliveryReceipt before = deliver(receiver, bundle);
        installed.set(newer);
        DeliveryReceipt after = deliver(receiver, bundle);

        assertThat(before).isInstanceOfSatisfying(DeliveryReceipt.Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(ReasonCode.VERSION_INCOMPATIBLE);
            assertThat(rejected.message()).contains("update the standby to 7.4");
        });
        assertThat(after).isEqualTo(accepted(bundle));
    }

    @Test
    void receiveFileCopiesTheInboxFileAndLeavesItThere() throws IOException {
        Receiver receiver = builder().build();
        WrittenBundle bundle = bundleAt("b1", 5, Duration.ZERO);
        Path inbox = Files.createDirectory(dir.resolve("inbox"));
        Path dropped = Files.copy(bundle.file(), inbox.resolve("b1.bundle"));

        DeliveryReceipt receipt = receiver.receiveFile(BundleId.parse("b1"), dropped, bundle.sha256());

        assertThat(receipt).isEqualTo(accepted(bundle));
        assertThat(dropped).exists();
        assertThat(sha256(dropped)).isEqualTo(bundle.sha256());
        assertThat(sha256(root().resolve("bundles/b1.bundle"))).isEqualTo(bundle.sha256());
        assertThat(importer.importedIds()).extracting(BundleId::value).containsExactly("b1");
    }

    @Test
    void receiveFileRefusesALinkWithoutReadingItsTarget() throws IOException {
        Receiver receiver = builder().build();
        WrittenBundle bundle = bundleAt("b1", 5, Duration.ZERO);
        Path link = Files.createSymbolicLink(dir.resolve("b1.bundle"), bundle.file());

        DeliveryReceipt receipt = receiver.receiveFile(BundleId.parse("b1"), link, bundle.sha256());

        assertThat(receipt).isInstanceOfSatisfying(DeliveryReceipt.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(ReasonCode.UNSAFE_ARCHIVE));
        assertThat(receiver.keptBundles()).isEmpty();
        assertThat(events.ofType(BundleRefused.class)).hasSize(1);
    }

    @Test
    void receiveFileOfAMissingFileIsRefusedAsUnexpected() {
        Receiver receiver = builder().build();

        DeliveryReceipt receipt = receiver.receiveFile(BundleId.parse("b1"), dir.resolve("gone.bundle"), "a".repeat(64));

        assertThat(receipt).isInstanceOfSatisfying(DeliveryReceipt.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(ReasonCode.UNEXPECTED));
    }

    @Test
    void aThrowingNotifierChangesNoVerdict() {
        Receiver receiver = builder().notifier(event -> {
            throw new IllegalStateException("mail server down");
        }).build();
        WrittenBundle bundle = bundleAt("b1", 5, Duration.ZERO);

        assertThat(deliver(receiver, bundle)).isEqualTo(accepted(bundle));
        assertThat(importer.importedIds()).hasSize(1);
    }

    @Test
    void badArgumentsAreInputErrorsNotVerdicts() {
        Receiver receiver = builder().build();
        BundleId id = BundleId.parse("b1");
        ByteArrayInputStream none = new ByteArrayInputStream(new byte[0]);

        assertThatThrownBy(() -> receiver.receive(id, none, -1, "a".repeat(64)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("size");
        assertThatThrownBy(() -> receiver.receive(id, none, 0, "A".repeat(64)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("sha256");
        assertThatThrownBy(() -> receiver.receiveFile(id, dir, "short"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("sha256");
        assertThat(events.events()).isEmpty();
    }

    @Test
    void theBuilderNamesEveryBadSettingAtOnce() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> Receiver.builder().notifier(null).keep(0).freeSpaceReserve(-1).limits(null).freeSpace(null).build());

        assertThat(e.problems()).extracting(InputProblem::field).containsExactly("root", "activeServerKey",
                "ownVersion", "importer", "clock", "notifier", "keep", "limits", "freeSpaceReserve", "freeSpace");
    }

    @Test
    void aRootThatIsAFileIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("receiver"), "not a directory");

        assertThatThrownBy(() -> builder().build()).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("root");
        assertThat(file).hasContent("not a directory");
    }

    @Test
    void aDamagedEpochFileKeepsTheReceiverFromStarting() throws IOException {
        builder().build();
        Files.writeString(root().resolve("state/epoch"), "epoch=seven\n", StandardCharsets.UTF_8);

        RedundancyException e = catchThrowableOfType(RedundancyException.class, () -> builder().build());

        assertThat(e.reason()).isEqualTo(ReasonCode.UNEXPECTED);
        assertThat(e.getMessage()).contains("epoch").contains("damaged");
    }

    @Test
    void aRootKeepingAnotherPairsBundlesIsRefused() {
        deliver(builder().build(), bundleAt("b1", 5, Duration.ZERO));

        RedundancyException e = catchThrowableOfType(RedundancyException.class,
                () -> builder().activeServerKey(OTHER_KEY).build());

        assertThat(e.reason()).isEqualTo(ReasonCode.FOREIGN_PAIR);
        assertThat(e.getMessage()).doesNotContain(OTHER_KEY.value()).doesNotContain(KEY.value());
        assertThat(root().resolve("bundles/b1.bundle")).exists();
    }

    @Test
    void statusCanBeReadWhileAnImportRuns() throws Exception {
        AtomicReference<ReceiverStatus> seen = new AtomicReference<>();
        AtomicReference<Receiver> self = new AtomicReference<>();
        Receiver receiver = builder().importer(request -> {
            // A status page on another thread must not wait for the import.
            Thread reader = new Thread(() -> seen.set(self.get().status()));
            reader.start();
            try {
                reader.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).build();
        self.set(receiver);

        deliver(receiver, bundleAt("b1", 5, Duration.ZERO));

        assertThat(seen.get()).isNotNull();
        assertThat(seen.get().current().orElseThrow().bundleId().value()).isEqualTo("b1");
        assertThat(seen.get().importPending()).isTrue();
    }

    private static ByteArrayInputStream bytesOf(WrittenBundle bundle) {
        try {
            return new ByteArrayInputStream(Files.readAllBytes(bundle.file()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
