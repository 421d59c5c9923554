package io.github.pbxredundancy.core;

import com.google.common.hash.Hashing;
import com.google.common.hash.HashingOutputStream;
import io.github.pbxredundancy.core.internal.bundle.BundleLayout;
import io.github.pbxredundancy.core.internal.bundle.ManifestCodec;
import io.github.pbxredundancy.core.internal.bundle.PayloadSource;
import io.github.pbxredundancy.core.internal.bundle.PayloadSources;
import io.github.pbxredundancy.core.spi.Backup;
import io.github.pbxredundancy.license.PrintableText;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Wraps a host's backup into a bundle (R1, B4): an uncompressed tar holding every backup file
 * under {@code payload/} and, last, the manifest with every entry's size and SHA-256 (see
 * {@code docs/bundle-format.md}).
 *
 * <p>Writing is one streaming pass: each file is read once, hashed while it is copied, and the
 * manifest goes last because it holds those hashes. The heap use does not grow with the
 * backup's size: data passes through a 64 KiB buffer; one small record per entry is kept for
 * the manifest. The output is deterministic: the same backup and header give the same bytes.
 *
 * <p>Stateless and thread-safe; concurrent calls must use different targets.
 */
public final class BundleWriter {
    private static final int BUFFER_SIZE = 64 * 1024;

    /** Creates a writer; it has no state, one instance can serve every thread. */
    public BundleWriter() {
        // Nothing to set up.
    }

    /**
     * Writes one bundle and forces it to disk.
     *
     * @param backup the host's backup, read once
     * @param header what the manifest says besides the entries
     * @param target where to write; must not exist yet (the writer never overwrites). On any
     *     failure the partial file is deleted
     * @return the bundle with its manifest, size and whole-file SHA-256
     * @throws RedundancyException with {@link ReasonCode#BACKUP_FAILED} if the backup cannot be
     *     read, is empty, holds a symbolic link or special file or a name that is not a safe
     *     relative path, or does not deliver exactly its announced size; with
     *     {@link ReasonCode#UNEXPECTED} if the bundle cannot be written
     * @throws InvalidInputException if {@code target} exists already
     */
    public WrittenBundle write(Backup backup, BundleHeader header, Path target) {
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(target, "target");
        List<PayloadSource> sources = PayloadSources.of(backup);
        FileChannel channel = create(target);
        try {
            WrittenBundle written = write(sources, header, target, channel);
            channel.close();
            return written;
        } catch (IOException e) {
            RedundancyException failure = new RedundancyException(ReasonCode.UNEXPECTED,
                    "cannot write bundle " + PrintableText.quote(target.toString()) + ": " + e, e);
            discard(channel, target, failure);
            throw failure;
        } catch (RuntimeException | Error e) {
            discard(channel, target, e);
            throw e;
        }
    }

    private static WrittenBundle write(List<PayloadSource> sources, BundleHeader header, Path target,
            FileChannel channel) throws IOException {
        // Not closed here: closing would close the channel before force(); the caller closes it.
        BufferedOutputStream buffered = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_SIZE);
        HashingOutputStream hashing = new HashingOutputStream(Hashing.sha256(), buffered);
        TarArchiveOutputStream tar = BundleLayout.newTarOutput(hashing);
        byte[] buffer = new byte[BUFFER_SIZE];
        List<BundleEntry> entries = new ArrayList<>(sources.size());
        for (PayloadSource source : sources) {
            entries.add(source.writeTo(tar, header.createdAt(), buffer));
        }
        BundleManifest manifest = BundleManifest.of(header, entries);
        if (manifest.payloadSize() == 0) {
            throw new RedundancyException(ReasonCode.BACKUP_FAILED, "backup holds " + entries.size()
                    + (entries.size() == 1 ? " file" : " files") + " of 0 bytes: an empty backup is refused");
        }
        byte[] text = ManifestCodec.render(manifest);
        tar.putArchiveEntry(BundleLayout.fileEntry(BundleLayout.MANIFEST_NAME, text.length, header.createdAt()));
        tar.write(text);
        tar.closeArchiveEntry();
        tar.finish();
        // The tar stream's flush() does not reach the streams below it; finish() has written
        // every record into them, so flush the buffer itself.
        buffered.flush();
        channel.force(true);
        return new WrittenBundle(manifest, target, channel.size(), hashing.hash().toString());
    }

    private static FileChannel create(Path target) {
        try {
            return FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw InvalidInputException.of("bundle target", target.toString(),
                    "must not exist yet; the writer never overwrites a file");
        } catch (IOException e) {
            throw new RedundancyException(ReasonCode.UNEXPECTED,
                    "cannot create bundle " + PrintableText.quote(target.toString()) + ": " + e, e);
        }
    }

    private static void discard(FileChannel channel, Path target, Throwable failure) {
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
        try {
            Files.deleteIfExists(target);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
