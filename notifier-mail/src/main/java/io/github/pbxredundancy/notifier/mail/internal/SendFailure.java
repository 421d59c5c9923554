package io.github.pbxredundancy.notifier.mail.internal;

import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;

/**
 * Why one attempt to hand a message to the mail server failed, with a reason code that the
 * {@link io.github.pbxredundancy.core.RetrySchedule}'s classifier decides on. The message is one
 * line without e-mail addresses or secrets.
 *
 * <p>Not part of the API.
 */
public final class SendFailure extends RedundancyException {
    private static final long serialVersionUID = 1L;

    /**
     * @param reason the reason code
     * @param message one line for the log
     * @param cause what Jakarta Mail threw, or {@code null}
     */
    public SendFailure(ReasonCode reason, String message, Throwable cause) {
        super(reason, message, cause);
    }
}
