package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.internal.bundle.BundleFields;
import io.github.pbxredundancy.core.spi.Delivery;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A bundle {@link BundleWriter} has written and synced to disk.
 *
 * <p>Immutable and thread-safe.
 *
 * @param manifest the manifest inside the bundle
 * @param file where the bundle is
 * @param size the file's size in bytes
 * @param sha256 the SHA-256 of the whole file, lower-case hex; not inside the bundle, the
 *     transport sends it alongside and the standby's receipt repeats it
 */
public record WrittenBundle(BundleManifest manifest, Path file, long size, String sha256) {

    /** Validates every part. */
    public WrittenBundle {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(file, "file");
        if (size < 0) {
            throw InvalidInputException.of("bundle size", Long.toString(size), "must be zero or more");
        }
        BundleFields.requireSha256("bundle sha256", sha256);
    }

    /** The bundle as a {@link Delivery} for a {@link io.github.pbxredundancy.core.spi.Transport}. */
    public Delivery delivery() {
        return new Delivery(manifest.bundleId(), file, size, sha256);
    }
}
