package io.github.pbxredundancy.core.internal.receiver;

import io.github.pbxredundancy.core.BundleExpectations;
import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.BundleRejectedException;
import io.github.pbxredundancy.core.BundleVerifier;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.PairIdentity;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.ReceiverStatus;
import io.github.pbxredundancy.core.ReceiverStatus.ImportOutcome;
import io.github.pbxredundancy.core.ReceiverStatus.KeptBundle;
import io.github.pbxredundancy.core.ReceiverStatus.Refusal;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.VerifiedBundle;
import io.github.pbxredundancy.core.event.BackupImported;
import io.github.pbxredundancy.core.event.BundleAccepted;
import io.github.pbxredundancy.core.event.BundleRefused;
import io.github.pbxredundancy.core.event.ImportFailed;
import io.github.pbxredundancy.core.event.StandbyEvent;
import io.github.pbxredundancy.core.internal.DurableFiles;
import io.github.pbxredundancy.core.internal.MessageText;
import io.github.pbxredundancy.core.internal.bundle.BundleFields;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import io.github.pbxredundancy.license.PrintableText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The implementation of {@link io.github.pbxredundancy.core.Receiver}; its Javadoc describes
 * the behaviour.
 *
 * <p>One lock serialises deliveries, imports and sweeps. A delivery takes it twice: once to
 * stage, verify and keep the bundle, once to import it, with the events emitted in between and
 * after, outside the lock. In that gap another delivery may keep a newer bundle; the import
 * then skips the superseded one, so only the current bundle is ever imported. The status is an
 * immutable snapshot replaced under the lock and read without it, so a status page never waits
 * for an import.
 *
 * <p>The epoch (B1) is the store's, raised by accepted bundles, by {@link #raiseEpochFloor} and
 * by the node's epoch as the settings' floor supplier reports it: each delivery and import asks
 * the supplier under the lock, persists a higher value before it judges, and checks the bundle's
 * epoch once more just before keeping it and before importing it, so that a promotion that
 * raised its node's epoch meanwhile is never overtaken by an older epoch's bundle.
 *
 * <p>Not part of the API. Thread-safe.
 */
public final class ReceiverEngine {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiverEngine.class);

    private final ReceiverSettings settings;
    private final ReceiverLayout layout;
    private final PairIdentity pair;
    private final Clock clock;
    private final BundleVerifier verifier = new BundleVerifier();
    private final BundleStore store;
    private final BundleImport bundleImport;
    private final SpaceGuard space;
    private final long maxBundleSize;
    private final StandbyEvents events;
    private final LongSupplier epochFloor;
    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by {@link #lock}. */
    private Optional<ImportOutcome> lastImport;
    /** Guarded by {@link #lock}. */
    private Optional<Refusal> lastRefusal = Optional.empty();
    private volatile ReceiverStatus status;

    /**
     * What the locked part of a delivery decided; emitted and imported after the lock is released.
     *
     * @param toImport the bundle just kept, imported if it is still the current one then
     */
    private record Verdict(DeliveryReceipt receipt, List<StandbyEvent> events, Optional<VerifiedBundle> toImport) {
    }

    private ReceiverEngine(ReceiverSettings settings) {
        this.settings = settings;
        this.layout = new ReceiverLayout(settings.root());
        this.pair = PairIdentity.of(settings.activeServerKey());
        this.clock = settings.clock();
        this.store = new BundleStore(layout);
        this.bundleImport = new BundleImport(layout, settings.importer(), clock);
        this.space = new SpaceGuard(settings.freeSpace(), layout.root(), settings.freeSpaceReserve());
        this.maxBundleSize = BundleSizeBound.of(settings.limits());
        this.events = new StandbyEvents(settings.notifier());
        this.lastImport = LastImportFile.read(layout.lastImportFile());
        this.epochFloor = settings.epochFloor();
    }

    /**
     * Creates the root's directories, sweeps it and reads the kept bundles.
     *
     * @throws RedundancyException see {@link #sweep()}
     */
    public static ReceiverEngine open(ReceiverSettings settings) {
        ReceiverEngine engine = new ReceiverEngine(settings);
        int removed = engine.sweep();
        LOG.info("Receiver at {} keeps {} bundles, epoch {}; the sweep removed {} leftovers", engine.layout.root(),
                engine.status.kept().size(), engine.status.highestEpoch(), removed);
        return engine;
    }

    /** See {@link io.github.pbxredundancy.core.Receiver#receive}. */
    public DeliveryReceipt receive(BundleId id, InputStream data, long size, String sha256) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(data, "data");
        if (size < 0) {
            throw InvalidInputException.of("size", Long.toString(size), "must be zero or more");
        }
        BundleFields.requireSha256("sha256", sha256);
        return deliver(id, data, size, sha256);
    }

    /** See {@link io.github.pbxredundancy.core.Receiver#receiveFile}. */
    public DeliveryReceipt receiveFile(BundleId id, Path completeBundle, String sha256) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(completeBundle, "completeBundle");
        BundleFields.requireSha256("sha256", sha256);
        String name = PrintableText.quote(completeBundle.toString());
        InputStream in;
        long size;
        try {
            BasicFileAttributes attributes = Files.readAttributes(completeBundle, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                // A link could make the standby read any of its own files; the sender must drop the bundle itself.
                return refuseNow(id, ReasonCode.UNSAFE_ARCHIVE, "bundle file " + name
                        + " is not a regular file but a link, directory or special file; it was not read");
            }
            size = attributes.size();
            in = Files.newInputStream(completeBundle, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return refuseNow(id, ReasonCode.UNEXPECTED, "cannot read bundle file " + name + ": " + e);
        }
        try {
            return deliver(id, in, size, sha256);
        } finally {
            try {
                in.close();
            } catch (IOException e) {
                LOG.debug("Closing {} failed", name, e);
            }
        }
    }

    /** See {@link io.github.pbxredundancy.core.Receiver#importLatest}. */
    public Optional<ImportOutcome> importLatest() {
        ImportOutcome outcome;
        KeptBundle current;
        lock.lock();
        try {
            Optional<AcceptedRecord> record = store.current();
            if (record.isEmpty()) {
                return Optional.empty();
            }
            current = record.get().bundle();
            outcome = importKept(current);
            remember(outcome);
        } finally {
            lock.unlock();
        }
        events.emit(eventOf(outcome, current.createdAt()));
        return Optional.of(outcome);
    }

    /** See {@link io.github.pbxredundancy.core.Receiver#sweep}. */
    public int sweep() {
        lock.lock();
        try {
            layout.create();
            StoreSweep.Result result = new StoreSweep(layout, pair, () -> expectations(0), clock).run();
            store.reload(result.records(), result.highestEpoch());
            long floor = floor();
            if (store.raiseEpoch(floor)) {
                LOG.info("Raised the receiver's epoch to {}, its node's epoch", floor);
            }
            publish();
            return result.removed();
        } catch (IOException e) {
            throw new RedundancyException(ReasonCode.UNEXPECTED, "cannot sweep receiver root "
                    + PrintableText.quote(layout.root().toString()) + ": " + e, e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The latest snapshot, read without the lock; its epoch is at least the node's epoch as the
     * floor supplier reports it now, even before a delivery persisted that.
     */
    public ReceiverStatus status() {
        ReceiverStatus snapshot = status;
        long floor;
        try {
            floor = floor();
        } catch (RuntimeException e) {
            LOG.warn("The receiver's epoch floor supplier failed; the status shows the persisted epoch", e);
            return snapshot;
        }
        if (floor <= snapshot.highestEpoch()) {
            return snapshot;
        }
        return new ReceiverStatus(snapshot.current(), snapshot.kept(), floor, snapshot.lastImport(),
                snapshot.lastRefusal());
    }

    /** See {@link io.github.pbxredundancy.core.Receiver#raiseEpochFloor}. */
    public long raiseEpochFloor(long floor) {
        if (floor < 0) {
            throw InvalidInputException.of("floor", Long.toString(floor), "must be 0 or more");
        }
        lock.lock();
        try {
            long before = store.epoch();
            long target = floor;
            try {
                // The node's epoch, if the supplier knows a higher one, is persisted with it.
                target = Math.max(target, floor());
            } catch (RuntimeException e) {
                LOG.warn("The receiver's epoch floor supplier failed; raising the epoch to {} only", floor, e);
            }
            try {
                if (store.raiseEpoch(target)) {
                    LOG.info("Raised the receiver's epoch from {} to {}; bundles of a lower epoch are refused", before,
                            target);
                }
            } catch (IOException e) {
                throw new RedundancyException(ReasonCode.UNEXPECTED, "cannot persist the receiver's epoch " + target
                        + " in " + PrintableText.quote(layout.epochFile().toString()) + ": " + e + "; until a restart the"
                        + " receiver refuses bundles below it all the same", e);
            } finally {
                publish();
            }
            return store.epoch();
        } finally {
            lock.unlock();
        }
    }

    /** The settings the receiver was built with. */
    public ReceiverSettings settings() {
        return settings;
    }

    /**
     * Runs {@code work} under the lock that serialises deliveries, imports and sweeps: for other
     * work on the root that calls the host too (the standby's initialisation), so that the host's
     * importers never run concurrently and no sweep deletes the work's files. The work must not
     * emit events; its caller does that after this returns.
     */
    public <T> T exclusively(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    private DeliveryReceipt deliver(BundleId id, InputStream data, long size, String sha256) {
        Verdict verdict;
        lock.lock();
        try {
            verdict = judge(id, data, size, sha256);
        } finally {
            lock.unlock();
        }
        verdict.events().forEach(events::emit);
        verdict.toImport().ifPresent(this::importIfStillCurrent);
        return verdict.receipt();
    }

    /** Under the lock: decides on one delivery and, if it is good, keeps it. */
    private Verdict judge(BundleId id, InputStream data, long size, String sha256) {
        Optional<AcceptedRecord> kept = store.find(id);
        if (kept.isPresent()) {
            return redelivered(id, sha256, kept.get());
        }
        if (size > maxBundleSize) {
            return refuse(id, ReasonCode.LIMIT_EXCEEDED, "bundle " + id + " is announced with " + size + " bytes; with the"
                    + " configured limits (" + settings.limits().maxTotalSize() + " bytes of payload) a bundle has at most "
                    + maxBundleSize + " bytes");
        }
        Path part = layout.part(id);
        try {
            space.requireRoom(id, size);
            // Left over only if deleting it failed before; CREATE_NEW would refuse it.
            DurableFiles.deleteQuietly(part);
            StagingCopy.copy(id, data, size, sha256, part, space);
            VerifiedBundle verified = verifier.verify(part, expectations(epochNow()));
            if (!verified.manifest().bundleId().equals(id)) {
                throw new BundleRejectedException(ReasonCode.INTEGRITY_FAILED, "bundle delivered as " + id
                        + " carries the id " + verified.manifest().bundleId() + " in its manifest");
            }
            // The node may have raised its epoch while the bundle was verified (a promotion's first step).
            requireCurrentEpoch(verified);
            return accepted(keep(id, size, part, verified), verified);
        } catch (RedundancyException e) {
            return refuse(id, e.reason(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure while receiving bundle {}", id, e);
            return refuse(id, ReasonCode.UNEXPECTED, "unexpected failure while receiving bundle " + id + ": " + e);
        } finally {
            // Gone already if the bundle was kept; otherwise nothing of a refused delivery stays.
            DurableFiles.deleteQuietly(part);
        }
    }

    private Verdict redelivered(BundleId id, String sha256, AcceptedRecord kept) {
        if (kept.bundle().sha256().equals(sha256)) {
            // The sender did not get the first answer; it gets the same one again, without a second import.
            LOG.info("Bundle {} delivered again; it is kept already", id);
            return new Verdict(new DeliveryReceipt.Accepted(id, sha256, receiptEpoch()), List.of(), Optional.empty());
        }
        return refuse(id, ReasonCode.INTEGRITY_FAILED, "bundle id already used by another bundle: " + id
                + " is kept with SHA-256 " + kept.bundle().sha256() + ", this delivery announces " + sha256);
    }

    private AcceptedRecord keep(BundleId id, long size, Path part, VerifiedBundle verified) {
        try {
            return store.keep(part, verified, clock.instant());
        } catch (IOException e) {
            throw space.writeFailure(id, size, size, e);
        }
    }

    private Verdict accepted(AcceptedRecord record, VerifiedBundle staged) {
        BundleId id = record.id();
        List<BundleId> pruned = store.prune(settings.keep(), id);
        if (!pruned.isEmpty()) {
            LOG.info("Deleted bundles {} to keep the newest {}", pruned, settings.keep());
        }
        publish();
        KeptBundle bundle = record.bundle();
        BundleAccepted event = new BundleAccepted(bundle.acceptedAt(), id, bundle.sourceNode(), bundle.softwareVersion(),
                bundle.epoch(), bundle.createdAt(), bundle.size());
        VerifiedBundle kept = new VerifiedBundle(staged.manifest(), layout.bundle(id), staged.size(), staged.sha256());
        return new Verdict(new DeliveryReceipt.Accepted(id, bundle.sha256(), receiptEpoch()), List.of(event),
                Optional.of(kept));
    }

    private Verdict refuse(BundleId id, ReasonCode reason, String message) {
        String line = MessageText.oneLine(message);
        Instant at = clock.instant();
        lastRefusal = Optional.of(new Refusal(id, at, reason, line));
        publish();
        return new Verdict(new DeliveryReceipt.Rejected(id, reason, line, receiptEpoch()),
                List.of(new BundleRefused(at, id, reason, line)), Optional.empty());
    }

    private DeliveryReceipt refuseNow(BundleId id, ReasonCode reason, String message) {
        Verdict verdict;
        lock.lock();
        try {
            verdict = refuse(id, reason, message);
        } finally {
            lock.unlock();
        }
        verdict.events().forEach(events::emit);
        return verdict.receipt();
    }

    private void importIfStillCurrent(VerifiedBundle bundle) {
        BundleId id = bundle.manifest().bundleId();
        ImportOutcome outcome;
        lock.lock();
        try {
            if (!store.isCurrent(id)) {
                // A late bundle (a retry of an older run), or one a newer delivery overtook since it was kept:
                // importing it would overwrite newer data on the standby.
                LOG.info("Bundle {} is older than the current bundle {}; it is kept but not imported", id,
                        store.current().map(AcceptedRecord::id).orElseThrow());
                return;
            }
            try {
                // A promotion may have raised the node's epoch since the bundle was kept: the promoted node's data
                // must not be overwritten by the old active's.
                requireCurrentEpoch(bundle);
                outcome = bundleImport.run(bundle);
            } catch (RedundancyException e) {
                outcome = bundleImport.notImported(id, e.reason(), e);
            } catch (RuntimeException e) {
                outcome = bundleImport.notImported(id, ReasonCode.UNEXPECTED, e);
            }
            remember(outcome);
        } finally {
            lock.unlock();
        }
        events.emit(eventOf(outcome, bundle.manifest().createdAt()));
    }

    /** Under the lock: verifies a kept bundle again (it may have changed on disk, or the standby's settings) and imports it. */
    private ImportOutcome importKept(KeptBundle kept) {
        VerifiedBundle verified;
        try {
            verified = verifier.verify(layout.bundle(kept.bundleId()), expectations(epochNow()));
            if (!verified.sha256().equals(kept.sha256())) {
                throw new BundleRejectedException(ReasonCode.INTEGRITY_FAILED, "its file has SHA-256 " + verified.sha256()
                        + ", but it was accepted with " + kept.sha256());
            }
        } catch (RedundancyException e) {
            return bundleImport.notVerified(kept.bundleId(), e.reason(), e);
        } catch (RuntimeException e) {
            return bundleImport.notVerified(kept.bundleId(), ReasonCode.UNEXPECTED, e);
        }
        return bundleImport.run(verified);
    }

    private void remember(ImportOutcome outcome) {
        lastImport = Optional.of(outcome);
        try {
            LastImportFile.write(layout.lastImportFile(), outcome);
        } catch (IOException e) {
            LOG.warn("Cannot record the outcome of the import of bundle {}; the status shows it until a restart",
                    outcome.bundleId(), e);
        }
        publish();
    }

    private StandbyEvent eventOf(ImportOutcome outcome, Instant createdAt) {
        return outcome.failure()
                .<StandbyEvent>map(reason -> new ImportFailed(outcome.at(), outcome.bundleId(), reason, outcome.message()))
                .orElseGet(() -> new BackupImported(outcome.at(), outcome.bundleId(), createdAt));
    }

    /** The node's epoch as the floor supplier reports it; never negative. */
    private long floor() {
        return Math.max(0, epochFloor.getAsLong());
    }

    /**
     * Under the lock: the receiver's epoch now, raised to the node's first (persisted; if that
     * fails, raised in memory and logged, the bundle judged against it all the same).
     */
    private long epochNow() {
        long floor = floor();
        try {
            if (store.raiseEpoch(floor)) {
                LOG.info("Raised the receiver's epoch to {}, its node's epoch", floor);
                publish();
            }
        } catch (IOException e) {
            publish();
            LOG.warn("Cannot persist the receiver's epoch {}; bundles below it are refused all the same", floor, e);
        }
        return store.epoch();
    }

    /** Under the lock: the epoch a receipt carries; never throws. */
    private long receiptEpoch() {
        try {
            return Math.max(store.epoch(), floor());
        } catch (RuntimeException e) {
            LOG.warn("The receiver's epoch floor supplier failed; the receipt carries the persisted epoch", e);
            return store.epoch();
        }
    }

    /** Under the lock: refuses a bundle whose epoch is below the receiver's now. */
    private void requireCurrentEpoch(VerifiedBundle bundle) {
        long epoch = epochNow();
        if (bundle.manifest().epoch() < epoch) {
            throw new BundleRejectedException(ReasonCode.STALE_EPOCH, "bundle " + bundle.manifest().bundleId() + " from "
                    + PrintableText.quote(bundle.manifest().sourceNode()) + " carries epoch " + bundle.manifest().epoch()
                    + ", but this standby has seen epoch " + epoch + ": it comes from a node that has since been"
                    + " replaced by a promotion");
        }
    }

    private BundleExpectations expectations(long minimumEpoch) {
        return new BundleExpectations(settings.activeServerKey(), settings.ownVersion().get(), minimumEpoch,
                settings.limits());
    }

    /** Under the lock: replaces the snapshot. */
    private void publish() {
        List<AcceptedRecord> kept = store.inOrder();
        status = new ReceiverStatus(
                kept.isEmpty() ? Optional.empty() : Optional.of(kept.get(kept.size() - 1).bundle()),
                kept.stream().map(AcceptedRecord::id).toList(), store.epoch(), lastImport, lastRefusal);
    }
}
