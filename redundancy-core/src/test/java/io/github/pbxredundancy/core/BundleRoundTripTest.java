package io.github.pbxredundancy.core;

import static io.github.pbxredundancy.core.BundleFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.spi.Backup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleRoundTripTest {
    private final BundleWriter writer = new BundleWriter();
    private final BundleVerifier verifier = new BundleVerifier();
    private final BundleExtractor extractor = new BundleExtractor();

    @TempDir
    Path dir;

    @Test
    void directoryTreeComesBackByteForByte() throws IOException {
        Path source = tree(Files.createDirectory(dir.resolve("source")));
        WrittenBundle written = writer.write(new Backup.Files(source), header(), dir.resolve("b.bundle"));

        VerifiedBundle verified = verifier.verify(written.file(), expectations());
        Path target = Files.createDirectory(dir.resolve("target"));
        extractor.extract(verified, target);

        assertThat(snapshot(target)).isEqualTo(snapshot(source));
        assertThat(verified.manifest()).isEqualTo(written.manifest());
        assertThat(verified.manifest().header()).isEqualTo(header());
        assertThat(verified.sha256()).isEqualTo(written.sha256()).isEqualTo(sha256(written.file()));
        assertThat(verified.size()).isEqualTo(written.size()).isEqualTo(Files.size(written.file()));
        assertThat(written.manifest().entries()).extracting(BundleEntry::name).containsExactly(
                "config/phones.xml", "config/users.csv", "fax/empty.tif", "top.txt",
                "voicemail/Grüße an Äpfel.wav", LONG_NAME);
    }

    @Test
    void manifestListsEverySizeAndHash() throws IOException {
        Path source = tree(Files.createDirectory(dir.resolve("source")));
        WrittenBundle written = writer.write(new Backup.Files(source), header(), dir.resolve("b.bundle"));

        for (BundleEntry entry : written.manifest().entries()) {
            Path file = source.resolve(entry.name());
            assertThat(entry.size()).as(entry.name()).isEqualTo(Files.size(file));
            assertThat(entry.sha256()).as(entry.name()).isEqualTo(sha256(file));
        }
        assertThat(written.manifest().payloadSize())
                .isEqualTo(written.manifest().entries().stream().mapToLong(BundleEntry::size).sum());
    }

    @Test
    void singleFileBecomesOneEntryNamedAfterIt() throws IOException {
        Path file = dir.resolve("backup 2016.sfb");
        Files.writeString(file, "a single backup file", StandardCharsets.UTF_8);
        WrittenBundle written = writer.write(new Backup.Files(file), header(), dir.resolve("b.bundle"));

        VerifiedBundle verified = verifier.verify(written.file(), expectations());
        Path target = Files.createDirectory(dir.resolve("target"));
        extractor.extract(verified, target);

        assertThat(verified.manifest().entries()).extracting(BundleEntry::name).containsExactly("backup 2016.sfb");
        assertThat(snapshot(target)).isEqualTo(Map.of("backup 2016.sfb", sha256(file)));
    }

    @Test
    void streamBecomesOneEntry() throws IOException {
        byte[] content = "streamed backup".getBytes(StandardCharsets.UTF_8);
        WrittenBundle written = writer.write(stream("db/backup.sfb", content), header(), dir.resolve("b.bundle"));

        VerifiedBundle verified = verifier.verify(written.file(), expectations());
        Path target = Files.createDirectory(dir.resolve("target"));
        extractor.extract(verified, target);

        assertThat(Files.readAllBytes(target.resolve("db/backup.sfb"))).isEqualTo(content);
        assertThat(verified.manifest().entries()).containsExactly(
                new BundleEntry("db/backup.sfb", content.length, sha256(content)));
    }
}
