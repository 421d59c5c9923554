package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.internal.receiver.InitialImport;
import io.github.pbxredundancy.core.spi.Backup;
import io.github.pbxredundancy.core.spi.BackupImporter;
import io.github.pbxredundancy.core.spi.Notifier;
import io.github.pbxredundancy.core.spi.RawBackupImporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The standby's one-time initialisation (R13, STARFACE's "Standby-Import"): an operator uploads
 * the active's full backup on the standby, which imports it over all of its own data; from then
 * on the regular replication keeps it current. Until then the standby has nothing to promote to,
 * so {@link #isInitialized()} tells a status page and the promotion state machine whether it
 * still awaits its initial import.
 *
 * <h2>Sources</h2>
 * <ul>
 *   <li>{@link #initializeFromBackup}: the host's own backup (a file, a directory or a stream),
 *       as the administrator uploaded it. It is not a bundle: it has no manifest, so its pair,
 *       version and epoch cannot be checked; the operator's explicit confirmation in the
 *       {@link InitializationRequest} stands in for the pair check, and the host's
 *       {@link RawBackupImporter} checks what its backup format allows (R20). The upload is
 *       first copied into {@code <receiver root>/import/_initial/}, hashing every byte, and the
 *       host imports the copy, never the upload itself, which could change underneath. The copy
 *       obeys the receiver's {@link BundleLimits}, like the same backup inside a bundle.</li>
 *   <li>{@link #initializeFromBundle}: a bundle file, verified by {@link BundleVerifier}
 *       against the receiver's expectations exactly like a delivered bundle (this pair's key,
 *       the standby's version, the receiver's highest epoch), extracted by
 *       {@link BundleExtractor} (every byte checked again) into the same directory and imported
 *       by the receiver's {@link BackupImporter}.</li>
 * </ul>
 *
 * <h2>Steps and outcomes</h2>
 * <ol>
 *   <li>The request is valid by construction: confirmed, with an operator.</li>
 *   <li>A standby initialised already (its record exists, even a damaged one) is refused with
 *       an {@link InvalidInputException} on field {@code force}, unless the request forces it.
 *       Nothing is touched and no event is sent.</li>
 *   <li>The upload is copied, or the bundle verified and extracted. A failure here changes
 *       nothing on the standby: a bad upload is {@link ReasonCode#BACKUP_FAILED} or
 *       {@link ReasonCode#LIMIT_EXCEEDED}, a refused bundle keeps the verifier's code (e.g.
 *       {@link ReasonCode#FOREIGN_PAIR}).</li>
 *   <li>An earlier record is removed, because from now on the host's data changes; then the
 *       host imports. If it throws: {@link ReasonCode#IMPORT_FAILED}, and the standby counts as
 *       not initialised (even if it was before: its data may be half overwritten).</li>
 *   <li>The record is written to {@code <receiver root>/state/initialized} (temporary file,
 *       forced to disk, atomic rename, directory forced): when, operator, reason, source
 *       (raw backup name, file count, size and SHA-256 of the copy, or the bundle's id, size,
 *       SHA-256 and creation time) and whether it was forced over an earlier initialisation.</li>
 * </ol>
 * Success emits {@link io.github.pbxredundancy.core.event.StandbyInitialized}; any failure after
 * step 2 emits {@link io.github.pbxredundancy.core.event.InitializationFailed} and throws a
 * {@link RedundancyException} with its code. The working directory is deleted in every case.
 *
 * <h2>Threads</h2>
 * Thread-safe. An initialisation holds the receiver's lock, so it never runs at the same time
 * as a delivery, an import or a sweep of that receiver (they wait, and so does it), and the
 * host's importers are never called concurrently. Events go to the notifier on the calling
 * thread after the lock is released; what it throws is logged. {@link #isInitialized()} and
 * {@link #initialization()} read the record without waiting, so every initializer of the same
 * receiver sees the same state.
 */
public final class StandbyInitializer {
    private final InitialImport initialImport;

    private StandbyInitializer(InitialImport initialImport) {
        this.initialImport = initialImport;
    }

    /**
     * A builder; the receiver and the raw-backup importer are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Initialises the standby from the host's own backup, as uploaded; see the class description.
     *
     * @param upload the uploaded backup: a file, a directory of regular files, or a stream of
     *     known size
     * @param request the operator's confirmed request
     * @return the initialisation as recorded
     * @throws InvalidInputException on field {@code force} if the standby is initialised already
     *     and the request does not force it
     * @throws RedundancyException with {@link ReasonCode#BACKUP_FAILED} or
     *     {@link ReasonCode#LIMIT_EXCEEDED} for a bad upload, {@link ReasonCode#IMPORT_FAILED} if
     *     the copy cannot be written or the host cannot import it,
     *     {@link ReasonCode#UNEXPECTED} if the record cannot be written
     */
    public Initialization initializeFromBackup(Backup upload, InitializationRequest request) {
        return initialImport.fromRawBackup(upload, request);
    }

    /**
     * Initialises the standby from a bundle file; see the class description.
     *
     * @param bundleFile the bundle, e.g. as uploaded; it is read, never changed or deleted
     * @param request the operator's confirmed request
     * @return the initialisation as recorded
     * @throws InvalidInputException on field {@code force} if the standby is initialised already
     *     and the request does not force it
     * @throws RedundancyException with the verifier's or extractor's code if the bundle is
     *     refused (e.g. {@link ReasonCode#FOREIGN_PAIR}, {@link ReasonCode#VERSION_INCOMPATIBLE},
     *     {@link ReasonCode#INTEGRITY_FAILED}), {@link ReasonCode#IMPORT_FAILED} if the host cannot
     *     import it, {@link ReasonCode#UNEXPECTED} if the record cannot be written
     */
    public Initialization initializeFromBundle(Path bundleFile, InitializationRequest request) {
        return initialImport.fromBundle(bundleFile, request);
    }

    /**
     * Whether the standby has been initialised: its record exists. False means the standby
     * still awaits its initial import.
     *
     * @return true iff {@code state/initialized} exists, damaged or not
     */
    public boolean isInitialized() {
        return initialImport.isInitialized();
    }

    /**
     * The recorded initialisation, for a status page.
     *
     * @return the record; empty if the standby was not initialised
     * @throws RedundancyException with {@link ReasonCode#UNEXPECTED} if the record is damaged or
     *     cannot be read; the standby then still counts as initialised, and a forced
     *     initialisation writes a new record
     */
    public Optional<Initialization> initialization() {
        return initialImport.initialization();
    }

    /**
     * Collects a {@link StandbyInitializer}'s parts; {@link #build()} checks them together.
     *
     * <p>Not thread-safe; use one builder per thread.
     */
    public static final class Builder {
        private Receiver receiver;
        private RawBackupImporter rawImporter;
        private Notifier notifier;

        private Builder() {
        }

        /**
         * The standby's receiver: its root holds the record and the working directory, its lock
         * serialises the initialisation with deliveries, and its key, version, epoch, limits,
         * clock and {@link BackupImporter} serve the initialisation too. Required.
         *
         * @param receiver the receiver
         * @return this builder
         */
        public Builder receiver(Receiver receiver) {
            this.receiver = receiver;
            return this;
        }

        /**
         * Imports the host's own backups. Required.
         *
         * @param rawImporter the importer
         * @return this builder
         */
        public Builder rawImporter(RawBackupImporter rawImporter) {
            this.rawImporter = rawImporter;
            return this;
        }

        /**
         * Hears the initialisation's events; the receiver's notifier unless set.
         *
         * @param notifier the notifier
         * @return this builder
         */
        public Builder notifier(Notifier notifier) {
            this.notifier = notifier;
            return this;
        }

        /**
         * Checks the parts together.
         *
         * @return the initializer
         * @throws InvalidInputException naming every missing part
         */
        public StandbyInitializer build() {
            List<InputProblem> problems = new ArrayList<>();
            if (receiver == null) {
                problems.add(InputProblem.of("receiver", null, "is required"));
            }
            if (rawImporter == null) {
                problems.add(InputProblem.of("rawImporter", null, "is required"));
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            Notifier events = notifier != null ? notifier : receiver.engine().settings().notifier();
            return new StandbyInitializer(new InitialImport(receiver.engine(), rawImporter, events));
        }
    }
}
