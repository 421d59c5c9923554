package io.github.pbxredundancy.core.internal.receiver;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.VerifiedBundle;
import io.github.pbxredundancy.core.internal.DurableFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kept bundles on disk and in memory, and the persisted epoch: keeping a verified bundle is
 * one transaction (move into {@code bundles/}, write its record, raise the epoch) that either
 * completes or leaves the directory and the state files as they were.
 *
 * <p>The epoch is the receiver's: the highest of the kept bundles' epochs and the floor the
 * receiver's node raised ({@link #raiseEpoch}). It never decreases.
 *
 * <p>Crash safety follows from the order of the steps: a crash after the move leaves a bundle
 * without a record, which the sweep verifies again and adopts; a crash after the record leaves
 * the epoch file behind the records, which the sweep raises to the records' highest epoch.
 * Pruning deletes the bundle before its record, so a crash in between leaves a record without
 * a bundle, which the sweep removes.
 *
 * <p>Not part of the API. Not thread-safe; the receiver's lock guards it.
 */
final class BundleStore {
    private static final Logger LOG = LoggerFactory.getLogger(BundleStore.class);

    private final ReceiverLayout layout;
    private final KeptBundles kept = new KeptBundles();
    private long epoch;

    BundleStore(ReceiverLayout layout) {
        this.layout = layout;
    }

    /** Replaces what is in memory with what a sweep found on disk. */
    void reload(List<AcceptedRecord> records, long epoch) {
        kept.clear();
        records.forEach(kept::add);
        this.epoch = epoch;
    }

    /** The receiver's epoch: the highest of the kept bundles' and the raised floor. */
    long epoch() {
        return epoch;
    }

    /**
     * Raises the epoch to {@code floor} if it is higher, persisting it first.
     *
     * @return whether it rose
     * @throws IOException if the epoch file cannot be written; the epoch then rises in memory
     *     all the same, so that no bundle below it is kept until a restart
     */
    boolean raiseEpoch(long floor) throws IOException {
        if (floor <= epoch) {
            return false;
        }
        try {
            EpochFile.write(layout.epochFile(), floor);
        } finally {
            epoch = floor;
        }
        return true;
    }

    Optional<AcceptedRecord> find(BundleId id) {
        return kept.find(id);
    }

    Optional<AcceptedRecord> current() {
        return kept.current();
    }

    boolean isCurrent(BundleId id) {
        return kept.isCurrent(id);
    }

    List<AcceptedRecord> inOrder() {
        return kept.inOrder();
    }

    /**
     * Keeps a verified, staged bundle.
     *
     * @param staged the verified file in {@code staging/}; moved away on success
     * @param verified what the verifier found in it
     * @param acceptedAt now
     * @return the record written
     * @throws IOException if a step failed; every completed step has been undone
     * @throws RedundancyException with {@link ReasonCode#UNEXPECTED} if a file of that name is
     *     already in {@code bundles/} without being kept (only after a sweep could not read it)
     */
    AcceptedRecord keep(Path staged, VerifiedBundle verified, Instant acceptedAt) throws IOException {
        AcceptedRecord record = AcceptedRecord.of(verified, acceptedAt);
        Path target = layout.bundle(record.id());
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) || Files.exists(layout.record(record.id()), LinkOption.NOFOLLOW_LINKS)) {
            throw new RedundancyException(ReasonCode.UNEXPECTED, "bundle " + record.id() + " cannot be kept: "
                    + target + " or its record exists without being a kept bundle; sweep() verifies and adopts or removes it");
        }
        DurableFiles.moveWithoutReplacing(staged, target);
        try {
            DurableFiles.writeAtomically(layout.record(record.id()), record.render());
            if (record.bundle().epoch() > epoch) {
                EpochFile.write(layout.epochFile(), record.bundle().epoch());
            }
        } catch (IOException | RuntimeException e) {
            undo(record.id(), e);
            throw e;
        }
        kept.add(record);
        epoch = Math.max(epoch, record.bundle().epoch());
        return record;
    }

    private void undo(BundleId id, Exception failure) {
        // The bundle first, as in pruning: should deleting the record then fail, the sweep removes
        // a record without a bundle; it would adopt a bundle without a record.
        for (Path path : List.of(layout.bundle(id), layout.record(id))) {
            try {
                DurableFiles.deleteTree(path);
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
        try {
            DurableFiles.syncDirectory(layout.bundles());
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Deletes the bundles beyond the newest {@code keep}, never {@code spared}. The receiver's
     * lock is held, and imports run under it too, so no bundle being imported is deleted.
     *
     * @return the ids deleted
     */
    List<BundleId> prune(int keep, BundleId spared) {
        List<BundleId> removed = new ArrayList<>();
        for (AcceptedRecord record : kept.surplus(keep, spared)) {
            try {
                DurableFiles.deleteTree(layout.bundle(record.id()));
                kept.remove(record.id());
                removed.add(record.id());
                DurableFiles.deleteTree(layout.record(record.id()));
            } catch (IOException e) {
                LOG.warn("Cannot delete old bundle {}; the next sweep or prune tries again", record.id(), e);
            }
        }
        return removed;
    }
}
