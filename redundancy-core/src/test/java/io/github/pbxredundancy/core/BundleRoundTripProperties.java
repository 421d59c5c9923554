package io.github.pbxredundancy.core;

import static io.github.pbxredundancy.core.BundleFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.spi.Backup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

class BundleRoundTripProperties {
    private static Path dir;
    private static int run;

    /** One file of a generated backup tree. */
    record TreeFile(String name, byte[] content) {
    }

    @BeforeContainer
    static void createDirectory() throws IOException {
        dir = Files.createTempDirectory("bundle-round-trip");
    }

    @AfterContainer
    static void deleteDirectory() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<List<TreeFile>> trees() {
        Arbitrary<String> segment = Arbitraries.strings().withChars("abcXYZ019 äöüßÄ.-_=#!(),'&+@~").ofMinLength(1).ofMaxLength(12)
                .filter(s -> !s.equals(".") && !s.equals(".."));
        Arbitrary<String> path = segment.list().ofMinSize(1).ofMaxSize(4).map(parts -> String.join("/", parts));
        Arbitrary<byte[]> content = Arbitraries.bytes().array(byte[].class).ofMaxSize(3000);
        // Each top-level name starts with its index: no duplicates, no file inside a file.
        return Combinators.combine(path, content).as(TreeFile::new).list().ofMinSize(1).ofMaxSize(8)
                .map(files -> {
                    List<TreeFile> unique = new java.util.ArrayList<>();
                    for (int i = 0; i < files.size(); i++) {
                        unique.add(new TreeFile(i + files.get(i).name(), files.get(i).content()));
                    }
                    return unique;
                });
    }

    @Property(tries = 50)
    void anyTreeComesBackByteForByte(@ForAll("trees") List<TreeFile> files) throws IOException {
        Assume.that(files.stream().anyMatch(f -> f.content().length > 0));
        Path base = Files.createDirectory(dir.resolve("run" + run++));
        Path source = Files.createDirectory(base.resolve("source"));
        for (TreeFile file : files) {
            Path target = source.resolve(file.name());
            Files.createDirectories(target.getParent());
            Files.write(target, file.content());
        }

        WrittenBundle written = new BundleWriter().write(new Backup.Files(source), header(), base.resolve("b.bundle"));
        VerifiedBundle verified = new BundleVerifier().verify(written.file(), expectations());
        Path target = Files.createDirectory(base.resolve("target"));
        new BundleExtractor().extract(verified, target);

        assertThat(snapshot(target)).isEqualTo(snapshot(source));
        assertThat(verified.manifest()).isEqualTo(written.manifest());
        assertThat(verified.manifest().entries()).hasSize(files.size());
        assertThat(verified.sha256()).isEqualTo(sha256(written.file()));
    }
}
