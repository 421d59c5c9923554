package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.PairModel.Fault;
import io.github.pbxredundancy.core.PairModel.FaultPoint;
import io.github.pbxredundancy.core.PairModel.Side;
import io.github.pbxredundancy.core.promotion.NodeState;
import io.github.pbxredundancy.core.promotion.UnreachablePeerRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import net.jqwik.api.statistics.Statistics;

/**
 * The pair as a whole (issue 6): random interleavings of replication, crashes, restarts,
 * partitions, probe results (a firewall answering for a dead node), promotions with and without an
 * override and with failing or crashing host steps, retries, resumes, aborts, start-up rechecks,
 * operators' claims without the peer and failbacks, run on two real nodes in a
 * {@link SimulatedPair} against its {@link PairModel}. A chain starts from a fresh pair, a pair
 * whose active just died, a pair after a failover, or one after a failback (reached through the
 * real nodes), with the receiver following its node's epoch or not and either rule for an
 * unreachable peer. After every action the world must equal the model, and these hold:
 * <ul>
 *   <li>never two nodes ACTIVE in one epoch (not even one after the other);</li>
 *   <li>the epoch of a node and of its receiver never decreases, across restarts too;</li>
 *   <li>every promotion in an audit trail was requested right after a {@code DOWN_CONFIRMED}
 *       verdict or an {@code OVERRIDE} (and the model confirms the probes had reason to say so);</li>
 *   <li>a node delivers bundles only while ACTIVE: a fenced node sends nothing;</li>
 *   <li>per promotion one restart-your-phone message listing every user once and one summary,
 *       crash and resume included (none only where a crash hit that very hand-over);</li>
 *   <li>the shared address is held by at most one node, a running one that may hold it, never a
 *       fenced one; no backup is imported into a node that serves the address.</li>
 * </ul>
 * The statistics say how many chains got deep: a promotion completed, a crashed promotion
 * resumed, a failed one retried, a fenced node made a standby again.
 */
class PairStateProperties {
    private final List<SimulatedPair> worlds = new ArrayList<>();
    /*
     * The world's settings are the property's parameters, read by the chain's start: jqwik shrinks
     * a chain well only when it is not made inside a flatMap.
     */
    private boolean receiverFollowsNode;
    private UnreachablePeerRule rule;
    private SimulatedPair.Start start;

    @Property(tries = 200)
    void twoNodesNeverServeOneEpochWhateverHappens(@ForAll SimulatedPair.Start start,
                                                   @ForAll boolean receiverFollowsNode,
                                                   @ForAll UnreachablePeerRule rule,
                                                   @ForAll("chains") ActionChain<SimulatedPair> chain) {
        this.start = start;
        this.receiverFollowsNode = receiverFollowsNode;
        this.rule = rule;
        SimulatedPair world = chain.withInvariant("safety", SimulatedPair::checkInvariants).run();
        List<String> done = world.chainLog();
        Statistics.label("a promotion completed in the chain").collect(did(done, "promote", ": COMPLETED"));
        Statistics.label("a promotion crashed and was resumed").collect(did(done, "", ": CRASHED")
                && did(done, "resume", ": COMPLETED"));
        Statistics.label("a failed promotion was retried").collect(did(done, "retry", ": COMPLETED"));
        Statistics.label("a fenced node became a standby again").collect(did(done, "initial import done", ""));
    }

    private static boolean did(List<String> done, String action, String ending) {
        return done.stream().anyMatch(a -> a.startsWith(action) && a.endsWith(ending));
    }

    @AfterTry
    void removeWorlds() {
        worlds.forEach(SimulatedPair::close);
        worlds.clear();
    }

    /*
     * No action has a precondition: jqwik counts an action with one as reading the state and then
     * hardly shrinks the chain. Instead each action picks the node it applies to when it runs (the
     * preferred one if it can), and does nothing if none fits.
     */
    @Provide
    Arbitrary<ActionChain<SimulatedPair>> chains() {
        return ActionChain.startWith(this::world)
                .withAction(5, onNode("replicate", SimulatedPair::replicating, SimulatedPair::replicate))
                .withAction(4, onNode("crash", SimulatedPair::running, SimulatedPair::crash))
                .withAction(5, onNode("restart", (w, s) -> !w.running(s), SimulatedPair::restart))
                .withAction(6, withFault("promote", Arbitraries.of(false, true), (w, s) -> inState(w, s,
                        NodeState.WARM_STANDBY), (w, s, override, fault) -> w.promote(s, override, fault)))
                .withAction(1, withFault("promote any", Arbitraries.of(false, true), SimulatedPair::running,
                        (w, s, override, fault) -> w.promote(s, override, fault)))
                .withAction(3, withFault("retry", Arbitraries.just(false), (w, s) -> inState(w, s,
                        NodeState.PROMOTION_FAILED), (w, s, ignored, fault) -> w.retry(s, fault)))
                .withAction(6, withFault("resume", Arbitraries.just(false), (w, s) -> inState(w, s,
                        NodeState.PROMOTING), (w, s, ignored, fault) -> w.resume(s, fault)))
                .withAction(1, onNode("abort", (w, s) -> inState(w, s, NodeState.PROMOTION_FAILED),
                        SimulatedPair::abort))
                .withAction(2, onNode("recheck", (w, s) -> inState(w, s, NodeState.ACTIVE) && !w.serves(s),
                        SimulatedPair::recheck))
                .withAction(1, onNode("claim without peer", (w, s) -> inState(w, s, NodeState.ACTIVE) && !w.serves(s),
                        SimulatedPair::claimWithoutPeer))
                .withAction(3, onNode("failback", (w, s) -> inState(w, s, NodeState.FENCED), SimulatedPair::failback))
                .withAction(3, onNode("initial import done", (w, s) -> inState(w, s, NodeState.AWAITING_INITIAL_IMPORT),
                        SimulatedPair::initialImportDone))
                .withAction(2, Action.just(Transformer.mutate("partition", w -> w.partition(true))))
                .withAction(2, Action.just(Transformer.mutate("heal", w -> w.partition(false))))
                .withAction(1, Action.just(Transformer.mutate("firewall answers", w -> w.firewall(true))))
                .withAction(1, Action.just(Transformer.mutate("firewall quiet", w -> w.firewall(false))))
                .withMaxTransformations(40);
    }

    private SimulatedPair world() {
        SimulatedPair world = new SimulatedPair(receiverFollowsNode, rule);
        worlds.add(world);
        return world.startAt(start);
    }

    private static boolean inState(SimulatedPair world, Side side, NodeState state) {
        return world.running(side) && world.model.node(side).state == state;
    }

    /** The preferred node if {@code fits} holds for it, else the other one if it fits. */
    private static Optional<Side> pick(SimulatedPair world, Side preferred, BiPredicate fits) {
        if (fits.test(world, preferred)) {
            return Optional.of(preferred);
        }
        return fits.test(world, preferred.peer()) ? Optional.of(preferred.peer()) : Optional.empty();
    }

    /** An action on the node it fits, {@code preferred} first; nothing if none fits. */
    private static Action.Independent<SimulatedPair> onNode(String name, BiPredicate fits,
                                                            BiConsumer<SimulatedPair, Side> action) {
        Arbitrary<Transformer<SimulatedPair>> transformers = Arbitraries.of(Side.values()).map(preferred ->
                Transformer.mutate(name + " (" + preferred + " first)", w -> pick(w, preferred, fits)
                        .ifPresent(side -> action.accept(w, side))));
        return () -> transformers;
    }

    /** A promotion operation with a flag (the override) and a fault, on the node it fits. */
    private static Action.Independent<SimulatedPair> withFault(String name, Arbitrary<Boolean> flags, BiPredicate fits,
                                                               Operation operation) {
        Arbitrary<Transformer<SimulatedPair>> transformers = Combinators.combine(Arbitraries.of(Side.values()), flags,
                faults()).as((preferred, flag, fault) -> Transformer.mutate(name + " (" + preferred + " first)"
                + (flag ? " with an override" : "") + fault.map(f -> ", " + f).orElse(""), w -> pick(w, preferred, fits)
                .ifPresent(side -> operation.run(w, side, flag, fault))));
        return () -> transformers;
    }

    /** No fault mostly; else a failing host step or a crash anywhere in the steps. */
    private static Arbitrary<Optional<Fault>> faults() {
        Arbitrary<Fault> failure = Arbitraries.of(FaultPoint.TAKEOVER, FaultPoint.MODULES, FaultPoint.USERS)
                .map(point -> new Fault(point, false));
        Arbitrary<Fault> crash = Arbitraries.of(FaultPoint.values()).map(point -> new Fault(point, true));
        return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(Optional.<Fault>empty())),
                Tuple.of(1, failure.map(Optional::of)), Tuple.of(3, crash.map(Optional::of)));
    }

    /** Whether an action applies to a node of the world. */
    @FunctionalInterface
    private interface BiPredicate {
        boolean test(SimulatedPair world, Side side);
    }

    /** A promotion operation with a flag and an optional fault. */
    @FunctionalInterface
    private interface Operation {
        void run(SimulatedPair world, Side side, boolean flag, Optional<Fault> fault);
    }
}
