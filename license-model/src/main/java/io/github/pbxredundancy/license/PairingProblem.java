package io.github.pbxredundancy.license;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing wrong with the licenses of a pair.
 *
 * <p>Immutable and thread-safe. Neither the message nor {@link #toString()} ever holds a
 * full key.
 *
 * @param code the stable code
 * @param message a plain English sentence for an administrator, keys masked
 * @param key the license the problem is about, if it is about one
 */
public record PairingProblem(PairingCode code, String message, Optional<LicenseKey> key) {

    /** Checks that every part is present and the message not blank. */
    public PairingProblem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(key, "key");
        if (message.isBlank()) {
            throw new IllegalArgumentException("message: must not be blank");
        }
    }

    /**
     * {@code CODE: message}.
     *
     * @return one line, keys masked
     */
    @Override
    public String toString() {
        return code + ": " + message;
    }
}
