package io.github.pbxredundancy.notifier.mail.internal;

import io.github.pbxredundancy.core.EmailAddress;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.TaskScheduler;
import io.github.pbxredundancy.notifier.mail.MailCredentials;
import io.github.pbxredundancy.notifier.mail.MailServer;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Hands one message at a time to the mail server through Jakarta Mail: one connection per
 * message, STARTTLS required or SMTPS or (opted in) plain, every timeout set, the whole attempt
 * bounded on the injected scheduler, and every failure turned into a {@link SendFailure}.
 *
 * <p>The Jakarta Mail session is the notifier's own ({@link Session#getInstance(Properties)},
 * never the JVM-wide default session) and its properties are set here and nowhere else:
 * <ul>
 *   <li>{@code mail.smtp.connectiontimeout}, {@code mail.smtp.timeout} and
 *       {@code mail.smtp.writetimeout} (all infinite in Jakarta Mail by default), the write timeout
 *       on one shared daemon thread ({@code mail.smtp.executor.writetimeout}) rather than a new
 *       thread per connection;</li>
 *   <li>STARTTLS: {@code mail.smtp.starttls.enable} and {@code mail.smtp.starttls.required};
 *       SMTPS: {@code mail.smtp.ssl.enable}; both: {@code mail.smtp.ssl.checkserveridentity},
 *       TLS 1.3 and 1.2 only, and the socket factories of {@link MailTls}; never
 *       {@code mail.smtp.ssl.trust};</li>
 *   <li>{@code mail.smtp.auth} only with credentials, which are refused for plain SMTP by the
 *       builder;</li>
 *   <li>{@code mail.smtp.from} and {@code mail.from} (the envelope sender, and the Message-ID's
 *       domain without a DNS lookup), {@code mail.smtp.localhost} if a HELO name is set,
 *       {@code mail.smtp.quitwait} false (closing never waits for the server).</li>
 * </ul>
 *
 * <p>Not part of the API. One attempt at a time (the notifier's sender thread);
 * {@link #close()} from any thread, which ends a running attempt.
 */
public final class SmtpClient implements MailSink<MimeMessage>, AutoCloseable {
    private static final String SMTP = "smtp";

    private final SmtpSettings settings;
    private final Clock clock;
    private final TaskScheduler scheduler;
    private final AttemptSockets sockets = new AttemptSockets();
    private final ScheduledThreadPoolExecutor writeTimeouts;
    private final Session session;
    private volatile boolean closed;
    private volatile boolean timedOut;

    /**
     * @param settings the validated settings
     * @param clock the clock for the {@code Date} header and the attempt's limit
     * @param scheduler wakes the attempt's limit
     * @param threads makes the write-timeout thread
     */
    public SmtpClient(SmtpSettings settings, Clock clock, TaskScheduler scheduler, ThreadFactory threads) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.writeTimeouts = new ScheduledThreadPoolExecutor(1, threads);
        writeTimeouts.setRemoveOnCancelPolicy(true);
        writeTimeouts.setKeepAliveTime(1, TimeUnit.MINUTES);
        writeTimeouts.allowCoreThreadTimeOut(true);
        this.session = Session.getInstance(properties());
    }

    private Properties properties() {
        Properties p = new Properties();
        MailServer server = settings.server();
        p.put("mail.transport.protocol", SMTP);
        p.put("mail.smtp.host", server.host());
        p.put("mail.smtp.port", Integer.toString(server.port()));
        p.put("mail.smtp.connectiontimeout", millis(settings.connectTimeout()));
        p.put("mail.smtp.timeout", millis(settings.readTimeout()));
        p.put("mail.smtp.writetimeout", millis(settings.writeTimeout()));
        p.put("mail.smtp.executor.writetimeout", writeTimeouts);
        p.put("mail.smtp.socketFactory", new TrackingSocketFactory(sockets));
        p.put("mail.smtp.socketFactory.fallback", "false");
        p.put("mail.smtp.from", settings.sender().value());
        p.put("mail.from", settings.sender().value());
        p.put("mail.smtp.quitwait", "false");
        settings.heloName().ifPresent(name -> p.put("mail.smtp.localhost", name));
        p.put("mail.smtp.auth", Boolean.toString(settings.credentials().isPresent()));
        switch (server.security()) {
            case STARTTLS_REQUIRED -> {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
                tlsProperties(p);
            }
            case SMTPS -> {
                p.put("mail.smtp.ssl.enable", "true");
                tlsProperties(p);
            }
            case PLAIN -> {
                p.put("mail.smtp.starttls.enable", "false");
                p.put("mail.smtp.ssl.enable", "false");
            }
        }
        return p;
    }

    private void tlsProperties(Properties p) {
        MailTls tls = settings.tls().orElseThrow(() -> new IllegalStateException("TLS without a trust"));
        p.put("mail.smtp.ssl.socketFactory", new TrackingSslSocketFactory(tls, sockets));
        p.put("mail.smtp.ssl.socketFactory.fallback", "false");
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        p.put("mail.smtp.ssl.protocols", String.join(" ", MailTls.PROTOCOLS));
    }

    private static String millis(Duration duration) {
        return Long.toString(Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis())));
    }

    /**
     * Makes the message: {@code From} the sender, {@code To} the one recipient (no {@code Cc}, no
     * {@code Bcc}), the subject RFC 2047 encoded, plain text in UTF-8 and, if configured, an HTML
     * alternative; {@code Date} from the clock, {@code Auto-Submitted: auto-generated} (RFC 3834,
     * so that auto-responders stay quiet) and {@code Content-Language}.
     *
     * @param letter what to say
     * @param to the one recipient
     * @param personal the recipient's display name, already checked; empty for none
     * @return the message, ready to send
     * @throws SendFailure {@link ReasonCode#UNEXPECTED} if Jakarta Mail cannot build it
     */
    @Override
    public MimeMessage compose(Letter letter, EmailAddress to, Optional<String> personal) {
        try {
            MimeMessage message = new MimeMessage(session);
            String utf8 = StandardCharsets.UTF_8.name();
            message.setFrom(new InternetAddress(settings.sender().value(), settings.senderName().orElse(null), utf8));
            message.setRecipient(Message.RecipientType.TO,
                    new InternetAddress(to.value(), personal.filter(name -> !name.isBlank()).orElse(null), utf8));
            message.setSubject(letter.subject(), utf8);
            message.setSentDate(Date.from(clock.instant()));
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setHeader("Content-Language", letter.language().tag());
            String text = LetterFormat.plainText(letter);
            if (settings.html()) {
                MimeBodyPart plain = new MimeBodyPart();
                plain.setText(text, utf8, "plain");
                MimeBodyPart html = new MimeBodyPart();
                html.setText(LetterFormat.html(letter), utf8, "html");
                message.setContent(new MimeMultipart("alternative", plain, html));
            } else {
                message.setText(text, utf8, "plain");
            }
            message.saveChanges();
            return message;
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new SendFailure(ReasonCode.UNEXPECTED, "cannot build the message: " + HeaderText.forLog(e.getMessage()),
                    e);
        }
    }

    /**
     * Connects, authenticates if configured, sends the message to its one recipient and closes.
     * Blocks for at most the attempt timeout (the connect, read and write timeouts apply within).
     *
     * @param message from {@link #compose}
     * @throws SendFailure why it failed, with a reason code
     */
    @Override
    public void send(MimeMessage message) {
        if (closed) {
            throw new SendFailure(ReasonCode.TRANSFER_INTERRUPTED, "the notifier is closed", null);
        }
        settings.tls().ifPresent(tls -> {
            try {
                tls.reload();
            } catch (InvalidInputException e) {
                throw new SendFailure(ReasonCode.INVALID_INPUT, e.getMessage(), e);
            }
        });
        timedOut = false;
        sockets.begin();
        TaskScheduler.ScheduledTask limit = limit();
        Transport transport = null;
        char[] password = settings.credentials().map(c -> c.password().reveal()).orElse(null);
        try {
            transport = session.getTransport(SMTP);
            MailServer server = settings.server();
            transport.connect(server.host(), server.port(), settings.credentials().map(MailCredentials::user).orElse(null),
                    password == null ? null : new String(password));
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException | RuntimeException e) {
            throw failure(e);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
            closeQuietly(transport);
            if (limit != null) {
                limit.cancel();
            }
            sockets.end();
        }
    }

    private TaskScheduler.ScheduledTask limit() {
        try {
            return scheduler.schedule(clock.instant().plus(settings.attemptTimeout()), () -> {
                timedOut = true;
                sockets.abort();
            });
        } catch (RejectedExecutionException e) {
            // The host's scheduler is shut down: the socket timeouts still bound the attempt.
            return null;
        }
    }

    private SendFailure failure(Exception e) {
        Optional<MailTls.Refusal> refusal = settings.tls().flatMap(MailTls::takeRefusal);
        if (closed && sockets.aborted()) {
            return new SendFailure(ReasonCode.TRANSFER_INTERRUPTED, "the notifier was closed during the attempt", e);
        }
        if (timedOut) {
            return new SendFailure(ReasonCode.TIMEOUT, "the attempt took longer than its limit of "
                    + settings.attemptTimeout().toSeconds() + " s and was ended", e);
        }
        return SmtpFailures.classify(e, refusal);
    }

    private static void closeQuietly(Transport transport) {
        if (transport == null) {
            return;
        }
        try {
            transport.close();
        } catch (MessagingException | RuntimeException ignored) {
            // The message was sent or the attempt failed already; QUIT is a courtesy.
        }
    }

    /** Refuses further attempts, ends a running one and stops the write-timeout thread. */
    @Override
    public void close() {
        closed = true;
        sockets.abort();
        writeTimeouts.shutdownNow();
    }
}
