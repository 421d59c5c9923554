package io.github.pbxredundancy.core.promotion;

import static io.github.pbxredundancy.core.promotion.NodeState.ACTIVE;
import static io.github.pbxredundancy.core.promotion.NodeState.AWAITING_INITIAL_IMPORT;
import static io.github.pbxredundancy.core.promotion.NodeState.FENCED;
import static io.github.pbxredundancy.core.promotion.NodeState.NOT_CONFIGURED;
import static io.github.pbxredundancy.core.promotion.NodeState.PROMOTING;
import static io.github.pbxredundancy.core.promotion.NodeState.PROMOTION_FAILED;
import static io.github.pbxredundancy.core.promotion.NodeState.WARM_STANDBY;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The definition of a node's state machine: every allowed (state, trigger) → state, each with
 * the guard its caller must have checked; no other change of {@link NodeState} is possible.
 * {@link NodeLifecycle} applies it to a node's durable state. The table, in declaration order:
 *
 * <table>
 *   <caption>transitions</caption>
 *   <tr><th>from</th><th>trigger</th><th>to</th><th>checked by the lifecycle</th></tr>
 *   <tr><td>NOT_CONFIGURED</td><td>CONFIGURED_AS_STANDBY</td><td>AWAITING_INITIAL_IMPORT</td><td></td></tr>
 *   <tr><td>NOT_CONFIGURED</td><td>CONFIGURED_AS_ACTIVE</td><td>ACTIVE</td><td>epoch 0 only</td></tr>
 *   <tr><td>AWAITING_INITIAL_IMPORT</td><td>INITIAL_IMPORT_DONE</td><td>WARM_STANDBY</td><td></td></tr>
 *   <tr><td>AWAITING_INITIAL_IMPORT</td><td>DECONFIGURED</td><td>NOT_CONFIGURED</td><td></td></tr>
 *   <tr><td>WARM_STANDBY</td><td>INITIAL_IMPORT_LOST</td><td>AWAITING_INITIAL_IMPORT</td><td></td></tr>
 *   <tr><td>WARM_STANDBY</td><td>PROMOTION_REQUESTED</td><td>PROMOTING</td><td></td></tr>
 *   <tr><td>WARM_STANDBY</td><td>DECONFIGURED</td><td>NOT_CONFIGURED</td><td></td></tr>
 *   <tr><td>PROMOTING</td><td>STEP_FAILED</td><td>PROMOTION_FAILED</td><td></td></tr>
 *   <tr><td>PROMOTING</td><td>PROMOTION_COMPLETED</td><td>ACTIVE</td><td>epoch raised</td></tr>
 *   <tr><td>PROMOTING</td><td>HIGHER_EPOCH_SEEN</td><td>FENCED</td><td></td></tr>
 *   <tr><td>PROMOTION_FAILED</td><td>RETRY</td><td>PROMOTING</td><td></td></tr>
 *   <tr><td>PROMOTION_FAILED</td><td>ABORT</td><td>WARM_STANDBY</td><td>epoch not raised</td></tr>
 *   <tr><td>PROMOTION_FAILED</td><td>HIGHER_EPOCH_SEEN</td><td>FENCED</td><td></td></tr>
 *   <tr><td>ACTIVE</td><td>HIGHER_EPOCH_SEEN</td><td>FENCED</td><td></td></tr>
 *   <tr><td>FENCED</td><td>FAILBACK_AS_STANDBY</td><td>AWAITING_INITIAL_IMPORT</td><td></td></tr>
 *   <tr><td>FENCED</td><td>DECONFIGURED</td><td>NOT_CONFIGURED</td><td></td></tr>
 * </table>
 *
 * <p>The rules behind the checked guards keep the invariant "never two nodes that accept work
 * in the same epoch": a node becomes {@link NodeState#ACTIVE} either as the original active of
 * a new pair, before any epoch was ever raised, or through a promotion that raised the epoch
 * above every epoch it knew; and the epoch raise is a promotion's point of no return (see
 * {@link Trigger#ABORT} and {@code docs/promotion.md}). An active node has no
 * {@code DECONFIGURED}: it keeps serving, and only a higher epoch makes it give up.
 *
 * <p>Stateless and thread-safe.
 */
public final class NodeStateMachine {
    private static final String DECONFIGURED_GUARD = "an administrator removed redundancy from this node; it keeps"
            + " its epoch";
    private static final String FENCING_GUARD = "another node holds a higher epoch than this node (observeEpoch)";

    private static final Map<Transition, Check> CHECKS = new LinkedHashMap<>();
    private static final List<Transition> TRANSITIONS = List.of(
            define(NOT_CONFIGURED, Trigger.CONFIGURED_AS_STANDBY, AWAITING_INITIAL_IMPORT,
                    "the pair is configured with this node as its standby (R9-R12)", null),
            define(NOT_CONFIGURED, Trigger.CONFIGURED_AS_ACTIVE, ACTIVE,
                    "the pair is configured with this node as its original active, at installation", Check.EPOCH_ZERO),
            define(AWAITING_INITIAL_IMPORT, Trigger.INITIAL_IMPORT_DONE, WARM_STANDBY,
                    "the standby is initialised with the active's full backup (StandbyInitializer, R13), or a failback"
                            + " imported the promoted node's newest backup (B5)", null),
            define(AWAITING_INITIAL_IMPORT, Trigger.DECONFIGURED, NOT_CONFIGURED, DECONFIGURED_GUARD, null),
            define(WARM_STANDBY, Trigger.INITIAL_IMPORT_LOST, AWAITING_INITIAL_IMPORT,
                    "the standby's initialisation record is gone (a forced re-initialisation failed halfway)", null),
            define(WARM_STANDBY, Trigger.PROMOTION_REQUESTED, PROMOTING,
                    "a named operator asked, the preconditions are met (imported backup, licenses R11, hardware moves"
                            + " acknowledged R16), the active is confirmed down or overridden (R15, B2), and the"
                            + " highest epoch known of the pair was observed", null),
            define(WARM_STANDBY, Trigger.DECONFIGURED, NOT_CONFIGURED, DECONFIGURED_GUARD, null),
            define(PROMOTING, Trigger.STEP_FAILED, PROMOTION_FAILED, "a promotion step failed (recordStepFailed)", null),
            define(PROMOTING, Trigger.PROMOTION_COMPLETED, ACTIVE, "every promotion step completed", Check.EPOCH_RAISED),
            define(PROMOTING, Trigger.HIGHER_EPOCH_SEEN, FENCED, FENCING_GUARD, null),
            define(PROMOTION_FAILED, Trigger.RETRY, PROMOTING,
                    "the operator retries the failed step; completed steps stay completed", null),
            define(PROMOTION_FAILED, Trigger.ABORT, WARM_STANDBY, "the operator abandons the promotion",
                    Check.EPOCH_NOT_RAISED),
            define(PROMOTION_FAILED, Trigger.HIGHER_EPOCH_SEEN, FENCED, FENCING_GUARD, null),
            define(ACTIVE, Trigger.HIGHER_EPOCH_SEEN, FENCED, FENCING_GUARD, null),
            define(FENCED, Trigger.FAILBACK_AS_STANDBY, AWAITING_INITIAL_IMPORT,
                    "the failback plan makes this node the standby of the node that holds the higher epoch (B5, R18)",
                    null),
            define(FENCED, Trigger.DECONFIGURED, NOT_CONFIGURED, DECONFIGURED_GUARD, null));

    private NodeStateMachine() {
    }

    /**
     * Every allowed transition, grouped by source state in {@link NodeState}'s order.
     *
     * @return the table, unmodifiable
     */
    public static List<Transition> transitions() {
        return TRANSITIONS;
    }

    /**
     * The transition a trigger takes from a state, by the table alone.
     *
     * @param from the state
     * @param trigger the trigger
     * @return the transition; empty if the table has none
     */
    public static Optional<Transition> find(NodeState from, Trigger trigger) {
        return TRANSITIONS.stream().filter(t -> t.from() == from && t.trigger() == trigger).findFirst();
    }

    /**
     * The triggers the table allows in a state, whatever the node's record says.
     *
     * @param from the state
     * @return the triggers, in declaration order
     */
    public static Set<Trigger> triggersFrom(NodeState from) {
        return TRANSITIONS.stream().filter(t -> t.from() == from).map(Transition::trigger)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Trigger.class)));
    }

    /**
     * The triggers that may fire on a node now: those the table allows in its state whose
     * checked guard (epoch 0, epoch raised, epoch not raised) holds for its record.
     *
     * @param snapshot the node's record
     * @return the triggers, in declaration order, unmodifiable
     */
    public static Set<Trigger> allowedTriggers(NodeSnapshot snapshot) {
        Set<Trigger> allowed = EnumSet.noneOf(Trigger.class);
        for (Transition transition : TRANSITIONS) {
            if (transition.from() == snapshot.state() && refusal(snapshot, transition).isEmpty()) {
                allowed.add(transition.trigger());
            }
        }
        return Collections.unmodifiableSet(allowed);
    }

    /**
     * The transition a trigger takes on a node now, after the lifecycle's own checks.
     *
     * @param snapshot the node's record
     * @param trigger the trigger
     * @return the transition
     * @throws IllegalTransitionException if the table has no such transition in the node's
     *     state or its checked guard does not hold; the message names the state, the trigger, why
     *     and the triggers allowed now
     */
    public static Transition check(NodeSnapshot snapshot, Trigger trigger) {
        Optional<Transition> transition = find(snapshot.state(), trigger);
        if (transition.isEmpty()) {
            throw new IllegalTransitionException(snapshot.state(), trigger, "the state machine has no such transition",
                    allowedTriggers(snapshot));
        }
        Optional<String> refusal = refusal(snapshot, transition.get());
        if (refusal.isPresent()) {
            throw new IllegalTransitionException(snapshot.state(), trigger, refusal.get(), allowedTriggers(snapshot));
        }
        return transition.get();
    }

    /**
     * The state machine as a Mermaid {@code stateDiagram-v2}: the initial state, every transition
     * in table order labelled with its trigger (and its checked guard in parentheses), and the
     * states coloured by {@link NodeState#colour()}. The same text every time; the repository's
     * {@code docs/promotion.md} holds it, and a test compares the two.
     *
     * @return the diagram, lines ending in a line feed
     */
    public static String toMermaid() {
        StringBuilder out = new StringBuilder("stateDiagram-v2\n");
        out.append("    [*] --> ").append(NOT_CONFIGURED).append('\n');
        for (Transition t : TRANSITIONS) {
            out.append("    ").append(t.from()).append(" --> ").append(t.to()).append(" : ").append(t.trigger());
            t.enforced().ifPresent(rule -> out.append(" (").append(rule).append(')'));
            out.append('\n');
        }
        out.append("    classDef green fill:#c8e6c9,stroke:#2e7d32,color:#1b5e20\n");
        out.append("    classDef orange fill:#ffe0b2,stroke:#ef6c00,color:#e65100\n");
        out.append("    classDef red fill:#ffcdd2,stroke:#c62828,color:#b71c1c\n");
        Map<StatusColour, List<String>> byColour = Arrays.stream(NodeState.values()).collect(Collectors.groupingBy(
                NodeState::colour, () -> new EnumMap<>(StatusColour.class),
                Collectors.mapping(NodeState::name, Collectors.toList())));
        byColour.forEach((colour, states) -> out.append("    class ").append(String.join(",", states)).append(' ')
                .append(colour.name().toLowerCase(Locale.ROOT)).append('\n'));
        return out.toString();
    }

    private static Optional<String> refusal(NodeSnapshot snapshot, Transition transition) {
        Check check = CHECKS.get(transition);
        return check == null ? Optional.empty() : check.refusal.apply(snapshot);
    }

    private static Transition define(NodeState from, Trigger trigger, NodeState to, String guard, Check check) {
        Transition transition = new Transition(from, trigger, to, guard,
                Optional.ofNullable(check).map(c -> c.summary));
        if (check != null) {
            CHECKS.put(transition, check);
        }
        return transition;
    }

    /** The guards the lifecycle checks from the node's own record. */
    private enum Check {
        EPOCH_ZERO("epoch 0 only", s -> s.epoch() == 0 ? Optional.empty() : Optional.of("the node has seen epoch "
                + s.epoch() + ", and a node that has seen an epoch becomes active only through a promotion, which"
                + " raises the epoch above every epoch it knows (never two actives in one epoch)")),
        EPOCH_RAISED("epoch raised", s -> s.epochRaisedInPromotion() ? Optional.empty() : Optional.of("this promotion"
                + " has not raised the epoch yet (B1: raising the epoch is a promotion's first step)")),
        EPOCH_NOT_RAISED("epoch not raised", s -> !s.epochRaisedInPromotion() ? Optional.empty() : Optional.of("this"
                + " promotion raised the epoch to " + s.epoch() + ", which fences every node that learns of it; from"
                + " there a promotion only goes forward (RETRY), and the way back is a failback"));

        private final String summary;
        private final Function<NodeSnapshot, Optional<String>> refusal;

        Check(String summary, Function<NodeSnapshot, Optional<String>> refusal) {
            this.summary = summary;
            this.refusal = refusal;
        }
    }
}
