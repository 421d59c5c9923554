package io.github.pbxredundancy.core.internal.transport;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.spi.InboxFile;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the inbox: the bundles ready to judge, and the stale {@code .part} files to sweep.
 * Names that do not follow the protocol are left alone; a {@code .bundle} whose id is not valid
 * is logged once while it stays.
 *
 * <p>Not part of the API. Not thread-safe: the watcher scans from one thread at a time.
 */
public final class InboxScan {
    private static final Logger LOG = LoggerFactory.getLogger(InboxScan.class);

    private final Path inbox;
    private final Set<String> reported = new HashSet<>();

    /**
     * @param inbox the inbox directory
     */
    public InboxScan(Path inbox) {
        this.inbox = inbox;
    }

    /**
     * @return the ids of every {@code <id>.bundle} in the inbox, in id order (creation order for
     *     generated ids)
     * @throws IOException if the inbox cannot be listed
     */
    public List<BundleId> bundles() throws IOException {
        Set<BundleId> ids = new TreeSet<>();
        Set<String> foreign = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(inbox)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.endsWith(InboxFile.BUNDLE.suffix())) {
                    Optional<BundleId> id = InboxFile.BUNDLE.idOf(name);
                    if (id.isPresent()) {
                        ids.add(id.get());
                    } else {
                        foreign.add(name);
                    }
                }
            }
        }
        reported.retainAll(foreign);
        for (String name : foreign) {
            if (reported.add(name)) {
                LOG.warn("Ignoring {} in the inbox {}: not a valid bundle id", name, inbox);
            }
        }
        return List.copyOf(ids);
    }

    /**
     * Deletes every {@code <id>.part} (which includes {@code <id>.sha256.part},
     * {@code <id>.ack.part}, {@code <id>.nack.part}) last modified before {@code cutoff}; links
     * are deleted as links, directories are left alone.
     *
     * @param cutoff files older than this go
     * @return the files deleted
     * @throws IOException if the inbox cannot be listed
     */
    public List<Path> sweep(Instant cutoff) throws IOException {
        List<Path> parts = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(inbox)) {
            for (Path entry : entries) {
                if (InboxFile.PART.idOf(entry.getFileName().toString()).isPresent()) {
                    parts.add(entry);
                }
            }
        }
        List<Path> deleted = new ArrayList<>();
        for (Path part : parts) {
            // Checked right before deleting: a sender may have renamed or restarted it meanwhile.
            if (stale(part, cutoff) && Files.deleteIfExists(part)) {
                LOG.info("Swept the stale {} from the inbox {}", part.getFileName(), inbox);
                deleted.add(part);
            }
        }
        return List.copyOf(deleted);
    }

    private static boolean stale(Path entry, Instant cutoff) throws IOException {
        Optional<BasicFileAttributes> attributes = InboxIo.attributes(entry);
        return attributes.isPresent() && !attributes.get().isDirectory()
                && attributes.get().lastModifiedTime().toInstant().isBefore(cutoff);
    }
}
