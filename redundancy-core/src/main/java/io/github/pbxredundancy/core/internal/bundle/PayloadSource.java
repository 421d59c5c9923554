package io.github.pbxredundancy.core.internal.bundle;

import io.github.pbxredundancy.core.BundleEntry;
import io.github.pbxredundancy.core.spi.Backup;
import io.github.pbxredundancy.license.PrintableText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Objects;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Where one payload entry's bytes come from: a file of the backup, or the host's stream.
 *
 * <p>Not part of the API. Immutable; {@link #writeTo} may be called from any one thread.
 */
public sealed interface PayloadSource permits PayloadSource.FileSource, PayloadSource.StreamSource {

    /** The entry's name without the {@code payload/} prefix, already checked by {@link EntryNames}. */
    String name();

    /**
     * Writes the entry (header and data) into the bundle.
     *
     * @param tar the bundle being written
     * @param createdAt the bundle's creation time, every entry's modification time
     * @param buffer scratch space
     * @return the entry with its size and SHA-256
     * @throws io.github.pbxredundancy.core.RedundancyException with
     *     {@link io.github.pbxredundancy.core.ReasonCode#BACKUP_FAILED} if the source cannot be
     *     read or does not deliver exactly its size
     * @throws IOException if writing the bundle fails
     */
    BundleEntry writeTo(TarArchiveOutputStream tar, Instant createdAt, byte[] buffer) throws IOException;

    /**
     * A regular file of the backup. It is opened without following links and its size is
     * taken from the open file, so a file swapped for a link after listing is refused and one
     * that changes while it is copied fails the backup.
     *
     * @param name the entry name
     * @param file the file
     */
    record FileSource(String name, Path file) implements PayloadSource {
        /** Validates that both parts are given. */
        public FileSource {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(file, "file");
        }

        @Override
        public BundleEntry writeTo(TarArchiveOutputStream tar, Instant createdAt, byte[] buffer) throws IOException {
            String what = "backup file " + PrintableText.quote(name);
            FileChannel channel;
            long size;
            try {
                channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                throw SourceCopy.backupFailed(what + " cannot be opened: " + e, e);
            }
            Throwable primary = null;
            try {
                try {
                    size = channel.size();
                } catch (IOException e) {
                    throw SourceCopy.backupFailed(what + " cannot be read: " + e, e);
                }
                return write(tar, name, size, Channels.newInputStream(channel), what, createdAt, buffer);
            } catch (IOException | RuntimeException | Error e) {
                primary = e;
                throw e;
            } finally {
                SourceCopy.close(channel, what, primary);
            }
        }
    }

    /**
     * The host's backup stream.
     *
     * @param name the entry name
     * @param size the exact number of bytes the stream must deliver
     * @param opener opens the stream
     */
    record StreamSource(String name, long size, Backup.StreamOpener opener) implements PayloadSource {
        /** Validates the parts. */
        public StreamSource {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(opener, "opener");
        }

        @Override
        public BundleEntry writeTo(TarArchiveOutputStream tar, Instant createdAt, byte[] buffer) throws IOException {
            String what = "backup stream " + PrintableText.quote(name);
            InputStream in;
            try {
                in = opener.open();
            } catch (IOException e) {
                throw SourceCopy.backupFailed(what + " cannot be opened: " + e, e);
            }
            if (in == null) {
                throw SourceCopy.backupFailed(what + " cannot be opened: the host's opener returned null", null);
            }
            Throwable primary = null;
            try {
                return write(tar, name, size, in, what, createdAt, buffer);
            } catch (IOException | RuntimeException | Error e) {
                primary = e;
                throw e;
            } finally {
                SourceCopy.close(in, what, primary);
            }
        }
    }

    private static BundleEntry write(TarArchiveOutputStream tar, String name, long size, InputStream in, String what,
            Instant createdAt, byte[] buffer) throws IOException {
        tar.putArchiveEntry(BundleLayout.fileEntry(BundleLayout.PAYLOAD_PREFIX + name, size, createdAt));
        String sha256 = SourceCopy.copy(in, size, what, tar, buffer);
        tar.closeArchiveEntry();
        return new BundleEntry(name, size, sha256);
    }
}
