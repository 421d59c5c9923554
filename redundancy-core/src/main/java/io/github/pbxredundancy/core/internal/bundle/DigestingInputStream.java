package io.github.pbxredundancy.core.internal.bundle;

import com.google.common.hash.Hasher;
import io.github.pbxredundancy.core.BundleRejectedException;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.license.PrintableText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The raw bytes of a bundle file on their way into the tar reader: counted and hashed (the
 * whole-file SHA-256), in one pass.
 *
 * <p>Four details matter for the verifier. {@link #skip} reads, so skipped padding is hashed
 * too. Mark and reset are not supported, so no byte is hashed twice. Padding declared with
 * {@link #requireZeros} is checked as it passes. A read failure of the
 * local file becomes a {@link RedundancyException} with {@link ReasonCode#UNEXPECTED} at once,
 * so it cannot be mistaken for a damaged archive further up (every {@link IOException} the tar
 * reader throws is then about the archive's content).
 *
 * <p>Not part of the API. Not thread-safe.
 */
public final class DigestingInputStream extends InputStream {
    private static final int SKIP_BUFFER = 8192;

    private final InputStream in;
    private final Path file;
    private final Hasher hasher = Sha256.newHasher();
    private long count;
    private String sha256;
    private byte[] skipBuffer;
    /** Bytes at positions in [zerosFrom, zerosTo) must be zero: tar padding nobody else reads. */
    private long zerosFrom;
    private long zerosTo;

    /**
     * @param in the file's content, from its first byte
     * @param file the file, for messages
     */
    public DigestingInputStream(InputStream in, Path file) {
        this.in = in;
        this.file = file;
    }

    @Override
    public int read() throws IOException {
        int b;
        try {
            b = in.read();
        } catch (IOException e) {
            throw readFailure(e);
        }
        if (b >= 0) {
            if (b != 0 && count >= zerosFrom && count < zerosTo) {
                throw paddingNotZero(count);
            }
            hasher.putByte((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n;
        try {
            n = in.read(buffer, offset, length);
        } catch (IOException e) {
            throw readFailure(e);
        }
        if (n > 0) {
            requireZeros(buffer, offset, n);
            hasher.putBytes(buffer, offset, n);
            count += n;
        }
        return n;
    }

    /** Reads and hashes up to {@code n} bytes instead of seeking past them. */
    @Override
    public long skip(long n) throws IOException {
        if (skipBuffer == null) {
            skipBuffer = new byte[SKIP_BUFFER];
        }
        long skipped = 0;
        while (skipped < n) {
            int read = read(skipBuffer, 0, (int) Math.min(skipBuffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public int available() throws IOException {
        try {
            return in.available();
        } catch (IOException e) {
            throw readFailure(e);
        }
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * Declares that the bytes at positions {@code from} (inclusive) to {@code to} (exclusive)
     * must be zero. Tar pads each entry's data to a whole record; the reader skips the padding
     * without looking, so damage there would go unnoticed. Replaces an earlier declaration.
     */
    public void requireZeros(long from, long to) {
        zerosFrom = from;
        zerosTo = to;
    }

    /** Bytes read so far. */
    public long count() {
        return count;
    }

    /** The SHA-256 of all bytes read, lower-case hex; reading further afterwards is a bug. */
    public String sha256() {
        if (sha256 == null) {
            sha256 = hasher.hash().toString();
        }
        return sha256;
    }

    private void requireZeros(byte[] buffer, int offset, int n) {
        long start = Math.max(count, zerosFrom);
        long end = Math.min(count + n, zerosTo);
        for (long position = start; position < end; position++) {
            if (buffer[offset + (int) (position - count)] != 0) {
                throw paddingNotZero(position);
            }
        }
    }

    private static BundleRejectedException paddingNotZero(long position) {
        return new BundleRejectedException(ReasonCode.INTEGRITY_FAILED,
                "bundle has a non-zero byte in tar padding at byte " + position + ": it is damaged");
    }

    private RedundancyException readFailure(IOException e) {
        return new RedundancyException(ReasonCode.UNEXPECTED, "cannot read bundle file "
                + PrintableText.quote(file.toString()) + " at byte " + count + ": " + e, e);
    }
}
