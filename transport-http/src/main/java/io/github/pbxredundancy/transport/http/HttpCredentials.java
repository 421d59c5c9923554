package io.github.pbxredundancy.transport.http;

import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.Secret;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the active proves itself to the standby's {@link HttpReceiver}, sent in the
 * {@code Authorization} header of every request: a bearer token (RFC 6750) or a user and password
 * (HTTP Basic, RFC 7617, UTF-8). The same type lists what a receiver accepts. Secrets never
 * print: {@code toString()} shows neither a token nor a password.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface HttpCredentials permits HttpCredentials.Bearer, HttpCredentials.Basic {

    /**
     * @param token the token
     * @return bearer credentials
     * @throws InvalidInputException if the token is not an RFC 6750 token (the message never
     *     repeats it)
     */
    static HttpCredentials bearer(Secret token) {
        return new Bearer(token);
    }

    /**
     * @param user the user name
     * @param password the password
     * @return basic credentials
     * @throws InvalidInputException if the user name is empty, holds a colon or a control character
     */
    static HttpCredentials basic(String user, Secret password) {
        return new Basic(user, password);
    }

    /**
     * The value of the {@code Authorization} header, for the one place that sends it.
     *
     * @return e.g. {@code Bearer abc…}; holds the secret in clear
     */
    String authorization();

    /**
     * A bearer token: {@code Authorization: Bearer <token>}.
     *
     * @param token the token: 1 to 4096 characters of {@code A-Z a-z 0-9 - . _ ~ + /}, optionally
     *     followed by {@code =} padding (RFC 6750's token68), e.g. {@code openssl rand -base64 32}
     */
    record Bearer(Secret token) implements HttpCredentials {
        private static final Pattern TOKEN68 = Pattern.compile("[A-Za-z0-9._~+/-]+=*");

        /**
         * Validates the token.
         *
         * @throws InvalidInputException if it breaks the rule; the value is never shown
         */
        public Bearer {
            Objects.requireNonNull(token, "token");
            char[] clear = token.reveal();
            try {
                if (clear.length > 4096 || !TOKEN68.matcher(CharBuffer.wrap(clear)).matches()) {
                    throw InvalidInputException.of("bearer token", "******", "must be 1 to 4096 characters of letters,"
                            + " digits, '-', '.', '_', '~', '+' or '/', optionally ending in '=' padding, e.g. from"
                            + " 'openssl rand -base64 32'");
                }
            } finally {
                Arrays.fill(clear, '\0');
            }
        }

        @Override
        public String authorization() {
            char[] clear = token.reveal();
            try {
                return "Bearer " + new String(clear);
            } finally {
                Arrays.fill(clear, '\0');
            }
        }

        /** @return a fixed text without the token */
        @Override
        public String toString() {
            return "Bearer[******]";
        }
    }

    /**
     * A user and password: {@code Authorization: Basic base64(user:password)}, UTF-8.
     *
     * @param user the user name: 1 to 100 characters, no colon, no control character
     * @param password the password
     */
    record Basic(String user, Secret password) implements HttpCredentials {
        /**
         * Validates both parts.
         *
         * @throws InvalidInputException if the user name breaks the rule
         */
        public Basic {
            Objects.requireNonNull(password, "password");
            if (user == null || user.isEmpty() || user.length() > 100 || user.indexOf(':') >= 0
                    || user.chars().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
                throw InvalidInputException.of("basic user", user, "must be 1 to 100 characters without a colon or a"
                        + " control character");
            }
        }

        @Override
        public String authorization() {
            char[] clear = password.reveal();
            byte[] pair = null;
            try {
                var encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(clear));
                byte[] userBytes = (user + ":").getBytes(StandardCharsets.UTF_8);
                pair = new byte[userBytes.length + encoded.remaining()];
                System.arraycopy(userBytes, 0, pair, 0, userBytes.length);
                encoded.get(pair, userBytes.length, encoded.remaining());
                Arrays.fill(encoded.array(), (byte) 0);
                return "Basic " + Base64.getEncoder().encodeToString(pair);
            } finally {
                Arrays.fill(clear, '\0');
                if (pair != null) {
                    Arrays.fill(pair, (byte) 0);
                }
            }
        }

        /** @return the user name, never the password */
        @Override
        public String toString() {
            return "Basic[" + user + ", ******]";
        }
    }
}
