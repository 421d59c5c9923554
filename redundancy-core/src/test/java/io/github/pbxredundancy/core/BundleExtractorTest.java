package io.github.pbxredundancy.core;

import static io.github.pbxredundancy.core.BundleFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pbxredundancy.core.CraftedTar.Item;
import io.github.pbxredundancy.core.spi.Backup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BundleExtractorTest {
    private final BundleExtractor extractor = new BundleExtractor();

    @TempDir
    Path dir;
    private Path source;
    private VerifiedBundle verified;
    private Path target;

    @BeforeEach
    void verifyABundle() throws IOException {
        source = tree(Files.createDirectory(dir.resolve("source")));
        WrittenBundle written = new BundleWriter().write(new Backup.Files(source), header(), dir.resolve("b.bundle"));
        verified = new BundleVerifier().verify(written.file(), expectations());
        target = Files.createDirectories(dir.resolve("t1/t2/target"));
    }

    @Test
    void writesThePayloadWithoutItsPrefix() {
        extractor.extract(verified, target);
        assertThat(snapshot(target)).isEqualTo(snapshot(source));
        assertThat(target.resolve("payload")).doesNotExist();
        assertThat(target.resolve("manifest.properties")).doesNotExist();
    }

    @Test
    void refusesATargetThatIsNotEmptyOrMissing() throws IOException {
        Files.writeString(target.resolve("old.txt"), "old");
        assertThatThrownBy(() -> extractor.extract(verified, target))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("must be empty");
        assertThat(snapshot(target)).containsOnlyKeys("old.txt");
        assertThatThrownBy(() -> extractor.extract(verified, dir.resolve("missing")))
                .isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 5})
    void aBundleChangedSinceVerificationLeavesTheTargetEmpty(int entryIndex) throws IOException {
        // Corrupt the data of one entry in place: earlier entries are written, then removed.
        List<Item> items = CraftedTar.read(verified.file());
        byte[] bytes = Files.readAllBytes(verified.file());
        byte[] content = items.get(entryIndex).content();
        int at = indexOf(bytes, content.length == 0 ? null : content);
        if (at < 0) {
            // An empty entry has no data to corrupt; damage its header instead.
            at = headerOffset(bytes, items.get(entryIndex).name());
        }
        bytes[at] ^= 0x01;
        Files.write(verified.file(), bytes);

        BundleRejectedException e = catchThrowableOfType(BundleRejectedException.class,
                () -> extractor.extract(verified, target));
        assertThat(e).isNotNull();
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(ReasonCode.INTEGRITY_FAILED);
        assertThat(snapshot(target)).isEmpty();
    }

    @Test
    void aBundleReplacedByAnotherValidOneIsRefused() throws IOException {
        Path other = Files.createDirectory(dir.resolve("other"));
        write(other.resolve("config/phones.xml"), "different");
        Path otherBundle = new BundleWriter().write(new Backup.Files(other), header(), dir.resolve("other.bundle")).file();
        Files.copy(otherBundle, verified.file(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        BundleRejectedException e = catchThrowableOfType(BundleRejectedException.class,
                () -> extractor.extract(verified, target));
        assertThat(e.reason()).isEqualTo(ReasonCode.INTEGRITY_FAILED);
        assertThat(snapshot(target)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "../../../x", "/etc/passwd", "payload/../../x", "payload/../../../x", "payload/a/./b",
            "payload//x", "payload/x/"})
    void unsafeEntriesNeverLandAnywhere(String name) throws IOException {
        // Whatever claims to be verified, the extractor checks again. The first entry is the
        // verified one, so it is written before the unsafe one is met, and must be removed.
        BundleEntry first = verified.manifest().entries().get(0);
        Path bundle = new CraftedTar().file(Item.of("payload/" + first.name(), Files.readString(source.resolve(first.name()))))
                .file(name, new byte[0]).writeTo(dir.resolve("crafted.bundle"));
        VerifiedBundle forged = new VerifiedBundle(verified.manifest(), bundle, Files.size(bundle), sha256(bundle));
        Map<String, String> before = snapshot(dir);

        BundleRejectedException e = catchThrowableOfType(BundleRejectedException.class,
                () -> extractor.extract(forged, target));
        assertThat(e).isNotNull();
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(ReasonCode.UNSAFE_ARCHIVE);
        assertThat(snapshot(target)).isEmpty();
        // The target lies three levels below dir, so a relative escape would show up in dir.
        assertThat(snapshot(dir)).isEqualTo(before);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        if (needle == null) {
            return -1;
        }
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int headerOffset(byte[] bytes, String name) {
        int at = indexOf(bytes, name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(at).isNotNegative();
        return at;
    }
}
