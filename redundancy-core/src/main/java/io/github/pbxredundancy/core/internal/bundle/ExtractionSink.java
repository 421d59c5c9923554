package io.github.pbxredundancy.core.internal.bundle;

import io.github.pbxredundancy.core.BundleEntry;
import io.github.pbxredundancy.core.BundleRejectedException;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.license.PrintableText;
import io.github.pbxredundancy.core.internal.FileTrees;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes the payload entries of a verified bundle below an empty directory, checking each
 * against the verified manifest as it goes: name and size before the first byte is written,
 * SHA-256 after the last. The file may have changed since it was verified.
 *
 * <p>Safety does not rest on the name checks alone: every target path is resolved segment by
 * segment, normalised and required to stay below the base directory; directories are created
 * one by one and an existing one must not be a link; files are created with
 * {@code CREATE_NEW} and {@code NOFOLLOW_LINKS}, so nothing is overwritten and no link is
 * followed. Each file is forced to disk before it is closed.
 *
 * <p>Not part of the API. Not thread-safe: one instance per extraction.
 */
public final class ExtractionSink implements PayloadVisitor {
    private final Path base;
    private final List<BundleEntry> expected;
    private FileChannel current;
    private Path currentPath;

    /**
     * @param base the empty target directory, absolute and normalised
     * @param expected the verified manifest's entries
     */
    public ExtractionSink(Path base, List<BundleEntry> expected) {
        this.base = base;
        this.expected = expected;
    }

    @Override
    public void begin(int index, String name, long size) {
        if (index >= expected.size()) {
            throw changed("entry " + quote(name) + " is entry " + (index + 1) + ", the verified bundle had "
                    + expected.size() + " entries");
        }
        BundleEntry verified = expected.get(index);
        if (!verified.name().equals(name) || verified.size() != size) {
            throw changed("entry " + (index + 1) + " is " + quote(name) + " of " + size + " bytes, it was "
                    + quote(verified.name()) + " of " + verified.size() + " bytes");
        }
        Path file = resolve(name);
        createParents(file.getParent());
        try {
            current = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            currentPath = file;
        } catch (FileAlreadyExistsException e) {
            throw collision(name, e);
        } catch (IOException e) {
            throw writeFailure(file, e);
        }
    }

    @Override
    public void data(byte[] buffer, int offset, int length) {
        ByteBuffer bytes = ByteBuffer.wrap(buffer, offset, length);
        try {
            while (bytes.hasRemaining()) {
                current.write(bytes);
            }
        } catch (IOException e) {
            throw writeFailure(currentPath, e);
        }
    }

    @Override
    public void end(int index, BundleEntry entry) {
        String verified = expected.get(index).sha256();
        if (!verified.equals(entry.sha256())) {
            throw changed("entry " + quote(entry.name()) + " has SHA-256 " + entry.sha256() + ", verified was " + verified);
        }
        try {
            current.force(true);
            current.close();
            current = null;
        } catch (IOException e) {
            throw writeFailure(currentPath, e);
        }
    }

    /**
     * Undoes the extraction after a failure: closes the open file and deletes everything below
     * the base directory (which was empty before), without following links. Problems are
     * added to {@code failure} as suppressed exceptions.
     */
    public void discard(Throwable failure) {
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
        try {
            FileTrees.delete(base, true);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private Path resolve(String name) {
        Path path = base;
        for (String segment : name.split("/")) {
            path = path.resolve(segment);
        }
        // Second line of defence: the name was checked, but the file system decides what a
        // segment means (drive letters, reserved names); refuse whatever does not stay below.
        Path normalized = path.normalize();
        if (!normalized.equals(path) || !normalized.startsWith(base) || normalized.equals(base)) {
            throw new BundleRejectedException(ReasonCode.UNSAFE_ARCHIVE,
                    "entry " + quote(name) + " resolves to " + PrintableText.quote(path.toString())
                            + ", outside the target directory " + PrintableText.quote(base.toString()));
        }
        return path;
    }

    private void createParents(Path directory) {
        Path path = base;
        for (Path segment : base.relativize(directory)) {
            path = path.resolve(segment);
            if (segment.toString().isEmpty() || Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                Files.createDirectory(path);
            } catch (FileAlreadyExistsException e) {
                throw collision(base.relativize(path).toString(), e);
            } catch (IOException e) {
                throw writeFailure(path, e);
            }
        }
    }

    private static BundleRejectedException changed(String message) {
        return new BundleRejectedException(ReasonCode.INTEGRITY_FAILED,
                "bundle changed since it was verified: " + message);
    }

    private static BundleRejectedException collision(String name, IOException cause) {
        return new BundleRejectedException(ReasonCode.UNSAFE_ARCHIVE, "entry " + quote(name)
                + " collides with an entry extracted before it (a case-insensitive file system?)", cause);
    }

    private static RedundancyException writeFailure(Path path, IOException e) {
        return new RedundancyException(ReasonCode.IMPORT_FAILED,
                "cannot write " + PrintableText.quote(path.toString()) + " while extracting a bundle: " + e, e);
    }

    private static String quote(String name) {
        return PrintableText.quote(name);
    }
}
