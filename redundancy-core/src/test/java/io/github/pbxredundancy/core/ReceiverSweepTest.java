package io.github.pbxredundancy.core;

import static io.github.pbxredundancy.core.BundleFixtures.KEY;
import static io.github.pbxredundancy.core.BundleFixtures.OTHER_KEY;
import static io.github.pbxredundancy.core.BundleFixtures.VERSION;
import static io.github.pbxredundancy.core.ReceiverFixtures.NOW;
import static io.github.pbxredundancy.core.ReceiverFixtures.RESERVE;
import static io.github.pbxredundancy.core.ReceiverFixtures.bundle;
import static io.github.pbxredundancy.core.ReceiverFixtures.deliver;
import static io.github.pbxredundancy.core.ReceiverFixtures.header;
import static io.github.pbxredundancy.core.ReceiverFixtures.keptState;
import static io.github.pbxredundancy.core.ReceiverFixtures.names;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a sweep does with what a crash can leave behind. */
class ReceiverSweepTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(NOW);
    private final RecordingImporter importer = new RecordingImporter();
    private Path root;
    private Path bundles;
    private Receiver receiver;
    private WrittenBundle first;

    @BeforeEach
    void acceptOneBundle() {
        root = dir.resolve("receiver");
        bundles = root.resolve("bundles");
        receiver = build();
        first = bundle(dir, "b1", 5, BundleFixtures.CREATED);
        deliver(receiver, first);
    }

    private Receiver build() {
        return Receiver.builder().root(root).activeServerKey(KEY).ownVersion(VERSION).importer(importer).clock(clock)
                .notifier(new RecordingNotifier()).freeSpaceReserve(RESERVE).build();
    }

    /** What a crash leaves: a partial delivery, a half-done import and debris in bundles/. */
    private void crashLeftovers() throws IOException {
        Files.writeString(root.resolve("staging/b9.part"), "half a bundle");
        Path importDir = Files.createDirectories(root.resolve("import/b1/db"));
        Files.writeString(importDir.resolve("backup.sfb"), "half extracted");
        // Moved in, verified, but the crash came before its record: must be adopted.
        Files.copy(bundle(dir, "b2", 6, BundleFixtures.CREATED.plus(Duration.ofHours(1))).file(),
                bundles.resolve("b2.bundle"));
        // Without a record and refused on verification: removed.
        Files.writeString(bundles.resolve("b3.bundle"), "not a bundle");
        Files.copy(bundle(dir, header("b4", OTHER_KEY, VERSION, 9, BundleFixtures.CREATED), "foreign").file(),
                bundles.resolve("b4.bundle"));
        // A record whose bundle was pruned just before the crash, and a half-written record.
        Files.writeString(bundles.resolve("b5.accepted"), "format=1\n");
        Files.writeString(bundles.resolve("b6.accepted.tmp"), "format=1\nbundle-id=b6\n");
        // Not the receiver's: left alone.
        Files.writeString(bundles.resolve("README.txt"), "notes of an administrator");
    }

    @Test
    void aSweepRemovesLeftoversAndAdoptsAVerifiedBundleWithoutRecord() throws IOException {
        crashLeftovers();

        int removed = receiver.sweep();

        // b9.part, import/b1, b3.bundle, b4.bundle, b5.accepted, b6.accepted.tmp
        assertThat(removed).isEqualTo(6);
        assertThat(names(root.resolve("staging"))).isEmpty();
        assertThat(names(root.resolve("import"))).isEmpty();
        assertThat(names(bundles)).containsExactly("README.txt", "b1.accepted", "b1.bundle", "b2.accepted", "b2.bundle");
        assertThat(receiver.keptBundles()).extracting(BundleId::value).containsExactly("b1", "b2");
        assertThat(receiver.highestEpoch()).isEqualTo(6);
        assertThat(root.resolve("state/epoch")).hasContent("epoch=6");
        assertThat(receiver.sweep()).isZero();
    }

    @Test
    void aNewReceiverSweepsAtStartAndCanImportTheAdoptedBundle() throws IOException {
        crashLeftovers();

        Receiver restarted = build();

        assertThat(names(root.resolve("staging"))).isEmpty();
        assertThat(names(root.resolve("import"))).isEmpty();
        assertThat(restarted.keptBundles()).extracting(BundleId::value).containsExactly("b1", "b2");
        assertThat(restarted.status().importPending()).isTrue();
        assertThat(restarted.importLatest().orElseThrow().succeeded()).isTrue();
        assertThat(importer.importedIds()).extracting(BundleId::value).containsExactly("b1", "b2");
        assertThat(restarted.status().importPending()).isFalse();
    }

    @Test
    void aSweepOfAConsistentRootChangesNothing() {
        Map<String, String> before = keptState(root);

        assertThat(receiver.sweep()).isZero();
        assertThat(build().keptBundles()).extracting(BundleId::value).containsExactly("b1");

        assertThat(keptState(root)).isEqualTo(before);
    }

    @Test
    void aDamagedRecordIsWrittenAnewWhenItsBundleStillVerifies() throws IOException {
        Path record = bundles.resolve("b1.accepted");
        String good = Files.readString(record);
        Files.writeString(record, good.substring(0, good.length() / 2), StandardCharsets.UTF_8);

        assertThat(receiver.sweep()).isZero();

        assertThat(receiver.keptBundles()).extracting(BundleId::value).containsExactly("b1");
        assertThat(receiver.status().current().orElseThrow().sha256()).isEqualTo(first.sha256());
        assertThat(Files.readString(record)).startsWith("format=1\nbundle-id=b1\nsha256=" + first.sha256() + "\n");
    }

    @Test
    void anEpochFileLaggingBehindTheRecordsIsRaised() throws IOException {
        // A crash after the record of an epoch-7 bundle was written, before the epoch file was.
        deliver(receiver, bundle(dir, "b7", 7, BundleFixtures.CREATED));
        Files.writeString(root.resolve("state/epoch"), "epoch=5\n");

        Receiver restarted = build();

        assertThat(restarted.highestEpoch()).isEqualTo(7);
        assertThat(root.resolve("state/epoch")).hasContent("epoch=7");
    }

    @Test
    void aSweepLeavesAlonePathsTheReceiverNeverWrites() throws IOException {
        // A directory where a bundle should be: not the receiver's, so it is left as it is.
        Files.createDirectory(bundles.resolve("b8.bundle"));

        assertThat(receiver.sweep()).isZero();

        assertThat(bundles.resolve("b8.bundle")).isDirectory();
        assertThat(receiver.keptBundles()).extracting(BundleId::value).containsExactly("b1");
    }
}
