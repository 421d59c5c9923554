package io.github.pbxredundancy.core.internal.receiver;

import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.internal.DurableFiles;
import io.github.pbxredundancy.core.internal.StateText;
import io.github.pbxredundancy.license.PrintableText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code state/epoch}: the highest fencing epoch the receiver has accepted (B1), as
 * {@code epoch=N} and a line feed, replaced atomically.
 *
 * <p>A damaged file is not guessed at: reading it as 0 would let a fenced-off node's backups in
 * again. The receiver refuses to start until an administrator repairs it.
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
final class EpochFile {
    private EpochFile() {
    }

    /**
     * The epoch in the file; 0 if there is no file yet (a new root).
     *
     * @throws RedundancyException with {@link ReasonCode#UNEXPECTED} if the file is damaged
     * @throws IOException if it cannot be read
     */
    static long read(Path file) throws IOException {
        Map<String, String> fields;
        try {
            fields = StateText.read(file);
        } catch (NoSuchFileException e) {
            return 0;
        }
        try {
            String text = StateText.require(fields, "epoch");
            if (fields.size() != 1 || !text.matches("0|[1-9][0-9]{0,18}")) {
                throw new IllegalArgumentException("expected exactly one line epoch=N with a decimal N");
            }
            return Long.parseLong(text);
        } catch (IllegalArgumentException e) {
            throw damaged(file, e);
        }
    }

    static void write(Path file, long epoch) throws IOException {
        DurableFiles.writeAtomically(file, ("epoch=" + epoch + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static RedundancyException damaged(Path file, Exception e) {
        return new RedundancyException(ReasonCode.UNEXPECTED, "the receiver's epoch file "
                + PrintableText.quote(file.toString()) + " is damaged (" + e.getMessage() + "); it guards against"
                + " backups of a fenced-off node, so the receiver does not start without it: write the highest epoch of"
                + " the pair into it as epoch=N", e);
    }
}
