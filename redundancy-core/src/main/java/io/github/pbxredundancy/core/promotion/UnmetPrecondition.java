package io.github.pbxredundancy.core.promotion;

import io.github.pbxredundancy.core.internal.MessageText;
import java.util.Objects;

/**
 * One precondition of a promotion that does not hold, with what to do about it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param code the stable code
 * @param message plain sentences for the operator: what is wrong and how to fix it; made one
 *     printable line
 */
public record UnmetPrecondition(PreconditionCode code, String message) {
    /**
     * Validates both parts and makes the message one line.
     *
     * @throws NullPointerException if a part is missing
     * @throws IllegalArgumentException if the message is blank
     */
    public UnmetPrecondition {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        if (message.isBlank()) {
            throw new IllegalArgumentException("message: must say what is wrong");
        }
        message = MessageText.oneLine(message);
    }

    /**
     * {@code CODE: message}.
     *
     * @return one line
     */
    @Override
    public String toString() {
        return code + ": " + message;
    }
}
