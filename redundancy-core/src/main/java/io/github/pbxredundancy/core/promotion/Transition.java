package io.github.pbxredundancy.core.promotion;

import java.util.Objects;
import java.util.Optional;

/**
 * One allowed step of {@link NodeStateMachine}: in state {@code from}, {@code trigger} leads to
 * {@code to}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param from the state the node is in
 * @param trigger what happened
 * @param to the state the node is in afterwards
 * @param guard what the caller must have checked before it fires the trigger, in one line; the
 *     state machine cannot check it (it does not see probes, licenses or the operator)
 * @param enforced what {@link NodeLifecycle} checks itself from the node's own record before it
 *     allows the step, in a few words, e.g. {@code epoch not raised}; empty if nothing
 */
public record Transition(NodeState from, Trigger trigger, NodeState to, String guard, Optional<String> enforced) {
    /** Validates that every part is present and the guard is said. */
    public Transition {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(enforced, "enforced");
        if (guard == null || guard.isBlank()) {
            throw new IllegalArgumentException("the transition " + from + " --" + trigger + "--> " + to
                    + " needs a guard description");
        }
        if (from == to) {
            throw new IllegalArgumentException("a transition must change the state, " + trigger + " keeps " + from);
        }
    }
}
