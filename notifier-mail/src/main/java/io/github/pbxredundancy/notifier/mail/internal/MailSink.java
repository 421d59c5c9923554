package io.github.pbxredundancy.notifier.mail.internal;

import io.github.pbxredundancy.core.EmailAddress;
import java.util.Optional;

/**
 * Where the {@link MailSender} hands its messages: {@link SmtpClient} in the notifier, a recording
 * fake in the sender's properties.
 *
 * <p>Not part of the API. Used by one sender thread at a time.
 *
 * @param <M> the prepared message
 */
public interface MailSink<M> {
    /**
     * Prepares a message to one recipient.
     *
     * @param letter what to say
     * @param to the one recipient
     * @param personal the recipient's display name; empty for none
     * @return the message, ready to send as often as needed
     * @throws SendFailure if it cannot be prepared
     */
    M compose(Letter letter, EmailAddress to, Optional<String> personal);

    /**
     * Hands the message over; blocks at most for the sink's own limits.
     *
     * @param message from {@link #compose}
     * @throws SendFailure why it failed, with a reason code
     */
    void send(M message);
}
