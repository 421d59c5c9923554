package io.github.pbxredundancy.transport.http.internal;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.license.PrintableText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiver's own upload directory: for each upload {@code <id>.part} (the bytes so far) and
 * {@code <id>.upload} (what was announced, and whether the bundle was accepted), the latter
 * replaced atomically through {@code <id>.upload.tmp}. Nothing in it is followed through a link;
 * an entry of these names that is not a regular file is deleted. Other names are left alone and
 * logged once.
 *
 * <pre>
 * length=1234567
 * sha256=9f2c…(64 hex digits)
 * state=receiving          (or accepted: the part is gone, the verdict is remembered)
 * epoch=5                  only when accepted: the standby's epoch in the remembered verdict
 * </pre>
 * A record without {@code epoch} (written before receipts carried the epoch) is read as epoch 0,
 * unknown.
 *
 * <p>Not part of the API. Not thread-safe per id: callers hold the id's lock; {@link #sweep} locks
 * each id it deletes.
 */
public final class UploadStore {
    /** Suffix of the bytes of an upload. */
    public static final String PART = ".part";
    /** Suffix of an upload's record. */
    public static final String RECORD = ".upload";
    /** Suffix of a record being replaced. */
    public static final String RECORD_TMP = ".upload.tmp";

    private static final Logger LOG = LoggerFactory.getLogger(UploadStore.class);
    private static final int MAX_RECORD_BYTES = 1024;
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern EPOCH = Pattern.compile("0|[1-9][0-9]{0,18}");

    private final Path directory;
    private final Set<String> loggedNames = ConcurrentHashMap.newKeySet();

    /**
     * One upload as the record and the part say.
     *
     * @param id the bundle
     * @param length the announced size
     * @param sha256 the announced SHA-256
     * @param accepted whether the receiver's handler accepted it (then the part is gone)
     * @param offset the bytes received: the part's size, or {@code length} if accepted
     * @param epoch the standby's epoch in the acceptance, 0 if unknown or not accepted
     */
    public record Upload(BundleId id, long length, String sha256, boolean accepted, long offset, long epoch) {
        /**
         * An upload without an acceptance's epoch.
         *
         * @param id the bundle
         * @param length the announced size
         * @param sha256 the announced SHA-256
         * @param accepted whether it was accepted
         * @param offset the bytes received
         */
        public Upload(BundleId id, long length, String sha256, boolean accepted, long offset) {
            this(id, length, sha256, accepted, offset, 0);
        }

        /** @return whether every announced byte is there */
        public boolean complete() {
            return offset == length;
        }
    }

    /**
     * @param directory the upload directory, created if missing
     * @throws IOException if it cannot be created or is not a directory
     */
    public UploadStore(Path directory) throws IOException {
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
        Files.createDirectories(this.directory);
        if (!Files.isDirectory(this.directory, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("'" + this.directory + "' is not a directory");
        }
    }

    /** @return the directory, absolute */
    public Path directory() {
        return directory;
    }

    /**
     * @param id the bundle
     * @return the part file of its upload
     */
    public Path part(BundleId id) {
        return directory.resolve(id.value() + PART);
    }

    /**
     * Reads an upload's record and part. A record that is damaged, or whose part is missing,
     * not a regular file or longer than announced, is deleted with its part: the upload is gone
     * and the sender starts afresh.
     *
     * @param id the bundle
     * @return the upload, or empty if there is none
     * @throws IOException if the directory cannot be read
     */
    public Optional<Upload> find(BundleId id) throws IOException {
        Path record = record(id);
        Optional<BasicFileAttributes> recordAttributes = attributes(record);
        if (recordAttributes.isEmpty()) {
            deleteIfPresent(part(id));
            return Optional.empty();
        }
        Optional<Upload> upload = recordAttributes.get().isRegularFile() ? read(id, record) : Optional.empty();
        if (upload.isEmpty()) {
            LOG.warn("The record of upload {} in {} is damaged; the upload starts afresh", id, directory);
            remove(id);
            return Optional.empty();
        }
        if (upload.get().accepted()) {
            deleteIfPresent(part(id));
            return upload;
        }
        Optional<BasicFileAttributes> partAttributes = attributes(part(id));
        if (partAttributes.isEmpty() || !partAttributes.get().isRegularFile() || partAttributes.get().size() > upload.get().length()) {
            LOG.warn("The part of upload {} in {} is missing, not a regular file or too long; the upload starts afresh", id,
                    directory);
            remove(id);
            return Optional.empty();
        }
        Upload found = upload.get();
        return Optional.of(new Upload(id, found.length(), found.sha256(), false, partAttributes.get().size()));
    }

    /**
     * Starts an upload afresh: an empty part and a record, both durable.
     *
     * @param id the bundle
     * @param length the announced size
     * @param sha256 the announced SHA-256
     * @return the new upload, at offset 0
     * @throws IOException if the files cannot be written
     */
    public Upload create(BundleId id, long length, String sha256) throws IOException {
        remove(id);
        try (FileChannel part = FileChannel.open(part(id), StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW,
                LinkOption.NOFOLLOW_LINKS)) {
            part.force(true);
        }
        writeRecord(id, length, sha256, false, 0);
        return new Upload(id, length, sha256, false, 0);
    }

    /**
     * @param id the bundle
     * @return the part, open for writing, positioned nowhere in particular
     * @throws IOException if it cannot be opened
     */
    public FileChannel openPart(BundleId id) throws IOException {
        return FileChannel.open(part(id), StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Records that the handler accepted the upload, and deletes its part.
     *
     * @param upload the upload
     * @param epoch the standby's epoch in the acceptance, repeated when the verdict is asked for again
     * @throws IOException if the record cannot be written
     */
    public void markAccepted(Upload upload, long epoch) throws IOException {
        writeRecord(upload.id(), upload.length(), upload.sha256(), true, epoch);
        deleteIfPresent(part(upload.id()));
    }

    /**
     * Deletes every file of an upload.
     *
     * @param id the bundle
     * @throws IOException if a file cannot be deleted
     */
    public void remove(BundleId id) throws IOException {
        deleteIfPresent(part(id));
        deleteIfPresent(directory.resolve(id.value() + RECORD_TMP));
        deleteIfPresent(record(id));
    }

    /**
     * Computes the SHA-256 of an upload's part.
     *
     * @param id the bundle
     * @return 64 lower-case hex digits
     * @throws IOException if the part cannot be read
     */
    public String hashPart(BundleId id) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = Files.newInputStream(part(id), LinkOption.NOFOLLOW_LINKS)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Deletes every upload none of whose files changed since {@code cutoff} and that is not in
     * use, and every entry of the store's names that is not a regular file.
     *
     * @param cutoff uploads last written before this instant are abandoned
     * @param lockIfIdle takes the id's lock if nobody holds it, returning a release, or empty
     * @return how many files it deleted
     * @throws IOException if the directory cannot be listed
     */
    public int sweep(Instant cutoff, Function<BundleId, Optional<KeyedLocks.Held>> lockIfIdle) throws IOException {
        Map<BundleId, Instant> newest = new TreeMap<>();
        int deleted = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                Optional<BundleId> id = idOf(name);
                if (id.isEmpty()) {
                    if (loggedNames.add(name)) {
                        LOG.info("Leaving {} in the upload directory {} alone: not a name the receiver writes",
                                PrintableText.quote(name), directory);
                    }
                    continue;
                }
                Optional<BasicFileAttributes> attributes = attributes(entry);
                if (attributes.isEmpty()) {
                    continue;
                }
                if (!attributes.get().isRegularFile()) {
                    LOG.warn("Deleting {} from the upload directory {}: not a regular file", PrintableText.quote(name), directory);
                    deleted += deleteIfPresent(entry) ? 1 : 0;
                    continue;
                }
                Instant modified = attributes.get().lastModifiedTime().toInstant();
                newest.merge(id.get(), modified, (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        for (Map.Entry<BundleId, Instant> upload : newest.entrySet()) {
            if (!upload.getValue().isBefore(cutoff)) {
                continue;
            }
            Optional<KeyedLocks.Held> lock = lockIfIdle.apply(upload.getKey());
            if (lock.isEmpty()) {
                continue;
            }
            try {
                deleted += removeCounting(upload.getKey());
                LOG.info("Swept the abandoned upload {} from {}: untouched since {}", upload.getKey(), directory, upload.getValue());
            } finally {
                lock.get().close();
            }
        }
        return deleted;
    }

    private int removeCounting(BundleId id) throws IOException {
        int count = 0;
        for (String suffix : new String[] {PART, RECORD_TMP, RECORD}) {
            count += deleteIfPresent(directory.resolve(id.value() + suffix)) ? 1 : 0;
        }
        return count;
    }

    /** @return the id of a name the store writes, or empty */
    static Optional<BundleId> idOf(String name) {
        String stem;
        if (name.endsWith(RECORD_TMP)) {
            stem = name.substring(0, name.length() - RECORD_TMP.length());
        } else if (name.endsWith(RECORD)) {
            stem = name.substring(0, name.length() - RECORD.length());
        } else if (name.endsWith(PART)) {
            stem = name.substring(0, name.length() - PART.length());
        } else {
            return Optional.empty();
        }
        try {
            return Optional.of(BundleId.parse(stem));
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
    }

    private Path record(BundleId id) {
        return directory.resolve(id.value() + RECORD);
    }

    private Optional<Upload> read(BundleId id, Path record) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(record, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes(MAX_RECORD_BYTES + 1);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (bytes.length > MAX_RECORD_BYTES) {
            return Optional.empty();
        }
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (!text.endsWith("\n")) {
            return Optional.empty();
        }
        Map<String, String> fields = new HashMap<>();
        for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
            int equals = line.indexOf('=');
            if (equals <= 0 || fields.put(line.substring(0, equals), line.substring(equals + 1)) != null) {
                return Optional.empty();
            }
        }
        String sha256 = fields.get("sha256");
        String state = fields.get("state");
        long length;
        try {
            length = UploadHeaders.parseCount("length", fields.get("length"));
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
        if (sha256 == null || !HEX.matcher(sha256).matches() || !("receiving".equals(state) || "accepted".equals(state))) {
            return Optional.empty();
        }
        boolean accepted = "accepted".equals(state);
        String epochText = fields.get("epoch");
        long epoch = 0;
        if (epochText != null) {
            if (!accepted || !EPOCH.matcher(epochText).matches()) {
                return Optional.empty();
            }
            try {
                epoch = Long.parseLong(epochText);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(new Upload(id, length, sha256, accepted, accepted ? length : 0, epoch));
    }

    private void writeRecord(BundleId id, long length, String sha256, boolean accepted, long epoch) throws IOException {
        byte[] bytes = ("length=" + length + "\nsha256=" + sha256 + "\nstate=" + (accepted ? "accepted" : "receiving") + "\n"
                + (accepted ? "epoch=" + epoch + "\n" : "")).getBytes(StandardCharsets.US_ASCII);
        Path tmp = directory.resolve(id.value() + RECORD_TMP);
        deleteIfPresent(tmp);
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW,
                LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        try {
            Files.move(tmp, record(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            deleteIfPresent(tmp);
            throw new IOException("the upload directory " + directory + " cannot rename atomically", e);
        }
        forceDirectory();
    }

    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform can force a directory (Windows); the rename itself is atomic.
            LOG.trace("Cannot force the directory {}", directory, e);
        }
    }

    private static Optional<BasicFileAttributes> attributes(Path path) throws IOException {
        try {
            return Optional.of(Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static boolean deleteIfPresent(Path path) throws IOException {
        return Files.deleteIfExists(path);
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
