package io.github.pbxredundancy.core.internal.bundle;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.pbxredundancy.core.BundleRejectedException;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.license.PrintableText;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Requires an entry's PAX extended header to be exactly what the writer produces: present only
 * when the ustar header cannot hold the name (non-ASCII, or 100 bytes and more) or the size
 * (above 8 GiB - 1), holding exactly the records {@code path} and {@code size} needed, each
 * well formed and equal to what the tar reader made of it.
 *
 * <p>Commons Compress parses PAX records leniently: a record whose {@code =} is damaged is
 * skipped without a word, and the entry silently falls back to its ustar name. This check turns
 * such damage into {@link ReasonCode#INTEGRITY_FAILED}.
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
final class PaxRecords {
    private static final Pattern LENGTH = Pattern.compile("[1-9][0-9]{0,5}");

    private PaxRecords() {
    }

    /**
     * @param data the PAX header's data that preceded the entry, or {@code null} if none did
     * @param entry the entry as the tar reader reports it
     */
    static void requireCanonical(byte[] data, TarArchiveEntry entry) {
        String name = entry.getName();
        Map<String, String> records = data == null ? Map.of() : parse(data, name);
        require(records, "path", needsPath(name), name, name);
        require(records, "size", entry.getSize() > TarConstants.MAXSIZE, Long.toString(entry.getSize()), name);
        for (String key : records.keySet()) {
            if (!key.equals("path") && !key.equals("size")) {
                throw integrity(name, "has the record " + PrintableText.quote(key) + ", which the format does not use");
            }
        }
        if (data != null && records.isEmpty()) {
            throw integrity(name, "is empty");
        }
    }

    private static boolean needsPath(String name) {
        return !US_ASCII.newEncoder().canEncode(name) || name.getBytes(UTF_8).length >= TarConstants.NAMELEN;
    }

    private static void require(Map<String, String> records, String key, boolean needed, String expected, String name) {
        String value = records.get(key);
        if (needed && value == null) {
            throw integrity(name, "lacks the " + key + " record the entry needs");
        }
        if (!needed && value != null) {
            throw integrity(name, "has a " + key + " record the entry does not need");
        }
        if (value != null && !value.equals(expected)) {
            throw integrity(name, "has " + key + " " + PrintableText.quote(value) + ", the entry has "
                    + PrintableText.quote(expected));
        }
    }

    /** Records {@code "<length> <key>=<value>\n"}, the length counting the whole record in bytes. */
    private static Map<String, String> parse(byte[] data, String name) {
        Map<String, String> records = new HashMap<>();
        int at = 0;
        while (at < data.length) {
            int space = indexOf(data, (byte) ' ', at, Math.min(data.length, at + 7));
            String digits = space < 0 ? "" : new String(data, at, space - at, US_ASCII);
            if (!LENGTH.matcher(digits).matches()) {
                throw integrity(name, "has a record at byte " + at + " without a valid length");
            }
            int end = at + Integer.parseInt(digits);
            if (end > data.length || end <= space + 1 || data[end - 1] != '\n') {
                throw integrity(name, "has a record at byte " + at + " whose length does not match its content");
            }
            int equals = indexOf(data, (byte) '=', space + 1, end - 1);
            if (equals <= space + 1) {
                throw integrity(name, "has a record at byte " + at + " without a key=value pair");
            }
            String key = new String(data, space + 1, equals - space - 1, US_ASCII);
            String value = utf8(data, equals + 1, end - 1 - (equals + 1), name);
            if (records.put(key, value) != null) {
                throw integrity(name, "has the record " + PrintableText.quote(key) + " twice");
            }
            at = end;
        }
        return records;
    }

    private static int indexOf(byte[] data, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (data[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static String utf8(byte[] data, int offset, int length, String name) {
        try {
            return UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, offset, length)).toString();
        } catch (CharacterCodingException e) {
            throw integrity(name, "has a value that is not valid UTF-8");
        }
    }

    private static BundleRejectedException integrity(String name, String problem) {
        return new BundleRejectedException(ReasonCode.INTEGRITY_FAILED,
                "PAX extended header of entry " + PrintableText.quote(name) + " " + problem);
    }
}
