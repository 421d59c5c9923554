package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.internal.bundle.BundleScanner;
import io.github.pbxredundancy.core.internal.bundle.BundleScanner.ScanResult;
import io.github.pbxredundancy.core.internal.bundle.EntryComparison;
import io.github.pbxredundancy.core.internal.bundle.ManifestCodec;
import io.github.pbxredundancy.core.internal.bundle.PayloadVisitor;
import io.github.pbxredundancy.license.PrintableText;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Decides whether a received bundle may be imported (B4): complete, intact, safe to extract,
 * within limits, of this pair (R12), importable on this version (R20) and not from a fenced-off
 * node (B1). Never a partial, corrupted, foreign, stale or too-new backup.
 *
 * <p>One streaming pass over the file computes the whole file's SHA-256 and every entry's size
 * and SHA-256 while checking the tar structure, entry kinds, names and limits (each before the
 * entry's data is read); then the trailing manifest is parsed and compared with what was read;
 * then pair, version and epoch are checked, in that order. The heap use does not grow with the
 * payload: entry data passes through a 64 KiB buffer, only the manifest (bounded by
 * {@link BundleLimits#maxManifestBytes()}) and one small record per entry are kept.
 *
 * <p>The verifier writes nothing anywhere. Stateless and thread-safe.
 */
public final class BundleVerifier {

    /** Creates a verifier; it has no state, one instance can serve every thread. */
    public BundleVerifier() {
        // Nothing to set up.
    }

    /**
     * Verifies one bundle file.
     *
     * @param bundle the file, complete (e.g. renamed from its {@code .part} after the transfer)
     * @param expectations what this standby requires
     * @return the verified bundle, with the whole file's size and SHA-256 to compare with the
     *     sender's
     * @throws BundleRejectedException if the bundle must not be imported, with
     *     {@link ReasonCode#INTEGRITY_FAILED} (truncated, damaged, entries missing, extra, out of
     *     order or not matching the manifest, manifest missing or not last, bytes after the end
     *     of the archive), {@link ReasonCode#UNSAFE_ARCHIVE}, {@link ReasonCode#LIMIT_EXCEEDED},
     *     {@link ReasonCode#FOREIGN_PAIR}, {@link ReasonCode#VERSION_INCOMPATIBLE} or
     *     {@link ReasonCode#STALE_EPOCH}
     * @throws RedundancyException with {@link ReasonCode#UNEXPECTED} if the local file cannot be
     *     read; that says nothing about the bundle
     */
    public VerifiedBundle verify(Path bundle, BundleExpectations expectations) {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(expectations, "expectations");
        ScanResult scan = BundleScanner.scan(bundle, expectations.limits(), PayloadVisitor.IGNORE);
        BundleManifest manifest = ManifestCodec.parse(scan.manifest());
        EntryComparison.requireSame(scan.entries(), manifest.entries());
        requireOwnPair(manifest, expectations);
        requireImportableVersion(manifest, expectations);
        requireCurrentEpoch(manifest, expectations);
        return new VerifiedBundle(manifest, bundle, scan.size(), scan.sha256());
    }

    private static void requireOwnPair(BundleManifest manifest, BundleExpectations expectations) {
        if (!manifest.pair().matches(expectations.activeServerKey())) {
            throw new BundleRejectedException(ReasonCode.FOREIGN_PAIR, "bundle " + manifest.bundleId()
                    + " belongs to another pair (" + manifest.pair() + "); this standby is configured for active"
                    + " server key " + expectations.activeServerKey().masked() + " (" + PairIdentity.of(expectations.activeServerKey())
                    + "): check the license key in the standby's module configuration");
        }
    }

    private static void requireImportableVersion(BundleManifest manifest, BundleExpectations expectations) {
        if (!VersionCompatibility.canImport(manifest.softwareVersion(), expectations.ownVersion())) {
            throw new BundleRejectedException(ReasonCode.VERSION_INCOMPATIBLE, "bundle " + manifest.bundleId()
                    + " was made by version " + manifest.softwareVersion() + " and cannot be imported on version "
                    + expectations.ownVersion() + ": update the standby to " + manifest.softwareVersion() + " or newer");
        }
    }

    private static void requireCurrentEpoch(BundleManifest manifest, BundleExpectations expectations) {
        if (manifest.epoch() < expectations.minimumEpoch()) {
            throw new BundleRejectedException(ReasonCode.STALE_EPOCH, "bundle " + manifest.bundleId() + " from "
                    + PrintableText.quote(manifest.sourceNode()) + " carries epoch " + manifest.epoch() + ", but this standby has seen epoch "
                    + expectations.minimumEpoch() + ": it comes from a node that has since been replaced by a promotion");
        }
    }
}
