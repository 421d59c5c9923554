package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.internal.MessageText;
import io.github.pbxredundancy.core.spi.Backup;
import io.github.pbxredundancy.core.spi.BackupSource;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import io.github.pbxredundancy.core.spi.TransferListener;
import io.github.pbxredundancy.core.spi.Transport;
import io.github.pbxredundancy.license.LicenseKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The real work of a replication run on the active (R1): ask the host for a backup, wrap it
 * into a bundle in a staging directory, deliver that bundle with a {@link Transport}.
 * Plug it into a {@link Replicator}, which adds the schedule, the retries and the reports.
 *
 * <p>The staging directory belongs to this object: bundles are written there as
 * {@code <id>.bundle}, deleted when their run ends, and leftovers of a crash are removed by
 * {@link #sweep()}. Thread-safe; the {@link Replicator} never calls it for two runs at once.
 */
public final class BundleDeliverySteps implements ReplicationSteps {
    private static final String SUFFIX = ".bundle";

    private final BackupSource source;
    private final Transport transport;
    private final Path staging;
    private final PairIdentity pair;
    private final String sourceNode;
    private final Supplier<SoftwareVersion> version;
    private final LongSupplier epoch;
    private final Clock clock;
    private final RandomGenerator random;
    private final BundleWriter writer = new BundleWriter();

    private BundleDeliverySteps(Builder builder) {
        this.source = builder.source;
        this.transport = builder.transport;
        this.staging = builder.staging;
        this.pair = PairIdentity.of(builder.activeServerKey);
        this.sourceNode = builder.sourceNode;
        this.version = builder.version;
        this.epoch = builder.epoch;
        this.clock = builder.clock;
        this.random = builder.random;
    }

    /** A builder; every setting but {@code random} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates the host's backup and writes it as a new bundle into the staging directory.
     *
     * @throws RedundancyException {@link ReasonCode#BACKUP_FAILED} if the host cannot create
     *     its backup or the bundle cannot be written from it
     */
    @Override
    public PreparedBundle prepare(long run) {
        Backup backup;
        try {
            backup = source.createBackup();
        } catch (IOException e) {
            throw new RedundancyException(ReasonCode.BACKUP_FAILED,
                    "the host could not create its backup: " + MessageText.oneLine(String.valueOf(e.getMessage())), e);
        }
        if (backup == null) {
            throw new RedundancyException(ReasonCode.BACKUP_FAILED, "the host's backup source returned no backup");
        }
        // Tar headers hold whole seconds; the manifest's creation time must match them exactly.
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        long currentEpoch = epoch.getAsLong();
        BundleId id;
        synchronized (random) {
            id = BundleId.generate(createdAt, currentEpoch, random);
        }
        BundleHeader header = new BundleHeader(id, pair, sourceNode, version.get(), currentEpoch, createdAt);
        try {
            Files.createDirectories(staging);
        } catch (IOException e) {
            throw new RedundancyException(ReasonCode.UNEXPECTED,
                    "cannot create the staging directory " + staging + ": " + MessageText.oneLine(String.valueOf(e.getMessage())), e);
        }
        Path target = staging.resolve(id.value() + SUFFIX);
        WrittenBundle written = writer.write(backup, header, target);
        return new PreparedBundle(written.delivery(), () -> Files.deleteIfExists(target));
    }

    /** Delivers the prepared bundle with the transport and returns the standby's verdict. */
    @Override
    public DeliveryReceipt deliver(PreparedBundle bundle, TransferListener listener) {
        return transport.deliver(bundle.delivery(), listener);
    }

    /**
     * Deletes bundles left in the staging directory by a run that never ended (a crash, a
     * kill); call it once at start, before the {@link Replicator} runs.
     *
     * @return the files deleted
     * @throws UncheckedIOException if the staging directory cannot be read
     */
    public List<Path> sweep() {
        List<Path> deleted = new ArrayList<>();
        if (!Files.isDirectory(staging)) {
            return deleted;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(staging, "*" + SUFFIX)) {
            for (Path file : files) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(file)) {
                    deleted.add(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sweep the staging directory " + staging, e);
        }
        return deleted;
    }

    /** Collects the settings; {@link #build()} reports every missing one at once. Not thread-safe. */
    public static final class Builder {
        private BackupSource source;
        private Transport transport;
        private Path staging;
        private LicenseKey activeServerKey;
        private String sourceNode;
        private Supplier<SoftwareVersion> version;
        private LongSupplier epoch;
        private Clock clock;
        private RandomGenerator random = RandomGenerator.of("L64X128MixRandom");

        private Builder() {
        }

        /** The host's backup source. */
        public Builder source(BackupSource value) {
            source = value;
            return this;
        }

        /** How bundles reach the standby. */
        public Builder transport(Transport value) {
            transport = value;
            return this;
        }

        /** A directory of this object's own for bundles being delivered. */
        public Builder staging(Path value) {
            staging = value;
            return this;
        }

        /** The active's server license key, which identifies the pair (R12). */
        public Builder activeServerKey(LicenseKey value) {
            activeServerKey = value;
            return this;
        }

        /** The active node's name, written into every manifest. */
        public Builder sourceNode(String value) {
            sourceNode = value;
            return this;
        }

        /** The software version the active runs, read at each run (it changes with updates). */
        public Builder softwareVersion(Supplier<SoftwareVersion> value) {
            version = value;
            return this;
        }

        /** The node's current fencing epoch (B1), read at each run. */
        public Builder epoch(LongSupplier value) {
            epoch = value;
            return this;
        }

        /** The clock for creation times and bundle ids. */
        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        /** The source of the random part of bundle ids; injected so tests are repeatable. */
        public Builder random(RandomGenerator value) {
            random = value;
            return this;
        }

        /**
         * Builds the steps.
         *
         * @throws InvalidInputException naming every missing setting
         */
        public BundleDeliverySteps build() {
            List<InputProblem> problems = new ArrayList<>();
            require(problems, "source", source);
            require(problems, "transport", transport);
            require(problems, "staging", staging);
            require(problems, "activeServerKey", activeServerKey);
            require(problems, "sourceNode", sourceNode);
            require(problems, "softwareVersion", version);
            require(problems, "epoch", epoch);
            require(problems, "clock", clock);
            require(problems, "random", random);
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            return new BundleDeliverySteps(this);
        }

        private static void require(List<InputProblem> problems, String setting, Object value) {
            if (Objects.isNull(value)) {
                problems.add(InputProblem.of(setting, null, "is required"));
            }
        }
    }
}
