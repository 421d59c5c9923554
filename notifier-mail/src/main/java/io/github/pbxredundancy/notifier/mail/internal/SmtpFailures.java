package io.github.pbxredundancy.notifier.mail.internal;

import io.github.pbxredundancy.core.ReasonCode;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Turns what Jakarta Mail throws into a {@link SendFailure} with a reason code, using the
 * {@code jakarta.mail} API and the JDK's exceptions only (never Angus's classes):
 *
 * <table>
 *   <caption>Failures and their codes</caption>
 *   <tr><th>failure</th><th>code</th><th>retried</th></tr>
 *   <tr><td>certificate refused by the trust (unknown, wrong name)</td><td>{@code HOST_KEY_UNKNOWN}</td><td>no</td></tr>
 *   <tr><td>certificate differs from the pin</td><td>{@code HOST_KEY_CHANGED}</td><td>no</td></tr>
 *   <tr><td>STARTTLS required but not offered</td><td>{@code INVALID_INPUT}</td><td>no</td></tr>
 *   <tr><td>login refused (5xx)</td><td>{@code AUTHENTICATION_FAILED}</td><td>no</td></tr>
 *   <tr><td>sender, recipient or message refused (5xx)</td><td>{@code PERMISSION_DENIED}</td><td>no</td></tr>
 *   <tr><td>temporary refusal (4xx), also of a login</td><td>{@code CONNECTION_FAILED}</td><td>yes</td></tr>
 *   <tr><td>no answer within the read timeout, attempt over its limit</td><td>{@code TIMEOUT}</td><td>yes</td></tr>
 *   <tr><td>connection refused or closed, unknown host, I/O or TLS handshake error</td><td>{@code CONNECTION_FAILED}</td><td>yes</td></tr>
 *   <tr><td>anything else</td><td>{@code UNEXPECTED}</td><td>yes</td></tr>
 * </table>
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
public final class SmtpFailures {
    private static final Pattern REPLY = Pattern.compile("^\\s*([2-5])\\d\\d[ -]");

    private SmtpFailures() {
    }

    /**
     * @param failure what the attempt threw
     * @param refusal why the trust manager refused the server, if it did
     * @return the failure with its code
     */
    public static SendFailure classify(Throwable failure, Optional<MailTls.Refusal> refusal) {
        String detail = HeaderText.forLog(messages(failure));
        if (refusal.isPresent()) {
            return new SendFailure(refusal.get().reason(), HeaderText.forLog(refusal.get().detail()), failure);
        }
        if (detail.contains("STARTTLS is required")) {
            return new SendFailure(ReasonCode.INVALID_INPUT, "the mail server does not offer STARTTLS, which the"
                    + " configuration requires; no message is sent in plain text (use SMTPS, or make the server offer"
                    + " STARTTLS): " + detail, failure);
        }
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = next(t)) {
            if (t instanceof AuthenticationFailedException) {
                return temporary(t)
                        ? new SendFailure(ReasonCode.CONNECTION_FAILED, "the mail server refused the login for now: "
                                + detail, failure)
                        : new SendFailure(ReasonCode.AUTHENTICATION_FAILED, "the mail server refused the login: " + detail,
                                failure);
            }
            if (t instanceof SocketTimeoutException) {
                return new SendFailure(ReasonCode.TIMEOUT, "the mail server did not answer in time: " + detail, failure);
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
                return new SendFailure(ReasonCode.CONNECTION_FAILED, "cannot connect to the mail server: " + detail,
                        failure);
            }
            if (t instanceof SSLException) {
                return new SendFailure(ReasonCode.CONNECTION_FAILED, "the TLS connection to the mail server failed: "
                        + detail, failure);
            }
            if (t instanceof SendFailedException sendFailed) {
                Address[] invalid = sendFailed.getInvalidAddresses();
                if (invalid != null && invalid.length > 0) {
                    return new SendFailure(ReasonCode.PERMISSION_DENIED, "the mail server refused the recipient: "
                            + detail, failure);
                }
            }
        }
        if (detail.contains("[EOF]")) {
            return new SendFailure(ReasonCode.CONNECTION_FAILED, "the mail server closed the connection: " + detail,
                    failure);
        }
        Optional<Character> reply = replyClass(failure);
        if (reply.isPresent() && reply.get() == '5') {
            return new SendFailure(ReasonCode.PERMISSION_DENIED, "the mail server refused the message: " + detail, failure);
        }
        if (reply.isPresent() && reply.get() == '4') {
            return new SendFailure(ReasonCode.CONNECTION_FAILED, "the mail server refused the message for now: " + detail,
                    failure);
        }
        seen.clear();
        for (Throwable t = failure; t != null && seen.add(t); t = next(t)) {
            if (t instanceof IOException) {
                return new SendFailure(ReasonCode.CONNECTION_FAILED, "the connection to the mail server failed: " + detail,
                        failure);
            }
        }
        return new SendFailure(ReasonCode.UNEXPECTED, failure.getClass().getSimpleName() + ": " + detail, failure);
    }

    /** The distinct messages of the chain, outermost first: Jakarta Mail keeps the server's answer in the nested ones. */
    private static String messages(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<String> messages = new LinkedHashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = next(t)) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                messages.add(t.getMessage().strip());
            }
        }
        return messages.isEmpty() ? failure.getClass().getSimpleName() : String.join(": ", messages);
    }

    private static boolean temporary(Throwable t) {
        return replyClass(t).filter(c -> c == '4').isPresent();
    }

    /** The first digit of the SMTP reply an exception of the chain starts its message with. */
    private static Optional<Character> replyClass(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = next(t)) {
            if (t.getMessage() != null) {
                Matcher matcher = REPLY.matcher(t.getMessage());
                if (matcher.find()) {
                    return Optional.of(matcher.group(1).charAt(0));
                }
            }
        }
        return Optional.empty();
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException messaging && messaging.getNextException() != null) {
            return messaging.getNextException();
        }
        return t.getCause();
    }
}
