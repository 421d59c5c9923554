package io.github.pbxredundancy.core;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A password or passphrase. It never prints: {@link #toString()} is a fixed mask that does not
 * even reveal the length, so a secret that reaches a log line or an exception message by
 * accident gives nothing away.
 *
 * <p>Immutable and thread-safe. Equality is by content, compared in constant time.
 */
public final class Secret {
    private static final String MASK = "******";

    private final char[] value;

    private Secret(char[] value) {
        this.value = value;
    }

    /** Wraps a non-empty secret. */
    public static Secret of(String value) {
        if (value == null || value.isEmpty()) {
            throw InvalidInputException.of("secret", null, "must not be empty");
        }
        return new Secret(value.toCharArray());
    }

    /** The secret in clear, for the one place that needs it (an authentication call). */
    public char[] reveal() {
        return value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && MessageDigest.isEqual(utf8(value), utf8(other.value));
    }

    @Override
    public int hashCode() {
        // Constant: a hash would leak a little about the content and secrets are never map keys.
        return 0;
    }

    /** Always {@value #MASK}. */
    @Override
    public String toString() {
        return MASK;
    }

    private static byte[] utf8(char[] chars) {
        var buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        Arrays.fill(buffer.array(), (byte) 0);
        return bytes;
    }
}
