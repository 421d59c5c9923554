package io.github.pbxredundancy.notifier.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.ReasonCode;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The failure table of {@link SmtpFailures}, on exceptions shaped like Jakarta Mail's. */
class SmtpFailuresTest {
    private static ReasonCode code(Exception e) {
        return SmtpFailures.classify(e, Optional.empty()).reason();
    }

    @Test
    void loginRefusalsAreFinalUnlessTemporary() {
        assertThat(code(new AuthenticationFailedException("535 5.7.8 Authentication credentials invalid")))
                .isEqualTo(ReasonCode.AUTHENTICATION_FAILED);
        assertThat(code(new AuthenticationFailedException("454 4.7.0 Temporary authentication failure")))
                .isEqualTo(ReasonCode.CONNECTION_FAILED);
    }

    @Test
    void refusedRecipientsAndMessagesAreFinalTemporaryOnesAreRetried() throws Exception {
        Address[] invalid = {new InternetAddress("nobody@example.com")};
        SendFailedException refused = new SendFailedException("Invalid Addresses",
                new MessagingException("550 5.1.1 <nobody@example.com>: user unknown"), new Address[0], new Address[0], invalid);
        SendFailure failure = SmtpFailures.classify(refused, Optional.empty());
        assertThat(failure.reason()).isEqualTo(ReasonCode.PERMISSION_DENIED);
        assertThat(failure.getMessage()).doesNotContain("nobody@example.com").contains("<address>");
        assertThat(code(new MessagingException("554 5.7.1 Message rejected as spam"))).isEqualTo(ReasonCode.PERMISSION_DENIED);
        assertThat(code(new MessagingException("451 4.3.0 Try again later"))).isEqualTo(ReasonCode.CONNECTION_FAILED);
    }

    @Test
    void networkFailuresAreRetried() {
        assertThat(code(new MessagingException("Couldn't connect", new ConnectException("Connection refused"))))
                .isEqualTo(ReasonCode.CONNECTION_FAILED);
        assertThat(code(new MessagingException("Exception reading response", new SocketTimeoutException("Read timed out"))))
                .isEqualTo(ReasonCode.TIMEOUT);
        assertThat(code(new MessagingException("Could not convert socket to TLS", new SSLHandshakeException("boom"))))
                .isEqualTo(ReasonCode.CONNECTION_FAILED);
        assertThat(code(new MessagingException("Got bad greeting from SMTP host: h, port: 25, response: [EOF]")))
                .isEqualTo(ReasonCode.CONNECTION_FAILED);
        assertThat(code(new IllegalStateException("odd"))).isEqualTo(ReasonCode.UNEXPECTED);
    }

    @Test
    void aMissingStartTlsAndARefusedCertificateAreFinal() {
        assertThat(code(new MessagingException("STARTTLS is required but host does not support STARTTLS")))
                .isEqualTo(ReasonCode.INVALID_INPUT);
        SendFailure pinned = SmtpFailures.classify(new MessagingException("handshake", new SSLHandshakeException("x")),
                Optional.of(new MailTls.Refusal(ReasonCode.HOST_KEY_CHANGED, "not the pinned certificate")));
        assertThat(pinned.reason()).isEqualTo(ReasonCode.HOST_KEY_CHANGED);
        assertThat(pinned.getMessage()).isEqualTo("not the pinned certificate");
    }
}
