package io.github.pbxredundancy.core.spi;

import io.github.pbxredundancy.core.UserContact;
import java.util.List;

/**
 * The host's users, for the message every user gets after a promotion: their phone must be
 * restarted (R17, "depending on the phone model"). The library asks once per promotion, puts
 * every user into one {@link io.github.pbxredundancy.core.event.PhoneRestartRequested} event, and
 * the notifiers (the mail notifier) send one message per user to that user's own address.
 *
 * <p>Read-only and idempotent: the promotion may ask again after a failed step (never after the
 * message was handed to the notifiers). Return every user who should be told, with the address
 * configured for that user; users without an address are left out by the host. A user listed
 * twice (the same {@link UserContact#userId()}) is told once. Throw (any exception, with a
 * message for the administrator) if the directory cannot be read: the promotion then stops in
 * {@code PROMOTION_FAILED} naming the {@code notify-users} step, before anyone was told.
 *
 * <p>Threads: called on the promoter's executor, never twice at once by one promoter.
 */
@FunctionalInterface
public interface UserDirectory {
    /**
     * Every user to tell after a promotion.
     *
     * @return the users, possibly empty; never {@code null} and without {@code null} elements
     */
    List<UserContact> users();
}
