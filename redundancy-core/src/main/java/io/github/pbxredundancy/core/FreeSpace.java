package io.github.pbxredundancy.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells the {@link Receiver} how many bytes it may still write below its root directory. The
 * receiver asks before it stages a bundle (it needs room for the bundle, its extraction and a
 * reserve) and again after a write failed, to tell a full disk from other failures.
 *
 * <p>The default, {@link #fileStore()}, asks the file system. Hosts with their own quota can
 * subtract it here; tests use this seam to simulate a nearly full disk.
 *
 * <p>Implementations must be thread-safe; the receiver calls them under its lock, so they must
 * not call back into the receiver.
 */
@FunctionalInterface
public interface FreeSpace {

    /**
     * The bytes that can still be written below a directory.
     *
     * @param directory an existing directory of the receiver
     * @return the usable bytes, zero or more
     * @throws IOException if the file system cannot tell; the receiver then goes ahead and lets
     *     the write itself show whether there is room
     */
    long usableBytes(Path directory) throws IOException;

    /**
     * The file system's own figure, {@code Files.getFileStore(directory).getUsableSpace()}: the
     * bytes this process may write, after the file system's reservations for the superuser.
     *
     * @return the stateless default probe
     */
    static FreeSpace fileStore() {
        return directory -> Files.getFileStore(directory).getUsableSpace();
    }
}
