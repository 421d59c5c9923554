package io.github.pbxredundancy.core.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Deletes directory trees without following links: a link inside the tree is deleted, never
 * its target, so a hostile bundle or upload that planted one cannot make a cleanup delete
 * anything outside.
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
public final class FileTrees {
    private FileTrees() {
    }

    /**
     * Deletes a file, or a directory and everything below it.
     *
     * @param root the file or directory
     * @param keepRoot whether to keep {@code root} itself (emptied) when it is a directory
     * @return whether {@code root} existed
     * @throws IOException if something could not be deleted
     */
    public static boolean delete(Path root, boolean keepRoot) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            // walkFileTree does not follow links unless asked to.
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    if (!(keepRoot && dir.equals(root))) {
                        Files.delete(dir);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            // Gone in between: what we wanted.
        }
        return true;
    }
}
