package io.github.pbxredundancy.core.promotion;

import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A trigger was refused: the node's state machine has no such transition in the node's state,
 * or {@link NodeLifecycle} refused it on its own check (e.g. an abort after the epoch was
 * raised). Nothing changed. The message names the state, the trigger, why, and the triggers
 * allowed instead. Reason code {@link ReasonCode#ILLEGAL_STATE}.
 */
public class IllegalTransitionException extends RedundancyException {
    private static final long serialVersionUID = 1L;

    private final NodeState state;
    private final Trigger trigger;
    private final Set<Trigger> allowedTriggers;

    /**
     * @param state the node's state
     * @param trigger the refused trigger
     * @param why why it is refused, e.g. "no such transition"
     * @param allowedTriggers the triggers allowed in the state now
     */
    public IllegalTransitionException(NodeState state, Trigger trigger, String why, Set<Trigger> allowedTriggers) {
        super(ReasonCode.ILLEGAL_STATE, "trigger " + trigger + " is not allowed in state " + state + ": " + why
                + "; allowed triggers: " + describe(allowedTriggers));
        this.state = Objects.requireNonNull(state, "state");
        this.trigger = Objects.requireNonNull(trigger, "trigger");
        Set<Trigger> allowed = EnumSet.noneOf(Trigger.class);
        allowed.addAll(allowedTriggers);
        this.allowedTriggers = Collections.unmodifiableSet(allowed);
    }

    /** The node's state, unchanged. */
    public NodeState state() {
        return state;
    }

    /** The refused trigger. */
    public Trigger trigger() {
        return trigger;
    }

    /** The triggers allowed in the state now, in declaration order. */
    public Set<Trigger> allowedTriggers() {
        return allowedTriggers;
    }

    private static String describe(Set<Trigger> triggers) {
        return triggers.isEmpty() ? "none" : triggers.stream().sorted().map(Trigger::name)
                .collect(Collectors.joining(", "));
    }
}
