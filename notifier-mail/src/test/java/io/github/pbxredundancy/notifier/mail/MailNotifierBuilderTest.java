package io.github.pbxredundancy.notifier.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pbxredundancy.core.EmailAddress;
import io.github.pbxredundancy.core.InputProblem;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancySettings;
import io.github.pbxredundancy.core.Secret;
import io.github.pbxredundancy.core.SettingsFile;
import io.github.pbxredundancy.core.event.BundleAccepted;
import io.github.pbxredundancy.core.event.RunStarted;
import io.github.pbxredundancy.core.SoftwareVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every value that reaches a header is checked when configured, not when a message is sent; the
 * other settings are checked together, each problem naming its setting.
 */
class MailNotifierBuilderTest {
    private final MutableClock clock = new MutableClock(Events.T0);
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final Outcomes outcomes = new Outcomes();

    private MailNotifier.Builder valid() {
        return TestMail.builder(clock, scheduler, outcomes)
                .server(MailServer.startTls("mail.example.com"))
                .credentials(MailCredentials.of(TestMail.USER, Secret.of(TestMail.PASSWORD)));
    }

    static List<Arguments> headerInjections() {
        return List.of(
                Arguments.of("sender", (UnaryOperator<MailNotifier.Builder>) b -> b.sender("pbx@example.com\r\nBcc: all@example.com")),
                Arguments.of("sender", (UnaryOperator<MailNotifier.Builder>) b -> b.sender("Telefonanlage <pbx@example.com>")),
                Arguments.of("administrator", (UnaryOperator<MailNotifier.Builder>) b -> b.administrator("admin@example.com\nBcc: x@example.com")),
                Arguments.of("administrator", (UnaryOperator<MailNotifier.Builder>) b -> b.administrator("admin@example.com, boss@example.com")),
                Arguments.of("administrator", (UnaryOperator<MailNotifier.Builder>) b -> b.administrator("admin@example.com;boss@example.com")),
                Arguments.of("senderName", (UnaryOperator<MailNotifier.Builder>) b -> b.senderName("PBX\r\nBcc: all@example.com")),
                Arguments.of("senderName", (UnaryOperator<MailNotifier.Builder>) b -> b.senderName("PBX\u2028Bcc: all@example.com")),
                Arguments.of("subjectPrefix", (UnaryOperator<MailNotifier.Builder>) b -> b.subjectPrefix("PBX\nBcc: all@example.com")),
                Arguments.of("subjectPrefix", (UnaryOperator<MailNotifier.Builder>) b -> b.subjectPrefix("PBX\r")),
                Arguments.of("heloName", (UnaryOperator<MailNotifier.Builder>) b -> b.heloName("pbx.example.com\r\nMAIL FROM:<x@example.com>")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("headerInjections")
    void aValueThatCouldWriteHeadersIsRefusedWhenConfigured(String field, UnaryOperator<MailNotifier.Builder> change) {
        assertThatThrownBy(() -> change.apply(valid()).build())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.problems()).extracting(InputProblem::field).containsExactly(field);
                    assertThat(e.getMessage()).doesNotContain("\r", "\n");
                });
    }

    @Test
    void serverAndLoginValuesAreCheckedWhenMade() {
        assertThatThrownBy(() -> MailServer.startTls("mail.example.com\r\nRCPT TO:<x@example.com>", 587))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.problems()).extracting(InputProblem::field).containsExactly("server host"));
        assertThatThrownBy(() -> new MailServer("mail.example.com:587", 0, null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(InputProblem::field).containsExactly("server host", "server port", "server security"));
        assertThatThrownBy(() -> MailCredentials.of("pbx\r\nAUTH PLAIN", Secret.of("x")))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.problems()).extracting(InputProblem::field).containsExactly("credentials user"));
        assertThat(MailServer.startTls("192.168.1.10").port()).isEqualTo(587);
        assertThat(MailServer.smtps("mail.example.com", 465).security()).isEqualTo(MailServer.Security.SMTPS);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> MailNotifier.builder()
                .senderName("a\nb")
                .administrator("x@y")
                .locale(Locale.FRENCH)
                .connectTimeout(Duration.ZERO)
                .readTimeout(Duration.ofHours(1))
                .pacing(Duration.ofMillis(-1))
                .queueCapacity(0)
                .build())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(InputProblem::field)
                        .containsExactlyInAnyOrder("administrator", "server", "sender", "senderName", "locale",
                                "connectTimeout", "readTimeout", "pacing", "queueCapacity", "clock", "scheduler"));
    }

    @Test
    void plainSmtpNeedsTheOptInAndNeverCarriesCredentials() {
        MailServer plain = new MailServer("127.0.0.1", 25, MailServer.Security.PLAIN);
        assertThatThrownBy(() -> valid().server(plain).credentials(null).build())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(InputProblem::field).containsExactly("server security"));
        assertThatThrownBy(() -> valid().server(plain).allowPlain(true).build())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(InputProblem::field).containsExactly("credentials"));
        valid().server(plain).allowPlain(true).credentials(null).build().close(Duration.ZERO);
    }

    @Test
    void anUnreadableTruststoreIsRefusedWhenConfigured() {
        assertThatThrownBy(() -> valid().trust(new MailTrust.TrustStore(Path.of("target", "no-such-truststore.p12"))).build())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(InputProblem::field).containsExactly("trust"));
        assertThatThrownBy(() -> valid().trust(new MailTrust.TrustStore(TestCertificates.mailServer().trustStore(),
                        Optional.of(Secret.of("wrong")))).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("trust");
        assertThatThrownBy(() -> new MailTrust.PinnedCertificate("not a fingerprint"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("certificate fingerprint");
        String colons = "AB:".repeat(31) + "AB";
        assertThat(new MailTrust.PinnedPublicKey(colons).sha256()).isEqualTo("ab".repeat(32));
    }

    @Test
    void theAdministratorComesFromTheModulesFormOnlyWhenEmailsAreOn() throws Exception {
        String form = """
                license-key = XXXXX-YYYYY-ZZZZZ-11111
                attempts = 10
                send-emails = %s
                email-address = test123@testserver.de
                interval-unit = day
                repeat-every = 1
                start-date = 26.01.2016
                start-time = 05:00
                time-zone = Europe/Berlin
                standby.password = change-me
                standby.server = 192.168.1.2
                """;
        RedundancySettings on = SettingsFile.parse(form.formatted("yes"));
        RedundancySettings off = SettingsFile.parse(form.formatted("no"));
        MailNotifier withAdmin = valid().administrator(on).build();
        MailNotifier without = valid().administrator(off).build();
        try {
            var failed = Events.runFailed(ReasonCode.TIMEOUT);
            assertThat(withAdmin.mails(failed)).isTrue();
            assertThat(without.mails(failed)).isFalse();
            assertThat(without.mails(Events.broadcast("p-1", Events.users(1)))).as("the broadcast is separate").isTrue();
            without.notify(failed);
            assertThat(without.stats().queued()).isZero();
        } finally {
            withAdmin.close(Duration.ZERO);
            without.close(Duration.ZERO);
        }
    }

    @Test
    void routineEventsMailNobodyAndNothingEverThrowsIntoTheCaller() {
        MailNotifier notifier = valid().build();
        try {
            assertThat(notifier.mails(new RunStarted(Events.T0, 1, Events.T0))).isFalse();
            assertThat(notifier.mails(new BundleAccepted(Events.T0, Events.BUNDLE, "pbx-nord",
                    SoftwareVersion.parse("8.0.1"), 1, Events.T0, 1000))).isFalse();
            notifier.notify(null);
            notifier.notify(new RunStarted(Events.T0, 1, Events.T0));
            assertThat(notifier.stats()).isEqualTo(new MailStats(0, 0, 0, 0, 0));
        } finally {
            notifier.close(Duration.ZERO);
        }
    }

    @Test
    void toStringShowsNeitherAddressesNorSecrets() {
        MailNotifier notifier = valid().build();
        try {
            assertThat(notifier.toString()).contains("mail.example.com:587 (STARTTLS_REQUIRED)")
                    .doesNotContain(TestMail.ADMIN, TestMail.SENDER, TestMail.PASSWORD);
            assertThat(MailCredentials.of("pbx", Secret.of(TestMail.PASSWORD)).toString()).doesNotContain(TestMail.PASSWORD);
            assertThat(new MailTrust.TrustStore(Path.of("t.p12"), Optional.of(Secret.of("changeit"))).toString())
                    .doesNotContain("changeit");
        } finally {
            notifier.close(Duration.ZERO);
        }
    }

    @Test
    void closingTwiceIsHarmlessAndLaterEventsAreDropped() {
        MailNotifier notifier = valid().build();
        assertThat(notifier.close(Duration.ZERO)).isTrue();
        assertThat(notifier.close(Duration.ZERO)).isTrue();
        notifier.notify(Events.runFailed(ReasonCode.TIMEOUT));
        assertThat(notifier.stats()).isEqualTo(new MailStats(0, 0, 1, 0, 0));
        assertThat(new EmailAddress(TestMail.ADMIN).value()).isEqualTo(TestMail.ADMIN);
    }
}
