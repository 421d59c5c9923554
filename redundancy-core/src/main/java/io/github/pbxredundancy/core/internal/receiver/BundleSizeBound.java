package io.github.pbxredundancy.core.internal.receiver;

import com.google.common.math.LongMath;
import io.github.pbxredundancy.core.BundleLimits;

/**
 * The largest bundle file that can pass {@link BundleLimits}: the payload limit plus what the
 * tar format adds. Announced sizes above it are refused before a byte is read, so a hostile
 * sender cannot make the standby stage a file the verifier would refuse anyway.
 *
 * <p>Per entry the format adds at most a 512-byte header, a PAX header (512 bytes plus its
 * records: the path with {@code payload/} and at most 20 bytes of framing, the size with at most
 * 28, rounded up to whole records) and 511 bytes of padding; then the manifest with its header
 * and padding, and the 1024-byte end-of-archive marker. The bound is loose by design; the
 * verifier applies the exact limits.
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
final class BundleSizeBound {
    private static final long RECORD = 512;

    private BundleSizeBound() {
    }

    /** The bound in bytes; saturates at {@link Long#MAX_VALUE}. */
    static long of(BundleLimits limits) {
        long paxRecords = roundUp((long) limits.maxNameLength() + "payload/".length() + 20 + 28);
        long perEntry = RECORD + RECORD + paxRecords + RECORD - 1;
        long manifest = RECORD + roundUp(limits.maxManifestBytes());
        long overhead = LongMath.saturatedAdd(LongMath.saturatedMultiply(limits.maxEntries(), perEntry), manifest + 2 * RECORD);
        return LongMath.saturatedAdd(limits.maxTotalSize(), overhead);
    }

    private static long roundUp(long bytes) {
        return (bytes + RECORD - 1) / RECORD * RECORD;
    }
}
