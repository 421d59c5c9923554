package io.github.pbxredundancy.core.internal.receiver;

import com.google.common.hash.Hasher;
import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.internal.bundle.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Copies an arriving bundle into its {@code .part} file in {@code staging/}, hashing it on the
 * way, and proves it is what the sender announced: exactly the announced size (at most one byte
 * more is read, to see whether the sender sends too much), forced to disk, with the announced
 * SHA-256.
 *
 * <p>Failures are told apart by where they happen: the source failing to deliver (its read
 * throws, or it ends early) is {@link ReasonCode#TRANSFER_INTERRUPTED}; more bytes than
 * announced or another hash is {@link ReasonCode#INTEGRITY_FAILED}; the staging file failing
 * to take the bytes is {@link ReasonCode#DISK_FULL} or {@link ReasonCode#UNEXPECTED}, as the
 * {@link SpaceGuard} decides. The caller deletes the {@code .part} file whatever happens.
 *
 * <p>Not part of the API. Stateless and thread-safe; one copy per {@code .part} file.
 */
final class StagingCopy {
    private static final int BUFFER_SIZE = 64 * 1024;

    private StagingCopy() {
    }

    /**
     * Copies and checks.
     *
     * @param id the bundle, for messages
     * @param source the sender's bytes; read, never closed
     * @param size the announced size
     * @param sha256 the announced SHA-256
     * @param part the staging file; must not exist
     * @param space decides what a write failure means
     * @throws RedundancyException with one of the codes above
     */
    static void copy(BundleId id, InputStream source, long size, String sha256, Path part, SpaceGuard space) {
        Hasher hasher = Sha256.newHasher();
        byte[] buffer = new byte[BUFFER_SIZE];
        long received = 0;
        try (FileChannel channel = open(id, part, size, space)) {
            while (received <= size) {
                int wanted = (int) Math.min(buffer.length, size + 1 - received);
                int read = read(id, source, buffer, wanted, received, size);
                if (read < 0) {
                    break;
                }
                received += read;
                if (received > size) {
                    throw new RedundancyException(ReasonCode.INTEGRITY_FAILED, "bundle " + id
                            + " runs longer than the announced " + size + " bytes");
                }
                hasher.putBytes(buffer, 0, read);
                write(id, channel, buffer, read, received, size, space);
            }
            if (received < size) {
                throw new RedundancyException(ReasonCode.TRANSFER_INTERRUPTED, "transfer of bundle " + id + " ended after "
                        + received + " of " + size + " bytes");
            }
            try {
                channel.force(true);
            } catch (IOException e) {
                throw space.writeFailure(id, size, received, e);
            }
        } catch (IOException e) {
            // Only closing the channel is left to fail here.
            throw space.writeFailure(id, size, received, e);
        }
        String actual = hasher.hash().toString();
        if (!actual.equals(sha256)) {
            throw new RedundancyException(ReasonCode.INTEGRITY_FAILED, "bundle " + id + " arrived with SHA-256 " + actual
                    + ", the sender announced " + sha256);
        }
    }

    private static FileChannel open(BundleId id, Path part, long size, SpaceGuard space) {
        try {
            return FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw space.writeFailure(id, size, 0, e);
        }
    }

    private static int read(BundleId id, InputStream source, byte[] buffer, int wanted, long received, long size) {
        try {
            return source.read(buffer, 0, wanted);
        } catch (IOException e) {
            throw new RedundancyException(ReasonCode.TRANSFER_INTERRUPTED, "transfer of bundle " + id + " broke off after "
                    + received + " of " + size + " bytes: " + e, e);
        }
    }

    private static void write(BundleId id, FileChannel channel, byte[] buffer, int length, long received, long size,
            SpaceGuard space) {
        ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, length);
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            throw space.writeFailure(id, size, received - bytes.remaining(), e);
        }
    }
}
