package io.github.pbxredundancy.core.internal.receiver;

import io.github.pbxredundancy.core.BundleExpectations;
import io.github.pbxredundancy.core.BundleExtractor;
import io.github.pbxredundancy.core.BundleVerifier;
import io.github.pbxredundancy.core.Initialization;
import io.github.pbxredundancy.core.InitializationRequest;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.VerifiedBundle;
import io.github.pbxredundancy.core.event.InitializationEvent;
import io.github.pbxredundancy.core.event.InitializationFailed;
import io.github.pbxredundancy.core.event.StandbyInitialized;
import io.github.pbxredundancy.core.internal.DurableFiles;
import io.github.pbxredundancy.core.internal.MessageText;
import io.github.pbxredundancy.core.spi.Backup;
import io.github.pbxredundancy.core.spi.ImportRequest;
import io.github.pbxredundancy.core.spi.Notifier;
import io.github.pbxredundancy.core.spi.RawBackupImporter;
import io.github.pbxredundancy.core.spi.RawImportRequest;
import io.github.pbxredundancy.license.PrintableText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The implementation of {@link io.github.pbxredundancy.core.StandbyInitializer}; its Javadoc
 * describes the behaviour. Works on the receiver's root under the receiver's lock, so that the
 * host's importers never run concurrently and no sweep deletes {@code import/_initial/} while it
 * is in use; a crash leaves that directory to the next sweep.
 *
 * <p>Not part of the API. Thread-safe.
 */
public final class InitialImport {
    private static final Logger LOG = LoggerFactory.getLogger(InitialImport.class);

    private final ReceiverEngine engine;
    private final ReceiverSettings settings;
    private final ReceiverLayout layout;
    private final Clock clock;
    private final RawBackupImporter rawImporter;
    private final Notifier notifier;
    private final BundleVerifier verifier = new BundleVerifier();
    private final BundleExtractor extractor = new BundleExtractor();

    /**
     * @param engine the receiver whose root, lock, settings and importer are used
     * @param rawImporter imports raw backups
     * @param notifier hears the initialisation's events; the receiver's unless the host chose another
     */
    public InitialImport(ReceiverEngine engine, RawBackupImporter rawImporter, Notifier notifier) {
        this.engine = engine;
        this.settings = engine.settings();
        this.layout = new ReceiverLayout(settings.root());
        this.clock = settings.clock();
        this.rawImporter = rawImporter;
        this.notifier = notifier;
    }

    /** See {@link io.github.pbxredundancy.core.StandbyInitializer#isInitialized()}. */
    public boolean isInitialized() {
        return Files.exists(layout.initializedFile(), LinkOption.NOFOLLOW_LINKS);
    }

    /** See {@link io.github.pbxredundancy.core.StandbyInitializer#initialization()}. */
    public Optional<Initialization> initialization() {
        return InitializationFile.read(layout.initializedFile());
    }

    /** See {@link io.github.pbxredundancy.core.StandbyInitializer#initializeFromBackup}. */
    public Initialization fromRawBackup(Backup upload, InitializationRequest request) {
        Objects.requireNonNull(upload, "upload");
        Objects.requireNonNull(request, "request");
        return run(request, describe(upload), directory -> {
            Initialization.RawBackup source = UploadCopy.copy(upload, directory, settings.limits());
            return new Prepared(source, () -> rawImporter.importRawBackup(new RawImportRequest(directory, source)));
        });
    }

    /** See {@link io.github.pbxredundancy.core.StandbyInitializer#initializeFromBundle}. */
    public Initialization fromBundle(Path bundle, InitializationRequest request) {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(request, "request");
        return run(request, "bundle file " + PrintableText.quote(bundle.toString()), directory -> {
            VerifiedBundle verified = verifier.verify(bundle, new BundleExpectations(settings.activeServerKey(),
                    settings.ownVersion().get(), engine.status().highestEpoch(), settings.limits()));
            extractor.extract(verified, directory);
            Initialization.Source source = new Initialization.Bundle(verified.manifest().bundleId(), verified.size(),
                    verified.sha256(), verified.manifest().createdAt());
            return new Prepared(source, () -> settings.importer().importBackup(new ImportRequest(directory,
                    verified.manifest())));
        });
    }

    private Initialization run(InitializationRequest request, String upload, Preparation preparation) {
        Attempt attempt = engine.exclusively(() -> attempt(request, upload, preparation));
        try {
            notifier.notify(attempt.event());
        } catch (Throwable t) {
            // The initialisation stands or fails whatever the notifier does.
            LOG.warn("Notifier {} failed on {}", notifier, attempt.event().getClass().getSimpleName(), t);
        }
        if (attempt.failure() != null) {
            throw attempt.failure();
        }
        return ((StandbyInitialized) attempt.event()).initialization();
    }

    /** Under the lock. Throws only the refusal of a standby initialised already; every later failure is returned. */
    private Attempt attempt(InitializationRequest request, String upload, Preparation preparation) {
        boolean initialized = isInitialized();
        if (initialized && !request.force()) {
            throw InvalidInputException.of("force", "false", "the standby is initialised already ("
                    + describeExisting() + "); set force to overwrite all its data again");
        }
        Path directory = layout.initialImportDir();
        try {
            prepareEmpty(directory);
            Prepared prepared = preparation.prepare(directory);
            // The point of no return: from here on the host's data may change, so the old record goes first.
            removeOldRecord();
            try {
                prepared.hostImport().run();
            } catch (IOException | RuntimeException e) {
                throw new RedundancyException(ReasonCode.IMPORT_FAILED, "the host could not import " + upload + ": " + e, e);
            }
            Initialization done = new Initialization(clock.instant(), request.operator(), request.reason(),
                    initialized, prepared.source());
            record(done);
            LOG.info("Standby initialised by {} from {}{}", PrintableText.quote(done.operator()),
                    done.source().describe(), done.forced() ? ", forced over the earlier initialisation" : "");
            return new Attempt(new StandbyInitialized(done), null);
        } catch (RedundancyException e) {
            return failed(request, upload, e);
        } catch (RuntimeException e) {
            return failed(request, upload, new RedundancyException(ReasonCode.UNEXPECTED,
                    "unexpected failure while initialising the standby from " + upload + ": " + e, e));
        } finally {
            DurableFiles.deleteQuietly(directory);
        }
    }

    private Attempt failed(InitializationRequest request, String upload, RedundancyException e) {
        LOG.warn("Initialisation of the standby from {} failed ({})", upload, e.reason(), e);
        return new Attempt(new InitializationFailed(clock.instant(), request.operator(), upload, e.reason(),
                MessageText.oneLine(e.getMessage())), e);
    }

    private void prepareEmpty(Path directory) {
        try {
            DurableFiles.deleteTree(directory);
            Files.createDirectory(directory);
        } catch (IOException e) {
            throw new RedundancyException(ReasonCode.IMPORT_FAILED, "cannot prepare " + directory + " for the import: " + e,
                    e);
        }
    }

    private void removeOldRecord() {
        try {
            if (Files.deleteIfExists(layout.initializedFile())) {
                DurableFiles.syncDirectory(layout.initializedFile().getParent());
                LOG.info("Removed the earlier initialisation record: the forced import is about to overwrite the standby");
            }
        } catch (IOException e) {
            throw new RedundancyException(ReasonCode.UNEXPECTED, "cannot remove the earlier initialisation record "
                    + layout.initializedFile() + " before the forced import; nothing was imported: " + e, e);
        }
    }

    private void record(Initialization done) {
        try {
            InitializationFile.write(layout.initializedFile(), done);
        } catch (IOException e) {
            throw new RedundancyException(ReasonCode.UNEXPECTED, "the host imported " + done.source().describe()
                    + ", but the initialisation cannot be recorded in " + layout.initializedFile() + ": " + e
                    + "; the standby counts as not initialised: initialise it again", e);
        }
    }

    private String describeExisting() {
        try {
            return initialization().map(existing -> "on " + existing.at() + " by "
                    + PrintableText.quote(existing.operator()) + " from " + existing.source().describe())
                    .orElse("its record vanished meanwhile");
        } catch (RedundancyException e) {
            return "its record is damaged";
        }
    }

    private static String describe(Backup upload) {
        if (upload instanceof Backup.Stream stream) {
            return "uploaded stream " + PrintableText.quote(stream.name());
        }
        Path root = ((Backup.Files) upload).root();
        return (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS) ? "uploaded directory " : "uploaded file ")
                + PrintableText.quote(root.toString());
    }

    /** Copies or extracts the upload into the directory and says how the host imports it. */
    @FunctionalInterface
    private interface Preparation {
        Prepared prepare(Path directory);
    }

    /** The host's import call, made only after the old record is gone. */
    @FunctionalInterface
    private interface HostImport {
        void run() throws IOException;
    }

    /** What was prepared: the source as it will be recorded, and the host's import. */
    private record Prepared(Initialization.Source source, HostImport hostImport) {
    }

    /** How an attempt ended: the event to emit, and the failure to throw (null if it succeeded). */
    private record Attempt(InitializationEvent event, RedundancyException failure) {
    }
}
