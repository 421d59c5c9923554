package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.ReceiverStatus.ImportOutcome;
import io.github.pbxredundancy.core.internal.receiver.ReceiverEngine;
import io.github.pbxredundancy.core.internal.receiver.ReceiverSettings;
import io.github.pbxredundancy.core.spi.BackupImporter;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import io.github.pbxredundancy.core.spi.Notifier;
import io.github.pbxredundancy.license.LicenseKey;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The standby's side of replication (R1, R13, B1, B4): takes the bundles a transport delivers,
 * stages and verifies them, keeps the last good ones and hands the newest to the host's
 * {@link BackupImporter}. Never a partial, corrupted, foreign, stale or too-new backup
 * imported; never a good bundle lost or overwritten; every refusal reported, to the sender as
 * a {@link DeliveryReceipt.Rejected} and on the standby as a
 * {@link io.github.pbxredundancy.core.event.BundleRefused} event (the standby reports for
 * itself, because a broken active cannot, B3).
 *
 * <h2>On disk</h2>
 * The receiver owns its root directory (created if missing); nothing else may write there.
 * <pre>
 * &lt;root&gt;/staging/&lt;id&gt;.part       a bundle while it arrives
 * &lt;root&gt;/bundles/&lt;id&gt;.bundle     a kept bundle, verified, byte for byte as the active sent it
 * &lt;root&gt;/bundles/&lt;id&gt;.accepted   its record: id, SHA-256, size, pair fingerprint, source node,
 *                               version, epoch, created-at, accepted-at (key=value lines)
 * &lt;root&gt;/import/&lt;id&gt;/            the payload while the host imports it; deleted afterwards
 * &lt;root&gt;/state/epoch             the receiver's fencing epoch, {@code epoch=N} (B1): see below
 * &lt;root&gt;/state/last-import       how the last import ended
 * &lt;root&gt;/state/initialized       the one-time initialisation, see {@link StandbyInitializer}
 * </pre>
 * State files and records are replaced atomically (written to a {@code .tmp} sibling, forced to
 * disk, renamed, directory forced). A root serves one pair: one whose records name another pair
 * is refused when the receiver is built.
 *
 * <h2>Receiving</h2>
 * {@link #receive} (streaming transports) and {@link #receiveFile} (drop-style transports, see
 * {@code docs/inbox-protocol.md}) take these steps; the first that fails decides the receipt:
 * <ol>
 *   <li>An id already kept: with the same SHA-256 the bundle is accepted again without reading
 *       the data or importing again (the sender missed the first answer); with another SHA-256
 *       it is refused ({@link ReasonCode#INTEGRITY_FAILED}, "bundle id already used by another
 *       bundle") and the kept bundle is untouched.</li>
 *   <li>An announced size no bundle within the {@link BundleLimits} can have:
 *       {@link ReasonCode#LIMIT_EXCEEDED}, before a byte is read.</li>
 *   <li>Less free space than twice the size (bundle and extraction) plus the reserve:
 *       {@link ReasonCode#DISK_FULL}, before a byte is written.</li>
 *   <li>The data is copied to {@code staging/<id>.part} while it is hashed, reading at most one
 *       byte more than announced, and forced to disk. The source failing (its read throws or it
 *       ends early) is {@link ReasonCode#TRANSFER_INTERRUPTED}: a fresh transfer may succeed. More
 *       bytes than announced, or another SHA-256, is {@link ReasonCode#INTEGRITY_FAILED}. The
 *       staging file failing to take the bytes is {@link ReasonCode#DISK_FULL} ("standby disk
 *       full: X bytes free, Y needed") if free space is now short, else
 *       {@link ReasonCode#UNEXPECTED}.</li>
 *   <li>{@link BundleVerifier} checks it against this standby's key, current version and
 *       epoch ({@link ReasonCode#INTEGRITY_FAILED}, {@link ReasonCode#UNSAFE_ARCHIVE},
 *       {@link ReasonCode#LIMIT_EXCEEDED}, {@link ReasonCode#FOREIGN_PAIR},
 *       {@link ReasonCode#VERSION_INCOMPATIBLE}, {@link ReasonCode#STALE_EPOCH}); a manifest
 *       naming another bundle id than the delivery is {@link ReasonCode#INTEGRITY_FAILED}. The
 *       epoch is checked again just before the next step, in case the node raised it meanwhile.</li>
 *   <li>The bundle is moved into {@code bundles/} (atomic rename, directory forced), its record
 *       written, the epoch file raised if the bundle's epoch is higher, and
 *       {@link io.github.pbxredundancy.core.event.BundleAccepted} emitted. Then the bundles
 *       beyond the newest {@link Builder#keep(int) keep} are deleted, never the one just accepted.</li>
 *   <li>If the bundle is now the <em>current</em> one, the newest kept by (epoch, created-at,
 *       id), it is imported (below). A bundle that arrives late, older than the current one, is
 *       kept but not imported, so newer data on the standby is never overwritten by older.</li>
 * </ol>
 * A refused or interrupted delivery leaves nothing behind: its {@code .part} is deleted, the
 * kept bundles and the state files are unchanged byte for byte.
 *
 * <h2>The epoch (B1)</h2>
 * The receiver's epoch is the highest of the epochs of the bundles it accepted and of its
 * <em>floor</em>, the epoch of the node it runs on; it is persisted in {@code state/epoch} and
 * never decreases. A bundle with a lower epoch is refused ({@link ReasonCode#STALE_EPOCH}), kept
 * or not, and a kept bundle below it is no longer imported. Every receipt carries the epoch, so
 * a sender that a promotion has replaced learns of it from the refusal.
 * <p>The floor matters after a promotion: the promoted node raises its epoch before it takes
 * the active's address, and from then on a bundle of the old active must be refused, even
 * though the receiver never accepted a bundle of the new epoch. Two ways keep the floor:
 * <ul>
 *   <li>{@link Builder#epochFloor(LongSupplier)}, e.g. {@code node::epoch} of the node's
 *       {@link io.github.pbxredundancy.core.promotion.NodeLifecycle}: asked for each delivery
 *       and import (and by {@link #status()}), so the receiver follows the node's epoch without
 *       further wiring; a higher value is persisted before the bundle is judged;</li>
 *   <li>{@link #raiseEpochFloor(long)}, which raises and persists the floor at once and waits for
 *       a delivery or import in progress, so that once it returns no bundle of a lower epoch is
 *       kept or imported any more. {@link io.github.pbxredundancy.core.promotion.EpochFence}
 *       calls it for the node's epoch.</li>
 * </ul>
 *
 * <h2>Importing</h2>
 * The import runs inside {@link #receive} before it returns: a transport should answer the
 * sender only after {@code receive} has returned, so that the active's next bundle never
 * arrives in the middle of an import. The payload is extracted (every byte checked again) into
 * a fresh {@code import/<id>/}, the importer is called, the directory is deleted, and
 * {@link io.github.pbxredundancy.core.event.BackupImported} or
 * {@link io.github.pbxredundancy.core.event.ImportFailed} is emitted. A failed import does not
 * turn the receipt into a rejection: the bundle is good, stays kept, and the failure is
 * reported by the standby itself ({@link ReasonCode#IMPORT_FAILED} for what the importer
 * throws; extraction failures keep their own codes). {@link #importLatest()} tries again.
 *
 * <h2>Restarts</h2>
 * {@link Builder#build()} sweeps the root ({@link #sweep()}): leftovers of an interrupted
 * delivery or import are deleted, a bundle moved into {@code bundles/} whose record was not yet
 * written is verified again and kept if it passes. The host may then check
 * {@link ReceiverStatus#importPending()} and call {@link #importLatest()}.
 *
 * <h2>Threads</h2>
 * Thread-safe. One delivery, import or sweep runs at a time (a lock; others wait), so the
 * importer is never called concurrently. Events go to the notifier on the calling thread,
 * outside the lock; what it throws is logged. {@link #status()}, {@link #highestEpoch()} and
 * {@link #keptBundles()} never wait: they read a snapshot. {@link #raiseEpochFloor} takes the
 * lock.
 */
public final class Receiver {
    /** Good bundles kept unless set otherwise. */
    public static final int DEFAULT_KEEP = 3;
    /** Bytes left free for the host unless set otherwise: 256 MiB. */
    public static final long DEFAULT_FREE_SPACE_RESERVE = 256L << 20;

    private final ReceiverEngine engine;

    private Receiver(ReceiverEngine engine) {
        this.engine = engine;
    }

    /**
     * A builder; root, active server key, own version, importer and clock are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Receives one bundle from a streaming transport; see the class description for the steps.
     *
     * @param id the bundle's id as the sender announced it; it must be the id in the manifest
     * @param data the bundle's bytes; read up to {@code size + 1} bytes, not read at all for a
     *     re-delivery or a refusal before staging, and never closed: the caller closes it
     * @param size the announced size in bytes
     * @param sha256 the announced SHA-256 of the whole bundle, 64 lower-case hex digits
     * @return {@link DeliveryReceipt.Accepted} with the SHA-256 if the bundle is kept (whether or
     *     not its import succeeded), else {@link DeliveryReceipt.Rejected} with the reason and a
     *     one-line message for the sender
     * @throws InvalidInputException if {@code size} is negative or {@code sha256} malformed: the
     *     transport checks what the sender announced before calling
     * @throws NullPointerException if an argument is null
     */
    public DeliveryReceipt receive(BundleId id, InputStream data, long size, String sha256) {
        return engine.receive(id, data, size, sha256);
    }

    /**
     * Receives one complete bundle a drop-style transport found in its inbox, as {@link #receive}
     * does: the file is copied into {@code staging/} (the inbox may be on another file system),
     * its size is the announced size, and it is never deleted or changed here; the inbox
     * protocol removes it after answering. A link or special file is refused with
     * {@link ReasonCode#UNSAFE_ARCHIVE} without being read; a file that cannot be read with
     * {@link ReasonCode#UNEXPECTED}.
     *
     * @param id the bundle's id, from the file name
     * @param completeBundle the bundle file
     * @param sha256 the SHA-256 the sender announced in {@code <id>.sha256}
     * @return the receipt, as for {@link #receive}
     * @throws InvalidInputException if {@code sha256} is malformed
     * @throws NullPointerException if an argument is null
     */
    public DeliveryReceipt receiveFile(BundleId id, Path completeBundle, String sha256) {
        return engine.receiveFile(id, completeBundle, sha256);
    }

    /**
     * Imports the current bundle again, e.g. after a failed import, by an operator or at start
     * when {@link ReceiverStatus#importPending()}. The kept bundle is verified again first
     * (against this standby's current key, version and epoch, and the SHA-256 it was accepted
     * with), then imported as after a delivery, with the same events.
     *
     * @return how the import ended; empty if no bundle is kept
     */
    public Optional<ImportOutcome> importLatest() {
        return engine.importLatest();
    }

    /**
     * Brings the root back to a consistent state; {@link Builder#build()} does it once. Deletes
     * every {@code staging/*.part} and everything in {@code import/}; in {@code bundles/}
     * deletes leftover temporary files and records without their bundle; verifies again a
     * bundle whose record is missing, damaged or does not match its size, writing a new record
     * if it passes and deleting it if it is refused (one that cannot be read is left for the next
     * sweep: a good bundle is never deleted); raises the epoch file to the kept bundles' highest
     * epoch if it lags behind. Names the receiver never writes are left alone and logged. Waits
     * for a running delivery or import.
     *
     * @return how many files and directories it deleted
     * @throws RedundancyException with {@link ReasonCode#FOREIGN_PAIR} if the root keeps another
     *     pair's bundles, {@link ReasonCode#UNEXPECTED} if the epoch file is damaged or the root
     *     cannot be read or written
     */
    public int sweep() {
        return engine.sweep();
    }

    /**
     * A snapshot for a status page; never waits for a delivery or import.
     *
     * @return the state at the time of the call
     */
    public ReceiverStatus status() {
        return engine.status();
    }

    /**
     * The receiver's fencing epoch (B1): the highest of any accepted bundle's epoch, the floor
     * raised with {@link #raiseEpochFloor} and the {@linkplain Builder#epochFloor(LongSupplier)
     * floor supplier}'s value now. Bundles with a lower epoch are refused with
     * {@link ReasonCode#STALE_EPOCH}. Never waits.
     *
     * @return the epoch, 0 for a new root without a floor
     */
    public long highestEpoch() {
        return engine.status().highestEpoch();
    }

    /**
     * Raises the receiver's epoch to {@code floor}, the epoch of its own node, and persists it
     * in {@code state/epoch}; from then on every bundle with a lower epoch is refused with
     * {@link ReasonCode#STALE_EPOCH}, and kept bundles below it are no longer imported. A floor
     * not above the receiver's epoch changes nothing: the epoch never decreases. Waits for a
     * delivery or import in progress, so that once it returns no bundle of a lower epoch is kept
     * or imported. Idempotent.
     *
     * @param floor the node's epoch, 0 or more
     * @return the receiver's epoch afterwards, at least {@code floor}
     * @throws InvalidInputException if {@code floor} is negative
     * @throws RedundancyException with {@link ReasonCode#UNEXPECTED} if the epoch cannot be
     *     persisted; the receiver then refuses bundles below it all the same until a restart
     */
    public long raiseEpochFloor(long floor) {
        return engine.raiseEpochFloor(floor);
    }

    /**
     * The kept bundles, oldest first by (epoch, created-at, id); the last one is current.
     *
     * @return the ids, an immutable list
     */
    public List<BundleId> keptBundles() {
        return engine.status().kept();
    }

    /** For {@link StandbyInitializer}, which works on the same root under the same lock. */
    ReceiverEngine engine() {
        return engine;
    }

    /**
     * Collects a {@link Receiver}'s settings; {@link #build()} checks them together.
     *
     * <p>Not thread-safe; use one builder per thread.
     */
    public static final class Builder {
        private Path root;
        private LicenseKey activeServerKey;
        private Supplier<SoftwareVersion> ownVersion;
        private BackupImporter importer;
        private Clock clock;
        private Notifier notifier = Notifiers.logging();
        private int keep = DEFAULT_KEEP;
        private BundleLimits limits = BundleLimits.DEFAULTS;
        private long freeSpaceReserve = DEFAULT_FREE_SPACE_RESERVE;
        private FreeSpace freeSpace = FreeSpace.fileStore();
        private LongSupplier epochFloor = () -> 0;

        private Builder() {
        }

        /**
         * The receiver's own directory, created if missing. Required.
         *
         * @param root the directory
         * @return this builder
         */
        public Builder root(Path root) {
            this.root = root;
            return this;
        }

        /**
         * The active's server license key as configured in the standby's module configuration
         * (R12); bundles of any other pair are refused. Required.
         *
         * @param activeServerKey the key
         * @return this builder
         */
        public Builder activeServerKey(LicenseKey activeServerKey) {
            this.activeServerKey = activeServerKey;
            return this;
        }

        /**
         * The standby's software version, fixed. Required, this or {@link #ownVersion(Supplier)}.
         *
         * @param ownVersion the version
         * @return this builder
         */
        public Builder ownVersion(SoftwareVersion ownVersion) {
            this.ownVersion = ownVersion == null ? null : () -> ownVersion;
            return this;
        }

        /**
         * The standby's software version, asked for each bundle and each import, because the
         * standby may be updated while it runs (R20). Required, this or {@link #ownVersion(SoftwareVersion)}.
         *
         * @param ownVersion a thread-safe supplier that never returns null
         * @return this builder
         */
        public Builder ownVersion(Supplier<SoftwareVersion> ownVersion) {
            this.ownVersion = ownVersion;
            return this;
        }

        /**
         * The host's importer. Required.
         *
         * @param importer the importer
         * @return this builder
         */
        public Builder importer(BackupImporter importer) {
            this.importer = importer;
            return this;
        }

        /**
         * The clock for every instant the receiver records and reports. Required.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Hears every standby event; {@link Notifiers#logging()} unless set. Called on the
         * delivering thread: use {@link Notifications} for notifiers that may block (mail).
         *
         * @param notifier the notifier
         * @return this builder
         */
        public Builder notifier(Notifier notifier) {
            this.notifier = notifier;
            return this;
        }

        /**
         * How many good bundles to keep; {@link #DEFAULT_KEEP} unless set.
         *
         * @param keep at least 1
         * @return this builder
         */
        public Builder keep(int keep) {
            this.keep = keep;
            return this;
        }

        /**
         * The limits bundles must stay within; {@link BundleLimits#DEFAULTS} unless set.
         *
         * @param limits the limits
         * @return this builder
         */
        public Builder limits(BundleLimits limits) {
            this.limits = limits;
            return this;
        }

        /**
         * Bytes that must stay free on the receiver's file system besides a bundle and its
         * extraction; {@link #DEFAULT_FREE_SPACE_RESERVE} unless set.
         *
         * @param bytes zero or more
         * @return this builder
         */
        public Builder freeSpaceReserve(long bytes) {
            this.freeSpaceReserve = bytes;
            return this;
        }

        /**
         * How free space is measured; {@link FreeSpace#fileStore()} unless set.
         *
         * @param freeSpace the probe
         * @return this builder
         */
        public Builder freeSpace(FreeSpace freeSpace) {
            this.freeSpace = freeSpace;
            return this;
        }

        /**
         * The epoch of the node the receiver runs on, e.g. {@code node::epoch} of its
         * {@link io.github.pbxredundancy.core.promotion.NodeLifecycle}: the receiver never
         * accepts or imports a bundle below it (see the class description). Asked under the
         * receiver's lock for each delivery and import, and at {@link #build()}; a higher value
         * is persisted in {@code state/epoch}. If it throws, the delivery is refused with
         * {@link ReasonCode#UNEXPECTED}. {@code () -> 0} unless set: no floor but the accepted
         * bundles' epochs.
         *
         * @param epochFloor a thread-safe supplier that never blocks and never decreases
         * @return this builder
         */
        public Builder epochFloor(LongSupplier epochFloor) {
            this.epochFloor = epochFloor;
            return this;
        }

        /**
         * Checks the settings, creates the root's directories, sweeps the root and reads the
         * kept bundles.
         *
         * @return the receiver, ready to receive
         * @throws InvalidInputException naming every missing or out-of-range setting, or a root
         *     (or directory in it) that is not a directory
         * @throws RedundancyException as {@link Receiver#sweep()}
         */
        public Receiver build() {
            List<InputProblem> problems = new ArrayList<>();
            required(problems, "root", root);
            required(problems, "activeServerKey", activeServerKey);
            required(problems, "ownVersion", ownVersion);
            required(problems, "importer", importer);
            required(problems, "clock", clock);
            required(problems, "notifier", notifier);
            if (keep < 1) {
                problems.add(InputProblem.of("keep", Integer.toString(keep), "must be at least 1"));
            }
            required(problems, "limits", limits);
            if (freeSpaceReserve < 0) {
                problems.add(InputProblem.of("freeSpaceReserve", Long.toString(freeSpaceReserve), "must be zero or more"));
            }
            required(problems, "freeSpace", freeSpace);
            required(problems, "epochFloor", epochFloor);
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            return new Receiver(ReceiverEngine.open(new ReceiverSettings(root, activeServerKey, ownVersion, importer,
                    clock, notifier, keep, limits, freeSpaceReserve, freeSpace, epochFloor)));
        }

        private static void required(List<InputProblem> problems, String field, Object value) {
            if (value == null) {
                problems.add(InputProblem.of(field, null, "is required"));
            }
        }
    }
}
