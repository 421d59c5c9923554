package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.internal.bundle.EntryNameSet;
import io.github.pbxredundancy.core.internal.bundle.ManifestCodec;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The description of a bundle that travels inside it as its last entry: who made it, from
 * which pair, version and epoch, and every payload entry with size and SHA-256, in the order
 * the entries appear in the bundle. See {@code docs/bundle-format.md}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param bundleId the bundle's id
 * @param pair the pair the bundle belongs to (R12)
 * @param sourceNode the name of the node that made the bundle
 * @param softwareVersion the version that made the backup (R20)
 * @param epoch the sender's fencing epoch (B1)
 * @param createdAt when the bundle was made
 * @param entries the payload entries in bundle order: at least one, names unique, no name
 *     inside another entry's name as if it were a directory
 */
public record BundleManifest(BundleId bundleId, PairIdentity pair, String sourceNode, SoftwareVersion softwareVersion,
                             long epoch, Instant createdAt, List<BundleEntry> entries) {

    /** Validates every part and copies the list. */
    public BundleManifest {
        // The header's rules are the manifest's rules: validate them in one place.
        new BundleHeader(bundleId, pair, sourceNode, softwareVersion, epoch, createdAt);
        entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
        if (entries.isEmpty()) {
            throw InvalidInputException.of("entries", "", "a bundle carries at least one entry");
        }
        EntryNameSet names = new EntryNameSet();
        long total = 0;
        for (BundleEntry entry : entries) {
            String conflict = names.add(entry.name());
            if (conflict != null) {
                throw InvalidInputException.of("entry name", entry.name(), conflict);
            }
            total += entry.size();
            if (total < 0) {
                throw InvalidInputException.of("entries", entries.size() + " entries",
                        "their sizes add up to more than " + Long.MAX_VALUE + " bytes");
            }
        }
    }

    /** A manifest from a header and the entries written under it. */
    public static BundleManifest of(BundleHeader header, List<BundleEntry> entries) {
        return new BundleManifest(header.bundleId(), header.pair(), header.sourceNode(), header.softwareVersion(),
                header.epoch(), header.createdAt(), entries);
    }

    /** The header part of this manifest. */
    public BundleHeader header() {
        return new BundleHeader(bundleId, pair, sourceNode, softwareVersion, epoch, createdAt);
    }

    /**
     * The SHA-256 identifying the backup's content: over the manifest's entry lines
     * ({@code entry.N.name}, {@code entry.N.size}, {@code entry.N.sha256}) as UTF-8, each
     * ending in a line feed. Equal for two bundles of the same backup, whatever their headers.
     * Computed on each call, in time proportional to the number of entries.
     */
    public String contentSha256() {
        return ManifestCodec.contentSha256(entries);
    }

    /** The sum of the entries' sizes in bytes. */
    public long payloadSize() {
        long total = 0;
        for (BundleEntry entry : entries) {
            total += entry.size();
        }
        return total;
    }

    /** A one-line summary; the entries are counted, not listed (there may be 100 000). */
    @Override
    public String toString() {
        return "BundleManifest[bundleId=" + bundleId + ", pair=" + pair + ", sourceNode=" + sourceNode
                + ", softwareVersion=" + softwareVersion + ", epoch=" + epoch + ", createdAt=" + createdAt
                + ", entries=" + entries.size() + ", payloadSize=" + payloadSize() + "]";
    }
}
