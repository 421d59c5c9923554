package io.github.pbxredundancy.core.internal.promotion;

import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.internal.DurableFiles;
import io.github.pbxredundancy.core.promotion.AuditEntry;
import io.github.pbxredundancy.core.promotion.NodeSnapshot;
import io.github.pbxredundancy.core.promotion.NodeState;
import io.github.pbxredundancy.license.PrintableText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's directory: {@code node-state} ({@link NodeStateFile}) and {@code audit.log}
 * ({@link AuditLogFile}), and what a start does with them.
 *
 * <p>Every change is first persisted as the new {@code node-state}, whose {@code last-change}
 * is the change's audit entry and whose {@code audit-entries} counts it, and then appended to
 * the trail. So at a start the trail normally holds {@code audit-entries} entries, the last one
 * the state file's last change; the one crash window (after the state file was replaced, before
 * or during the append) leaves a trail that lacks exactly that entry, perhaps with a torn last
 * line. {@link #load()} repairs exactly that case, and refuses every other disagreement: a
 * state file older than the trail, a missing state file beside a trail with entries, a trail
 * that lost entries or was replaced.
 *
 * <p>Not part of the API. Thread-safe for reading; callers serialise {@link #load},
 * {@link #persist} and {@link #append}.
 */
public final class NodeDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(NodeDirectory.class);

    private final Path directory;
    private final Path stateFile;
    private final Path auditFile;
    /** What the state file holds, as last read or written; guarded by the caller's serialisation. */
    private NodeStateFile.Stored current;

    private NodeDirectory(Path directory) {
        this.directory = directory;
        this.stateFile = directory.resolve(NodeStateFile.NAME);
        this.auditFile = directory.resolve(AuditLogFile.NAME);
    }

    /**
     * Uses a directory, creating it if needed.
     *
     * @param directory the node's directory
     * @return the directory's files
     * @throws InvalidInputException on field {@code directory} if it exists but is not a directory
     * @throws RedundancyException with {@link ReasonCode#UNEXPECTED} if it cannot be created
     */
    public static NodeDirectory create(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw InvalidInputException.of("directory", absolute.toString(), "must be a directory the node's state"
                    + " machine owns");
        }
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new RedundancyException(ReasonCode.UNEXPECTED, "cannot create the node's directory "
                    + PrintableText.quote(absolute.toString()) + ": " + e, e);
        }
        return new NodeDirectory(absolute);
    }

    /** What a start found and did. */
    public record Startup(NodeSnapshot snapshot, List<String> repairs) {
        /** Copies the repairs. */
        public Startup {
            repairs = List.copyOf(repairs);
        }
    }

    /**
     * Reads the snapshot and brings the trail up to it, as the class description says. Leftover
     * temporary files of an unfinished atomic write are removed first (the change they were for
     * did not happen).
     *
     * @return the snapshot ({@link NodeSnapshot#initial()} without a state file) and the repairs
     *     made, one short line each; none on a clean start
     * @throws RedundancyException with {@link ReasonCode#UNEXPECTED} if a file is damaged, or the
     *     two disagree in a way a crash cannot explain; nothing but leftovers is changed then
     */
    public Startup load() {
        List<String> repairs = new ArrayList<>();
        removeLeftover(stateFile, repairs);
        removeLeftover(auditFile, repairs);
        Optional<NodeStateFile.Stored> stored = NodeStateFile.read(stateFile);
        AuditLogFile.Contents trail = AuditLogFile.read(auditFile);
        if (stored.isEmpty()) {
            if (!trail.entries().isEmpty() || trail.tornTail().isPresent()) {
                throw inconsistent("the state file is missing, but the audit trail has entries"
                        + trail.last().map(last -> ", the last " + describe(last)).orElse("") + "; a node that forgot"
                        + " its state or epoch is the split brain this library prevents: restore " + NodeStateFile.NAME
                        + " from a backup, or write it from the trail's last entry");
            }
            createTrailIfMissing(trail);
            current = NodeStateFile.Stored.NONE;
            return new Startup(current.snapshot(), repairs);
        }
        NodeStateFile.Stored found = stored.get();
        AuditEntry change = found.snapshot().lastChange().orElseThrow();
        long expected = found.auditEntries();
        long entries = trail.entries().size();
        Optional<AuditEntry> last = trail.last();
        if (entries == expected && last.equals(Optional.of(change))) {
            cutTornTail(trail, repairs);
            current = found;
            return new Startup(found.snapshot(), repairs);
        }
        if (entries >= expected) {
            throw inconsistent("the state file is older than the audit trail: its last change " + describe(change)
                    + " is entry " + expected + ", but the trail holds " + entries + " entries, the last "
                    + last.map(NodeDirectory::describe).orElse("(none)") + "; restore " + NodeStateFile.NAME + " from a"
                    + " backup, or write it from the trail's last entry");
        }
        if (entries < expected - 1) {
            throw inconsistent("the audit trail " + (trail.exists() ? "holds " + entries + " entries" : "is missing")
                    + ", but the state file's last change " + describe(change) + " is entry " + expected + "; restore "
                    + AuditLogFile.NAME + " from a backup (the trail is the record of who changed this node and why, and"
                    + " is not started again on its own)");
        }
        boolean follows = last.map(previous -> change.from() == previous.to() && change.epoch() >= previous.epoch())
                .orElse(change.from() == NodeState.NOT_CONFIGURED);
        if (!follows) {
            throw inconsistent("the state file's last change " + describe(change) + " does not follow the audit trail's"
                    + " last entry " + last.map(NodeDirectory::describe).orElse("(none)") + "; a file was replaced:"
                    + " restore the directory from a backup");
        }
        createTrailIfMissing(trail);
        cutTornTail(trail, repairs);
        try {
            AuditLogFile.append(auditFile, change);
        } catch (IOException e) {
            throw new RedundancyException(ReasonCode.UNEXPECTED, "cannot complete the audit trail "
                    + PrintableText.quote(auditFile.toString()) + ": " + e, e);
        }
        repairs.add("appended the last change " + change.action() + " at " + change.at() + ", persisted but not yet"
                + " audited when the node stopped");
        LOG.warn("Completed the audit trail {}: the node had stopped after persisting {} and before auditing it", auditFile,
                describe(change));
        current = found;
        return new Startup(found.snapshot(), repairs);
    }

    /**
     * Replaces the state file, if it still holds what this directory last read or wrote; see
     * {@link NodeStateFile#replace}. Counts the change's audit entry, which the caller appends
     * next.
     *
     * @param expected the snapshot the caller holds
     * @param next the new snapshot, with its last change
     * @throws IOException if it cannot be written
     */
    public void persist(NodeSnapshot expected, NodeSnapshot next) throws IOException {
        if (!current.snapshot().equals(expected)) {
            throw new IllegalStateException("the caller's snapshot is not the one last persisted");
        }
        NodeStateFile.Stored written = new NodeStateFile.Stored(next, current.auditEntries() + 1);
        NodeStateFile.replace(stateFile, current, written);
        current = written;
    }

    /**
     * Appends an entry to the trail and forces it to disk.
     *
     * @param entry the entry
     * @throws IOException if it cannot be written
     */
    public void append(AuditEntry entry) throws IOException {
        AuditLogFile.append(auditFile, entry);
    }

    /** The directory, absolute. */
    public Path directory() {
        return directory;
    }

    /** The state file. */
    public Path stateFile() {
        return stateFile;
    }

    /** The audit trail's file. */
    public Path auditFile() {
        return auditFile;
    }

    /**
     * An entry in a few words for messages.
     *
     * @param entry the entry
     * @return e.g. {@code PROMOTION_REQUESTED (WARM_STANDBY to PROMOTING, epoch 3) at 2016-01-26T06:00:00Z}
     */
    static String describe(AuditEntry entry) {
        return entry.action() + " (" + entry.from() + " to " + entry.to() + ", epoch " + entry.epoch() + ") at "
                + entry.at();
    }

    private void createTrailIfMissing(AuditLogFile.Contents trail) {
        if (trail.exists()) {
            return;
        }
        try {
            AuditLogFile.create(auditFile);
        } catch (IOException e) {
            throw new RedundancyException(ReasonCode.UNEXPECTED, "cannot create the audit trail "
                    + PrintableText.quote(auditFile.toString()) + ": " + e, e);
        }
    }

    private void cutTornTail(AuditLogFile.Contents trail, List<String> repairs) {
        if (trail.tornTail().isEmpty()) {
            return;
        }
        try {
            AuditLogFile.cutTornTail(auditFile, trail.validLength());
        } catch (IOException e) {
            throw new RedundancyException(ReasonCode.UNEXPECTED, "cannot cut the torn last line off the audit trail "
                    + PrintableText.quote(auditFile.toString()) + ": " + e, e);
        }
        LOG.warn("Cut a torn last line off the audit trail {}, left by a crash in the middle of an append: {}", auditFile,
                trail.tornTail().get());
        repairs.add("cut a torn last line off the audit trail");
    }

    private static void removeLeftover(Path file, List<String> repairs) {
        Path temp = file.resolveSibling(file.getFileName() + DurableFiles.TEMP_SUFFIX);
        if (Files.exists(temp, LinkOption.NOFOLLOW_LINKS) && DurableFiles.deleteQuietly(temp)) {
            LOG.warn("Removed {}, an unfinished write of {} left by a crash; the change it was for did not happen", temp,
                    file.getFileName());
            repairs.add("removed an unfinished write of " + file.getFileName() + "; the change it was for did not happen");
        }
    }

    private RedundancyException inconsistent(String problem) {
        return new RedundancyException(ReasonCode.UNEXPECTED, "the node's directory " + PrintableText.quote(
                directory.toString()) + " is inconsistent: " + problem + "; the node does not start until it is repaired");
    }
}
