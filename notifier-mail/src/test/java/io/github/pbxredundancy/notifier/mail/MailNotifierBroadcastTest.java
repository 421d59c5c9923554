package io.github.pbxredundancy.notifier.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.pbxredundancy.core.UserContact;
import io.github.pbxredundancy.core.event.RunFailed;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The restart-your-phone broadcast (R17): one message per user at the user's own address,
 * paced on the injected clock, the administrator's messages first.
 */
class MailNotifierBroadcastTest {
    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());

    private static final Duration PACING = Duration.ofMillis(100);

    private final MutableClock clock = new MutableClock(Events.T0);
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final Outcomes outcomes = new Outcomes();
    private TlsFrontEnd frontEnd;
    private MailNotifier notifier;

    @BeforeEach
    void start() {
        frontEnd = TlsFrontEnd.start(TlsFrontEnd.Mode.STARTTLS, TestCertificates.mailServer().serverContext(),
                GREEN_MAIL.getSmtp().getPort());
        notifier = TestMail.builder(clock, scheduler, outcomes)
                .server(MailServer.startTls("127.0.0.1", frontEnd.port()))
                .trust(TestCertificates.mailServer().trusted())
                .locale(Locale.GERMAN)
                .pacing(PACING)
                .build();
    }

    @AfterEach
    void close() {
        notifier.close(Duration.ZERO);
        frontEnd.close();
    }

    @Test
    void fiftyUsersGetOneMessageEachPacedOnTheClock() throws Exception {
        List<UserContact> users = Events.users(50);
        notifier.notify(Events.broadcast("p-20260126-1", users));

        Instant expected = Events.T0;
        for (int i = 0; i < users.size(); i++) {
            if (i > 0) {
                Instant due = scheduler.awaitTaskDueBy(clock.instant().plus(Duration.ofMinutes(1)), Outcomes.WAIT);
                assertThat(due).as("message %d waits for its pacing slot", i + 1).isEqualTo(expected);
                assertThat(GREEN_MAIL.getReceivedMessages()).as("nothing goes out before the slot").hasSize(i);
                scheduler.advanceTo(due);
            }
            MailOutcome.Sent sent = outcomes.next(MailOutcome.Sent.class);
            assertThat(sent.at()).isEqualTo(expected);
            assertThat(sent.userId()).contains(users.get(i).userId());
            expected = expected.plus(PACING);
        }

        MimeMessage[] all = GREEN_MAIL.getReceivedMessages();
        assertThat(all).hasSize(50);
        Set<String> messageIds = new HashSet<>();
        for (UserContact user : users) {
            MimeMessage[] mine = GREEN_MAIL.getReceivedMessagesForDomain(user.email().value());
            assertThat(mine).as("messages for %s", user.userId()).hasSize(1);
            MailNotifierMessagesTest.assertSingleRecipient(mine[0], user.email().value());
            boolean english = user.locale().equals(Locale.ENGLISH);
            assertThat(mine[0].getSubject()).endsWith(english ? "Please restart your phone" : "Bitte starten Sie Ihr Telefon neu");
            assertThat((String) mine[0].getContent()).contains(user.displayName()).doesNotContain("@");
            messageIds.add(mine[0].getMessageID());
        }
        assertThat(messageIds).as("50 separate messages, not one with 50 recipients").hasSize(50);
        assertThat(notifier.stats()).isEqualTo(new MailStats(50, 0, 0, 0, 0));
    }

    @Test
    void theAdministratorsMessageGoesBeforeTheUsersStillWaiting() throws Exception {
        List<UserContact> users = Events.users(5);
        notifier.notify(Events.broadcast("p-1", users));
        assertThat(outcomes.next(MailOutcome.Sent.class).userId()).contains("u1");
        RunFailed failed = Events.runFailed(io.github.pbxredundancy.core.ReasonCode.TIMEOUT);
        notifier.notify(failed);

        Instant due = scheduler.awaitTaskDueBy(clock.instant().plus(PACING), Outcomes.WAIT);
        scheduler.advanceTo(due);
        MailOutcome.Sent admin = outcomes.next(MailOutcome.Sent.class);
        assertThat(admin.userId()).isEmpty();
        assertThat(admin.event()).isEqualTo(RunFailed.class);
        for (int i = 2; i <= 5; i++) {
            scheduler.advanceTo(scheduler.awaitTaskDueBy(clock.instant().plus(PACING), Outcomes.WAIT));
            assertThat(outcomes.next(MailOutcome.Sent.class).userId()).contains("u" + i);
        }
    }

    @Test
    void aPromotionsBroadcastHandedOverTwiceGoesOutOnce() throws Exception {
        List<UserContact> users = Events.users(2);
        notifier.notify(Events.broadcast("p-1", users));
        notifier.notify(Events.broadcast("p-1", users));
        assertThat(notifier.stats().queued()).isEqualTo(2);
        outcomes.next(MailOutcome.Sent.class);
        scheduler.advanceTo(scheduler.awaitTaskDueBy(clock.instant().plus(PACING), Outcomes.WAIT));
        outcomes.next(MailOutcome.Sent.class);
        assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(2);
        assertThat(notifier.stats()).isEqualTo(new MailStats(2, 0, 0, 0, 0));
    }

    @Test
    void withTheBroadcastOffNoUserIsMailed() {
        MailNotifier off = TestMail.builder(clock, scheduler, outcomes)
                .server(MailServer.startTls("127.0.0.1", frontEnd.port()))
                .trust(TestCertificates.mailServer().trusted())
                .userBroadcast(false)
                .build();
        try {
            var broadcast = Events.broadcast("p-2", Events.users(3));
            assertThat(off.mails(broadcast)).isFalse();
            off.notify(broadcast);
            assertThat(off.stats()).isEqualTo(new MailStats(0, 0, 0, 0, 0));
        } finally {
            off.close(Duration.ZERO);
        }
    }
}
