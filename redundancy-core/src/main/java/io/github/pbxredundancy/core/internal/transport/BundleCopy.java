package io.github.pbxredundancy.core.internal.transport;

import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Copies a bundle file into an open target file with exactly the size the delivery announced,
 * in steps of at most {@link #STEP} bytes, reporting after each step.
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
public final class BundleCopy {
    /** The most bytes copied between two progress reports: 1 MiB. */
    public static final long STEP = 1L << 20;

    private BundleCopy() {
    }

    /** Hears how many bytes have been copied. */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param copied bytes copied so far
         */
        void copied(long copied);
    }

    /**
     * Copies {@code size} bytes from the start of {@code source}; reports after every step, and
     * once with 0 for an empty file.
     *
     * @param source the bundle file
     * @param target the file being written, positioned at its start
     * @param size the announced size
     * @param progress hears progress; must not throw
     * @throws IOException if reading or writing fails
     * @throws RedundancyException with {@link ReasonCode#INTEGRITY_FAILED} if the source is
     *     shorter or longer than {@code size}
     */
    public static void copy(FileChannel source, FileChannel target, long size, Progress progress) throws IOException {
        long position = 0;
        if (size == 0) {
            progress.copied(0);
        }
        while (position < size) {
            long step = source.transferTo(position, Math.min(STEP, size - position), target);
            if (step == 0 && endsAt(source, position)) {
                throw new RedundancyException(ReasonCode.INTEGRITY_FAILED, "the bundle file ended after " + position
                        + " of its " + size + " bytes: it changed after it was written");
            }
            position += step;
            progress.copied(position);
        }
        if (source.size() != size) {
            throw new RedundancyException(ReasonCode.INTEGRITY_FAILED, "the bundle file has " + source.size()
                    + " bytes, not the " + size + " of the delivery: it changed after it was written");
        }
    }

    /** transferTo returns 0 at the end of the file, and may in rare cases before it: a read tells. */
    private static boolean endsAt(FileChannel source, long position) throws IOException {
        return source.read(ByteBuffer.allocate(1), position) < 0;
    }
}
