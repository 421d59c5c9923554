package io.github.pbxredundancy.notifier.mail;

import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.Secret;
import io.github.pbxredundancy.notifier.mail.internal.HeaderText;
import java.util.Objects;

/**
 * The login at the mail server (SMTP AUTH), sent only inside TLS.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows the user, never the password.
 *
 * @param user the user name, 1 to {@value #MAX_USER_LENGTH} printable characters on one line
 * @param password the password
 */
public record MailCredentials(String user, Secret password) {
    /** The longest user name accepted. */
    public static final int MAX_USER_LENGTH = 320;

    /**
     * Validates both parts.
     *
     * @throws InvalidInputException on field {@code credentials user} or
     *     {@code credentials password}
     */
    public MailCredentials {
        String rule = HeaderText.problem(user, MAX_USER_LENGTH, false);
        if (rule != null) {
            throw InvalidInputException.of("credentials user", user, rule);
        }
        if (password == null) {
            throw InvalidInputException.of("credentials password", null, "is required");
        }
    }

    /**
     * @param user the user name
     * @param password the password
     * @return the credentials
     */
    public static MailCredentials of(String user, Secret password) {
        return new MailCredentials(user, password);
    }

    /** @return the user and a mask for the password */
    @Override
    public String toString() {
        return "MailCredentials[user=" + user + ", password=" + Objects.toString(password) + "]";
    }
}
