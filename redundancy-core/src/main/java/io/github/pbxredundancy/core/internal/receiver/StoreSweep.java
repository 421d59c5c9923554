package io.github.pbxredundancy.core.internal.receiver;

import io.github.pbxredundancy.core.BundleExpectations;
import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.BundleRejectedException;
import io.github.pbxredundancy.core.BundleVerifier;
import io.github.pbxredundancy.core.PairIdentity;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.VerifiedBundle;
import io.github.pbxredundancy.core.internal.DurableFiles;
import io.github.pbxredundancy.core.internal.StateText;
import io.github.pbxredundancy.license.PrintableText;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the root back to a consistent state after a crash, and reads the kept bundles:
 * <ul>
 *   <li>every {@code staging/*.part} is deleted (an interrupted delivery);</li>
 *   <li>everything in {@code import/} is deleted (an interrupted import);</li>
 *   <li>in {@code bundles/}: leftover {@code .tmp} files and records without a bundle are
 *       deleted; a bundle whose record is missing, damaged or does not match the file (a crash
 *       between the move and the record) is verified again and adopted with a new record if it
 *       passes, deleted if it is refused, and left alone if it cannot be read: a good bundle is
 *       never deleted;</li>
 *   <li>the epoch file is raised to the highest epoch of the records if it lags behind (a crash
 *       between the record and the epoch).</li>
 * </ul>
 * Names the receiver never writes are left alone and logged.
 *
 * <p>Before it touches {@code bundles/}, it checks that every record belongs to the configured
 * pair: a root that holds another pair's bundles and epoch is refused rather than mixed.
 *
 * <p>Not part of the API. Not thread-safe; the receiver's lock guards it.
 */
final class StoreSweep {
    private static final Logger LOG = LoggerFactory.getLogger(StoreSweep.class);

    /**
     * What the sweep found.
     *
     * @param removed how many files and directories it deleted
     * @param records the kept bundles
     * @param highestEpoch the persisted epoch after the sweep
     */
    record Result(int removed, List<AcceptedRecord> records, long highestEpoch) {
    }

    private final ReceiverLayout layout;
    private final PairIdentity pair;
    private final BundleVerifier verifier = new BundleVerifier();
    private final Supplier<BundleExpectations> adoptionExpectations;
    private final Clock clock;
    private int removed;

    /**
     * @param adoptionExpectations what a bundle without a record must pass to be adopted; its epoch
     *     was checked when it arrived and the epoch file may lag behind it, so the minimum epoch is 0
     */
    StoreSweep(ReceiverLayout layout, PairIdentity pair, Supplier<BundleExpectations> adoptionExpectations, Clock clock) {
        this.layout = layout;
        this.pair = pair;
        this.adoptionExpectations = adoptionExpectations;
        this.clock = clock;
    }

    /**
     * Sweeps once.
     *
     * @throws RedundancyException with {@link ReasonCode#FOREIGN_PAIR} if the root holds another
     *     pair's bundles, {@link ReasonCode#UNEXPECTED} if the epoch file is damaged
     * @throws IOException if a directory cannot be listed or the epoch cannot be written
     */
    Result run() throws IOException {
        removed = 0;
        for (Path part : list(layout.staging())) {
            if (ReceiverLayout.idOf(part, ReceiverLayout.PART).isPresent()) {
                remove(part, "interrupted delivery");
            } else {
                LOG.warn("Leaving {} alone: the receiver never writes such a name", part);
            }
        }
        for (Path leftover : list(layout.imports())) {
            remove(leftover, "interrupted import");
        }
        List<AcceptedRecord> records = sweepBundles();
        long epoch = EpochFile.read(layout.epochFile());
        long recorded = records.stream().mapToLong(r -> r.bundle().epoch()).max().orElse(0);
        if (recorded > epoch) {
            LOG.warn("Raising the epoch file from {} to {}, the highest epoch of the kept bundles", epoch, recorded);
            EpochFile.write(layout.epochFile(), recorded);
            epoch = recorded;
        }
        return new Result(removed, records, epoch);
    }

    private List<AcceptedRecord> sweepBundles() throws IOException {
        Map<BundleId, Path> bundles = new TreeMap<>();
        Map<BundleId, Path> recordFiles = new TreeMap<>();
        for (Path file : list(layout.bundles())) {
            Optional<BundleId> bundle = ReceiverLayout.idOf(file, ReceiverLayout.BUNDLE);
            Optional<BundleId> record = ReceiverLayout.idOf(file, ReceiverLayout.RECORD);
            if (bundle.isPresent() && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                bundles.put(bundle.get(), file);
            } else if (record.isPresent()) {
                recordFiles.put(record.get(), file);
            } else if (file.getFileName().toString().endsWith(ReceiverLayout.TEMP)) {
                remove(file, "unfinished state file");
            } else {
                LOG.warn("Leaving {} alone: the receiver never writes such a file", file);
            }
        }
        Map<BundleId, AcceptedRecord> readable = new TreeMap<>();
        recordFiles.forEach((id, file) -> readRecord(id, file).ifPresent(record -> readable.put(id, record)));
        requireOwnPair(readable.values());
        List<AcceptedRecord> kept = new ArrayList<>();
        for (Map.Entry<BundleId, Path> file : recordFiles.entrySet()) {
            if (!bundles.containsKey(file.getKey())) {
                remove(file.getValue(), "record without its bundle");
            }
        }
        for (Map.Entry<BundleId, Path> bundle : bundles.entrySet()) {
            AcceptedRecord record = readable.get(bundle.getKey());
            if (record != null && record.bundle().size() == Files.size(bundle.getValue())) {
                kept.add(record);
            } else {
                adopt(bundle.getKey(), bundle.getValue()).ifPresent(kept::add);
            }
        }
        return kept;
    }

    private Optional<AcceptedRecord> readRecord(BundleId id, Path file) {
        try {
            AcceptedRecord record = AcceptedRecord.from(StateText.read(file));
            if (record.id().equals(id)) {
                return Optional.of(record);
            }
            LOG.warn("Record {} names bundle {}; treating it as damaged", file, record.id());
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Record {} is damaged: {}", file, e.getMessage());
        }
        return Optional.empty();
    }

    private void requireOwnPair(Iterable<AcceptedRecord> records) {
        for (AcceptedRecord record : records) {
            if (!record.pair().equals(pair)) {
                throw new RedundancyException(ReasonCode.FOREIGN_PAIR, "receiver root "
                        + PrintableText.quote(layout.root().toString()) + " keeps bundle " + record.id() + " of "
                        + record.pair() + ", but this standby is configured for " + pair + ": a root serves one pair;"
                        + " give the receiver a new root, or remove the old one once its bundles are not needed");
            }
        }
    }

    /** A bundle in {@code bundles/} without a usable record: verified again, then adopted or deleted. */
    private Optional<AcceptedRecord> adopt(BundleId id, Path file) {
        VerifiedBundle verified;
        try {
            verified = verifier.verify(file, adoptionExpectations.get());
            if (!verified.manifest().bundleId().equals(id)) {
                throw new BundleRejectedException(ReasonCode.INTEGRITY_FAILED, "file " + file.getFileName()
                        + " holds bundle " + verified.manifest().bundleId());
            }
        } catch (BundleRejectedException e) {
            LOG.warn("Bundle {} has no usable record and fails verification ({}): {}", id, e.reason(), e.getMessage());
            remove(file, "unverifiable bundle without record");
            remove(layout.record(id), "damaged record");
            return Optional.empty();
        } catch (RedundancyException e) {
            LOG.warn("Bundle {} has no usable record and cannot be read; leaving it for the next sweep", id, e);
            return Optional.empty();
        }
        AcceptedRecord record = AcceptedRecord.of(verified, clock.instant());
        try {
            DurableFiles.writeAtomically(layout.record(id), record.render());
        } catch (IOException e) {
            LOG.warn("Cannot write the record of bundle {}; it is kept and recorded at the next sweep", id, e);
        }
        LOG.info("Adopted bundle {}: it had no usable record and passed verification", id);
        return Optional.of(record);
    }

    private void remove(Path path, String why) {
        if (DurableFiles.deleteQuietly(path)) {
            LOG.info("Removed {} ({})", path, why);
            removed++;
        }
    }

    private static List<Path> list(Path directory) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            stream.forEach(children::add);
        }
        return children;
    }
}
