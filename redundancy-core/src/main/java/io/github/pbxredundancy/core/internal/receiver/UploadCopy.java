package io.github.pbxredundancy.core.internal.receiver;

import com.google.common.hash.Hasher;
import io.github.pbxredundancy.core.BundleEntry;
import io.github.pbxredundancy.core.BundleLimits;
import io.github.pbxredundancy.core.Initialization;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.internal.bundle.EntryNames;
import io.github.pbxredundancy.core.internal.bundle.ManifestCodec;
import io.github.pbxredundancy.core.internal.bundle.PayloadSource;
import io.github.pbxredundancy.core.internal.bundle.PayloadSources;
import io.github.pbxredundancy.core.internal.bundle.Sha256;
import io.github.pbxredundancy.core.spi.Backup;
import io.github.pbxredundancy.license.PrintableText;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies an uploaded raw backup into a directory the receiver owns, hashing every byte on the
 * way, so that the host imports exactly the bytes that were hashed and recorded even if the
 * upload changes afterwards. The upload is listed as a bundle's payload would be
 * ({@link PayloadSources}: no links or special files, safe names, not empty) and kept within the
 * receiver's {@link BundleLimits}, because it is the same backup a bundle would carry (R23).
 *
 * <p>Failures of the upload are {@link ReasonCode#BACKUP_FAILED} (unreadable, cut short or grown
 * while copied, a link inside), {@link ReasonCode#LIMIT_EXCEEDED} (too large); failures to write
 * the copy are {@link ReasonCode#IMPORT_FAILED}.
 *
 * <p>Not part of the API. Stateless and thread-safe; concurrent calls need different targets.
 */
final class UploadCopy {
    private static final int BUFFER = 64 * 1024;

    private UploadCopy() {
    }

    /**
     * Copies the upload into {@code target}, an existing empty directory.
     *
     * @return the upload's name, file count, size and SHA-256
     * @throws RedundancyException as described above
     */
    static Initialization.RawBackup copy(Backup upload, Path target, BundleLimits limits) {
        List<PayloadSource> sources = PayloadSources.of(upload);
        checkListing(sources, limits);
        List<BundleEntry> entries = new ArrayList<>(sources.size());
        long total = 0;
        byte[] buffer = new byte[BUFFER];
        for (PayloadSource source : sources) {
            BundleEntry entry = copyOne(source, target, limits, total, buffer);
            entries.add(entry);
            total += entry.size();
        }
        boolean directory = upload instanceof Backup.Files files
                && Files.isDirectory(files.root(), LinkOption.NOFOLLOW_LINKS);
        String sha256 = directory ? ManifestCodec.contentSha256(entries) : entries.get(0).sha256();
        return new Initialization.RawBackup(nameOf(upload), entries.size(), total, sha256);
    }

    private static void checkListing(List<PayloadSource> sources, BundleLimits limits) {
        if (sources.size() > limits.maxEntries()) {
            throw limit("the upload holds " + sources.size() + " files, at most " + limits.maxEntries() + " are allowed");
        }
        for (PayloadSource source : sources) {
            if (EntryNames.utf8Length(source.name()) > limits.maxNameLength()) {
                throw limit("the upload's file name " + PrintableText.quote(source.name()) + " is longer than "
                        + limits.maxNameLength() + " bytes");
            }
        }
    }

    private static BundleEntry copyOne(PayloadSource source, Path target, BundleLimits limits, long copiedSoFar,
            byte[] buffer) {
        String what = (source instanceof PayloadSource.FileSource ? "uploaded file " : "uploaded stream ")
                + PrintableText.quote(source.name());
        try (Opened in = open(source, what)) {
            if (in.size() > limits.maxEntrySize() || in.size() > limits.maxTotalSize() - copiedSoFar) {
                throw limit(what + " has " + in.size() + " bytes; a file may have at most " + limits.maxEntrySize()
                        + " and the whole backup at most " + limits.maxTotalSize());
            }
            Path file = target.resolve(source.name());
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw importFailed("cannot create " + PrintableText.quote(file.getParent().toString()) + " for the copy", e);
            }
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                return new BundleEntry(source.name(), in.size(), copyExactly(in, what, out, buffer));
            } catch (IOException e) {
                throw importFailed("cannot copy " + what + " to " + PrintableText.quote(file.toString()), e);
            }
        } catch (IOException e) {
            throw backupFailed(what + " cannot be closed: " + e, e);
        }
    }

    /** Copies exactly the announced bytes; a source that ends early or has more fails the upload. */
    private static String copyExactly(Opened in, String what, OutputStream out, byte[] buffer) throws IOException {
        Hasher hasher = Sha256.newHasher();
        long remaining = in.size();
        while (remaining > 0) {
            int n = read(in.stream(), buffer, (int) Math.min(buffer.length, remaining), what);
            if (n < 0) {
                throw backupFailed(what + " ended after " + (in.size() - remaining) + " of its " + in.size()
                        + " bytes: it was cut short or changed while being copied", null);
            }
            hasher.putBytes(buffer, 0, n);
            out.write(buffer, 0, n);
            remaining -= n;
        }
        if (read(in.stream(), buffer, 1, what) >= 0) {
            throw backupFailed(what + " has more than its " + in.size() + " bytes: it grew or changed while being copied",
                    null);
        }
        return hasher.hash().toString();
    }

    private static int read(InputStream in, byte[] buffer, int length, String what) {
        try {
            return in.read(buffer, 0, length);
        } catch (IOException e) {
            throw backupFailed(what + " cannot be read: " + e, e);
        }
    }

    /** An open source with the number of bytes it must deliver. */
    private record Opened(InputStream stream, long size) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            stream.close();
        }
    }

    private static Opened open(PayloadSource source, String what) {
        try {
            if (source instanceof PayloadSource.FileSource file) {
                // Without following links, and sized from the open file: a file swapped after listing is refused.
                FileChannel channel = FileChannel.open(file.file(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                try {
                    return new Opened(Channels.newInputStream(channel), channel.size());
                } catch (IOException e) {
                    channel.close();
                    throw e;
                }
            }
            PayloadSource.StreamSource stream = (PayloadSource.StreamSource) source;
            InputStream in = stream.opener().open();
            if (in == null) {
                throw backupFailed(what + " cannot be opened: the host's opener returned null", null);
            }
            return new Opened(in, stream.size());
        } catch (IOException e) {
            throw backupFailed(what + " cannot be opened: " + e, e);
        }
    }

    private static String nameOf(Backup upload) {
        if (upload instanceof Backup.Stream stream) {
            return stream.name();
        }
        Path root = ((Backup.Files) upload).root().toAbsolutePath().normalize();
        Path name = root.getFileName();
        return name == null ? root.toString() : name.toString();
    }

    private static RedundancyException backupFailed(String message, Throwable cause) {
        return new RedundancyException(ReasonCode.BACKUP_FAILED, message, cause);
    }

    private static RedundancyException limit(String message) {
        return new RedundancyException(ReasonCode.LIMIT_EXCEEDED, message + " (the receiver's bundle limits)");
    }

    private static RedundancyException importFailed(String message, IOException cause) {
        return new RedundancyException(ReasonCode.IMPORT_FAILED, message + ": " + cause, cause);
    }
}
