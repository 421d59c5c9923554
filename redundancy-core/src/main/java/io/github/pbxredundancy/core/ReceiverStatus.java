package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.internal.bundle.BundleFields;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of a {@link Receiver} for a status page and for the standby's own checks (B3): the
 * bundle the standby would import, every bundle it keeps, the fencing epoch, the last import
 * and the last refusal.
 *
 * <p>Immutable and thread-safe.
 *
 * @param current the newest kept bundle by (epoch, created-at, id): the one
 *     {@link Receiver#importLatest()} imports; empty while nothing is kept
 * @param kept the ids of every kept bundle, oldest first by (epoch, created-at, id), so the
 *     last one is {@code current}
 * @param highestEpoch the receiver's fencing epoch (B1): the highest of any accepted bundle's
 *     epoch and the floor its node set (see {@link Receiver#raiseEpochFloor}); bundles with a
 *     lower epoch are refused
 * @param lastImport the outcome of the last import, persisted across restarts; empty if there
 *     was none in this root
 * @param lastRefusal the last bundle refused since this receiver was built; empty if none
 */
public record ReceiverStatus(Optional<KeptBundle> current, List<BundleId> kept, long highestEpoch,
                             Optional<ImportOutcome> lastImport, Optional<Refusal> lastRefusal) {

    /** Validates that every part is present and copies the list. */
    public ReceiverStatus {
        Objects.requireNonNull(current, "current");
        kept = List.copyOf(kept);
        BundleFields.requireEpoch(highestEpoch);
        Objects.requireNonNull(lastImport, "lastImport");
        Objects.requireNonNull(lastRefusal, "lastRefusal");
    }

    /**
     * Whether the current bundle still waits for a successful import: a bundle is kept, and the
     * last import was of another bundle, failed, or never happened (e.g. the standby stopped
     * between accepting and importing). A host can call {@link Receiver#importLatest()} at
     * start when this is true.
     *
     * @return true iff the current bundle has not been imported successfully
     */
    public boolean importPending() {
        return current.isPresent() && lastImport
                .map(last -> !(last.succeeded() && last.bundleId().equals(current.get().bundleId())))
                .orElse(true);
    }

    /**
     * A bundle the receiver verified and keeps, as recorded when it was accepted.
     *
     * <p>Immutable and thread-safe.
     *
     * @param bundleId the bundle's id
     * @param sourceNode the active that made it
     * @param softwareVersion the version it was made with (R20)
     * @param epoch its fencing epoch (B1)
     * @param createdAt when the active made it: the standby's data is this old once it is imported
     * @param size the bundle file's size in bytes
     * @param sha256 the bundle file's SHA-256, lower-case hex
     * @param acceptedAt when the receiver accepted it
     */
    public record KeptBundle(BundleId bundleId, String sourceNode, SoftwareVersion softwareVersion, long epoch,
                             Instant createdAt, long size, String sha256, Instant acceptedAt) {
        /** Validates every part. */
        public KeptBundle {
            Objects.requireNonNull(bundleId, "bundleId");
            BundleFields.requireSourceNode(sourceNode);
            Objects.requireNonNull(softwareVersion, "softwareVersion");
            BundleFields.requireEpoch(epoch);
            Objects.requireNonNull(createdAt, "createdAt");
            if (size < 0) {
                throw InvalidInputException.of("bundle size", Long.toString(size), "must be zero or more");
            }
            BundleFields.requireSha256("bundle sha256", sha256);
            Objects.requireNonNull(acceptedAt, "acceptedAt");
        }
    }

    /**
     * How an import ended.
     *
     * <p>Immutable and thread-safe.
     *
     * @param bundleId the bundle imported or tried
     * @param at when the import ended
     * @param failure empty if the host imported the backup; else why not, e.g.
     *     {@link ReasonCode#IMPORT_FAILED} when the host's importer failed
     * @param message one line for the administrator
     */
    public record ImportOutcome(BundleId bundleId, Instant at, Optional<ReasonCode> failure, String message) {
        /** Validates every part. */
        public ImportOutcome {
            Objects.requireNonNull(bundleId, "bundleId");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(message, "message");
        }

        /** Whether the host imported the backup. */
        public boolean succeeded() {
            return failure.isEmpty();
        }
    }

    /**
     * A bundle the receiver refused; nothing of it was kept.
     *
     * <p>Immutable and thread-safe.
     *
     * @param bundleId the bundle
     * @param at when it was refused
     * @param reason why, as a stable code
     * @param message one line for the administrator, as sent back to the active
     */
    public record Refusal(BundleId bundleId, Instant at, ReasonCode reason, String message) {
        /** Validates every part. */
        public Refusal {
            Objects.requireNonNull(bundleId, "bundleId");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }
}
