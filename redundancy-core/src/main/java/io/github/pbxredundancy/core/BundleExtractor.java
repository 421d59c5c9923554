package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.internal.bundle.BundleScanner;
import io.github.pbxredundancy.core.internal.bundle.BundleScanner.ScanResult;
import io.github.pbxredundancy.core.internal.bundle.EntryNames;
import io.github.pbxredundancy.core.internal.bundle.ExtractionSink;
import io.github.pbxredundancy.core.internal.bundle.ManifestCodec;
import io.github.pbxredundancy.license.PrintableText;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Unpacks a {@link VerifiedBundle}'s payload into an empty directory, for the host to import.
 *
 * <p>The bundle is read again in one streaming pass with every check of the verifier, and
 * each entry is compared with the verified manifest (name and size before writing it, SHA-256
 * after), because the file may have changed since it was verified; at the end the whole file's
 * SHA-256 must still be the verified one. Files are written without following links, never
 * outside the target directory, never over an existing file, and forced to disk. Entry names
 * lose their {@code payload/} prefix: {@code payload/db/config.xml} becomes
 * {@code <target>/db/config.xml}.
 *
 * <p>On any failure everything written below the target directory is deleted, leaving it
 * empty. Stateless and thread-safe; concurrent calls must use different target directories.
 */
public final class BundleExtractor {

    /** Creates an extractor; it has no state, one instance can serve every thread. */
    public BundleExtractor() {
        // Nothing to set up.
    }

    /**
     * Extracts the payload.
     *
     * @param bundle a bundle returned by {@link BundleVerifier#verify}
     * @param emptyTargetDir an existing, empty directory (not a symbolic link)
     * @throws BundleRejectedException with {@link ReasonCode#INTEGRITY_FAILED} if the file no
     *     longer matches what was verified, or {@link ReasonCode#UNSAFE_ARCHIVE} if an entry
     *     would land outside the target or collide with another one
     * @throws RedundancyException with {@link ReasonCode#IMPORT_FAILED} if the target cannot be
     *     written (the bundle itself may be fine), {@link ReasonCode#UNEXPECTED} if the bundle
     *     file cannot be read
     * @throws InvalidInputException if the target is not an existing empty directory
     */
    public void extract(VerifiedBundle bundle, Path emptyTargetDir) {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(emptyTargetDir, "emptyTargetDir");
        requireEmptyDirectory(emptyTargetDir);
        List<BundleEntry> expected = bundle.manifest().entries();
        ExtractionSink sink = new ExtractionSink(emptyTargetDir.toAbsolutePath().normalize(), expected);
        try {
            ScanResult scan = scan(bundle, sink);
            if (scan.entries().size() != expected.size() || scan.size() != bundle.size()
                    || !scan.sha256().equals(bundle.sha256())) {
                throw new BundleRejectedException(ReasonCode.INTEGRITY_FAILED, "bundle "
                        + PrintableText.quote(bundle.file().toString()) + " changed since it was verified: it has "
                        + scan.size() + " bytes with SHA-256 " + scan.sha256() + ", verified were " + bundle.size()
                        + " bytes with SHA-256 " + bundle.sha256());
            }
        } catch (RuntimeException | Error e) {
            sink.discard(e);
            throw e;
        }
    }

    private static ScanResult scan(VerifiedBundle bundle, ExtractionSink sink) {
        try {
            return BundleScanner.scan(bundle.file(), exactLimits(bundle.manifest()), sink);
        } catch (BundleRejectedException e) {
            if (e.reason() != ReasonCode.LIMIT_EXCEEDED) {
                throw e;
            }
            // The limits are the verified manifest's own figures: exceeding one means the
            // file is no longer the one that was verified.
            throw new BundleRejectedException(ReasonCode.INTEGRITY_FAILED,
                    "bundle changed since it was verified: " + e.getMessage(), e);
        }
    }

    /** Limits that exactly fit the verified manifest, so a changed file fails before its data is read. */
    private static BundleLimits exactLimits(BundleManifest manifest) {
        long largest = 1;
        int longestName = 1;
        for (BundleEntry entry : manifest.entries()) {
            largest = Math.max(largest, entry.size());
            longestName = Math.max(longestName, EntryNames.utf8Length(entry.name()));
        }
        return new BundleLimits(manifest.entries().size(), largest, Math.max(1, manifest.payloadSize()),
                ManifestCodec.render(manifest).length, longestName);
    }

    private static void requireEmptyDirectory(Path directory) {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            throw InvalidInputException.of("target directory", directory.toString(),
                    "must be an existing directory, not a symbolic link");
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
            if (children.iterator().hasNext()) {
                throw InvalidInputException.of("target directory", directory.toString(),
                        "must be empty; extraction never overwrites or mixes with existing files");
            }
        } catch (IOException e) {
            throw new RedundancyException(ReasonCode.IMPORT_FAILED,
                    "cannot list target directory " + PrintableText.quote(directory.toString()) + ": " + e, e);
        }
    }
}
