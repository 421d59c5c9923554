package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.internal.bundle.BundleFields;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A bundle {@link BundleVerifier} found complete, intact, safe, of this pair, importable on
 * this version and not stale. It stays trustworthy only while the file is unchanged, which is
 * why {@link BundleExtractor} checks every byte again.
 *
 * <p>Immutable and thread-safe.
 *
 * @param manifest the manifest read from the bundle
 * @param file where the bundle is
 * @param size the file's size in bytes when verified
 * @param sha256 the SHA-256 of the whole file when verified, lower-case hex; compare it with
 *     the one the sender announced
 */
public record VerifiedBundle(BundleManifest manifest, Path file, long size, String sha256) {

    /** Validates every part. */
    public VerifiedBundle {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(file, "file");
        if (size < 0) {
            throw InvalidInputException.of("bundle size", Long.toString(size), "must be zero or more");
        }
        BundleFields.requireSha256("bundle sha256", sha256);
    }
}
