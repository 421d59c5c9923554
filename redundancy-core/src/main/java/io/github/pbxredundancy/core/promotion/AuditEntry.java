package io.github.pbxredundancy.core.promotion;

import io.github.pbxredundancy.license.PrintableText;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One line of a node's {@link AuditTrail}: a state transition, an epoch change, a promotion
 * step, or a note the promotion orchestrator records (e.g. an operator's override of the
 * liveness check). Entries never hold secrets: the library writes only states, epochs, names
 * and what the {@link AuditContext} says.
 *
 * <p>Immutable and thread-safe.
 *
 * @param at when, by the lifecycle's clock
 * @param action what: a {@link Trigger}'s name for a transition, {@link #EPOCH_RAISED},
 *     {@link #EPOCH_OBSERVED}, {@link #STEP_COMPLETED}, {@link #RECOVERED}, or a note's own
 *     action (1 to 40 upper-case letters, digits and underscores, e.g. {@code OVERRIDE})
 * @param from the state before
 * @param to the state after; equal to {@code from} unless the action is a trigger
 * @param epoch the node's epoch after the action
 * @param promotionId the promotion the entry belongs to; present exactly when {@code from} or
 *     {@code to} is {@link NodeState#PROMOTING} or {@link NodeState#PROMOTION_FAILED}
 * @param step the promotion step; present exactly for {@link #STEP_COMPLETED} and
 *     {@link Trigger#STEP_FAILED}
 * @param context who, why, on which checks
 */
public record AuditEntry(Instant at, String action, NodeState from, NodeState to, long epoch,
                         Optional<String> promotionId, Optional<String> step, AuditContext context) {
    /** The action of {@link NodeLifecycle#raiseEpoch}. */
    public static final String EPOCH_RAISED = "EPOCH_RAISED";
    /** The action of {@link NodeLifecycle#observeEpoch} when it raises the epoch without a transition. */
    public static final String EPOCH_OBSERVED = "EPOCH_OBSERVED";
    /** The action of {@link NodeLifecycle#recordStepCompleted}. */
    public static final String STEP_COMPLETED = "STEP_COMPLETED";
    /**
     * The action {@link NodeLifecycle#open} records after it completed the trail at a restart
     * (see there).
     */
    public static final String RECOVERED = "RECOVERED";

    private static final Set<String> RESERVED = Stream.concat(Stream.of(EPOCH_RAISED, EPOCH_OBSERVED, STEP_COMPLETED,
            RECOVERED), Arrays.stream(Trigger.values()).map(Trigger::name)).collect(Collectors.toUnmodifiableSet());

    /**
     * Validates every part and that a transition is one of {@link NodeStateMachine}'s.
     *
     * @throws IllegalArgumentException naming the part, its value and the rule it breaks
     */
    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Names.action(action);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(promotionId, "promotionId");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(context, "context");
        if (epoch < 0) {
            throw PrintableText.invalid("epoch", Long.toString(epoch), "must be 0 or more");
        }
        Optional<Trigger> trigger = triggerOf(action);
        if (trigger.isPresent()) {
            Optional<Transition> transition = NodeStateMachine.find(from, trigger.get());
            if (transition.isEmpty() || transition.get().to() != to) {
                throw PrintableText.invalid("action", action, "is no transition from " + from + " to " + to
                        + " in the node state machine");
            }
        } else if (from != to) {
            throw PrintableText.invalid("to", to.name(), "must equal from (" + from + "): only a trigger changes the"
                    + " state");
        }
        promotionId.ifPresent(id -> Names.promotionId("promotion", id));
        boolean inPromotion = from.inPromotion() || to.inPromotion();
        if (promotionId.isPresent() != inPromotion) {
            throw PrintableText.invalid("promotion", promotionId.orElse(null), inPromotion
                    ? "is required for an entry in a promotion (" + from + " to " + to + ")"
                    : "is only for entries in a promotion, not " + from + " to " + to);
        }
        step.ifPresent(name -> Names.step("step", name));
        boolean stepAction = action.equals(STEP_COMPLETED) || action.equals(Trigger.STEP_FAILED.name());
        if (stepAction != step.isPresent()) {
            throw PrintableText.invalid("step", step.orElse(null), stepAction ? "is required for " + action
                    : "is only for " + STEP_COMPLETED + " and STEP_FAILED, not " + action);
        }
    }

    /**
     * The trigger, if the entry records a transition.
     *
     * @return the trigger; empty for epoch changes, steps and notes
     */
    public Optional<Trigger> trigger() {
        return triggerOf(action);
    }

    /**
     * Whether an action belongs to the library (a trigger's name or one of this class's
     * constants) and so cannot be recorded as a note.
     *
     * @param action an action
     * @return true if reserved
     */
    public static boolean isReserved(String action) {
        return RESERVED.contains(action);
    }

    private static Optional<Trigger> triggerOf(String action) {
        return Arrays.stream(Trigger.values()).filter(t -> t.name().equals(action)).findFirst();
    }
}
