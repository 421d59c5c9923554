package io.github.pbxredundancy.core.event;

import io.github.pbxredundancy.license.LoadBudgetStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The node serves on standby licenses: they are for standby and test use only (R28), and a
 * standby may run under load for at most five consecutive days, idle time not counting (R29).
 * Sent when a promotion completes, and by
 * {@code io.github.pbxredundancy.core.promotion.StandbyLoadWatch} each time the load budget's
 * status changes (a warning threshold reached, the limit exceeded, a new stretch after a long
 * idle period).
 *
 * @param at when, by the clock of the promoter or the watch
 * @param cause why the warning was sent
 * @param budget where the node stands against its load budget; empty if the host tracks none
 * @param message one line for the administrator
 */
public record StandbyLicenseWarning(Instant at, Cause cause, Optional<LoadBudgetStatus> budget, String message)
        implements PromotionEvent {
    /** Validates that every part is present. */
    public StandbyLicenseWarning {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(message, "message");
    }

    /** Why a warning was sent. */
    public enum Cause {
        /** A promotion completed: the node now serves on the standby's licenses. */
        PROMOTED,
        /** The load budget's status changed. */
        BUDGET_CHANGED
    }
}
