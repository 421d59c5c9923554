package io.github.pbxredundancy.core.internal;

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
 * The small state files of the receiver and the node's state machine: UTF-8, one
 * {@code key=value} per line, each ending in a line feed, every key once, at most 4 KiB unless a
 * caller allows more; the same shape as a bundle manifest, so an administrator can read them
 * with {@code cat}. Values never hold a line break.
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
public final class StateText {
    /** State files are tiny; a larger one is not ours. */
    public static final int MAX_BYTES = 4096;

    private StateText() {
    }

    /**
     * Renders fields in their map's order.
     *
     * @param fields the keys and values
     * @return the UTF-8 text
     * @throws IllegalArgumentException if a value holds a line break
     */
    public static byte[] render(Map<String, String> fields) {
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
     * Parses a text of at most {@link #MAX_BYTES}.
     *
     * @param bytes the text
     * @return the fields in the text's order
     * @throws IllegalArgumentException saying what is wrong, if it is not in the form above
     */
    public static Map<String, String> parse(byte[] bytes) {
        return parse(bytes, MAX_BYTES);
    }

    /**
     * Parses a text of at most {@code maxBytes}.
     *
     * @param bytes the text
     * @param maxBytes the largest text accepted
     * @return the fields in the text's order
     * @throws IllegalArgumentException saying what is wrong, if it is not in the form above
     */
    public static Map<String, String> parse(byte[] bytes, int maxBytes) {
        if (bytes.length > maxBytes) {
            throw new IllegalArgumentException("it has " + bytes.length + " bytes, at most " + maxBytes + " are expected");
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

    /**
     * Reads and parses a state file of at most {@link #MAX_BYTES}, without following a link and
     * without reading more than the limit.
     *
     * @param file the file
     * @return the fields in the file's order
     * @throws IOException if it cannot be read ({@link java.nio.file.NoSuchFileException} if it is missing)
     * @throws IllegalArgumentException saying what is wrong, if it is not in the form above
     */
    public static Map<String, String> read(Path file) throws IOException {
        return read(file, MAX_BYTES);
    }

    /**
     * {@link #read(Path)} for a file of at most {@code maxBytes}.
     *
     * @param file the file
     * @param maxBytes the largest file accepted
     * @return the fields in the file's order
     * @throws IOException if it cannot be read ({@link java.nio.file.NoSuchFileException} if it is missing)
     * @throws IllegalArgumentException saying what is wrong, if it is not in the form above
     */
    public static Map<String, String> read(Path file, int maxBytes) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.allocate(maxBytes + 1);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // Read until the buffer is full or the file ends.
            }
            byte[] bytes = new byte[buffer.position()];
            buffer.flip().get(bytes);
            return parse(bytes, maxBytes);
        }
    }

    /**
     * The value of a key that must be present.
     *
     * @param fields parsed fields
     * @param key the key
     * @return its value
     * @throws IllegalArgumentException if the key is missing
     */
    public static String require(Map<String, String> fields, String key) {
        String value = fields.get(key);
        if (value == null) {
            throw new IllegalArgumentException("key " + key + " is missing");
        }
        return value;
    }
}
