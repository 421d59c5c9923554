package io.github.pbxredundancy.core;

/**
 * Upper bounds the standby applies to a received bundle before reading an entry's data, so a
 * hostile or broken sender can neither fill the disk nor the heap. Exceeding one rejects the
 * bundle with {@link ReasonCode#LIMIT_EXCEEDED}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxEntries the most payload entries (the manifest does not count)
 * @param maxEntrySize the largest payload entry, in bytes
 * @param maxTotalSize the largest sum of all payload entries, in bytes
 * @param maxManifestBytes the largest manifest, in bytes; the manifest is the only entry read
 *     into memory. Each entry takes about 140 bytes plus its name, so the default fits some
 *     80 000 entries with 60-byte names
 * @param maxNameLength the longest entry name, in UTF-8 bytes, without the {@code payload/} prefix
 */
public record BundleLimits(int maxEntries, long maxEntrySize, long maxTotalSize, int maxManifestBytes, int maxNameLength) {

    /** 100 000 entries, 64 GiB per entry, 256 GiB in total, a 16 MiB manifest, 1024-byte names. */
    public static final BundleLimits DEFAULTS =
            new BundleLimits(100_000, 64L << 30, 256L << 30, 16 << 20, 1024);

    /** Validates that every limit is at least 1. */
    public BundleLimits {
        requirePositive("max entries", maxEntries);
        requirePositive("max entry size", maxEntrySize);
        requirePositive("max total size", maxTotalSize);
        requirePositive("max manifest bytes", maxManifestBytes);
        requirePositive("max name length", maxNameLength);
    }

    private static void requirePositive(String field, long value) {
        if (value < 1) {
            throw InvalidInputException.of(field, Long.toString(value), "must be at least 1");
        }
    }
}
