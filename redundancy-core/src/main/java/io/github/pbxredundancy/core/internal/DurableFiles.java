package io.github.pbxredundancy.core.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * File operations that survive a crash or power cut at any point: a file is either completely
 * old or completely new, never half written, and a rename is on disk before the caller goes on.
 * Links are never followed. Shared by the standby's receiver and the node's state machine.
 *
 * <p>Not part of the API. Stateless and thread-safe; callers serialise writes to one file.
 */
public final class DurableFiles {
    /** The suffix of the temporary sibling an atomic write goes through; a sweep may delete such leftovers. */
    public static final String TEMP_SUFFIX = ".tmp";

    private static final Logger LOG = LoggerFactory.getLogger(DurableFiles.class);

    private DurableFiles() {
    }

    /**
     * Replaces {@code target} with {@code content}: writes a {@code .tmp} sibling, forces it to
     * disk, renames it over the target and forces the directory. On failure the temporary file
     * is removed and the target is unchanged (unless only the final directory sync failed).
     *
     * @param target the file to replace or create; its directory must exist
     * @param content the complete new content
     * @throws IOException if it cannot be written; the target is then old or, only if the
     *     directory sync failed, new
     */
    public static void writeAtomically(Path target, byte[] content) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
        syncDirectory(target.getParent());
    }

    /**
     * Renames {@code source} to {@code target} in one step and forces the target's directory.
     * An atomic rename silently replaces an existing target on POSIX systems, so an existing
     * target is refused first; callers hold the lock that keeps anyone else from creating it.
     *
     * @param source the file to move
     * @param target its new name, which must not exist
     * @throws IOException if the target exists or the move fails
     */
    public static void moveWithoutReplacing(Path source, Path target) throws IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(target.getParent());
    }

    /**
     * Forces a directory's entries (new, renamed, removed names) to disk. Platforms that cannot
     * open a directory (Windows) commit renames in their file system's journal instead, so an
     * open failure is ignored; a failing sync is not.
     *
     * @param directory the directory
     * @throws IOException if the sync fails
     */
    public static void syncDirectory(Path directory) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(directory, StandardOpenOption.READ);
        } catch (IOException e) {
            LOG.debug("Cannot open directory {} to sync it; relying on the file system", directory, e);
            return;
        }
        try (channel) {
            channel.force(true);
        }
    }

    /**
     * Deletes a file, or a directory with everything below it, without following links (a link
     * is deleted, not its target).
     *
     * @param path the file or directory
     * @return whether anything existed
     * @throws IOException if something cannot be deleted
     */
    public static boolean deleteTree(Path path) throws IOException {
        return FileTrees.delete(path, false);
    }

    /**
     * {@link #deleteTree} for cleanup paths, where a failure must not hide the original outcome:
     * it is logged and left to the next sweep.
     *
     * @param path the file or directory
     * @return whether anything existed and is gone now
     */
    public static boolean deleteQuietly(Path path) {
        try {
            return deleteTree(path);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot delete {}; the next sweep removes it", path, e);
            return false;
        }
    }
}
