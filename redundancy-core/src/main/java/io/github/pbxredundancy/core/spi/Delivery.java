package io.github.pbxredundancy.core.spi;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.InvalidInputException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One bundle to deliver: a complete, closed file on the active's disk.
 *
 * @param bundleId the bundle's id, used for the names on the receiving side
 * @param file the bundle file
 * @param size the file's size in bytes
 * @param sha256 the file's SHA-256, lower-case hex, which the standby's receipt must repeat
 */
public record Delivery(BundleId bundleId, Path file, long size, String sha256) {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    /** Validates every part. */
    public Delivery {
        Objects.requireNonNull(bundleId, "bundleId");
        Objects.requireNonNull(file, "file");
        if (size < 0) {
            throw InvalidInputException.of("size", Long.toString(size), "must be zero or more");
        }
        if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
            throw InvalidInputException.of("sha256", sha256, "must be 64 lower-case hex digits");
        }
    }
}
