package io.github.pbxredundancy.notifier.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.pbxredundancy.core.GiveUpReason;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RetrySchedule;
import io.github.pbxredundancy.core.Secret;
import io.github.pbxredundancy.core.event.ImportFailed;
import io.github.pbxredundancy.core.event.RunFailed;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A refused login, a server that is down, a server that accepts the connection and never
 * answers, a server without STARTTLS and servers with the wrong certificate: each costs a counted,
 * logged failure on the notifier's own thread and never blocks or throws into the caller. Retries
 * run on the manual clock; only the socket timeouts are real (and short).
 */
class MailNotifierFailureTest {
    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(TestMail.SENDER, TestMail.USER, TestMail.PASSWORD));

    private final MutableClock clock = new MutableClock(Events.T0);
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final Outcomes outcomes = new Outcomes();
    private TlsFrontEnd frontEnd;
    private MailNotifier notifier;

    @AfterEach
    void close() {
        if (notifier != null) {
            notifier.close(Duration.ZERO);
        }
        if (frontEnd != null) {
            frontEnd.close();
        }
    }

    private TlsFrontEnd frontEnd(TestCertificates.Identity identity) {
        frontEnd = TlsFrontEnd.start(TlsFrontEnd.Mode.STARTTLS, identity.serverContext(), GREEN_MAIL.getSmtp().getPort());
        return frontEnd;
    }

    @Test
    void aRefusedLoginIsCountedOnceAndNeverRetriedOrThrown() throws Exception {
        notifier = TestMail.startTls(frontEnd(TestCertificates.mailServer()), clock, scheduler, outcomes)
                .credentials(MailCredentials.of(TestMail.USER, Secret.of("wrong password")))
                .build();
        notifier.notify(Events.runFailed(ReasonCode.TIMEOUT));

        MailOutcome.GaveUp gaveUp = outcomes.next(MailOutcome.GaveUp.class);
        assertThat(gaveUp.reason()).isEqualTo(ReasonCode.AUTHENTICATION_FAILED);
        assertThat(gaveUp.giveUp()).isEqualTo(GiveUpReason.NOT_RETRYABLE);
        assertThat(gaveUp.attempts()).isEqualTo(1);
        assertThat(gaveUp.message()).doesNotContain("wrong password");
        assertThat(notifier.stats()).isEqualTo(new MailStats(0, 1, 0, 0, 0));
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
        assertThat(frontEnd.plainCommands).as("nothing but EHLO and STARTTLS in the clear")
                .allMatch(command -> command.startsWith("EHLO") || command.equals("STARTTLS"));
    }

    @Test
    void aServerThatIsDownIsRetriedPerScheduleThenGivenUp() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket()) {
            closed.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = closed.getLocalPort();
        }
        notifier = TestMail.builder(clock, scheduler, outcomes)
                .server(MailServer.startTls("127.0.0.1", port))
                .trust(TestCertificates.mailServer().trusted())
                .build();
        notifier.notify(Events.runFailed(ReasonCode.TIMEOUT));

        Instant expected = Events.T0.plus(Duration.ofMinutes(1));
        for (int attempt = 1; attempt <= 2; attempt++) {
            MailOutcome.RetryScheduled retry = outcomes.next(MailOutcome.RetryScheduled.class);
            assertThat(retry.attempt()).isEqualTo(attempt);
            assertThat(retry.reason()).isEqualTo(ReasonCode.CONNECTION_FAILED);
            assertThat(retry.nextAttemptAt()).isEqualTo(expected);
            assertThat(scheduler.awaitTaskDueBy(expected, Outcomes.WAIT)).isEqualTo(expected);
            scheduler.advanceTo(expected);
            expected = expected.plus(Duration.ofMinutes(1));
        }
        MailOutcome.GaveUp gaveUp = outcomes.next(MailOutcome.GaveUp.class);
        assertThat(gaveUp.attempts()).isEqualTo(3);
        assertThat(gaveUp.giveUp()).isEqualTo(GiveUpReason.ATTEMPTS_EXHAUSTED);
        assertThat(gaveUp.at()).isEqualTo(Events.T0.plus(Duration.ofMinutes(2)));
        assertThat(notifier.stats()).isEqualTo(new MailStats(0, 1, 0, 2, 0));
    }

    @Test
    void aServerThatNeverAnswersHoldsUpNobodyAndTimesOut() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            notifier = TestMail.builder(clock, scheduler, outcomes)
                    .server(MailServer.startTls("127.0.0.1", silent.port()))
                    .trust(TestCertificates.mailServer().trusted())
                    .readTimeout(Duration.ofMillis(300))
                    .retries(RetrySchedule.fixed(2, Duration.ofMinutes(1)))
                    .build();
            RunFailed first = Events.runFailed(ReasonCode.TIMEOUT);
            notifier.notify(first);
            assertThat(silent.awaitConnection(Outcomes.WAIT)).as("the sender connected").isTrue();

            // The sender now waits for a greeting that never comes; the caller does not.
            notifier.notify(new ImportFailed(Events.T0, Events.BUNDLE, ReasonCode.IMPORT_FAILED, "Festplatte voll"));
            notifier.notify(Events.broadcast("p-1", Events.users(5)));
            assertThat(notifier.stats().queued()).isEqualTo(7);
            assertThat(outcomes.isEmpty()).as("no outcome yet: the first attempt still waits for the server").isTrue();

            MailOutcome.RetryScheduled retry = outcomes.next(MailOutcome.RetryScheduled.class);
            assertThat(retry.reason()).isEqualTo(ReasonCode.TIMEOUT);
            assertThat(retry.event()).isEqualTo(RunFailed.class);
            scheduler.advanceTo(scheduler.awaitTaskDueBy(retry.nextAttemptAt(), Outcomes.WAIT));
            MailOutcome.GaveUp gaveUp = outcomes.next(MailOutcome.GaveUp.class);
            assertThat(gaveUp.reason()).isEqualTo(ReasonCode.TIMEOUT);
            assertThat(gaveUp.giveUp()).isEqualTo(GiveUpReason.ATTEMPTS_EXHAUSTED);

            // The next message is in its first attempt; closing ends it at once and drops the rest.
            assertThat(silent.awaitConnection(Outcomes.WAIT)).isTrue();
            assertThat(silent.awaitConnection(Outcomes.WAIT)).isTrue();
            assertThat(notifier.close(Duration.ZERO)).isFalse();
            MailOutcome.GaveUp interrupted = outcomes.next(MailOutcome.GaveUp.class);
            assertThat(interrupted.event()).isEqualTo(ImportFailed.class);
            assertThat(interrupted.reason()).isEqualTo(ReasonCode.TRANSFER_INTERRUPTED);
            assertThat(notifier.stats()).isEqualTo(new MailStats(0, 2, 5, 1, 0));
        }
    }

    @Test
    void theAttemptLimitEndsAConnectionOnTheInjectedClock() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            notifier = TestMail.builder(clock, scheduler, outcomes)
                    .server(MailServer.startTls("127.0.0.1", silent.port()))
                    .trust(TestCertificates.mailServer().trusted())
                    .readTimeout(Duration.ofMinutes(10))
                    .attemptTimeout(Duration.ofSeconds(90))
                    .retries(RetrySchedule.fixed(1, Duration.ZERO))
                    .build();
            notifier.notify(Events.runFailed(ReasonCode.TIMEOUT));
            assertThat(silent.awaitConnection(Outcomes.WAIT)).isTrue();
            Instant limit = Events.T0.plus(Duration.ofSeconds(90));
            assertThat(scheduler.awaitTaskDueBy(limit, Outcomes.WAIT)).isEqualTo(limit);
            scheduler.advanceTo(limit);

            MailOutcome.GaveUp gaveUp = outcomes.next(MailOutcome.GaveUp.class);
            assertThat(gaveUp.reason()).isEqualTo(ReasonCode.TIMEOUT);
            assertThat(gaveUp.message()).contains("limit of 90 s");
            assertThat(notifier.stats()).isEqualTo(new MailStats(0, 1, 0, 0, 0));
        }
    }

    @Test
    void startTlsRequiredNeverFallsBackToPlainText() throws Exception {
        // GreenMail itself offers no STARTTLS: the notifier must refuse to go on in the clear.
        notifier = TestMail.builder(clock, scheduler, outcomes)
                .server(MailServer.startTls("127.0.0.1", GREEN_MAIL.getSmtp().getPort()))
                .trust(TestCertificates.mailServer().trusted())
                .credentials(MailCredentials.of(TestMail.USER, Secret.of(TestMail.PASSWORD)))
                .build();
        notifier.notify(Events.runFailed(ReasonCode.TIMEOUT));

        MailOutcome.GaveUp gaveUp = outcomes.next(MailOutcome.GaveUp.class);
        assertThat(gaveUp.reason()).isEqualTo(ReasonCode.INVALID_INPUT);
        assertThat(gaveUp.message()).contains("does not offer STARTTLS");
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    }

    static List<Arguments> wrongServers() {
        return List.of(
                Arguments.of("an impostor's certificate, truststore", (Supplier<TestCertificates.Identity>) TestCertificates::impostor,
                        (Supplier<MailTrust>) () -> TestCertificates.mailServer().trusted(), ReasonCode.HOST_KEY_UNKNOWN),
                Arguments.of("an impostor's certificate, pinned", (Supplier<TestCertificates.Identity>) TestCertificates::impostor,
                        (Supplier<MailTrust>) () -> TestCertificates.mailServer().pinnedCertificate(),
                        ReasonCode.HOST_KEY_CHANGED),
                Arguments.of("an impostor's key, pinned", (Supplier<TestCertificates.Identity>) TestCertificates::impostor,
                        (Supplier<MailTrust>) () -> TestCertificates.mailServer().pinnedPublicKey(),
                        ReasonCode.HOST_KEY_CHANGED),
                Arguments.of("a trusted certificate for another name",
                        (Supplier<TestCertificates.Identity>) TestCertificates::elsewhere,
                        (Supplier<MailTrust>) () -> TestCertificates.elsewhere().trusted(), ReasonCode.HOST_KEY_UNKNOWN),
                Arguments.of("GreenMail's own certificate, pinned (it names no host)",
                        (Supplier<TestCertificates.Identity>) TestCertificates::greenMailOwn,
                        (Supplier<MailTrust>) () -> TestCertificates.greenMailOwn().pinnedCertificate(),
                        ReasonCode.HOST_KEY_UNKNOWN),
                Arguments.of("a self-signed certificate, the JVM's default trust",
                        (Supplier<TestCertificates.Identity>) TestCertificates::mailServer,
                        (Supplier<MailTrust>) MailTrust::jvmDefault, ReasonCode.HOST_KEY_UNKNOWN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongServers")
    void aServerWithTheWrongCertificateGetsNoLoginAndNoMessage(String name, Supplier<TestCertificates.Identity> server,
                                                               Supplier<MailTrust> trust, ReasonCode expected)
            throws Exception {
        notifier = TestMail.startTls(frontEnd(server.get()), clock, scheduler, outcomes).trust(trust.get()).build();
        notifier.notify(Events.runFailed(ReasonCode.TIMEOUT));

        MailOutcome.GaveUp gaveUp = outcomes.next(MailOutcome.GaveUp.class);
        assertThat(gaveUp.reason()).isEqualTo(expected);
        assertThat(gaveUp.giveUp()).isEqualTo(GiveUpReason.NOT_RETRYABLE);
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
        assertThat(frontEnd.plainCommands).allMatch(command -> command.startsWith("EHLO") || command.equals("STARTTLS"));
    }

    @Test
    void aFullQueueDropsAndCountsWithoutBlocking() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            notifier = TestMail.builder(clock, scheduler, outcomes)
                    .server(MailServer.startTls("127.0.0.1", silent.port()))
                    .trust(TestCertificates.mailServer().trusted())
                    .readTimeout(Duration.ofMinutes(10))
                    .queueCapacity(3)
                    .build();
            notifier.notify(Events.runFailed(ReasonCode.TIMEOUT));
            assertThat(silent.awaitConnection(Outcomes.WAIT)).isTrue();
            notifier.notify(Events.runFailed(ReasonCode.TIMEOUT));
            notifier.notify(Events.broadcast("p-1", Events.users(4)));

            MailOutcome.Dropped partly = outcomes.next(MailOutcome.Dropped.class);
            assertThat(partly.count()).isEqualTo(3);
            notifier.notify(Events.runFailed(ReasonCode.TIMEOUT));
            assertThat(outcomes.next(MailOutcome.Dropped.class).count()).isEqualTo(1);
            assertThat(notifier.stats()).isEqualTo(new MailStats(0, 0, 4, 0, 3));
        }
    }
}
