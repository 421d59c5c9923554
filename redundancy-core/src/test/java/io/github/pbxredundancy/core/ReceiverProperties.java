package io.github.pbxredundancy.core;

import static io.github.pbxredundancy.core.BundleFixtures.KEY;
import static io.github.pbxredundancy.core.BundleFixtures.VERSION;
import static io.github.pbxredundancy.core.BundleFixtures.sha256;
import static io.github.pbxredundancy.core.ReceiverFixtures.NOW;
import static io.github.pbxredundancy.core.ReceiverFixtures.RESERVE;
import static io.github.pbxredundancy.core.ReceiverFixtures.deliver;
import static io.github.pbxredundancy.core.ReceiverFixtures.failingAfter;
import static io.github.pbxredundancy.core.ReceiverFixtures.header;
import static io.github.pbxredundancy.core.ReceiverFixtures.keptState;
import static io.github.pbxredundancy.core.ReceiverFixtures.names;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.event.BundleRefused;
import io.github.pbxredundancy.core.event.RedundancyEvent;
import io.github.pbxredundancy.core.spi.Backup;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import io.github.pbxredundancy.license.LicenseKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever is wrong with a delivery, the receiver refuses it with the right reason, reports it,
 * imports nothing, leaves nothing in {@code staging/} and keeps its bundles and state files
 * byte-identical, with the same current bundle.
 *
 * <p>One receiver serves every try: after hundreds of bad deliveries it must still be in the
 * state its one good bundle left it in, which is the promise.
 */
class ReceiverProperties {
    private static final Set<ReasonCode> DAMAGE = Set.of(
            ReasonCode.INTEGRITY_FAILED, ReasonCode.UNSAFE_ARCHIVE, ReasonCode.LIMIT_EXCEEDED);
    private static final long KEPT_EPOCH = 5;

    private static Path dir;
    private static Path root;
    private static RecordingNotifier events;
    private static RecordingImporter importer;
    private static Receiver receiver;
    private static Map<String, String> keptBefore;
    private static Optional<ReceiverStatus.KeptBundle> currentBefore;
    private static List<Sample> samples;
    private static int written;

    /** A valid bundle this receiver would accept, never delivered intact. */
    record Sample(String label, BundleId id, byte[] bytes, String sha256) {
        @Override
        public String toString() {
            return label;
        }
    }

    @BeforeContainer
    static void acceptOneBundle() throws IOException {
        dir = Files.createTempDirectory("receiver-properties");
        root = dir.resolve("receiver");
        events = new RecordingNotifier();
        importer = new RecordingImporter();
        receiver = Receiver.builder().root(root).activeServerKey(KEY).ownVersion(VERSION).importer(importer)
                .clock(new MutableClock(NOW)).notifier(events).freeSpaceReserve(RESERVE).build();
        WrittenBundle kept = write(new Backup.Stream("db/backup.sfb", 5, () -> new ByteArrayInputStream(
                "kept!".getBytes())), header("kept", KEY, VERSION, KEPT_EPOCH, BundleFixtures.CREATED));
        assertThat(deliver(receiver, kept)).isInstanceOf(DeliveryReceipt.Accepted.class);
        keptBefore = keptState(root);
        currentBefore = receiver.status().current();
        Path tree = BundleFixtures.tree(Files.createDirectory(dir.resolve("tree")));
        Instant later = BundleFixtures.CREATED.plus(Duration.ofHours(1));
        samples = List.of(
                sample("tree", write(new Backup.Files(tree), header("sample-tree", KEY, VERSION, KEPT_EPOCH, later))),
                sample("stream", write(BundleFixtures.stream("db/backup.sfb", "streamed backup ".repeat(100).getBytes()),
                        header("sample-stream", KEY, VERSION, KEPT_EPOCH + 1, later))));
    }

    @AfterContainer
    static void deleteEverything() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static Sample sample(String label, WrittenBundle bundle) throws IOException {
        // The sample passes every check on its own; only what the properties do to it can fail it.
        new BundleVerifier().verify(bundle.file(), new BundleExpectations(KEY, VERSION, KEPT_EPOCH, BundleLimits.DEFAULTS));
        return new Sample(label, bundle.manifest().bundleId(), Files.readAllBytes(bundle.file()), bundle.sha256());
    }

    private static WrittenBundle write(Backup backup, BundleHeader header) {
        return new BundleWriter().write(backup, header, dir.resolve("written-" + (written++) + ".bundle"));
    }

    @Provide
    Arbitrary<Sample> samples() {
        return Arbitraries.of(samples);
    }

    @Property(tries = 200)
    void aBundleCutShortIsRefused(@ForAll("samples") Sample sample, @ForAll int cut, @ForAll boolean announcedWhole) {
        int length = Math.floorMod(cut, sample.bytes().length);
        byte[] cutBytes = Arrays.copyOf(sample.bytes(), length);
        DeliveryReceipt receipt;
        if (announcedWhole) {
            // The transfer stopped early: fewer bytes than announced.
            receipt = deliver(receiver, sample.id(), cutBytes, sample.bytes().length, sample.sha256());
            assertRefusedWithoutTrace(receipt, Set.of(ReasonCode.TRANSFER_INTERRUPTED));
        } else {
            // The sender's own file was cut and announced as it is: only the verifier can tell.
            receipt = deliver(receiver, sample.id(), cutBytes, length, sha256(cutBytes));
            assertRefusedWithoutTrace(receipt, Set.of(ReasonCode.INTEGRITY_FAILED));
        }
    }

    @Property(tries = 200)
    void aBundleWithAFlippedBitIsRefused(@ForAll("samples") Sample sample, @ForAll int position,
            @ForAll boolean announcedAsSent) {
        byte[] flipped = sample.bytes().clone();
        int bit = Math.floorMod(position, flipped.length * 8);
        flipped[bit / 8] ^= (byte) (1 << (bit % 8));
        if (announcedAsSent) {
            // Damaged in transit: the sender announced the hash of what it sent.
            DeliveryReceipt receipt = deliver(receiver, sample.id(), flipped, flipped.length, sample.sha256());
            assertRefusedWithoutTrace(receipt, Set.of(ReasonCode.INTEGRITY_FAILED));
        } else {
            // Damaged before the hash was taken: the verifier must find it.
            DeliveryReceipt receipt = deliver(receiver, sample.id(), flipped, flipped.length, sha256(flipped));
            assertRefusedWithoutTrace(receipt, DAMAGE);
        }
    }

    @Property(tries = 100)
    void aBundleWithAWrongAnnouncedHashIsRefused(@ForAll("samples") Sample sample, @ForAll("sha256s") String announced) {
        Assume.that(!announced.equals(sample.sha256()));
        DeliveryReceipt receipt = deliver(receiver, sample.id(), sample.bytes(), sample.bytes().length, announced);
        assertRefusedWithoutTrace(receipt, Set.of(ReasonCode.INTEGRITY_FAILED));
    }

    @Property(tries = 100)
    void aBundleOfAnotherPairIsRefused(@ForAll("foreignKeys") LicenseKey key, @ForAll @IntRange(min = 5, max = 50) int epoch) {
        WrittenBundle foreign = small(header("foreign", key, VERSION, epoch, BundleFixtures.CREATED.plus(Duration.ofDays(1))));
        assertRefusedWithoutTrace(deliverAndDelete(foreign), Set.of(ReasonCode.FOREIGN_PAIR));
    }

    @Property(tries = 100)
    void aBundleFromANewerVersionIsRefused(@ForAll("newerVersions") SoftwareVersion version) {
        WrittenBundle newer = small(header("newer", KEY, version, KEPT_EPOCH, BundleFixtures.CREATED.plus(Duration.ofDays(1))));
        assertRefusedWithoutTrace(deliverAndDelete(newer), Set.of(ReasonCode.VERSION_INCOMPATIBLE));
    }

    @Property(tries = 100)
    void aBundleWithALowerEpochIsRefused(@ForAll @IntRange(min = 0, max = (int) KEPT_EPOCH - 1) int epoch,
            @ForAll @IntRange(min = 0, max = 100_000) int minutesLater) {
        // However new it claims to be: a lower epoch comes from a node fenced off by a promotion (B1).
        WrittenBundle stale = small(header("stale", KEY, VERSION, epoch,
                BundleFixtures.CREATED.plus(Duration.ofMinutes(minutesLater))));
        assertRefusedWithoutTrace(deliverAndDelete(stale), Set.of(ReasonCode.STALE_EPOCH));
    }

    @Property(tries = 200)
    void aDeliveryInterruptedAtAnyByteLeavesNothingBehind(@ForAll("samples") Sample sample, @ForAll int at) {
        int failAfter = Math.floorMod(at, sample.bytes().length);
        DeliveryReceipt receipt = receiver.receive(sample.id(), failingAfter(sample.bytes(), failAfter),
                sample.bytes().length, sample.sha256());
        assertRefusedWithoutTrace(receipt, Set.of(ReasonCode.TRANSFER_INTERRUPTED));
    }

    @Provide
    Arbitrary<String> sha256s() {
        return Arbitraries.strings().withChars("0123456789abcdef").ofLength(64);
    }

    @Provide
    Arbitrary<LicenseKey> foreignKeys() {
        Arbitrary<String> group = Arbitraries.strings().withCharRange('A', 'Z').withCharRange('0', '9').ofLength(5);
        return Combinators.combine(group, group, group, group).as((a, b, c, d) -> a + "-" + b + "-" + c + "-" + d)
                .map(LicenseKey::parse).filter(key -> !key.equals(KEY));
    }

    @Provide
    Arbitrary<SoftwareVersion> newerVersions() {
        return Arbitraries.integers().between(0, 20).array(int[].class).ofMinSize(1).ofMaxSize(6)
                .map(SoftwareVersion::of).filter(version -> version.compareTo(VERSION) > 0);
    }

    private static WrittenBundle small(BundleHeader header) {
        return write(BundleFixtures.stream("db/backup.sfb", ("backup of " + header.bundleId()).getBytes()), header);
    }

    private static DeliveryReceipt deliverAndDelete(WrittenBundle bundle) {
        try {
            return deliver(receiver, bundle);
        } finally {
            bundle.file().toFile().delete();
        }
    }

    private static void assertRefusedWithoutTrace(DeliveryReceipt receipt, Set<ReasonCode> reasons) {
        assertThat(receipt).isInstanceOfSatisfying(DeliveryReceipt.Rejected.class,
                rejected -> assertThat(rejected.reason()).as(rejected.message()).isIn(reasons));
        DeliveryReceipt.Rejected rejected = (DeliveryReceipt.Rejected) receipt;
        List<RedundancyEvent> all = events.events();
        assertThat(all.get(all.size() - 1)).isInstanceOfSatisfying(BundleRefused.class, refused -> {
            assertThat(refused.bundleId()).isEqualTo(rejected.bundleId());
            assertThat(refused.reason()).isEqualTo(rejected.reason());
            assertThat(refused.message()).isEqualTo(rejected.message());
        });
        assertThat(rejected.message()).doesNotContain("\n");
        assertThat(importer.calls()).hasSize(1);
        assertThat(names(root.resolve("staging"))).isEmpty();
        assertThat(names(root.resolve("import"))).isEmpty();
        assertThat(keptState(root)).isEqualTo(keptBefore);
        assertThat(receiver.status().current()).isEqualTo(currentBefore);
        assertThat(receiver.highestEpoch()).isEqualTo(KEPT_EPOCH);
    }
}
