package io.github.pbxredundancy.core.event;

import io.github.pbxredundancy.core.UserContact;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * After a promotion took over the active's address, every user must restart their phone
 * (R15: "depending on the phone model", R17). One event carries every user; a notifier (the mail
 * notifier) sends one message per user, to that user's own address, in the user's language.
 * Sent exactly once per promotion: a notifier that keeps its own outbox may use
 * {@code promotionId} and the user id to make sure of it across its own restarts.
 *
 * @param at when, by the promoter's clock
 * @param promotionId the promotion, as in the audit trail
 * @param node the promoted node's name, now the active
 * @param epoch the node's epoch, raised by the promotion
 * @param users every user to tell, each once (by user id); possibly empty
 */
public record PhoneRestartRequested(Instant at, String promotionId, String node, long epoch, List<UserContact> users)
        implements PromotionEvent {
    /** Validates that every part is present and copies the list. */
    public PhoneRestartRequested {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(promotionId, "promotionId");
        Objects.requireNonNull(node, "node");
        users = List.copyOf(users);
        if (epoch < 1) {
            throw new IllegalArgumentException("a promotion's epoch is at least 1, not " + epoch);
        }
    }
}
