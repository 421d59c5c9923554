package io.github.pbxredundancy.notifier.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.pbxredundancy.core.UserContact;
import io.github.pbxredundancy.core.event.PromotionRefused;
import io.github.pbxredundancy.core.promotion.PreconditionCode;
import io.github.pbxredundancy.core.promotion.UnmetPrecondition;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every message the notifier writes, in German and English, through STARTTLS to GreenMail on
 * loopback and read back from GreenMail's mailbox: subjects RFC 2047 encoded and decoded with
 * their umlauts, bodies in UTF-8 with the event's values, one recipient each.
 */
class MailNotifierMessagesTest {
    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(TestMail.SENDER, TestMail.USER, TestMail.PASSWORD));

    private final MutableClock clock = new MutableClock(Events.T0);
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final Outcomes outcomes = new Outcomes();
    private TlsFrontEnd frontEnd;
    private MailNotifier notifier;

    @BeforeEach
    void frontEnd() {
        frontEnd = TlsFrontEnd.start(TlsFrontEnd.Mode.STARTTLS, TestCertificates.mailServer().serverContext(),
                GREEN_MAIL.getSmtp().getPort());
    }

    @AfterEach
    void close() {
        if (notifier != null) {
            notifier.close(java.time.Duration.ZERO);
        }
        frontEnd.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"de", "en"})
    void everyAdministratorMessageArrivesWithItsUmlauts(String language) throws Exception {
        boolean german = language.equals("de");
        notifier = TestMail.startTls(frontEnd, clock, scheduler, outcomes)
                .locale(Locale.forLanguageTag(language))
                .subjectPrefix("Telefonanlage Zürich")
                .build();
        List<Events.Case> cases = Events.administratorCases();
        cases.forEach(c -> notifier.notify(c.event()));
        for (Events.Case c : cases) {
            MailOutcome.Sent sent = outcomes.next(MailOutcome.Sent.class);
            assertThat(sent.event()).isEqualTo(c.event().getClass());
            assertThat(sent.userId()).isEmpty();
        }

        MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
        assertThat(received).hasSameSizeAs(cases);
        for (int i = 0; i < cases.size(); i++) {
            Events.Case c = cases.get(i);
            MimeMessage message = received[i];
            String rawSubject = message.getHeader("Subject", null);
            assertThat(rawSubject).as(c.name()).startsWith("=?UTF-8?").matches("[\\x20-\\x7e\\r\\n\\t]*");
            assertThat(message.getSubject()).as(c.name()).startsWith("[Telefonanlage Zürich] ")
                    .contains(german ? c.german() : c.english());
            String body = (String) message.getContent();
            assertThat(body).as(c.name()).contains(german ? c.value() : c.englishValue())
                    .startsWith(german ? "Guten Tag," : "Hello,")
                    .contains(german ? "automatisch gesendet" : "sent automatically");
            assertThat(message.getContentType()).containsIgnoringCase("text/plain").containsIgnoringCase("UTF-8");
            assertThat(message.getHeader("Content-Language", null)).isEqualTo(language);
            assertThat(message.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
            assertSingleRecipient(message, TestMail.ADMIN);
            InternetAddress from = (InternetAddress) message.getFrom()[0];
            assertThat(from.getAddress()).isEqualTo(TestMail.SENDER);
            assertThat(from.getPersonal()).isEqualTo("Telefonanlage Süd");
            assertThat(message.getSentDate().toInstant()).isEqualTo(Events.T0);
        }
        assertThat(notifier.stats()).isEqualTo(new MailStats(cases.size(), 0, 0, 0, 0));
    }

    @Test
    void theRestartMessageGoesOutInEachUsersLanguage() throws Exception {
        notifier = TestMail.startTls(frontEnd, clock, scheduler, outcomes).locale(Locale.GERMAN).build();
        UserContact german = Events.user(1, Locale.GERMAN);
        UserContact english = Events.user(2, Locale.UK);
        UserContact french = Events.user(3, Locale.FRENCH);
        notifier.notify(Events.broadcast("p-1", List.of(german, english, french)));
        for (int i = 0; i < 3; i++) {
            outcomes.next(MailOutcome.Sent.class);
        }

        MimeMessage toGerman = only(german);
        assertThat(toGerman.getSubject()).isEqualTo("[PBX-Redundanz] Bitte starten Sie Ihr Telefon neu");
        assertThat((String) toGerman.getContent()).startsWith("Hallo Ännchen Groß 1,")
                .contains("„Neustart“", "26.01.2026, 05:00:00 MEZ", "wenden Sie sich bitte an Ihre IT-Abteilung");
        MimeMessage toEnglish = only(english);
        assertThat(toEnglish.getSubject()).isEqualTo("[PBX redundancy] Please restart your phone");
        assertThat((String) toEnglish.getContent()).startsWith("Hello Jörg Bär 2,").contains("\"Restart\"");
        // No French texts: the notifier's own language.
        assertThat(only(french).getSubject()).isEqualTo("[PBX-Redundanz] Bitte starten Sie Ihr Telefon neu");
        InternetAddress to = (InternetAddress) toEnglish.getRecipients(Message.RecipientType.TO)[0];
        assertThat(to.getPersonal()).isEqualTo("Jörg Bär 2");
    }

    @Test
    void theHtmlAlternativeEscapesEveryValue() throws Exception {
        notifier = TestMail.startTls(frontEnd, clock, scheduler, outcomes).html(true).locale(Locale.GERMAN).build();
        String hostile = "<script>alert('x')</script> & „Tür“";
        notifier.notify(new PromotionRefused(Events.T0, Events.OPERATOR,
                List.of(new UnmetPrecondition(PreconditionCode.HARDWARE_NOT_MOVED, "ISDN lines not moved")),
                List.of(hostile)));
        outcomes.next(MailOutcome.Sent.class);

        MimeMessage message = GREEN_MAIL.getReceivedMessages()[0];
        assertThat(message.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat((String) parts.getBodyPart(0).getContent()).contains(hostile);
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        String html = (String) parts.getBodyPart(1).getContent();
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; „Tür“")
                .doesNotContain("<script>").contains("<html lang=\"de\">", "Jürgen Weiß");
    }

    private static MimeMessage only(UserContact user) {
        MimeMessage[] messages = GREEN_MAIL.getReceivedMessagesForDomain(user.email().value());
        assertThat(messages).as("messages for " + user.userId()).hasSize(1);
        assertSingleRecipient(messages[0], user.email().value());
        return messages[0];
    }

    static void assertSingleRecipient(MimeMessage message, String address) {
        try {
            Address[] to = message.getRecipients(Message.RecipientType.TO);
            assertThat(to).hasSize(1);
            assertThat(((InternetAddress) to[0]).getAddress()).isEqualTo(address);
            assertThat(message.getRecipients(Message.RecipientType.CC)).isNull();
            assertThat(message.getRecipients(Message.RecipientType.BCC)).isNull();
            assertThat(message.getAllRecipients()).hasSize(1);
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }
}
