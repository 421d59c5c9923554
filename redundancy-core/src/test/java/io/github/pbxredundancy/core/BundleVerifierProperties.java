package io.github.pbxredundancy.core;

import static io.github.pbxredundancy.core.BundleFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pbxredundancy.core.CraftedTar.Item;
import io.github.pbxredundancy.core.spi.Backup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

class BundleVerifierProperties {
    private static final Set<ReasonCode> DAMAGE = Set.of(
            ReasonCode.INTEGRITY_FAILED, ReasonCode.UNSAFE_ARCHIVE, ReasonCode.LIMIT_EXCEEDED);
    private static final BundleVerifier VERIFIER = new BundleVerifier();

    private static Path dir;
    private static List<Sample> samples;

    /** A valid bundle, its bytes, its manifest and its tar entries. */
    record Sample(String label, byte[] bytes, BundleManifest manifest, List<Item> items) {
        @Override
        public String toString() {
            return label;
        }
    }

    @BeforeContainer
    static void writeSamples() throws IOException {
        dir = Files.createTempDirectory("bundle-properties");
        Path tree = tree(Files.createDirectory(dir.resolve("tree")));
        samples = List.of(
                sample("tree", new Backup.Files(tree)),
                sample("stream", stream("db/backup.sfb", "a streamed backup of some bytes".repeat(30).getBytes())));
    }

    @AfterContainer
    static void deleteSamples() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static Sample sample(String label, Backup backup) throws IOException {
        WrittenBundle written = new BundleWriter().write(backup, header(), dir.resolve(label + ".bundle"));
        return new Sample(label, Files.readAllBytes(written.file()), written.manifest(), CraftedTar.read(written.file()));
    }

    @Provide
    Arbitrary<Sample> samples() {
        return Arbitraries.of(samples);
    }

    @Property
    void aBundleCutAtAnyLengthIsAnIntegrityFailure(@ForAll("samples") Sample sample, @ForAll int cut) {
        int length = Math.floorMod(cut, sample.bytes().length);
        BundleRejectedException e = rejected(write(Arrays.copyOf(sample.bytes(), length)));
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(ReasonCode.INTEGRITY_FAILED);
    }

    /**
     * Every byte of a bundle is covered by something the verifier checks: header checksums
     * (and the checksum field's exact form), zero padding, PAX records, entry hashes, the
     * manifest's own hash, the end-of-archive marker. So even a flip where tar itself would
     * not look is refused, never accepted with the same content.
     */
    @Property
    void anySingleBitFlipIsRefused(@ForAll("samples") Sample sample, @ForAll int bit) {
        byte[] bytes = sample.bytes().clone();
        int position = Math.floorMod(bit, bytes.length * 8);
        bytes[position / 8] ^= (byte) (1 << (position % 8));
        BundleRejectedException e = rejected(write(bytes));
        assertThat(e.reason()).as(e.getMessage()).isIn(DAMAGE);
    }

    @Property
    void reorderedPayloadEntriesAreAnIntegrityFailure(@ForAll("reorderings") List<Item> items) {
        BundleRejectedException e = rejected(write(CraftedTar.of(items)));
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(ReasonCode.INTEGRITY_FAILED);
    }

    @Provide
    Arbitrary<List<Item>> reorderings() {
        return samples().filter(s -> s.items().size() > 2).flatMap(sample -> {
            List<Item> payload = sample.items().subList(0, sample.items().size() - 1);
            return Arbitraries.shuffle(payload).filter(shuffled -> !shuffled.equals(payload)).map(shuffled -> {
                List<Item> items = new ArrayList<>(shuffled);
                items.add(sample.items().get(sample.items().size() - 1));
                return items;
            });
        });
    }

    /**
     * A duplicate among the payload entries is unsafe (the second copy would overwrite the
     * first); one after the manifest breaks the rule that the manifest is last.
     */
    @Property
    void aDuplicatedEntryIsRefused(@ForAll("samples") Sample sample, @ForAll int which, @ForAll int where) {
        List<Item> items = new ArrayList<>(sample.items());
        int manifest = items.size() - 1;
        Item duplicate = items.get(Math.floorMod(which, items.size()));
        int position = Math.floorMod(where, items.size() + 1);
        items.add(position, duplicate);
        boolean payloadDuplicate = duplicate != sample.items().get(manifest) && position <= manifest;
        BundleRejectedException e = rejected(write(CraftedTar.of(items)));
        assertThat(e.reason()).as(e.getMessage())
                .isEqualTo(payloadDuplicate ? ReasonCode.UNSAFE_ARCHIVE : ReasonCode.INTEGRITY_FAILED);
    }

    /** Pair first, then version (R20), then epoch (B1); a bundle passing all three is accepted as written. */
    @Property(tries = 200)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void acceptanceFollowsPairVersionAndEpoch(@ForAll boolean ownPair, @ForAll("versions") SoftwareVersion bundleVersion,
                                              @ForAll("versions") SoftwareVersion standbyVersion,
                                              @ForAll("epochs") long bundleEpoch, @ForAll("epochs") long seenEpoch) {
        Path bundle = dir.resolve("acceptance.bundle");
        deleteIfExists(bundle);
        BundleHeader header = new BundleHeader(BundleId.parse("b"), PairIdentity.of(ownPair ? KEY : OTHER_KEY), "pbx-a",
                bundleVersion, bundleEpoch, CREATED);
        WrittenBundle written = new BundleWriter().write(stream("backup.sfb", new byte[]{1, 2, 3}), header, bundle);
        BundleExpectations expectations = new BundleExpectations(KEY, standbyVersion, seenEpoch, BundleLimits.DEFAULTS);

        ReasonCode expected = !ownPair ? ReasonCode.FOREIGN_PAIR
                : standbyVersion.isOlderThan(bundleVersion) ? ReasonCode.VERSION_INCOMPATIBLE
                : bundleEpoch < seenEpoch ? ReasonCode.STALE_EPOCH
                : null;
        if (expected == null) {
            assertThat(VERIFIER.verify(bundle, expectations).manifest()).isEqualTo(written.manifest());
        } else {
            assertThat(catchThrowableOfType(BundleRejectedException.class, () -> VERIFIER.verify(bundle, expectations)).reason())
                    .isEqualTo(expected);
        }
        Statistics.collect(expected == null ? "accepted" : expected);
        Statistics.coverage(coverage -> {
            for (Object outcome : List.of("accepted", ReasonCode.FOREIGN_PAIR, ReasonCode.VERSION_INCOMPATIBLE,
                    ReasonCode.STALE_EPOCH)) {
                coverage.check(outcome).percentage(p -> p >= 5);
            }
        });
    }

    @Provide
    Arbitrary<SoftwareVersion> versions() {
        return Arbitraries.of(IntStream.of(1, 2, 3).boxed().toList()).list().ofMinSize(1).ofMaxSize(3)
                .map(list -> SoftwareVersion.of(list.stream().mapToInt(Integer::intValue).toArray()));
    }

    @Provide
    Arbitrary<Long> epochs() {
        return Arbitraries.longs().between(0, 3);
    }

    private static BundleRejectedException rejected(Path bundle) {
        BundleRejectedException e = catchThrowableOfType(BundleRejectedException.class,
                () -> VERIFIER.verify(bundle, expectations()));
        assertThat(e).as("the damaged bundle was accepted").isNotNull();
        return e;
    }

    private static Path write(byte[] bytes) {
        try {
            return Files.write(dir.resolve("mutated.bundle"), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
