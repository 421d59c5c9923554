package io.github.pbxredundancy.core.internal.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The file operations of the inbox protocol, all without following links: an inbox is a
 * directory the other node can write to, so any name in it may be a link planted there.
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
public final class InboxIo {
    private static final Set<OpenOption> READ_NO_LINKS = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

    private InboxIo() {
    }

    /**
     * The attributes of the name itself (a link is reported as a link).
     *
     * @param file a name in the inbox
     * @return its attributes, or empty if nothing has that name
     * @throws IOException if the attributes cannot be read
     */
    public static Optional<BasicFileAttributes> attributes(Path file) throws IOException {
        try {
            return Optional.of(Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads at most {@code limit + 1} bytes of a file, without following a link, so the caller
     * sees whether the file is larger than {@code limit}. Check first that it is a regular file:
     * opening a FIFO would block.
     *
     * @param file the file
     * @param limit the largest size the caller accepts
     * @return the bytes read
     * @throws IOException if the file cannot be read or is a link
     */
    public static byte[] readAtMost(Path file, int limit) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(limit + 1);
        try (SeekableByteChannel channel = Files.newByteChannel(file, READ_NO_LINKS)) {
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // Reads until the buffer is full or the file ends.
            }
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    /**
     * Creates {@code part} afresh (deleting whatever had the name, a link included, so nothing is
     * written through a link), writes {@code bytes}, forces them to disk and renames the file
     * to {@code target} atomically, replacing a file of that name.
     *
     * @param part the name to write under
     * @param target the final name, in the same directory
     * @param bytes the content
     * @throws IOException if any step fails; {@code part} may be left behind
     */
    public static void writeAtomically(Path part, Path target, byte[] bytes) throws IOException {
        Files.deleteIfExists(part);
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        commit(part, target);
    }

    /**
     * Renames a complete file to its final name in one atomic step, the commit point of the
     * protocol. There is deliberately no fallback to a plain move: where the file system cannot
     * rename atomically, a plain move may copy, and the standby could then see a final name on
     * half a file; {@link java.nio.file.AtomicMoveNotSupportedException} reaches the caller.
     *
     * @param from the complete file
     * @param to its final name, in the same directory; replaced if it exists
     * @throws IOException if the rename fails
     */
    public static void commit(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    }
}
