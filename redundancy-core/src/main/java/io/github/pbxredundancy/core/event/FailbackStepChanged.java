package io.github.pbxredundancy.core.event;

import io.github.pbxredundancy.core.promotion.FailbackStatus;
import io.github.pbxredundancy.core.promotion.FailbackStep;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A step of a failback plan changed its status: it was done, failed (the library's attempt; it
 * may be tried again) or was skipped. Sent after the plan is on disk and the change in the
 * node's audit trail.
 *
 * @param at when, by the failback's clock
 * @param planId the plan
 * @param promotedNode the node being failed back from, as the plan names it
 * @param step the step
 * @param status its new status: never {@link FailbackStatus.Pending}
 * @param next the step to do now; empty when the plan is complete
 * @param epoch the returning node's fencing epoch after the change
 * @param operator who, as recorded: an operator's name or {@code system}
 */
public record FailbackStepChanged(Instant at, String planId, String promotedNode, FailbackStep step,
                                  FailbackStatus status, Optional<FailbackStep> next, long epoch, String operator)
        implements FailbackEvent {
    /** Validates that every part is present and the status is not pending. */
    public FailbackStepChanged {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(promotedNode, "promotedNode");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(operator, "operator");
        if (status.kind() == FailbackStatus.Kind.PENDING) {
            throw new IllegalArgumentException("a step does not change to PENDING");
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be 0 or more, not " + epoch);
        }
    }
}
