package io.github.pbxredundancy.notifier.mail;

import io.github.pbxredundancy.core.InputProblem;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.notifier.mail.internal.HeaderText;
import java.util.ArrayList;
import java.util.List;

/**
 * The mail server the notifier hands its messages to (R17: "through the configured mail
 * server"), and how the connection is protected.
 *
 * <p>Immutable and thread-safe.
 *
 * @param host the server's host name or IPv4 address, e.g. {@code mail.example.com}
 * @param port 1 to 65535, usually 587 for {@link Security#STARTTLS_REQUIRED}, 465 for
 *     {@link Security#SMTPS} and 25 for {@link Security#PLAIN}
 * @param security how the connection is protected
 */
public record MailServer(String host, int port, Security security) {
    /** The submission port with STARTTLS (RFC 6409). */
    public static final int SUBMISSION_PORT = 587;
    /** The port of SMTP over implicit TLS (RFC 8314). */
    public static final int SMTPS_PORT = 465;

    /**
     * Validates every part and reports all violations at once.
     *
     * @throws InvalidInputException on fields {@code server host}, {@code server port} and
     *     {@code server security}
     */
    public MailServer {
        List<InputProblem> problems = new ArrayList<>();
        String rule = HeaderText.hostProblem(host);
        if (rule != null) {
            problems.add(InputProblem.of("server host", host, rule));
        }
        if (port < 1 || port > 65535) {
            problems.add(InputProblem.of("server port", Integer.toString(port), "must be from 1 to 65535"));
        }
        if (security == null) {
            problems.add(InputProblem.of("server security", null, "is required: STARTTLS_REQUIRED, SMTPS or PLAIN"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /**
     * A server on the submission port 587 with STARTTLS required.
     *
     * @param host the server's host name or IPv4 address
     * @return the server
     */
    public static MailServer startTls(String host) {
        return new MailServer(host, SUBMISSION_PORT, Security.STARTTLS_REQUIRED);
    }

    /**
     * A server with STARTTLS required.
     *
     * @param host the server's host name or IPv4 address
     * @param port its port
     * @return the server
     */
    public static MailServer startTls(String host, int port) {
        return new MailServer(host, port, Security.STARTTLS_REQUIRED);
    }

    /**
     * A server speaking SMTP over implicit TLS.
     *
     * @param host the server's host name or IPv4 address
     * @param port its port, usually {@value #SMTPS_PORT}
     * @return the server
     */
    public static MailServer smtps(String host, int port) {
        return new MailServer(host, port, Security.SMTPS);
    }

    /** @return {@code host:port (security)}, for logs */
    @Override
    public String toString() {
        return host + ":" + port + " (" + security + ")";
    }

    /**
     * How the connection to the mail server is protected. There is no opportunistic mode: with
     * {@link #STARTTLS_REQUIRED} a server that does not offer STARTTLS (or an attacker who strips
     * the offer) gets no message, never a message in plain text.
     */
    public enum Security {
        /**
         * SMTP, then STARTTLS before anything else is sent: refused if the server does not offer it.
         * The usual choice, on port 587.
         */
        STARTTLS_REQUIRED,
        /** SMTP inside TLS from the first byte (implicit TLS, RFC 8314), usually on port 465. */
        SMTPS,
        /**
         * Plain SMTP without TLS: messages (and credentials, which the notifier then refuses) travel
         * readable. Only with {@link MailNotifier.Builder#allowPlain(boolean)}, e.g. for a relay on
         * the same host; the notifier logs a warning when it is built.
         */
        PLAIN
    }
}
