package io.github.pbxredundancy.core.internal.bundle;

import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.spi.Backup;
import io.github.pbxredundancy.license.PrintableText;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Turns a host's {@link Backup} into the payload entries of a bundle, in bundle order.
 *
 * <p>A directory is walked without following links; every regular file becomes an entry named
 * by its path relative to the directory, and the entries are sorted by name (Java string
 * order) so that equal trees give equal bundles. A symbolic link or special file anywhere,
 * the root included, fails the backup rather than being skipped or followed: skipping would
 * send a silently partial backup, following could send files from outside it. Empty
 * directories carry no content and are not represented. An empty backup (no regular file, or
 * a stream of zero bytes) fails too: it is almost certainly the host's bug.
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
public final class PayloadSources {
    private PayloadSources() {
    }

    /**
     * Lists the entries of a backup, reading no content yet.
     *
     * @throws RedundancyException with {@link ReasonCode#BACKUP_FAILED} naming the file at fault
     */
    public static List<PayloadSource> of(Backup backup) {
        if (backup instanceof Backup.Stream stream) {
            requireSafeName(stream.name(), "backup stream");
            if (stream.size() == 0) {
                throw failed("backup stream " + PrintableText.quote(stream.name())
                        + " is announced with 0 bytes: an empty backup is refused", null);
            }
            return List.of(new PayloadSource.StreamSource(stream.name(), stream.size(), stream.opener()));
        }
        return files(((Backup.Files) backup).root());
    }

    private static List<PayloadSource> files(Path root) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(root, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw failed("backup " + PrintableText.quote(root.toString()) + " cannot be read: " + e, e);
        }
        if (attributes.isRegularFile()) {
            Path fileName = root.getFileName();
            if (fileName == null) {
                throw failed("backup " + PrintableText.quote(root.toString()) + " has no file name", null);
            }
            String name = fileName.toString();
            requireSafeName(name, "backup file");
            return List.of(new PayloadSource.FileSource(name, root));
        }
        if (!attributes.isDirectory()) {
            throw failed("backup " + PrintableText.quote(root.toString()) + " is " + kind(attributes)
                    + "; a backup is a regular file or a directory", null);
        }
        List<PayloadSource> sources = walk(root);
        if (sources.isEmpty()) {
            throw failed("backup directory " + PrintableText.quote(root.toString())
                    + " holds no regular file: an empty backup is refused", null);
        }
        return sources;
    }

    private static List<PayloadSource> walk(Path root) {
        List<PayloadSource> sources = new ArrayList<>();
        try {
            Files.walkFileTree(root, Set.of(), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String name = relativeName(root, file);
                    if (!attributes.isRegularFile()) {
                        throw failed("backup file " + PrintableText.quote(name) + " is " + kind(attributes)
                                + "; a backup holds regular files only, links are not followed", null);
                    }
                    requireSafeName(name, "backup file");
                    sources.add(new PayloadSource.FileSource(name, file));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    throw failed("backup file " + PrintableText.quote(relativeName(root, file)) + " cannot be read: " + e, e);
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    if (e != null) {
                        throw failed("backup directory " + PrintableText.quote(relativeName(root, dir))
                                + " cannot be read completely: " + e, e);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw failed("backup directory " + PrintableText.quote(root.toString()) + " cannot be read: " + e, e);
        }
        sources.sort(Comparator.comparing(PayloadSource::name));
        return sources;
    }

    private static String relativeName(Path root, Path file) {
        StringBuilder name = new StringBuilder();
        for (Path segment : root.relativize(file)) {
            if (name.length() > 0) {
                name.append('/');
            }
            name.append(segment);
        }
        return name.toString();
    }

    private static void requireSafeName(String name, String what) {
        String problem = EntryNames.problem(name);
        if (problem != null) {
            throw failed(what + " " + PrintableText.quote(name) + " cannot be bundled: its name " + problem, null);
        }
    }

    private static String kind(BasicFileAttributes attributes) {
        if (attributes.isSymbolicLink()) {
            return "a symbolic link";
        }
        if (attributes.isDirectory()) {
            return "a directory";
        }
        return "a special file (device, FIFO or socket)";
    }

    private static RedundancyException failed(String message, Throwable cause) {
        return new RedundancyException(ReasonCode.BACKUP_FAILED, message, cause);
    }
}
