package io.github.pbxredundancy.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFilesTest {
    @TempDir
    Path dir;

    @Test
    void anAtomicWriteReplacesTheFileAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("epoch");
        DurableFiles.writeAtomically(target, "epoch=1\n".getBytes(StandardCharsets.US_ASCII));
        DurableFiles.writeAtomically(target, "epoch=2\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(target).hasContent("epoch=2");
        try (var children = Files.list(dir)) {
            assertThat(children).containsExactly(target);
        }
    }

    @Test
    void aMoveNeverReplacesAnExistingFile() throws IOException {
        Path source = Files.writeString(dir.resolve("b1.part"), "new");
        Path target = Files.writeString(dir.resolve("b1.bundle"), "kept");

        assertThatThrownBy(() -> DurableFiles.moveWithoutReplacing(source, target))
                .isInstanceOf(FileAlreadyExistsException.class);

        assertThat(target).hasContent("kept");
        assertThat(source).hasContent("new");
    }

    @Test
    void deletingATreeDeletesLinksNotTheirTargets() throws IOException {
        Path outside = Files.writeString(dir.resolve("precious.txt"), "do not touch");
        Path tree = Files.createDirectories(dir.resolve("import/b1/db"));
        Files.writeString(tree.resolve("backup.sfb"), "payload");
        Files.createSymbolicLink(tree.resolve("link"), outside);
        Files.createSymbolicLink(dir.resolve("import/b1/dirlink"), dir);

        assertThat(DurableFiles.deleteTree(dir.resolve("import/b1"))).isTrue();

        assertThat(dir.resolve("import/b1")).doesNotExist();
        assertThat(outside).hasContent("do not touch");
        assertThat(DurableFiles.deleteTree(dir.resolve("import/b1"))).isFalse();
    }
}
