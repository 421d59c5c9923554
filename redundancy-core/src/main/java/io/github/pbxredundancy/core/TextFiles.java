package io.github.pbxredundancy.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads small configuration files (settings, license lists) as strict UTF-8 with a size limit,
 * so a wrong path pointing at a log or a binary fails with a clear message instead of being
 * parsed or filling the heap.
 *
 * <p>Stateless and thread-safe.
 */
public final class TextFiles {
    private TextFiles() {
    }

    /**
     * Reads a whole UTF-8 text file.
     *
     * @param file the file to read
     * @param maxBytes larger files are refused before their content is read
     * @throws IOException if the file cannot be read
     * @throws InvalidInputException if it is too large or not valid UTF-8
     */
    public static String readUtf8(Path file, int maxBytes) throws IOException {
        long size = Files.size(file);
        if (size > maxBytes) {
            throw InvalidInputException.of("file " + file, size + " bytes", "must be at most " + maxBytes + " bytes");
        }
        byte[] bytes = Files.readAllBytes(file);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw InvalidInputException.of("file " + file, null, "must be UTF-8 text");
        }
    }
}
