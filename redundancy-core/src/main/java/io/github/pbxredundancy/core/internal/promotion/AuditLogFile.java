package io.github.pbxredundancy.core.internal.promotion;

import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.internal.DurableFiles;
import io.github.pbxredundancy.core.promotion.AuditEntry;
import io.github.pbxredundancy.core.promotion.NodeState;
import io.github.pbxredundancy.license.PrintableText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code <directory>/audit.log}: a header line, then one {@link AuditLineCodec} line per entry,
 * each ending in a line feed. Created atomically with its header; entries are only ever appended,
 * each forced to disk before the append returns.
 *
 * <p>Reading is strict: a foreign header, a line that does not parse, or an entry that does not
 * follow from the one before (its {@code from} is not the previous {@code to}, its epoch lower)
 * is damage, reported with the file and the line number. Only bytes after the last line feed, a
 * line torn by a crash in the middle of an append, are reported and left out.
 *
 * <p>Not part of the API. Stateless and thread-safe; callers serialise appends.
 */
public final class AuditLogFile {
    /** The file's name in the node's directory. */
    public static final String NAME = "audit.log";
    /** The first line, which marks the file as this library's audit trail. */
    static final String HEADER = "# pbx-redundancy audit trail, format 1";

    private AuditLogFile() {
    }

    /**
     * What the file holds.
     *
     * @param exists whether the file exists
     * @param entries the complete entries in order
     * @param validLength the bytes up to and including the last line feed; the file's length
     *     unless a line is torn
     * @param tornTail the bytes after the last line feed, made printable; empty if none
     */
    public record Contents(boolean exists, List<AuditEntry> entries, long validLength, Optional<String> tornTail) {
        /** Copies the entries. */
        public Contents {
            entries = List.copyOf(entries);
            Objects.requireNonNull(tornTail, "tornTail");
        }

        /**
         * The last complete entry.
         *
         * @return the entry; empty if there is none
         */
        public Optional<AuditEntry> last() {
            return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1));
        }
    }

    /**
     * Reads the file.
     *
     * @param file the file
     * @return its contents; {@code exists} false and no entries if it does not exist
     * @throws RedundancyException with {@link ReasonCode#UNEXPECTED} if it cannot be read or is
     *     damaged; the message names the file, the line and what is wrong
     */
    public static Contents read(Path file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readAllBytes();
        } catch (NoSuchFileException e) {
            return new Contents(false, List.of(), 0, Optional.empty());
        } catch (IOException e) {
            throw new RedundancyException(ReasonCode.UNEXPECTED, "cannot read the audit trail "
                    + PrintableText.quote(file.toString()) + ": " + e, e);
        }
        List<AuditEntry> entries = new ArrayList<>();
        int start = 0;
        int lineNumber = 0;
        for (int end = indexOf(bytes, start); end >= 0; end = indexOf(bytes, start)) {
            lineNumber++;
            String line;
            try {
                line = decode(bytes, start, end);
            } catch (CharacterCodingException e) {
                throw damaged(file, lineNumber, "it is not UTF-8 text");
            }
            if (lineNumber == 1) {
                if (!HEADER.equals(line)) {
                    throw damaged(file, 1, PrintableText.quote(line) + " is not the header " + PrintableText.quote(HEADER)
                            + " (is it another program's file?)");
                }
            } else {
                entries.add(entry(file, lineNumber, line, entries));
            }
            start = end + 1;
        }
        if (lineNumber == 0) {
            throw damaged(file, 1, "the header " + PrintableText.quote(HEADER) + " is missing (is it another program's"
                    + " file?)");
        }
        Optional<String> torn = Optional.empty();
        if (start < bytes.length) {
            torn = Optional.of(PrintableText.quote(new String(bytes, start, bytes.length - start,
                    StandardCharsets.UTF_8)) + " (" + (bytes.length - start) + " bytes)");
        }
        return new Contents(true, entries, start, torn);
    }

    /**
     * Creates the file with only its header, atomically.
     *
     * @param file the file, which must not exist
     * @throws IOException if it cannot be written
     */
    public static void create(Path file) throws IOException {
        DurableFiles.writeAtomically(file, (HEADER + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Appends an entry and forces it to disk. The file must exist: a trail that vanished is not
     * silently started again.
     *
     * @param file the file
     * @param entry the entry
     * @throws IOException if it cannot be written
     */
    public static void append(Path file, AuditEntry entry) throws IOException {
        ByteBuffer line = ByteBuffer.wrap((AuditLineCodec.format(entry) + "\n").getBytes(StandardCharsets.UTF_8));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND,
                LinkOption.NOFOLLOW_LINKS)) {
            while (line.hasRemaining()) {
                channel.write(line);
            }
            channel.force(true);
        }
    }

    /**
     * Cuts a torn last line off, leaving the complete lines, and forces the file to disk.
     *
     * @param file the file
     * @param validLength the length to keep, {@link Contents#validLength()}
     * @throws IOException if it cannot be written
     */
    public static void cutTornTail(Path file, long validLength) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            channel.truncate(validLength);
            channel.force(true);
        }
    }

    private static AuditEntry entry(Path file, int lineNumber, String line, List<AuditEntry> before) {
        AuditEntry entry;
        try {
            entry = AuditLineCodec.parse(line);
        } catch (IllegalArgumentException e) {
            throw damaged(file, lineNumber, e.getMessage());
        }
        if (before.isEmpty()) {
            if (entry.from() != NodeState.NOT_CONFIGURED) {
                throw damaged(file, lineNumber, "the first entry starts from " + entry.from() + ", but a node starts"
                        + " NOT_CONFIGURED (entries before it are missing)");
            }
        } else {
            AuditEntry previous = before.get(before.size() - 1);
            if (entry.from() != previous.to()) {
                throw damaged(file, lineNumber, "the entry starts from " + entry.from() + ", but the entry before ended in "
                        + previous.to() + " (an entry is missing or was changed)");
            }
            if (entry.epoch() < previous.epoch()) {
                throw damaged(file, lineNumber, "the epoch " + entry.epoch() + " is lower than " + previous.epoch()
                        + " in the entry before; epochs never decrease");
            }
        }
        return entry;
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String decode(byte[] bytes, int start, int end) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, start, end - start))
                .toString();
    }

    private static RedundancyException damaged(Path file, int line, String problem) {
        return new RedundancyException(ReasonCode.UNEXPECTED, "the audit trail " + PrintableText.quote(file.toString())
                + " is damaged at line " + line + ": " + problem + "; it is the record of who changed this node's state"
                + " and why, so the node does not start without it: restore it from a backup");
    }
}
