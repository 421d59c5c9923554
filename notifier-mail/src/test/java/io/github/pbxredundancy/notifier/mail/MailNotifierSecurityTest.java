package io.github.pbxredundancy.notifier.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.Secret;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The ways to reach a mail server that are accepted: STARTTLS and SMTPS with each trust, plain opted in. */
class MailNotifierSecurityTest {
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

    enum Trust {
        TRUSTSTORE(() -> TestCertificates.mailServer().trusted()),
        PINNED_CERTIFICATE(() -> TestCertificates.mailServer().pinnedCertificate()),
        PINNED_PUBLIC_KEY(() -> TestCertificates.mailServer().pinnedPublicKey());

        final Supplier<MailTrust> trust;

        Trust(Supplier<MailTrust> trust) {
            this.trust = trust;
        }
    }

    @ParameterizedTest
    @EnumSource(Trust.class)
    void startTlsWithEachTrustLogsInOnlyInsideTls(Trust trust) throws Exception {
        frontEnd = TlsFrontEnd.start(TlsFrontEnd.Mode.STARTTLS, TestCertificates.mailServer().serverContext(),
                GREEN_MAIL.getSmtp().getPort());
        notifier = TestMail.startTls(frontEnd, clock, scheduler, outcomes).trust(trust.trust.get()).build();
        notifier.notify(Events.runFailed(ReasonCode.TIMEOUT));

        outcomes.next(MailOutcome.Sent.class);
        assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(1);
        assertThat(frontEnd.plainCommands).hasSize(2).allMatch(c -> c.startsWith("EHLO") || c.equals("STARTTLS"));
    }

    @Test
    void smtpsSpeaksTlsFromTheFirstByte() throws Exception {
        frontEnd = TlsFrontEnd.start(TlsFrontEnd.Mode.IMPLICIT_TLS, TestCertificates.mailServer().serverContext(),
                GREEN_MAIL.getSmtp().getPort());
        notifier = TestMail.builder(clock, scheduler, outcomes)
                .server(MailServer.smtps("127.0.0.1", frontEnd.port()))
                .trust(TestCertificates.mailServer().pinnedCertificate())
                .credentials(MailCredentials.of(TestMail.USER, Secret.of(TestMail.PASSWORD)))
                .build();
        notifier.notify(Events.runFailed(ReasonCode.TIMEOUT));

        outcomes.next(MailOutcome.Sent.class);
        assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(1);
        assertThat(frontEnd.plainCommands).isEmpty();
    }

    @Test
    void smtpsRefusesAServerThatDoesNotNameItsHost() throws Exception {
        frontEnd = TlsFrontEnd.start(TlsFrontEnd.Mode.IMPLICIT_TLS, TestCertificates.elsewhere().serverContext(),
                GREEN_MAIL.getSmtp().getPort());
        notifier = TestMail.builder(clock, scheduler, outcomes)
                .server(MailServer.smtps("127.0.0.1", frontEnd.port()))
                .trust(TestCertificates.elsewhere().pinnedCertificate())
                .build();
        notifier.notify(Events.runFailed(ReasonCode.TIMEOUT));

        assertThat(outcomes.next(MailOutcome.GaveUp.class).reason()).isEqualTo(ReasonCode.HOST_KEY_UNKNOWN);
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void plainSmtpWorksOnlyWhenOptedIn() throws Exception {
        notifier = TestMail.builder(clock, scheduler, outcomes)
                .server(new MailServer("127.0.0.1", GREEN_MAIL.getSmtp().getPort(), MailServer.Security.PLAIN))
                .allowPlain(true)
                .build();
        notifier.notify(Events.runFailed(ReasonCode.TIMEOUT));

        outcomes.next(MailOutcome.Sent.class);
        assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(1);
    }
}
