package io.github.pbxredundancy.core;

import static io.github.pbxredundancy.core.BundleFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pbxredundancy.core.CraftedTar.Item;
import io.github.pbxredundancy.core.internal.bundle.GuardedTarInputStream;
import io.github.pbxredundancy.core.spi.Backup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BundleVerifierTest {
    private final BundleVerifier verifier = new BundleVerifier();

    @TempDir
    Path dir;
    private WrittenBundle valid;
    private List<Item> items;

    @BeforeEach
    void writeValidBundle() throws IOException {
        Path source = tree(Files.createDirectory(dir.resolve("source")));
        valid = new BundleWriter().write(new Backup.Files(source), header(), dir.resolve("valid.bundle"));
        items = CraftedTar.read(valid.file());
    }

    @Test
    void acceptsTheWritersBundle() {
        VerifiedBundle verified = verifier.verify(valid.file(), expectations());
        assertThat(verified.manifest()).isEqualTo(valid.manifest());
        assertThat(verified.sha256()).isEqualTo(sha256(valid.file()));
    }

    @Test
    void refusesAnotherPairNamingBothFingerprintsAndTheConfiguredMaskedKey() {
        BundleExpectations otherPair = new BundleExpectations(OTHER_KEY, VERSION, 0, BundleLimits.DEFAULTS);
        BundleRejectedException e = rejected(valid.file(), otherPair, ReasonCode.FOREIGN_PAIR);
        assertThat(e.getMessage())
                .contains(PairIdentity.of(KEY).shortFingerprint(), PairIdentity.of(OTHER_KEY).shortFingerprint(),
                        OTHER_KEY.masked())
                .doesNotContain(KEY.value(), OTHER_KEY.value(), KEY.masked());
    }

    @Test
    void refusesABundleOfANewerVersion() {
        BundleExpectations older = new BundleExpectations(KEY, SoftwareVersion.parse("7.3.1.4"), 0, BundleLimits.DEFAULTS);
        BundleRejectedException e = rejected(valid.file(), older, ReasonCode.VERSION_INCOMPATIBLE);
        assertThat(e.getMessage()).contains("update the standby to 7.3.1.5 or newer");
    }

    @Test
    void refusesALowerEpoch() {
        BundleExpectations seen6 = new BundleExpectations(KEY, VERSION, 6, BundleLimits.DEFAULTS);
        BundleRejectedException e = rejected(valid.file(), seen6, ReasonCode.STALE_EPOCH);
        assertThat(e.getMessage()).contains("epoch 5", "epoch 6");
    }

    @Test
    void acceptsSameOrOlderVersionAndEqualOrHigherEpoch() {
        assertThat(verifier.verify(valid.file(), new BundleExpectations(KEY, VERSION, 5, BundleLimits.DEFAULTS)))
                .isNotNull();
        assertThat(verifier.verify(valid.file(), new BundleExpectations(KEY, SoftwareVersion.parse("8"), 0, BundleLimits.DEFAULTS)))
                .isNotNull();
    }

    @Test
    void checksIdentityBeforeVersionBeforeEpoch() {
        BundleExpectations allWrong = new BundleExpectations(OTHER_KEY, SoftwareVersion.parse("1"), 9, BundleLimits.DEFAULTS);
        rejected(valid.file(), allWrong, ReasonCode.FOREIGN_PAIR);
        BundleExpectations versionAndEpochWrong = new BundleExpectations(KEY, SoftwareVersion.parse("1"), 9, BundleLimits.DEFAULTS);
        rejected(valid.file(), versionAndEpochWrong, ReasonCode.VERSION_INCOMPATIBLE);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 511, 512, 513, 1024, 2048})
    void refusesATruncatedBundle(int length) throws IOException {
        assertThat(rejected(copy(length), ReasonCode.INTEGRITY_FAILED).getMessage()).isNotBlank();
    }

    @Test
    void refusesABundleCutInsideItsEndMarker() throws IOException {
        byte[] bytes = Files.readAllBytes(valid.file());
        rejected(write("cut.bundle", Arrays.copyOf(bytes, bytes.length - 1)), ReasonCode.INTEGRITY_FAILED);
        rejected(write("cut.bundle", Arrays.copyOf(bytes, bytes.length - 512)), ReasonCode.INTEGRITY_FAILED);
        rejected(write("cut.bundle", Arrays.copyOf(bytes, bytes.length - 1024)), ReasonCode.INTEGRITY_FAILED);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 511, 512, 10240})
    void refusesBytesAfterTheEndMarker(int extra) throws IOException {
        byte[] bytes = Files.readAllBytes(valid.file());
        byte[] longer = Arrays.copyOf(bytes, bytes.length + extra);
        assertThat(rejected(write("long.bundle", longer), ReasonCode.INTEGRITY_FAILED).getMessage())
                .contains("after the tar end-of-archive marker");
        longer[longer.length - 1] = 'x';
        rejected(write("long.bundle", longer), ReasonCode.INTEGRITY_FAILED);
    }

    @Test
    void refusesAHeaderWithAWrongChecksum() throws IOException {
        byte[] bytes = Files.readAllBytes(valid.file());
        bytes[300] ^= 0x01;
        assertThat(rejected(write("flipped.bundle", bytes), ReasonCode.INTEGRITY_FAILED).getMessage())
                .contains("checksum");
    }

    @Test
    void refusesADamagedEntry() throws IOException {
        byte[] bytes = Files.readAllBytes(valid.file());
        bytes[512] ^= 0x20;
        assertThat(rejected(write("flipped.bundle", bytes), ReasonCode.INTEGRITY_FAILED).getMessage())
                .contains("payload/config/phones.xml", "SHA-256");
    }

    @Test
    void refusesAMissingManifest() {
        rejected(crafted(items.subList(0, items.size() - 1)), ReasonCode.INTEGRITY_FAILED);
    }

    @Test
    void refusesAManifestThatIsNotLast() {
        List<Item> manifestFirst = new ArrayList<>(items);
        manifestFirst.add(0, manifestFirst.remove(manifestFirst.size() - 1));
        assertThat(rejected(crafted(manifestFirst), ReasonCode.INTEGRITY_FAILED).getMessage()).contains("last entry");
        List<Item> twice = new ArrayList<>(items);
        twice.add(twice.get(twice.size() - 1));
        rejected(crafted(twice), ReasonCode.INTEGRITY_FAILED);
    }

    @Test
    void refusesAnEntryTheManifestDoesNotList() {
        List<Item> extra = new ArrayList<>(items);
        extra.add(1, Item.of("payload/intruder.txt", "not listed"));
        assertThat(rejected(crafted(extra), ReasonCode.INTEGRITY_FAILED).getMessage())
                .contains("payload/intruder.txt", "not in its manifest");
    }

    @Test
    void refusesAListedEntryThatIsMissing() {
        List<Item> missing = new ArrayList<>(items);
        missing.remove(items.size() - 2);
        assertThat(rejected(crafted(missing), ReasonCode.INTEGRITY_FAILED).getMessage()).contains("missing");
    }

    @Test
    void refusesReorderedEntries() {
        List<Item> swapped = new ArrayList<>(items);
        swapped.set(0, items.get(1));
        swapped.set(1, items.get(0));
        assertThat(rejected(crafted(swapped), ReasonCode.INTEGRITY_FAILED).getMessage()).contains("out of order");
    }

    @Test
    void refusesAnEntryWhoseContentDiffersFromTheManifest() {
        List<Item> changed = new ArrayList<>(items);
        Item first = items.get(0);
        byte[] content = first.content().clone();
        content[0] ^= 1;
        changed.set(0, new Item(first.name(), content));
        rejected(crafted(changed), ReasonCode.INTEGRITY_FAILED);
        changed.set(0, new Item(first.name(), Arrays.copyOf(content, content.length + 1)));
        assertThat(rejected(crafted(changed), ReasonCode.INTEGRITY_FAILED).getMessage()).contains("bytes");
    }

    @Test
    void refusesDuplicateEntries() {
        List<Item> duplicated = new ArrayList<>(items);
        duplicated.add(1, items.get(0));
        assertThat(rejected(crafted(duplicated), ReasonCode.UNSAFE_ARCHIVE).getMessage()).contains("appears twice");
    }

    @Test
    void refusesAnEntryInsideAFileEntry() {
        Path bundle = new CraftedTar().file(Item.of("payload/a", "file"))
                .file(Item.of("payload/a/b", "inside a file")).writeTo(dir.resolve("crafted.bundle"));
        assertThat(rejected(bundle, ReasonCode.UNSAFE_ARCHIVE).getMessage()).contains("which is a file entry");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "/etc/passwd", "payload/../../x", "payload/a/./b", "payload//etc/passwd",
            "payload/", "payload/a/", "payload/a\\b", "payload/a\nb", "payload/\u0000x", "etc/passwd", "manifest.txt",
            "payload/..", "./payload/x"})
    void refusesUnsafeNames(String name) {
        // Empty content: Commons Compress writes no data for a name ending in '/'.
        Path bundle = new CraftedTar().file(name, new byte[0]).writeTo(dir.resolve("crafted.bundle"));
        rejected(bundle, ReasonCode.UNSAFE_ARCHIVE);
    }

    @Test
    void judgesTheNameAfterPaxHeadersRenameTheEntry() {
        Path bundle = new CraftedTar().paxHeader("path", "payload/../../etc/cron.d/evil")
                .file(Item.of("payload/harmless.txt", "evil")).writeTo(dir.resolve("crafted.bundle"));
        assertThat(rejected(bundle, ReasonCode.UNSAFE_ARCHIVE).getMessage()).contains("etc/cron.d/evil");
    }

    @Test
    void refusesPaxHeadersTheWriterWouldNotWrite() {
        Path unneeded = new CraftedTar().paxHeader("path", "payload/a").file(Item.of("payload/a", "x"))
                .writeTo(dir.resolve("crafted.bundle"));
        assertThat(rejected(unneeded, ReasonCode.INTEGRITY_FAILED).getMessage()).contains("does not need");
        Path unknownKey = new CraftedTar().paxHeader("comment", "hi").file(Item.of("payload/a", "x"))
                .writeTo(dir.resolve("crafted.bundle"));
        assertThat(rejected(unknownKey, ReasonCode.INTEGRITY_FAILED).getMessage()).contains("comment");
        Path twice = new CraftedTar().paxHeader("comment", "hi", "comment", "ho").file(Item.of("payload/a", "x"))
                .writeTo(dir.resolve("crafted.bundle"));
        assertThat(rejected(twice, ReasonCode.INTEGRITY_FAILED).getMessage()).contains("twice");
    }

    @Test
    void refusesANonAsciiNameWithoutPaxPath() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, 512, "UTF-8");
        TarArchiveEntry entry = new TarArchiveEntry("payload/Grüße", TarConstants.LF_NORMAL, true);
        entry.setSize(1);
        entry.setLastModifiedTime(java.nio.file.attribute.FileTime.fromMillis(0));
        tar.putArchiveEntry(entry);
        tar.write('x');
        tar.closeArchiveEntry();
        tar.finish();
        assertThat(rejected(write("nopax.bundle", bytes.toByteArray()), ReasonCode.INTEGRITY_FAILED).getMessage())
                .contains("lacks the path record");
    }

    @Test
    void refusesNonZeroPaddingAndANonCanonicalChecksumField() throws IOException {
        byte[] bytes = Files.readAllBytes(valid.file());
        byte[] padding = bytes.clone();
        // The first entry (config/phones.xml, 340 bytes) is padded up to byte 1024.
        padding[1023] = 1;
        assertThat(rejected(write("padding.bundle", padding), ReasonCode.INTEGRITY_FAILED).getMessage()).contains("padding");
        byte[] checksum = bytes.clone();
        // "0nnnnn\0 " -> " nnnnn\0 ": same value for a lenient parser, not the writer's form.
        checksum[148] = ' ';
        assertThat(rejected(write("checksum.bundle", checksum), ReasonCode.INTEGRITY_FAILED).getMessage()).contains("checksum");
    }

    @Test
    void refusesTwoPaxHeadersInARow() {
        Path bundle = new CraftedTar().paxHeader("path", "payload/a").paxHeader("path", "payload/b")
                .file(Item.of("payload/c", "x")).writeTo(dir.resolve("crafted.bundle"));
        rejected(bundle, ReasonCode.UNSAFE_ARCHIVE);
    }

    @Test
    void refusesSparseEntries() {
        Path bundle = new CraftedTar().paxHeader("GNU.sparse.size", "10", "GNU.sparse.numblocks", "1",
                "GNU.sparse.map", "0,5").file(Item.of("payload/sparse", "12345")).writeTo(dir.resolve("crafted.bundle"));
        assertThat(rejected(bundle, ReasonCode.UNSAFE_ARCHIVE).getMessage()).contains("sparse");
    }

    @Test
    void refusesAnOversizedPaxHeaderBeforeReadingIt() {
        String huge = "payload/" + "a".repeat(GuardedTarInputStream.MAX_EXTENDED_HEADER_BYTES);
        Path bundle = new CraftedTar().paxHeader("path", huge).file(Item.of("payload/a", "x")).writeTo(dir.resolve("crafted.bundle"));
        rejected(bundle, ReasonCode.LIMIT_EXCEEDED);
    }

    @Test
    void refusesLinksDevicesFifosAndDirectories() {
        Map<String, TarArchiveEntry> entries = Map.of(
                "symbolic link", link("payload/link", TarConstants.LF_SYMLINK, "/etc/passwd"),
                "hard link", link("payload/hard", TarConstants.LF_LINK, "payload/a"),
                "character device", device("payload/null", TarConstants.LF_CHR),
                "block device", device("payload/sda", TarConstants.LF_BLK),
                "FIFO", new TarArchiveEntry("payload/fifo", TarConstants.LF_FIFO),
                "directory", new TarArchiveEntry("payload/dir/", TarConstants.LF_DIR),
                "global PAX header", new TarArchiveEntry("pax_global_header", TarConstants.LF_PAX_GLOBAL_EXTENDED_HEADER));
        entries.forEach((kind, entry) -> {
            Path bundle = new CraftedTar().file(Item.of("payload/a", "a")).entry(entry, new byte[0])
                    .writeTo(dir.resolve("crafted.bundle"));
            assertThat(rejected(bundle, ReasonCode.UNSAFE_ARCHIVE).getMessage()).as(kind).contains(kind);
        });
    }

    @Test
    void refusesGnuLongNames() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, 512, "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
            TarArchiveEntry entry = new TarArchiveEntry("payload/" + "x".repeat(200));
            entry.setSize(1);
            tar.putArchiveEntry(entry);
            tar.write('x');
            tar.closeArchiveEntry();
        }
        assertThat(rejected(write("gnu.bundle", bytes.toByteArray()), ReasonCode.UNSAFE_ARCHIVE).getMessage())
                .contains("GNU long name");
    }

    @Test
    void enforcesEveryLimit() {
        BundleLimits d = BundleLimits.DEFAULTS;
        List<BundleEntry> entries = valid.manifest().entries();
        long largest = entries.stream().mapToLong(BundleEntry::size).max().orElseThrow();
        int longest = entries.stream().mapToInt(e -> e.name().getBytes(StandardCharsets.UTF_8).length).max().orElseThrow();
        int manifestSize = items.get(items.size() - 1).content().length;
        List<BundleLimits> tooSmall = List.of(
                new BundleLimits(entries.size() - 1, d.maxEntrySize(), d.maxTotalSize(), d.maxManifestBytes(), d.maxNameLength()),
                new BundleLimits(d.maxEntries(), largest - 1, d.maxTotalSize(), d.maxManifestBytes(), d.maxNameLength()),
                new BundleLimits(d.maxEntries(), d.maxEntrySize(), valid.manifest().payloadSize() - 1, d.maxManifestBytes(), d.maxNameLength()),
                new BundleLimits(d.maxEntries(), d.maxEntrySize(), d.maxTotalSize(), manifestSize - 1, d.maxNameLength()),
                new BundleLimits(d.maxEntries(), d.maxEntrySize(), d.maxTotalSize(), d.maxManifestBytes(), longest - 1));
        for (BundleLimits limits : tooSmall) {
            rejected(valid.file(), expectations(limits), ReasonCode.LIMIT_EXCEEDED);
        }
        BundleLimits exact = new BundleLimits(entries.size(), largest, valid.manifest().payloadSize(), manifestSize, longest);
        assertThat(verifier.verify(valid.file(), expectations(exact)).manifest()).isEqualTo(valid.manifest());
    }

    @Test
    void checksSizeLimitsBeforeReadingData() throws IOException {
        // A header announcing 1 GiB, followed by nothing: the limit must trip, not the truncation.
        TarArchiveEntry entry = new TarArchiveEntry("payload/huge", TarConstants.LF_NORMAL, true);
        entry.setSize(1L << 30);
        byte[] header = new byte[512];
        entry.writeEntryHeader(header);
        BundleLimits oneMib = new BundleLimits(10, 1 << 20, 1L << 40, 1 << 20, 100);
        rejected(write("huge.bundle", header), expectations(oneMib), ReasonCode.LIMIT_EXCEEDED);
    }

    @Test
    void checksTheEntrySizeAboveTheUstarLimitFromThePaxHeader() throws IOException {
        // 65 GiB does not fit a ustar size field; the writer puts it into a PAX header.
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        TarArchiveOutputStream tar = io.github.pbxredundancy.core.internal.bundle.BundleLayout.newTarOutput(bytes);
        tar.putArchiveEntry(io.github.pbxredundancy.core.internal.bundle.BundleLayout.fileEntry("payload/big", 65L << 30, CREATED));
        assertThat(rejected(write("big.bundle", bytes.toByteArray()), ReasonCode.LIMIT_EXCEEDED).getMessage())
                .contains(Long.toString(65L << 30));
    }

    @Test
    void refusesAnEmptyArchive() {
        rejected(new CraftedTar().writeTo(dir.resolve("empty.bundle")), ReasonCode.INTEGRITY_FAILED);
    }

    private BundleRejectedException rejected(Path bundle, ReasonCode expected) {
        return rejected(bundle, expectations(), expected);
    }

    /** Verifies, expecting a rejection with exactly {@code expected}, and checks that nothing was written. */
    private BundleRejectedException rejected(Path bundle, BundleExpectations expectations, ReasonCode expected) {
        Map<String, String> before = snapshot(dir);
        BundleRejectedException e = catchThrowableOfType(BundleRejectedException.class,
                () -> verifier.verify(bundle, expectations));
        assertThat(e).as("verifying %s", bundle).isNotNull();
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(expected);
        assertThat(snapshot(dir)).isEqualTo(before);
        return e;
    }

    private Path crafted(List<Item> tarItems) {
        return write("crafted.bundle", CraftedTar.of(tarItems));
    }

    private Path copy(int length) throws IOException {
        return write("cut.bundle", Arrays.copyOf(Files.readAllBytes(valid.file()), length));
    }

    private Path write(String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static TarArchiveEntry link(String name, byte type, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, type);
        entry.setLinkName(target);
        return entry;
    }

    private static TarArchiveEntry device(String name, byte type) {
        TarArchiveEntry entry = new TarArchiveEntry(name, type);
        entry.setDevMajor(1);
        entry.setDevMinor(3);
        return entry;
    }
}
