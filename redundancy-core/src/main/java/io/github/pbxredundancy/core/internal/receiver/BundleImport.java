package io.github.pbxredundancy.core.internal.receiver;

import io.github.pbxredundancy.core.BundleExtractor;
import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.ReceiverStatus.ImportOutcome;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.VerifiedBundle;
import io.github.pbxredundancy.core.internal.DurableFiles;
import io.github.pbxredundancy.core.internal.MessageText;
import io.github.pbxredundancy.core.spi.BackupImporter;
import io.github.pbxredundancy.core.spi.ImportRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One import: the kept bundle's payload is extracted into a fresh {@code import/<id>/}, handed
 * to the host's {@link BackupImporter}, and the directory is deleted afterwards, whatever
 * happened. The bundle itself is never touched: a failed import leaves it kept for a retry.
 *
 * <p>Extraction failures keep their own codes (the extractor checks every byte again, so a
 * kept bundle damaged on disk shows as {@link ReasonCode#INTEGRITY_FAILED}); whatever the
 * importer throws is {@link ReasonCode#IMPORT_FAILED}.
 *
 * <p>Not part of the API. Not thread-safe; the receiver's lock makes imports run one at a time.
 */
final class BundleImport {
    private static final Logger LOG = LoggerFactory.getLogger(BundleImport.class);

    private final ReceiverLayout layout;
    private final BundleExtractor extractor = new BundleExtractor();
    private final BackupImporter importer;
    private final Clock clock;

    BundleImport(ReceiverLayout layout, BackupImporter importer, Clock clock) {
        this.layout = layout;
        this.importer = importer;
        this.clock = clock;
    }

    /** Imports the bundle; never throws but {@link Error}s. */
    ImportOutcome run(VerifiedBundle bundle) {
        BundleId id = bundle.manifest().bundleId();
        Path directory = layout.importDir(id);
        try {
            try {
                DurableFiles.deleteTree(directory);
                Files.createDirectory(directory);
                extractor.extract(bundle, directory);
            } catch (RedundancyException e) {
                return failed(id, e.reason(), "cannot extract bundle " + id + " for the import: " + e.getMessage(), e);
            } catch (IOException e) {
                return failed(id, ReasonCode.IMPORT_FAILED, "cannot prepare " + directory + " for the import: " + e, e);
            }
            try {
                importer.importBackup(new ImportRequest(directory, bundle.manifest()));
            } catch (IOException | RuntimeException e) {
                return failed(id, ReasonCode.IMPORT_FAILED, "the host could not import bundle " + id + ": " + e, e);
            }
            LOG.info("Imported bundle {}", id);
            return new ImportOutcome(id, clock.instant(), Optional.empty(),
                    "imported; the standby's data is as of " + bundle.manifest().createdAt());
        } finally {
            DurableFiles.deleteQuietly(directory);
        }
    }

    /** The outcome for a bundle just kept that may no longer be imported (its epoch is stale now). */
    ImportOutcome notImported(BundleId id, ReasonCode reason, RuntimeException e) {
        return failed(id, reason, "bundle " + id + " is kept but not imported: " + e.getMessage(), e);
    }

    /** The outcome for a kept bundle that did not pass verification again before its import. */
    ImportOutcome notVerified(BundleId id, ReasonCode reason, RuntimeException e) {
        return failed(id, reason, "kept bundle " + id + " no longer passes verification: " + e.getMessage(), e);
    }

    private ImportOutcome failed(BundleId id, ReasonCode reason, String message, Exception e) {
        LOG.warn("Import of bundle {} failed ({})", id, reason, e);
        return new ImportOutcome(id, clock.instant(), Optional.of(reason), MessageText.oneLine(message));
    }
}
