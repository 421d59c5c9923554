package io.github.pbxredundancy.core.internal.bundle;

import com.google.common.hash.Hasher;
import io.github.pbxredundancy.core.BundleEntry;
import io.github.pbxredundancy.core.BundleLimits;
import io.github.pbxredundancy.core.BundleRejectedException;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.license.PrintableText;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * One streaming pass over a bundle file: every structural, safety and limit check that needs
 * no manifest, the SHA-256 and size of each payload entry and of the whole file, and the
 * manifest's raw bytes. Entry data goes to a {@link PayloadVisitor} in 64 KiB pieces; only
 * the manifest is held in memory, after its size passed the limit.
 *
 * <p>Per entry, the order of checks is: entry kind, position (nothing after the manifest),
 * name syntax, duplicates, the PAX header's canonical form, name length, count, size, running
 * total; all before the entry's first data byte is read. The record padding after each entry
 * must be zero.
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
public final class BundleScanner {
    private static final int BUFFER_SIZE = 64 * 1024;

    private BundleScanner() {
    }

    /**
     * What one pass found.
     *
     * @param entries the payload entries in tar order, with the SHA-256 of their data
     * @param manifest the manifest entry's bytes, not yet parsed
     * @param size the whole file's size in bytes
     * @param sha256 the whole file's SHA-256, lower-case hex
     */
    public record ScanResult(List<BundleEntry> entries, byte[] manifest, long size, String sha256) {
    }

    /**
     * Reads the bundle once.
     *
     * @throws BundleRejectedException if the archive is damaged, unsafe or over a limit
     * @throws RedundancyException with {@link ReasonCode#UNEXPECTED} if the file cannot be read,
     *     or whatever the visitor throws
     */
    public static ScanResult scan(Path file, BundleLimits limits, PayloadVisitor visitor) {
        try (InputStream in = open(file);
             DigestingInputStream raw = new DigestingInputStream(in, file);
             GuardedTarInputStream tar = new GuardedTarInputStream(raw)) {
            Pass pass = new Pass(raw, tar, limits, visitor);
            pass.run();
            if (raw.read() >= 0) {
                throw integrity("bundle has data after the tar end-of-archive marker, at byte " + (raw.count() - 1));
            }
            if (pass.manifest == null) {
                throw integrity("bundle has no " + BundleLayout.MANIFEST_NAME + " entry: it is incomplete");
            }
            return new ScanResult(List.copyOf(pass.entries), pass.manifest, raw.count(), raw.sha256());
        } catch (IOException e) {
            // The raw stream reports local read failures as RedundancyException, so this is the
            // tar reader's complaint about the content.
            throw new BundleRejectedException(ReasonCode.INTEGRITY_FAILED,
                    "bundle is not a readable tar archive: " + PrintableText.quote(e.getMessage()), e);
        }
    }

    private static InputStream open(Path file) {
        try {
            // Buffered below the hashing stream: headers are read 512 bytes at a time.
            return new BufferedInputStream(Files.newInputStream(file), BUFFER_SIZE);
        } catch (IOException e) {
            throw new RedundancyException(ReasonCode.UNEXPECTED,
                    "cannot open bundle file " + PrintableText.quote(file.toString()) + ": " + e, e);
        }
    }

    private static BundleRejectedException integrity(String message) {
        return new BundleRejectedException(ReasonCode.INTEGRITY_FAILED, message);
    }

    private static BundleRejectedException unsafe(String message) {
        return new BundleRejectedException(ReasonCode.UNSAFE_ARCHIVE, message);
    }

    private static BundleRejectedException limit(String message) {
        return new BundleRejectedException(ReasonCode.LIMIT_EXCEEDED, message);
    }

    /** The state of one pass. */
    private static final class Pass {
        private final DigestingInputStream raw;
        private final GuardedTarInputStream tar;
        private final BundleLimits limits;
        private final PayloadVisitor visitor;
        private final byte[] buffer = new byte[BUFFER_SIZE];
        private final List<BundleEntry> entries = new ArrayList<>();
        private final EntryNameSet names = new EntryNameSet();
        private long total;
        private byte[] manifest;

        Pass(DigestingInputStream raw, GuardedTarInputStream tar, BundleLimits limits, PayloadVisitor visitor) {
            this.raw = raw;
            this.tar = tar;
            this.limits = limits;
            this.visitor = visitor;
        }

        void run() throws IOException {
            for (TarArchiveEntry entry = next(); entry != null; entry = next()) {
                String tarName = entry.getName();
                requireRegularFile(entry, tarName);
                if (manifest != null) {
                    throw integrity("entry " + PrintableText.quote(tarName) + " follows "
                            + BundleLayout.MANIFEST_NAME + ", which must be the last entry");
                }
                if (tarName.equals(BundleLayout.MANIFEST_NAME)) {
                    PaxRecords.requireCanonical(tar.extendedHeader(), entry);
                    manifest = readManifest(entry.getSize());
                } else {
                    payload(entry, tarName, entry.getSize());
                }
                // The library has read exactly the entry's data; the padding up to the next
                // header is read with that header and must be zero.
                raw.requireZeros(raw.count(), BundleLayout.roundUpToRecord(raw.count()));
            }
        }

        private TarArchiveEntry next() throws IOException {
            try {
                return tar.getNextEntry();
            } catch (IllegalArgumentException | IllegalStateException | ArithmeticException
                     | IndexOutOfBoundsException e) {
                // Commons Compress lets a few runtime exceptions escape on malformed input.
                throw new BundleRejectedException(ReasonCode.INTEGRITY_FAILED,
                        "bundle is not a readable tar archive: " + PrintableText.quote(String.valueOf(e.getMessage())), e);
            }
        }

        private void requireRegularFile(TarArchiveEntry entry, String tarName) {
            // The header gate admitted type '0' only; PAX attributes can still make an entry
            // sparse, and a trailing '/' makes the library treat it as a directory.
            String kind = entry.isSparse() ? "a sparse file"
                    : entry.isDirectory() ? "a directory"
                    : !entry.isFile() || entry.isSymbolicLink() || entry.isLink() || entry.isCharacterDevice()
                            || entry.isBlockDevice() || entry.isFIFO() ? "not a regular file"
                    : null;
            if (kind != null) {
                throw unsafe("entry " + PrintableText.quote(tarName) + " is " + kind + "; a bundle holds regular files only");
            }
        }

        private byte[] readManifest(long size) throws IOException {
            if (size > limits.maxManifestBytes()) {
                throw limit(BundleLayout.MANIFEST_NAME + " has " + size + " bytes, at most "
                        + limits.maxManifestBytes() + " are allowed");
            }
            byte[] bytes = tar.readNBytes((int) size);
            if (bytes.length != size) {
                throw integrity(BundleLayout.MANIFEST_NAME + " has " + bytes.length + " of its " + size + " bytes");
            }
            return bytes;
        }

        private void payload(TarArchiveEntry header, String tarName, long size) throws IOException {
            if (!tarName.startsWith(BundleLayout.PAYLOAD_PREFIX)) {
                throw unsafe("entry " + PrintableText.quote(tarName) + " is neither under "
                        + BundleLayout.PAYLOAD_PREFIX + " nor " + BundleLayout.MANIFEST_NAME);
            }
            String name = tarName.substring(BundleLayout.PAYLOAD_PREFIX.length());
            String problem = EntryNames.problem(name);
            if (problem != null) {
                throw unsafe("entry " + PrintableText.quote(tarName) + " " + problem);
            }
            String conflict = names.add(name);
            if (conflict != null) {
                throw unsafe("entry " + PrintableText.quote(tarName) + " " + conflict);
            }
            // After the name checks, so that a PAX header renaming an entry to an unsafe name
            // is reported as unsafe, not merely as unusual.
            PaxRecords.requireCanonical(tar.extendedHeader(), header);
            int length = EntryNames.utf8Length(name);
            if (length > limits.maxNameLength()) {
                throw limit("entry " + PrintableText.quote(tarName) + " has a name of " + length
                        + " bytes, at most " + limits.maxNameLength() + " are allowed");
            }
            if (entries.size() >= limits.maxEntries()) {
                throw limit("bundle has more than " + limits.maxEntries() + " entries, the limit");
            }
            if (size > limits.maxEntrySize()) {
                throw limit("entry " + PrintableText.quote(tarName) + " has " + size + " bytes, at most "
                        + limits.maxEntrySize() + " are allowed per entry");
            }
            if (size > limits.maxTotalSize() - total) {
                throw limit("entries up to " + PrintableText.quote(tarName) + " add up to more than "
                        + limits.maxTotalSize() + " bytes, the limit for a bundle");
            }
            total += size;
            int index = entries.size();
            visitor.begin(index, name, size);
            BundleEntry read = new BundleEntry(name, size, copy(tarName, size));
            entries.add(read);
            visitor.end(index, read);
        }

        private String copy(String tarName, long size) throws IOException {
            Hasher hasher = Sha256.newHasher();
            long copied = 0;
            for (int n = read(); n >= 0; n = read()) {
                hasher.putBytes(buffer, 0, n);
                visitor.data(buffer, 0, n);
                copied += n;
            }
            if (copied != size) {
                throw integrity("entry " + PrintableText.quote(tarName) + " has " + copied + " of its " + size + " bytes");
            }
            return hasher.hash().toString();
        }

        private int read() throws IOException {
            try {
                return tar.read(buffer, 0, buffer.length);
            } catch (IllegalArgumentException | IllegalStateException | ArithmeticException
                     | IndexOutOfBoundsException e) {
                throw new BundleRejectedException(ReasonCode.INTEGRITY_FAILED,
                        "bundle is not a readable tar archive: " + PrintableText.quote(String.valueOf(e.getMessage())), e);
            }
        }
    }
}
