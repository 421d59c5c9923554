package io.github.pbxredundancy.core;

import static io.github.pbxredundancy.core.BundleFixtures.KEY;
import static io.github.pbxredundancy.core.BundleFixtures.OTHER_KEY;
import static io.github.pbxredundancy.core.BundleFixtures.VERSION;
import static io.github.pbxredundancy.core.BundleFixtures.snapshot;
import static io.github.pbxredundancy.core.ReceiverFixtures.NOW;
import static io.github.pbxredundancy.core.ReceiverFixtures.RESERVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pbxredundancy.core.event.InitializationFailed;
import io.github.pbxredundancy.core.event.StandbyInitialized;
import io.github.pbxredundancy.core.spi.Backup;
import io.github.pbxredundancy.core.spi.RawBackupImporter;
import io.github.pbxredundancy.core.spi.RawImportRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandbyInitializerTest {
    private static final InitializationRequest CONFIRMED = new InitializationRequest("Jürgen Weiß", "new standby",
            true, false);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(NOW);
    private final RecordingNotifier events = new RecordingNotifier();
    private final RecordingImporter importer = new RecordingImporter();
    private final List<RawCall> rawCalls = new ArrayList<>();
    private IOException rawFailure;
    private final RawBackupImporter rawImporter = request -> {
        rawCalls.add(new RawCall(request, snapshot(request.directory())));
        if (rawFailure != null) {
            throw rawFailure;
        }
    };

    /** One call of the raw importer, with the files it was given (the directory is deleted afterwards). */
    private record RawCall(RawImportRequest request, Map<String, String> files) {
    }

    private Path root() {
        return dir.resolve("receiver");
    }

    private Receiver receiver() {
        return Receiver.builder().root(root()).activeServerKey(KEY).ownVersion(VERSION).importer(importer).clock(clock)
                .notifier(events).freeSpaceReserve(RESERVE).build();
    }

    private StandbyInitializer initializer() {
        return StandbyInitializer.builder().receiver(receiver()).rawImporter(rawImporter).build();
    }

    private Path upload() throws IOException {
        return BundleFixtures.tree(Files.createDirectories(dir.resolve("upload/pbx-backup")));
    }

    private Path record() {
        return root().resolve("state/initialized");
    }

    @Test
    void importsAFreshCopyOfTheRawBackupAndRecordsIt() throws IOException {
        Path upload = upload();
        StandbyInitializer initializer = initializer();
        assertThat(initializer.isInitialized()).isFalse();
        assertThat(initializer.initialization()).isEmpty();

        Initialization done = initializer.initializeFromBackup(new Backup.Files(upload), CONFIRMED);

        // The host imported a byte-identical copy in the receiver's root, never the upload itself.
        RawCall call = rawCalls.get(0);
        assertThat(rawCalls).hasSize(1);
        assertThat(call.request().directory()).isEqualTo(root().toAbsolutePath().resolve("import/_initial"));
        assertThat(call.request().directory().startsWith(upload.toAbsolutePath())).isFalse();
        assertThat(call.files()).isEqualTo(snapshot(upload));
        assertThat(call.request().directory()).doesNotExist();
        // The figures are those of a bundle of the same backup.
        String contentSha256 = new BundleWriter().write(new Backup.Files(upload), BundleFixtures.header(),
                dir.resolve("same.bundle")).manifest().contentSha256();
        long size = Files.walk(upload).filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        Initialization.RawBackup source = new Initialization.RawBackup("pbx-backup", 6, size, contentSha256);
        assertThat(call.request().source()).isEqualTo(source);
        assertThat(done).isEqualTo(new Initialization(NOW, "Jürgen Weiß", "new standby", false, source));
        assertThat(initializer.isInitialized()).isTrue();
        assertThat(initializer.initialization()).contains(done);
        assertThat(events.ofType(StandbyInitialized.class)).containsExactly(new StandbyInitialized(done));
        assertThat(importer.calls()).isEmpty();
    }

    @Test
    void aSingleFileOrStreamIsRecordedWithTheSha256OfItsBytes() throws IOException {
        byte[] bytes = "a STARFACE backup\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("pbx.sfb");
        Files.write(file, bytes);
        StandbyInitializer initializer = initializer();

        Initialization fromFile = initializer.initializeFromBackup(new Backup.Files(file), CONFIRMED);
        Initialization fromStream = initializer.initializeFromBackup(BundleFixtures.stream("upload.sfb", bytes),
                new InitializationRequest("admin", "again", true, true));

        String sha256 = BundleFixtures.sha256(bytes);
        assertThat(fromFile.source()).isEqualTo(new Initialization.RawBackup("pbx.sfb", 1, bytes.length, sha256));
        assertThat(fromStream.source()).isEqualTo(new Initialization.RawBackup("upload.sfb", 1, bytes.length, sha256));
        assertThat(rawCalls).extracting(RawCall::files)
                .containsExactly(Map.of("pbx.sfb", sha256), Map.of("upload.sfb", sha256));
    }

    @Test
    void aSecondInitialisationIsRefusedUnlessForcedAndTheForceIsRecorded() throws IOException {
        Path upload = upload();
        StandbyInitializer initializer = initializer();
        initializer.initializeFromBackup(new Backup.Files(upload), CONFIRMED);
        byte[] first = Files.readAllBytes(record());

        clock.advance(Duration.ofDays(1));
        InvalidInputException refused = catchThrowableOfType(
                () -> initializer.initializeFromBackup(new Backup.Files(upload), CONFIRMED), InvalidInputException.class);

        assertThat(refused.problems()).extracting(InputProblem::field).containsExactly("force");
        assertThat(refused.getMessage()).contains("initialised already (on 2016-01-26T06:00:00Z", "set force");
        assertThat(rawCalls).hasSize(1);
        assertThat(Files.readAllBytes(record())).isEqualTo(first);
        assertThat(events.events()).hasSize(1);

        Initialization forced = initializer.initializeFromBackup(new Backup.Files(upload),
                new InitializationRequest("admin", "standby disk replaced", true, true));

        assertThat(forced.forced()).isTrue();
        assertThat(forced.at()).isEqualTo(NOW.plus(Duration.ofDays(1)));
        assertThat(initializer.initialization()).contains(forced);
        assertThat(Files.readString(record())).contains("forced=yes\n", "operator=admin\n");
    }

    @Test
    void forcingAFreshStandbyIsNotRecordedAsForced() throws IOException {
        Initialization done = initializer().initializeFromBackup(new Backup.Files(upload()),
                new InitializationRequest("admin", "to be sure", true, true));

        assertThat(done.forced()).isFalse();
    }

    @Test
    void theRecordSurvivesANewInstanceOnTheSameRoot() throws IOException {
        Initialization done = initializer().initializeFromBackup(new Backup.Files(upload()), CONFIRMED);

        StandbyInitializer restarted = initializer();

        assertThat(restarted.isInitialized()).isTrue();
        assertThat(restarted.initialization()).contains(done);
        assertThat(Files.readString(record())).startsWith("at=2016-01-26T06:00:00Z\noperator=Jürgen Weiß\n"
                + "reason=new standby\nforced=no\nsource=raw-backup\nname=pbx-backup\nfiles=6\n");
        assertThat(catchThrowableOfType(() -> restarted.initializeFromBackup(new Backup.Files(upload()), CONFIRMED),
                InvalidInputException.class)).isNotNull();
    }

    @Test
    void aFailedImportLeavesTheStandbyNotInitialised() throws IOException {
        rawFailure = new IOException("database locked");
        StandbyInitializer initializer = initializer();

        RedundancyException failure = catchThrowableOfType(
                () -> initializer.initializeFromBackup(new Backup.Files(upload()), CONFIRMED), RedundancyException.class);

        assertThat(failure.reason()).isEqualTo(ReasonCode.IMPORT_FAILED);
        assertThat(failure.getMessage()).contains("database locked");
        assertThat(initializer.isInitialized()).isFalse();
        assertThat(record()).doesNotExist();
        assertThat(ReceiverFixtures.names(root().resolve("state"))).isEmpty();
        assertThat(ReceiverFixtures.names(root().resolve("import"))).isEmpty();
        InitializationFailed event = events.ofType(InitializationFailed.class).get(0);
        assertThat(event.reason()).isEqualTo(ReasonCode.IMPORT_FAILED);
        assertThat(event.operator()).isEqualTo("Jürgen Weiß");
        assertThat(event.upload()).startsWith("uploaded directory '").endsWith("pbx-backup'");
    }

    @Test
    void aFailedForcedImportRemovesTheEarlierRecordButABadUploadChangesNothing() throws IOException {
        StandbyInitializer initializer = initializer();
        initializer.initializeFromBackup(new Backup.Files(upload()), CONFIRMED);
        byte[] first = Files.readAllBytes(record());
        InitializationRequest force = new InitializationRequest("admin", "again", true, true);

        // Caught before the host's data is touched: the earlier initialisation still holds.
        Path empty = Files.createDirectories(dir.resolve("empty-upload"));
        RedundancyException bad = catchThrowableOfType(
                () -> initializer.initializeFromBackup(new Backup.Files(empty), force), RedundancyException.class);
        assertThat(bad.reason()).isEqualTo(ReasonCode.BACKUP_FAILED);
        assertThat(Files.readAllBytes(record())).isEqualTo(first);
        assertThat(rawCalls).hasSize(1);

        // The host failed half-way through overwriting: the standby awaits its initial import again.
        rawFailure = new IOException("disk error");
        catchThrowableOfType(() -> initializer.initializeFromBackup(new Backup.Files(upload()), force),
                RedundancyException.class);
        assertThat(initializer.isInitialized()).isFalse();
        assertThat(events.ofType(InitializationFailed.class)).extracting(InitializationFailed::reason)
                .containsExactly(ReasonCode.BACKUP_FAILED, ReasonCode.IMPORT_FAILED);
    }

    @Test
    void anUploadBeyondTheReceiversLimitsIsRefusedBeforeTheImport() throws IOException {
        Receiver small = Receiver.builder().root(root()).activeServerKey(KEY).ownVersion(VERSION).importer(importer)
                .clock(clock).freeSpaceReserve(RESERVE).limits(new BundleLimits(100, 1000, 1000, 1 << 16, 255)).build();
        StandbyInitializer initializer = StandbyInitializer.builder().receiver(small).rawImporter(rawImporter)
                .notifier(events).build();

        RedundancyException failure = catchThrowableOfType(() -> initializer.initializeFromBackup(
                BundleFixtures.stream("big.sfb", new byte[1001]), CONFIRMED), RedundancyException.class);

        assertThat(failure.reason()).isEqualTo(ReasonCode.LIMIT_EXCEEDED);
        assertThat(rawCalls).isEmpty();
        assertThat(initializer.isInitialized()).isFalse();
    }

    @Test
    void aBundleOfThisPairIsVerifiedExtractedAndImportedByTheReceiversImporter() {
        WrittenBundle bundle = ReceiverFixtures.bundle(dir, "b1", 0, BundleFixtures.CREATED);
        StandbyInitializer initializer = initializer();

        Initialization done = initializer.initializeFromBundle(bundle.file(), CONFIRMED);

        assertThat(done.source()).isEqualTo(new Initialization.Bundle(BundleId.parse("b1"), bundle.size(),
                bundle.sha256(), BundleFixtures.CREATED));
        assertThat(importer.importedIds()).containsExactly(BundleId.parse("b1"));
        assertThat(importer.calls().get(0).files()).containsOnlyKeys("db/", "db/backup.sfb");
        assertThat(rawCalls).isEmpty();
        assertThat(initializer.initialization()).contains(done);
        assertThat(bundle.file()).exists();
    }

    @Test
    void aBundleWithAForeignKeyIsRefusedWithForeignPair() {
        WrittenBundle foreign = ReceiverFixtures.bundle(dir, ReceiverFixtures.header("b1", OTHER_KEY, VERSION, 0,
                BundleFixtures.CREATED), "another pair's backup\n");
        StandbyInitializer initializer = initializer();

        RedundancyException refused = catchThrowableOfType(
                () -> initializer.initializeFromBundle(foreign.file(), CONFIRMED), RedundancyException.class);

        assertThat(refused.reason()).isEqualTo(ReasonCode.FOREIGN_PAIR);
        assertThat(importer.calls()).isEmpty();
        assertThat(initializer.isInitialized()).isFalse();
        assertThat(events.ofType(InitializationFailed.class)).extracting(InitializationFailed::reason)
                .containsExactly(ReasonCode.FOREIGN_PAIR);
    }

    @Test
    void aThrowingNotifierDoesNotUndoTheInitialisation() throws IOException {
        StandbyInitializer initializer = StandbyInitializer.builder().receiver(receiver()).rawImporter(rawImporter)
                .notifier(event -> {
                    throw new IllegalStateException("mail server down");
                }).build();

        Initialization done = initializer.initializeFromBackup(new Backup.Files(upload()), CONFIRMED);

        assertThat(initializer.initialization()).contains(done);
    }

    @Test
    void theBuilderNamesEveryMissingPart() {
        InvalidInputException missing = catchThrowableOfType(() -> StandbyInitializer.builder().build(),
                InvalidInputException.class);

        assertThat(missing.problems()).extracting(InputProblem::field).containsExactly("receiver", "rawImporter");
    }

    @Test
    void aDamagedRecordStillCountsAsInitialisedAndCanBeReplacedByForce() throws IOException {
        StandbyInitializer initializer = initializer();
        Files.writeString(record(), "operator=admin\n");

        assertThat(initializer.isInitialized()).isTrue();
        RedundancyException damaged = catchThrowableOfType(initializer::initialization, RedundancyException.class);
        assertThat(damaged.reason()).isEqualTo(ReasonCode.UNEXPECTED);
        assertThat(damaged.getMessage()).contains("damaged", "force");
        assertThat(catchThrowableOfType(() -> initializer.initializeFromBackup(new Backup.Files(upload()), CONFIRMED),
                InvalidInputException.class).getMessage()).contains("its record is damaged");

        Initialization done = initializer.initializeFromBackup(new Backup.Files(upload()),
                new InitializationRequest("admin", "repair", true, true));
        assertThat(initializer.initialization()).isEqualTo(Optional.of(done));
    }
}
