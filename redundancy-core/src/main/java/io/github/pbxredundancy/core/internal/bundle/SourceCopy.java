package io.github.pbxredundancy.core.internal.bundle;

import com.google.common.hash.Hasher;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies one backup file or stream into the bundle, exactly as many bytes as announced, and
 * hashes them on the way. Failures of the source become {@link ReasonCode#BACKUP_FAILED}
 * here, so that any {@link IOException} leaving this class is about the bundle being written.
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
final class SourceCopy {
    private SourceCopy() {
    }

    /**
     * @param source the backup's bytes
     * @param size how many bytes the tar header announced; fewer or more fail the backup
     * @param what the source for messages, e.g. {@code backup file 'db/config.xml'}
     * @param target the open tar entry
     * @param buffer scratch space
     * @return the SHA-256 of the bytes copied, lower-case hex
     * @throws IOException if writing to {@code target} fails
     */
    static String copy(InputStream source, long size, String what, OutputStream target, byte[] buffer) throws IOException {
        Hasher hasher = Sha256.newHasher();
        long remaining = size;
        while (remaining > 0) {
            int n = read(source, buffer, (int) Math.min(buffer.length, remaining), what);
            if (n < 0) {
                throw backupFailed(what + " ended after " + (size - remaining) + " of its " + size
                        + " bytes: it was cut short or changed while being bundled", null);
            }
            hasher.putBytes(buffer, 0, n);
            target.write(buffer, 0, n);
            remaining -= n;
        }
        if (read(source, buffer, 1, what) >= 0) {
            throw backupFailed(what + " has more than the " + size
                    + " bytes announced: it grew or changed while being bundled", null);
        }
        return hasher.hash().toString();
    }

    /**
     * Closes a source; a failure is added to {@code primary} if there is one, else it fails
     * the backup.
     */
    static void close(Closeable source, String what, Throwable primary) {
        try {
            source.close();
        } catch (IOException e) {
            if (primary != null) {
                primary.addSuppressed(e);
            } else {
                throw backupFailed(what + " cannot be closed: " + e, e);
            }
        }
    }

    static RedundancyException backupFailed(String message, Throwable cause) {
        return new RedundancyException(ReasonCode.BACKUP_FAILED, message, cause);
    }

    private static int read(InputStream source, byte[] buffer, int length, String what) {
        try {
            return source.read(buffer, 0, length);
        } catch (IOException e) {
            throw backupFailed(what + " cannot be read: " + e, e);
        }
    }
}
