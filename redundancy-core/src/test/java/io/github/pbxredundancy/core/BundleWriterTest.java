package io.github.pbxredundancy.core;

import static io.github.pbxredundancy.core.BundleFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.pbxredundancy.core.internal.bundle.BundleLayout;
import io.github.pbxredundancy.core.spi.Backup;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleWriterTest {
    private final BundleWriter writer = new BundleWriter();

    @TempDir
    Path dir;

    @Test
    void sameInputAndHeaderGiveIdenticalBytes() throws IOException {
        Path source = tree(Files.createDirectory(dir.resolve("source")));
        WrittenBundle first = writer.write(new Backup.Files(source), header(), dir.resolve("1.bundle"));
        // Different file times must not matter: the bundle carries createdAt instead.
        Files.setLastModifiedTime(source.resolve("top.txt"), FileTime.fromMillis(0));
        WrittenBundle second = writer.write(new Backup.Files(source), header(), dir.resolve("2.bundle"));

        assertThat(Files.mismatch(first.file(), second.file())).isEqualTo(-1);
        assertThat(second.sha256()).isEqualTo(first.sha256());
    }

    @Test
    void everyEntryHasFixedMetadataAndTheManifestIsLast() throws IOException {
        Path source = tree(Files.createDirectory(dir.resolve("source")));
        WrittenBundle written = writer.write(new Backup.Files(source), header(), dir.resolve("b.bundle"));

        try (InputStream in = Files.newInputStream(written.file()); TarArchiveInputStream tar = new TarArchiveInputStream(in, "UTF-8")) {
            TarArchiveEntry last = null;
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                assertThat(entry.getMode()).as(entry.getName()).isEqualTo(0100644);
                assertThat(entry.getLongUserId()).isZero();
                assertThat(entry.getLongGroupId()).isZero();
                assertThat(entry.getUserName()).isEmpty();
                assertThat(entry.getGroupName()).isEmpty();
                assertThat(entry.getLastModifiedTime().toInstant()).isEqualTo(CREATED.truncatedTo(ChronoUnit.SECONDS));
                assertThat(entry.isFile()).isTrue();
                last = entry;
            }
            assertThat(last.getName()).isEqualTo(BundleLayout.MANIFEST_NAME);
        }
        assertThat(Files.size(written.file()) % 512).isZero();
    }

    @Test
    void hashIsThatOfTheFileAndDeliveryCarriesIt() throws IOException {
        WrittenBundle written = writer.write(stream("backup.sfb", new byte[]{1, 2, 3}), header(), dir.resolve("b.bundle"));
        assertThat(written.sha256()).isEqualTo(sha256(written.file()));
        assertThat(written.size()).isEqualTo(Files.size(written.file()));
        assertThat(written.delivery().bundleId()).isEqualTo(header().bundleId());
        assertThat(written.delivery().sha256()).isEqualTo(written.sha256());
    }

    @Test
    void fiveMegabyteStreamPassesThrough() throws IOException {
        long size = 5L << 20;
        Backup.Stream backup = new Backup.Stream("big.sfb", size, () -> generated(size));
        WrittenBundle written = writer.write(backup, header(), dir.resolve("b.bundle"));
        VerifiedBundle verified = new BundleVerifier().verify(written.file(), expectations());
        Path target = Files.createDirectory(dir.resolve("target"));
        new BundleExtractor().extract(verified, target);

        String expected;
        try (InputStream in = generated(size)) {
            expected = sha256(in.readAllBytes());
        }
        assertThat(verified.manifest().entries()).containsExactly(new BundleEntry("big.sfb", size, expected));
        assertThat(sha256(target.resolve("big.sfb"))).isEqualTo(expected);
    }

    @Test
    void refusesASymbolicLinkInTheTreeNamingIt() throws IOException {
        Path source = tree(Files.createDirectory(dir.resolve("source")));
        Path outside = Files.writeString(dir.resolve("outside.txt"), "not part of the backup");
        Files.createSymbolicLink(source.resolve("config/passwd"), outside);
        assertBackupFailed(new Backup.Files(source), "config/passwd", "symbolic link");
    }

    @Test
    void refusesALinkToADirectory() throws IOException {
        Path source = tree(Files.createDirectory(dir.resolve("source")));
        Path elsewhere = tree(Files.createDirectory(dir.resolve("elsewhere")));
        Files.createSymbolicLink(source.resolve("etc"), elsewhere);
        assertBackupFailed(new Backup.Files(source), "etc", "symbolic link");
    }

    @Test
    void refusesARootThatIsALink() throws IOException {
        Path source = tree(Files.createDirectory(dir.resolve("source")));
        Path link = Files.createSymbolicLink(dir.resolve("latest"), source);
        assertBackupFailed(new Backup.Files(link), "latest", "symbolic link");
    }

    @Test
    void refusesAFifo() throws IOException, InterruptedException {
        Path source = tree(Files.createDirectory(dir.resolve("source")));
        Path fifo = source.resolve("config/pipe");
        int exit;
        try {
            exit = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        } catch (IOException e) {
            exit = -1;
        }
        assumeTrue(exit == 0, "mkfifo is available");
        assertBackupFailed(new Backup.Files(source), "config/pipe", "special file");
    }

    @Test
    void refusesAnEmptyBackup() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty/sub"));
        assertBackupFailed(new Backup.Files(empty.getParent()), "holds no regular file");
        Files.createFile(empty.resolve("zero"));
        assertBackupFailed(new Backup.Files(empty.getParent()), "0 bytes");
        assertBackupFailed(stream("backup.sfb", new byte[0]), "0 bytes");
    }

    @Test
    void refusesNamesThatAreNotSafeRelativePaths() throws IOException {
        Path source = tree(Files.createDirectory(dir.resolve("source")));
        Files.writeString(source.resolve("a\\b"), "backslash");
        assertBackupFailed(new Backup.Files(source), "backslash");
        assertBackupFailed(stream("../backup.sfb", new byte[]{1}), "'..'");
        assertBackupFailed(stream("/backup.sfb", new byte[]{1}), "absolute");
    }

    @Test
    void refusesAStreamThatEndsEarlyOrRunsLong() {
        byte[] content = "twelve bytes".getBytes(StandardCharsets.UTF_8);
        assertBackupFailed(new Backup.Stream("b.sfb", content.length + 1, () -> new ByteArrayInputStream(content)),
                "ended after 12 of its 13 bytes");
        assertBackupFailed(new Backup.Stream("b.sfb", content.length - 1, () -> new ByteArrayInputStream(content)),
                "more than the 11 bytes");
    }

    @Test
    void reportsAStreamThatCannotBeReadWithItsCause() {
        IOException cause = new IOException("backup tool crashed");
        RedundancyException e = assertBackupFailed(new Backup.Stream("b.sfb", 10, () -> {
            throw cause;
        }), "cannot be opened");
        assertThat(e).hasCause(cause);
        RedundancyException midway = assertBackupFailed(new Backup.Stream("b.sfb", 10, () -> new InputStream() {
            @Override
            public int read() throws IOException {
                throw cause;
            }
        }), "cannot be read");
        assertThat(midway).hasCause(cause);
    }

    @Test
    void neverOverwritesAnExistingTarget() throws IOException {
        Path target = Files.writeString(dir.resolve("b.bundle"), "precious");
        assertThatThrownBy(() -> writer.write(stream("b.sfb", new byte[]{1}), header(), target))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("must not exist");
        assertThat(Files.readString(target)).isEqualTo("precious");
    }

    /** Writes, expecting BACKUP_FAILED with the given message parts, and no file left behind. */
    private RedundancyException assertBackupFailed(Backup backup, String... messageParts) {
        Path target = dir.resolve("failed.bundle");
        RedundancyException e = catchThrowableOfType(RedundancyException.class, () -> writer.write(backup, header(), target));
        assertThat(e).isNotNull();
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(ReasonCode.BACKUP_FAILED);
        assertThat(e.getMessage()).contains(messageParts);
        assertThat(target).doesNotExist();
        return e;
    }

    /** {@code size} pseudo-random bytes, generated as they are read, never stored. */
    private static InputStream generated(long size) {
        SplittableRandom random = new SplittableRandom(42);
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                if (left == 0) {
                    return -1;
                }
                left--;
                return random.nextInt(256);
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                for (int i = 0; i < n; i++) {
                    buffer[offset + i] = (byte) random.nextInt(256);
                }
                left -= n;
                return n;
            }
        };
    }
}
