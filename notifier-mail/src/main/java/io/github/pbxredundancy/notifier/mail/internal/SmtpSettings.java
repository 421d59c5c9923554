package io.github.pbxredundancy.notifier.mail.internal;

import io.github.pbxredundancy.core.EmailAddress;
import io.github.pbxredundancy.notifier.mail.MailCredentials;
import io.github.pbxredundancy.notifier.mail.MailServer;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the SMTP side of the notifier needs, validated by the notifier's builder.
 *
 * <p>Not part of the API. Immutable and thread-safe.
 *
 * @param server the mail server
 * @param credentials the login, if any
 * @param tls the TLS trust; empty for {@link MailServer.Security#PLAIN}
 * @param heloName the name to greet the server with; empty for Jakarta Mail's default
 * @param sender the {@code From} address and the envelope sender
 * @param senderName the {@code From} display name, checked; empty for none
 * @param connectTimeout the TCP connect timeout
 * @param readTimeout the longest wait for any answer of the server
 * @param writeTimeout the longest a write may block
 * @param attemptTimeout the longest one attempt may take in all
 * @param html whether messages get an HTML part besides the plain text
 */
public record SmtpSettings(MailServer server, Optional<MailCredentials> credentials, Optional<MailTls> tls,
                           Optional<String> heloName, EmailAddress sender, Optional<String> senderName,
                           Duration connectTimeout, Duration readTimeout, Duration writeTimeout, Duration attemptTimeout,
                           boolean html) {
    /** Validates that every part is present. */
    public SmtpSettings {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(heloName, "heloName");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(senderName, "senderName");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        Objects.requireNonNull(attemptTimeout, "attemptTimeout");
    }
}
