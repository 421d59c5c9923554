package io.github.pbxredundancy.notifier.mail;

import io.github.pbxredundancy.core.RetrySchedule;
import io.github.pbxredundancy.core.Secret;
import java.time.Duration;
import java.time.ZoneId;

/** The notifier settings most tests share: loopback, short timeouts, a manual clock. */
final class TestMail {
    static final String SENDER = "pbx@example.com";
    static final String ADMIN = "admin@example.com";
    static final String USER = "pbx";
    static final String PASSWORD = "geheim-ß";
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private TestMail() {
    }

    static MailNotifier.Builder builder(MutableClock clock, ManualScheduler scheduler, Outcomes outcomes) {
        return MailNotifier.builder()
                .sender(SENDER)
                .senderName("Telefonanlage Süd")
                .administrator(ADMIN)
                .clock(clock)
                .scheduler(scheduler)
                .timeZone(BERLIN)
                .heloName("pbx-sued.example.com")
                .pacing(Duration.ZERO)
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(5))
                .writeTimeout(Duration.ofSeconds(5))
                .retries(RetrySchedule.fixed(3, Duration.ofMinutes(1)))
                .listener(outcomes);
    }

    /** STARTTLS through a front end with the mail server's certificate, logged in. */
    static MailNotifier.Builder startTls(TlsFrontEnd frontEnd, MutableClock clock, ManualScheduler scheduler,
                                         Outcomes outcomes) {
        return builder(clock, scheduler, outcomes)
                .server(MailServer.startTls("127.0.0.1", frontEnd.port()))
                .trust(TestCertificates.mailServer().trusted())
                .credentials(MailCredentials.of(USER, Secret.of(PASSWORD)));
    }
}
