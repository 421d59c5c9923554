package io.github.pbxredundancy.core.internal.receiver;

import io.github.pbxredundancy.license.PrintableText;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The receiver's small state files: UTF-8, one {@code key=value} per line, each ending in a line
 * feed, every key once, at most 4 KiB; the same shape as a bundle manifest, so an administrator
 * can read them with {@code cat}. Values never hold a line break.
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
final class StateText {
    /** State files are tiny; a larger one is not ours. */
    static final int MAX_BYTES = 4096;

    private StateText() {
    }

    static byte[] render(Map<String, String> fields) {
        StringBuilder text = new StringBuilder();
        fields.forEach((key, value) -> {
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("state value of " + key + " holds a line break");
            }
            text.append(key).append('=').append(value).append('\n');
        });
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses the text.
     *
     * @throws IllegalArgumentException saying what is wrong, if it is not in the form above
     */
    static Map<String, String> parse(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("it has " + bytes.length + " bytes, at most " + MAX_BYTES + " are expected");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("it is not UTF-8 text", e);
        }
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("its last line does not end in a line feed (cut short?)");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        // The text ends in a line feed, so the last piece is the empty rest after it.
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("line " + (i + 1) + " " + PrintableText.quote(line) + " is not key=value");
            }
            if (fields.put(line.substring(0, equals), line.substring(equals + 1)) != null) {
                throw new IllegalArgumentException("key " + line.substring(0, equals) + " appears twice");
            }
        }
        return fields;
    }

    /** Reads and parses a state file, without following a link and without reading more than the limit. */
    static Map<String, String> read(Path file) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.allocate(MAX_BYTES + 1);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // Read until the buffer is full or the file ends.
            }
            byte[] bytes = new byte[buffer.position()];
            buffer.flip().get(bytes);
            return parse(bytes);
        }
    }

    /** The value of a key that must be present. */
    static String require(Map<String, String> fields, String key) {
        String value = fields.get(key);
        if (value == null) {
            throw new IllegalArgumentException("key " + key + " is missing");
        }
        return value;
    }
}
