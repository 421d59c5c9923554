package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.internal.bundle.BundleFields;
import io.github.pbxredundancy.core.internal.bundle.EntryNames;

/**
 * One file of a backup inside a bundle, as the manifest lists it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the file's path relative to the backup, {@code /}-separated, without the
 *     bundle's {@code payload/} prefix; a safe relative path (no {@code ..}, {@code .} or empty
 *     segments, not absolute, no backslashes or control characters)
 * @param size the file's size in bytes
 * @param sha256 the SHA-256 of the file's content, 64 lower-case hex digits
 */
public record BundleEntry(String name, long size, String sha256) {

    /** Validates every part. */
    public BundleEntry {
        String problem = EntryNames.problem(name);
        if (problem != null) {
            throw InvalidInputException.of("entry name", name, problem);
        }
        if (size < 0) {
            throw InvalidInputException.of("size of entry " + name, Long.toString(size), "must be zero or more");
        }
        BundleFields.requireSha256("sha256 of entry " + name, sha256);
    }
}
