package io.github.pbxredundancy.notifier.mail;

import io.github.pbxredundancy.core.GiveUpReason;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.event.RedundancyEvent;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to a message, as reported to the listener of
 * {@link MailNotifier.Builder#listener(java.util.function.Consumer)}: for metrics, a status page,
 * or a host's own outbox. Outcomes name the recipient by user id, or as the administrator; they
 * never carry an e-mail address or a secret.
 *
 * <p>A closed hierarchy; all implementations are immutable and thread-safe.
 */
public sealed interface MailOutcome
        permits MailOutcome.Sent, MailOutcome.RetryScheduled, MailOutcome.GaveUp, MailOutcome.Dropped {

    /** @return when, by the notifier's clock */
    Instant at();

    /** @return the type of the event the message is about */
    Class<? extends RedundancyEvent> event();

    /** @return the user the message is for; empty for the administrator */
    Optional<String> userId();

    /**
     * The mail server accepted the message.
     *
     * @param at when
     * @param event the event's type
     * @param userId the user, or empty for the administrator
     * @param attempts how many attempts it took, from 1
     */
    record Sent(Instant at, Class<? extends RedundancyEvent> event, Optional<String> userId, int attempts)
            implements MailOutcome {
        /** Validates the parts. */
        public Sent {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(userId, "userId");
        }
    }

    /**
     * An attempt failed; the message is tried again.
     *
     * @param at when the attempt failed
     * @param event the event's type
     * @param userId the user, or empty for the administrator
     * @param attempt the number of the attempt that failed, from 1
     * @param reason why
     * @param message one line, without addresses or secrets
     * @param nextAttemptAt the earliest start of the next attempt
     */
    record RetryScheduled(Instant at, Class<? extends RedundancyEvent> event, Optional<String> userId, int attempt,
                          ReasonCode reason, String message, Instant nextAttemptAt) implements MailOutcome {
        /** Validates the parts. */
        public RetryScheduled {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        }
    }

    /**
     * The message was given up: its last attempt failed, or a failure retrying cannot fix.
     *
     * @param at when
     * @param event the event's type
     * @param userId the user, or empty for the administrator
     * @param attempts how many attempts were made
     * @param reason the last attempt's failure
     * @param giveUp why no further attempt is made
     * @param message one line, without addresses or secrets
     */
    record GaveUp(Instant at, Class<? extends RedundancyEvent> event, Optional<String> userId, int attempts,
                  ReasonCode reason, GiveUpReason giveUp, String message) implements MailOutcome {
        /** Validates the parts. */
        public GaveUp {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(giveUp, "giveUp");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * Messages were never tried: the queue was full, or the notifier was closed.
     *
     * @param at when
     * @param event the event's type
     * @param userId the user for a single message; empty for the administrator or for several
     *     users of a broadcast at once
     * @param count how many messages, at least 1
     * @param why one line
     */
    record Dropped(Instant at, Class<? extends RedundancyEvent> event, Optional<String> userId, int count, String why)
            implements MailOutcome {
        /** Validates the parts. */
        public Dropped {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(why, "why");
            if (count < 1) {
                throw new IllegalArgumentException("count must be 1 or more, not " + count);
            }
        }
    }
}
