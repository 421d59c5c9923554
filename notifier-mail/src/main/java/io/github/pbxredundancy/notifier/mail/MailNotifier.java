package io.github.pbxredundancy.notifier.mail;

import io.github.pbxredundancy.core.EmailAddress;
import io.github.pbxredundancy.core.InputProblem;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.RedundancySettings;
import io.github.pbxredundancy.core.RetrySchedule;
import io.github.pbxredundancy.core.TaskScheduler;
import io.github.pbxredundancy.core.event.PhoneRestartRequested;
import io.github.pbxredundancy.core.event.RedundancyEvent;
import io.github.pbxredundancy.core.spi.Notifier;
import io.github.pbxredundancy.notifier.mail.internal.HeaderText;
import io.github.pbxredundancy.notifier.mail.internal.Language;
import io.github.pbxredundancy.notifier.mail.internal.Letters;
import io.github.pbxredundancy.notifier.mail.internal.MailSender;
import io.github.pbxredundancy.notifier.mail.internal.MailTls;
import io.github.pbxredundancy.notifier.mail.internal.SmtpClient;
import io.github.pbxredundancy.notifier.mail.internal.SmtpSettings;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mails the administrator's notifications (R19, B3) to the one configured address (R7), and after
 * a promotion the restart-your-phone message to every user at the user's own address (R17),
 * through the configured mail server, in German or English.
 *
 * <h2>What is mailed</h2>
 * <table>
 *   <caption>Events and their messages</caption>
 *   <tr><th>event</th><th>message</th></tr>
 *   <tr><td>{@code RunFailed}</td><td>administrator: the run gave up, with every attempt's time and
 *       reason; if an attempt failed with {@code VERSION_INCOMPATIBLE}: "update the standby" (R20)</td></tr>
 *   <tr><td>{@code BundleRefused}</td><td>administrator: the standby refused a backup, with the
 *       reason; {@code VERSION_INCOMPATIBLE}: "update the standby" (R20)</td></tr>
 *   <tr><td>{@code ImportFailed}</td><td>administrator</td></tr>
 *   <tr><td>{@code WatchdogAlarm}</td><td>administrator: no valid backup for longer than the
 *       schedule allows, how old the standby's data is (B3)</td></tr>
 *   <tr><td>{@code WatchdogRecovered}</td><td>administrator: the all-clear, once per outage</td></tr>
 *   <tr><td>{@code StandbyInitialized}, {@code InitializationFailed}</td><td>administrator: the
 *       standby's data was overwritten (R13), or the attempt failed</td></tr>
 *   <tr><td>{@code NodeStateChanged} to {@code FENCED}</td><td>administrator: this node was
 *       superseded by a promotion of its pair (B1)</td></tr>
 *   <tr><td>{@code PeerUnreachableAtStartup}</td><td>administrator: a former active could not ask
 *       its peer before claiming its address, and whether it stayed passive</td></tr>
 *   <tr><td>{@code PromotionRefused}, {@code PromotionStepFailed}</td><td>administrator</td></tr>
 *   <tr><td>{@code PromotionCompleted}</td><td>administrator: the promotion's summary</td></tr>
 *   <tr><td>{@code StandbyLicenseWarning}</td><td>administrator: standby licenses, load budget (R28, R29)</td></tr>
 *   <tr><td>{@code PhoneRestartRequested}</td><td>one message per user, to that user's address
 *       alone, in the user's language: restart your phone (R17)</td></tr>
 *   <tr><td>{@code RunStarted}, {@code RunSkipped}, {@code BundlePrepared}, {@code AttemptFailed},
 *       {@code RunSucceeded}, {@code BundleAccepted}, {@code BackupImported}, {@code EpochChanged},
 *       other {@code NodeStateChanged}</td><td>nothing: routine progress (a failed attempt is
 *       reported with its run's {@code RunFailed}; a failed promotion step with
 *       {@code PromotionStepFailed})</td></tr>
 * </table>
 * Without an {@linkplain Builder#administrator(EmailAddress) administrator address} (the form's
 * "send e-mails" off) no administrator message is sent; the user broadcast is independent of it
 * and can be switched off with {@link Builder#userBroadcast(boolean)}.
 *
 * <h2>Never in the caller's way</h2>
 * {@link #notify} only queues and returns at once; it never blocks on the mail server and never
 * throws. One sender thread works off the bounded queue, one message per SMTP connection: the
 * administrator's messages first, the users' restart messages in order, at most one attempt per
 * {@linkplain Builder#pacing(Duration) pacing interval}. A failed attempt is retried per the
 * {@link RetrySchedule} (the message waits at the head of the queue, so a server that is down is
 * asked once per retry delay, not once per message); a failure retrying cannot fix (a refused
 * login, an untrusted certificate, a refused recipient) gives up at once. Every failure is logged
 * and counted ({@link #stats()}); none reaches the caller. A full queue drops the new message,
 * counted and logged. Every wait is a task on the injected {@link TaskScheduler} and every time
 * comes from the injected {@link Clock}. Connect, read and write timeouts are always set (Jakarta
 * Mail's are infinite by default) and each attempt as a whole is bounded as well, so a mail server
 * that is down or accepts connections and never answers costs a log line and a counted failure.
 *
 * <p>The notifier needs no lane of {@link io.github.pbxredundancy.core.Notifications}; behind one
 * it works the same (its lane then only hands events on).
 *
 * <h2>Messages</h2>
 * Plain text in UTF-8, optionally with an HTML alternative whose every value is escaped; the
 * subject RFC 2047 encoded, so umlauts survive; {@code To} holds exactly one address (no
 * {@code Cc}, no {@code Bcc}: no user sees another's address); {@code Date} from the clock;
 * {@code Auto-Submitted: auto-generated}. Messages carry no license key (events hold none) and
 * no secret. Texts the core writes in English (a run's explanation, refusal and attempt messages,
 * the promotion summary's lines) are quoted as they are in the German messages, under a German
 * label.
 *
 * <h2>Security</h2>
 * STARTTLS required (never silently plain), SMTPS, or plain SMTP only with
 * {@link Builder#allowPlain(boolean)}; TLS 1.3 and 1.2; the server's certificate checked by a
 * {@link MailTrust} and its identity (the host name) always; credentials only inside TLS. Every
 * configured value that reaches a header (sender, its display name, the administrator's address,
 * the subject prefix, the SMTP user, the HELO name) is checked by {@link Builder#build()}: a line
 * break, a control character, or several addresses where one is expected is refused then, naming
 * the setting, never at sending time. Log lines name users by id and the administrator as such,
 * never by address.
 *
 * <p>Thread-safe. {@link #close()} from any thread.
 */
public final class MailNotifier implements Notifier, AutoCloseable {
    /** The connect timeout unless set otherwise. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The read timeout (the longest wait for any answer) unless set otherwise. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    /** The write timeout unless set otherwise. */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);
    /** The limit of one attempt as a whole unless set otherwise. */
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofMinutes(2);
    /** The longest any of the timeouts may be. */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
    /**
     * The least time between the starts of two attempts unless set otherwise: 30 messages a
     * minute, within the limits of Microsoft 365 and most providers; 500 users take 17 minutes.
     */
    public static final Duration DEFAULT_PACING = Duration.ofSeconds(2);
    /** The longest pacing interval accepted. */
    public static final Duration MAX_PACING = Duration.ofHours(1);
    /** The messages that may wait unless set otherwise. */
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    /** The most messages that may wait. */
    public static final int MAX_QUEUE_CAPACITY = 1_000_000;
    /** How long {@link #close()} lets the queue drain unless set otherwise. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** The longest display name of the sender accepted. */
    public static final int MAX_SENDER_NAME_LENGTH = 100;
    /** The longest subject prefix accepted. */
    public static final int MAX_SUBJECT_PREFIX_LENGTH = 60;

    private static final Logger LOG = LoggerFactory.getLogger(MailNotifier.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final MailServer server;
    private final Optional<EmailAddress> administrator;
    private final boolean userBroadcast;
    private final Duration closeTimeout;
    private final SmtpClient client;
    private final ThreadPoolExecutor worker;
    private final MailSender<MimeMessage> sender;

    private MailNotifier(Builder b, SmtpSettings smtp) {
        this.server = b.server;
        this.administrator = Optional.ofNullable(b.administrator);
        this.userBroadcast = b.userBroadcast;
        this.closeTimeout = b.closeTimeout;
        ThreadFactory threads = b.threadFactory != null ? b.threadFactory : daemonThreads();
        this.client = new SmtpClient(smtp, b.clock, b.scheduler, threads);
        this.worker = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), threads);
        worker.allowCoreThreadTimeOut(true);
        ZoneId zone = b.timeZone != null ? b.timeZone : b.clock.getZone();
        Language language = Language.of(b.locale).orElseThrow();
        Consumer<MailOutcome> listener = b.listener != null ? b.listener : outcome -> { };
        this.sender = new MailSender<>(new MailSender.Setup<>(new Letters(Optional.ofNullable(b.subjectPrefix), zone),
                language, administrator, client, b.retries, b.pacing, b.queueCapacity, b.clock, b.scheduler, worker,
                listener));
        if (server.security() == MailServer.Security.PLAIN) {
            LOG.warn("The mail notifier uses plain SMTP to {}, as explicitly allowed: every message travels unencrypted"
                    + " and can be read or changed on the way; use STARTTLS or SMTPS", server);
        }
    }

    /**
     * @return a builder; server, sender, clock and scheduler are required
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Queues the messages for an event (see the table above) and returns at once. Never blocks on
     * the mail server and never throws; an event that mails nobody is ignored.
     *
     * @param event the event; {@code null} is ignored
     */
    @Override
    public void notify(RedundancyEvent event) {
        if (event == null) {
            return;
        }
        try {
            if (event instanceof PhoneRestartRequested broadcast) {
                if (userBroadcast) {
                    sender.offerBroadcast(broadcast);
                }
            } else if (administrator.isPresent() && Letters.mailsAdministrator(event)) {
                sender.offerAdministrator(event);
            }
        } catch (RuntimeException e) {
            // A bug must not reach replication or promotion.
            LOG.error("The mail notifier failed to queue {}", event.getClass().getSimpleName(), e);
        }
    }

    /**
     * Whether an event makes the notifier send anything with its settings.
     *
     * @param event an event
     * @return true if it mails the administrator (and one is configured) or is a user broadcast
     *     (and the broadcast is on)
     */
    public boolean mails(RedundancyEvent event) {
        if (event instanceof PhoneRestartRequested) {
            return userBroadcast;
        }
        return administrator.isPresent() && Letters.mailsAdministrator(event);
    }

    /**
     * @return the counters now
     */
    public MailStats stats() {
        return sender.stats();
    }

    /** @return the mail server */
    public MailServer server() {
        return server;
    }

    /**
     * Closes with the builder's close timeout; see {@link #close(Duration)}.
     */
    @Override
    public void close() {
        close(closeTimeout);
    }

    /**
     * Accepts no further events and lets the queue drain (paced and retried as usual, by the
     * injected scheduler), waiting at most {@code maxWait}; then drops what is left (counted as
     * dropped), ends a running attempt by closing its connection, and stops the notifier's
     * threads. Calling it again is harmless.
     *
     * @param maxWait how long to wait for the queue to empty
     * @return true if every queued message was sent or given up in time
     */
    public boolean close(Duration maxWait) {
        Objects.requireNonNull(maxWait, "maxWait");
        CompletableFuture<Void> drained = sender.shutdown();
        boolean done;
        try {
            // One bounded wait; no time is read or slept for here.
            drained.get(nanos(maxWait), TimeUnit.NANOSECONDS);
            done = true;
        } catch (TimeoutException e) {
            sender.stop();
            done = false;
        } catch (InterruptedException e) {
            sender.stop();
            Thread.currentThread().interrupt();
            done = false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the drain future only ever completes normally", e);
        }
        client.close();
        worker.shutdown();
        return done;
    }

    private static long nanos(Duration wait) {
        if (wait.isNegative() || wait.isZero()) {
            return 0;
        }
        try {
            return wait.toNanos();
        } catch (ArithmeticException beyond292Years) {
            return Long.MAX_VALUE;
        }
    }

    /** @return the server and which messages are sent, never an address */
    @Override
    public String toString() {
        return "MailNotifier[" + server + ", administrator " + (administrator.isPresent() ? "set" : "none")
                + ", user broadcast " + (userBroadcast ? "on" : "off") + "]";
    }

    private static ThreadFactory daemonThreads() {
        int instance = INSTANCES.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "pbx-redundancy-mail-" + instance + "-" + count.incrementAndGet());
            // A host that forgets close() must still be able to exit.
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Collects the settings of a {@link MailNotifier}; {@link #build()} checks them together and
     * names every problem. Not thread-safe; the notifier it builds is.
     */
    public static final class Builder {
        private final List<InputProblem> early = new ArrayList<>();
        private MailServer server;
        private boolean allowPlain;
        private MailCredentials credentials;
        private MailTrust trust = MailTrust.jvmDefault();
        private EmailAddress sender;
        private String senderName;
        private EmailAddress administrator;
        private boolean userBroadcast = true;
        private Locale locale = Locale.ENGLISH;
        private ZoneId timeZone;
        private String subjectPrefix;
        private boolean html;
        private String heloName;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Duration writeTimeout = DEFAULT_WRITE_TIMEOUT;
        private Duration attemptTimeout = DEFAULT_ATTEMPT_TIMEOUT;
        private Duration pacing = DEFAULT_PACING;
        private RetrySchedule retries = defaultRetries();
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private Clock clock;
        private TaskScheduler scheduler;
        private ThreadFactory threadFactory;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private Consumer<MailOutcome> listener;

        private Builder() {
        }

        /**
         * The retries unless set otherwise: 6 attempts, 1, 2, 4, 8 and 16 minutes apart (31
         * minutes in all), no retry on a failure retrying cannot fix.
         *
         * @return the schedule
         */
        public static RetrySchedule defaultRetries() {
            return RetrySchedule.builder().maxAttempts(6)
                    .exponentialBackoff(Duration.ofMinutes(1), 2, Duration.ofMinutes(30)).build();
        }

        /**
         * @param server the mail server; required
         * @return this builder
         */
        public Builder server(MailServer server) {
            this.server = server;
            return this;
        }

        /**
         * @param allow true to allow a {@link MailServer.Security#PLAIN} server: messages then
         *     travel unencrypted, and the notifier logs a warning. Default false
         * @return this builder
         */
        public Builder allowPlain(boolean allow) {
            this.allowPlain = allow;
            return this;
        }

        /**
         * @param credentials the login at the server (SMTP AUTH); none unless set. Refused with a
         *     plain server
         * @return this builder
         */
        public Builder credentials(MailCredentials credentials) {
            this.credentials = credentials;
            return this;
        }

        /**
         * @param trust how to check the server's certificate; {@link MailTrust#jvmDefault()}
         *     unless set. The server's identity is checked whichever is chosen
         * @return this builder
         */
        public Builder trust(MailTrust trust) {
            this.trust = trust;
            return this;
        }

        /**
         * @param sender the {@code From} address and envelope sender; required
         * @return this builder
         */
        public Builder sender(EmailAddress sender) {
            this.sender = sender;
            return this;
        }

        /**
         * @param sender the {@code From} address as configured: exactly one bare address; a line
         *     break, a list or a display name is reported by {@link #build()} on field {@code sender}
         * @return this builder
         */
        public Builder sender(String sender) {
            this.sender = parse("sender", sender);
            return this;
        }

        /**
         * @param name the {@code From} display name, e.g. {@code Telefonanlage}: at most
         *     {@value MailNotifier#MAX_SENDER_NAME_LENGTH} printable characters on one line; none
         *     unless set
         * @return this builder
         */
        public Builder senderName(String name) {
            this.senderName = name;
            return this;
        }

        /**
         * @param administrator the one address the administrator's messages go to (R7); none
         *     unless set, and then no administrator message is sent
         * @return this builder
         */
        public Builder administrator(EmailAddress administrator) {
            this.administrator = administrator;
            return this;
        }

        /**
         * @param administrator the administrator's address as configured: exactly one bare
         *     address; a line break, a list or a display name is reported by {@link #build()} on
         *     field {@code administrator}
         * @return this builder
         */
        public Builder administrator(String administrator) {
            this.administrator = parse("administrator", administrator);
            return this;
        }

        /**
         * Takes the administrator from the module's form: its address when "send e-mails" is yes
         * (R7, R19), none when it is no.
         *
         * @param settings the validated settings
         * @return this builder
         */
        public Builder administrator(RedundancySettings settings) {
            Objects.requireNonNull(settings, "settings");
            this.administrator = settings.sendEmails() ? settings.emailAddress().orElse(null) : null;
            return this;
        }

        /**
         * @param on whether the users get the restart-your-phone message after a promotion (R17);
         *     default true
         * @return this builder
         */
        public Builder userBroadcast(boolean on) {
            this.userBroadcast = on;
            return this;
        }

        /**
         * @param locale the administrator's language, and the users' when theirs has no texts:
         *     German or English ({@link Locale#GERMAN}, {@link Locale#ENGLISH} or a country variant);
         *     English unless set
         * @return this builder
         */
        public Builder locale(Locale locale) {
            this.locale = locale;
            return this;
        }

        /**
         * @param zone the zone times are shown in, e.g. {@code Europe/Berlin}; the clock's zone
         *     unless set
         * @return this builder
         */
        public Builder timeZone(ZoneId zone) {
            this.timeZone = zone;
            return this;
        }

        /**
         * @param prefix put in brackets before every subject, e.g. {@code PBX Zentrale}: at most
         *     {@value MailNotifier#MAX_SUBJECT_PREFIX_LENGTH} printable characters on one line; empty
         *     for none. {@code PBX-Redundanz} or {@code PBX redundancy} unless set
         * @return this builder
         */
        public Builder subjectPrefix(String prefix) {
            this.subjectPrefix = prefix;
            return this;
        }

        /**
         * @param html whether messages get an HTML alternative besides the plain text; default false
         * @return this builder
         */
        public Builder html(boolean html) {
            this.html = html;
            return this;
        }

        /**
         * @param name the name the notifier greets the server with ({@code EHLO}), this host's
         *     fully qualified name; Jakarta Mail asks the local host's name unless set
         * @return this builder
         */
        public Builder heloName(String name) {
            this.heloName = name;
            return this;
        }

        /**
         * @param timeout the TCP connect timeout; default {@link MailNotifier#DEFAULT_CONNECT_TIMEOUT}
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * @param timeout the longest wait for any answer of the server; default
         *     {@link MailNotifier#DEFAULT_READ_TIMEOUT}
         * @return this builder
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        /**
         * @param timeout the longest a write to the server may block; default
         *     {@link MailNotifier#DEFAULT_WRITE_TIMEOUT}
         * @return this builder
         */
        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = timeout;
            return this;
        }

        /**
         * @param timeout the longest one attempt may take in all, on the injected clock: the
         *     connection is closed then; default {@link MailNotifier#DEFAULT_ATTEMPT_TIMEOUT}
         * @return this builder
         */
        public Builder attemptTimeout(Duration timeout) {
            this.attemptTimeout = timeout;
            return this;
        }

        /**
         * @param interval the least time between the starts of two attempts, so that a broadcast
         *     to many users stays within the server's rate limits; zero for none. Default
         *     {@link MailNotifier#DEFAULT_PACING}
         * @return this builder
         */
        public Builder pacing(Duration interval) {
            this.pacing = interval;
            return this;
        }

        /**
         * @param retries how often and how far apart a message is tried again;
         *     {@link #defaultRetries()} unless set
         * @return this builder
         */
        public Builder retries(RetrySchedule retries) {
            this.retries = retries;
            return this;
        }

        /**
         * @param capacity how many messages may wait (a broadcast counts one per user);
         *     {@value MailNotifier#DEFAULT_QUEUE_CAPACITY} unless set
         * @return this builder
         */
        public Builder queueCapacity(int capacity) {
            this.queueCapacity = capacity;
            return this;
        }

        /**
         * @param clock the library's clock: the {@code Date} header, pacing, retries; required
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * @param scheduler wakes the sender when pacing or a retry delay is over, and bounds each
         *     attempt; required
         * @return this builder
         */
        public Builder scheduler(TaskScheduler scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /**
         * @param factory makes the sender thread and the write-timeout thread, e.g. a container's
         *     managed factory; daemon threads named {@code pbx-redundancy-mail-N-M} unless set
         * @return this builder
         */
        public Builder threadFactory(ThreadFactory factory) {
            this.threadFactory = factory;
            return this;
        }

        /**
         * @param timeout how long {@link MailNotifier#close()} lets the queue drain; default
         *     {@link MailNotifier#DEFAULT_CLOSE_TIMEOUT}
         * @return this builder
         */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = timeout;
            return this;
        }

        /**
         * @param listener told of every message's outcome on the sender thread, outside any lock;
         *     what it throws is logged and ignored. None unless set
         * @return this builder
         */
        public Builder listener(Consumer<MailOutcome> listener) {
            this.listener = listener;
            return this;
        }

        private EmailAddress parse(String field, String value) {
            try {
                return EmailAddress.parse(field, value);
            } catch (InvalidInputException e) {
                early.addAll(e.problems());
                return null;
            }
        }

        /**
         * Checks the settings together and builds the notifier; starts no thread until the first
         * message.
         *
         * @return the notifier, thread-safe
         * @throws InvalidInputException naming every setting that is missing, out of range, in
         *     conflict with another, or would let a value write mail headers of its own
         */
        public MailNotifier build() {
            List<InputProblem> problems = new ArrayList<>(early);
            boolean plain = server != null && server.security() == MailServer.Security.PLAIN;
            if (server == null) {
                problems.add(InputProblem.of("server", null, "is required, e.g. MailServer.startTls(\"mail.example.com\")"));
            } else if (plain && !allowPlain) {
                problems.add(InputProblem.of("server security", server.security().name(), "is plain SMTP, which sends"
                        + " every message unencrypted: use STARTTLS_REQUIRED or SMTPS, or allowPlain(true) where the"
                        + " network is trusted"));
            }
            if (plain && credentials != null) {
                problems.add(InputProblem.of("credentials", credentials.user(), "would be sent unencrypted over plain"
                        + " SMTP: use STARTTLS_REQUIRED or SMTPS"));
            }
            if (trust == null) {
                problems.add(InputProblem.of("trust", null, "is required; MailTrust.jvmDefault() for a server with a"
                        + " public certificate"));
            }
            if (sender == null && early.stream().noneMatch(p -> p.field().equals("sender"))) {
                problems.add(InputProblem.of("sender", null, "is required: the From address, e.g. pbx@example.com"));
            }
            checkText(problems, "senderName", senderName, MAX_SENDER_NAME_LENGTH, false);
            checkText(problems, "subjectPrefix", subjectPrefix, MAX_SUBJECT_PREFIX_LENGTH, true);
            if (heloName != null) {
                String rule = HeaderText.hostProblem(heloName);
                if (rule != null) {
                    problems.add(InputProblem.of("heloName", heloName, rule));
                }
            }
            if (Language.of(locale).isEmpty()) {
                problems.add(InputProblem.of("locale", locale == null ? null : locale.toLanguageTag(),
                        "must be German or English, e.g. Locale.GERMAN"));
            }
            checkDuration(problems, "connectTimeout", connectTimeout, false, MAX_TIMEOUT);
            checkDuration(problems, "readTimeout", readTimeout, false, MAX_TIMEOUT);
            checkDuration(problems, "writeTimeout", writeTimeout, false, MAX_TIMEOUT);
            checkDuration(problems, "attemptTimeout", attemptTimeout, false, MAX_TIMEOUT);
            checkDuration(problems, "pacing", pacing, true, MAX_PACING);
            checkDuration(problems, "closeTimeout", closeTimeout, true, Duration.ofDays(1));
            if (retries == null) {
                problems.add(InputProblem.of("retries", null, "is required"));
            }
            if (queueCapacity < 1 || queueCapacity > MAX_QUEUE_CAPACITY) {
                problems.add(InputProblem.of("queueCapacity", Integer.toString(queueCapacity),
                        "must be from 1 to " + MAX_QUEUE_CAPACITY));
            }
            if (clock == null) {
                problems.add(InputProblem.of("clock", null, "is required"));
            }
            if (scheduler == null) {
                problems.add(InputProblem.of("scheduler", null, "is required, e.g. TaskScheduler.using(executor, clock)"));
            }
            MailTls tls = null;
            if (trust != null && server != null && !plain) {
                try {
                    tls = MailTls.of(trust);
                } catch (InvalidInputException e) {
                    problems.addAll(e.problems());
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            SmtpSettings smtp = new SmtpSettings(server, Optional.ofNullable(credentials), Optional.ofNullable(tls),
                    Optional.ofNullable(heloName), sender, Optional.ofNullable(senderName), connectTimeout, readTimeout,
                    writeTimeout, attemptTimeout, html);
            return new MailNotifier(this, smtp);
        }

        private static void checkText(List<InputProblem> problems, String field, String value, int max, boolean blank) {
            if (value != null) {
                String rule = HeaderText.problem(value, max, blank);
                if (rule != null) {
                    problems.add(InputProblem.of(field, value, rule));
                }
            }
        }

        private static void checkDuration(List<InputProblem> problems, String field, Duration value, boolean zeroAllowed,
                                          Duration max) {
            boolean tooSmall = value == null || value.isNegative() || (!zeroAllowed && value.isZero());
            if (tooSmall || value.compareTo(max) > 0) {
                problems.add(InputProblem.of(field, value == null ? null : value.toString(),
                        "must be " + (zeroAllowed ? "from 0" : "more than 0") + " up to "
                                + Language.ENGLISH.duration(max)));
            }
        }
    }
}
