package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.promotion.NodeState;
import io.github.pbxredundancy.core.promotion.UnreachablePeerRule;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reference model of {@link SimulatedPair}: what two nodes, their receivers, the shared
 * address and the mail log should look like after each action, written from
 * {@code docs/promotion.md} in plain Java and independently of the library's classes (it uses
 * only the {@link NodeState} names). The world asks it for a prediction before it runs an action
 * on the real objects, then compares the two.
 *
 * <p>Host rules the model assumes (the simulated host of {@link SimulatedPair} follows them):
 * the host claims the shared address only through the promotion's network takeover or a start-up
 * decision that says so, and fails to claim it while the other node runs and holds it (duplicate
 * address detection sees across a partition of the replication link); it releases the address
 * when its node is fenced or stops; it starts the replicator only when it serves (holds the address:
 * a promotion's takeover or a claim; {@code docs/promotion.md}, "Starting up"), and every node runs
 * its receiver.
 */
final class PairModel {
    /** The steps of a promotion, in order, with the markers of the notification steps. */
    static final String RAISE_EPOCH = "raise-epoch";
    static final String NETWORK_TAKEOVER = "network-takeover";
    static final String MODULE_ACTIVATION = "module-activation";
    static final String NOTIFY_USERS = "notify-users";
    static final String NOTIFY_ADMIN = "notify-admin";
    static final String USERS_BEGUN = "notify-users-begun";
    static final String ADMIN_BEGUN = "notify-admin-begun";
    static final List<String> STEPS = List.of(RAISE_EPOCH, NETWORK_TAKEOVER, MODULE_ACTIVATION, NOTIFY_USERS,
            NOTIFY_ADMIN);

    /** One side of the pair. */
    enum Side {
        A, B;

        Side peer() {
            return this == A ? B : A;
        }

        String nodeName() {
            return this == A ? "pbx-a" : "pbx-b";
        }
    }

    /** Where a scripted fault hits a promotion's host step or notification. */
    enum FaultPoint {
        /** {@code NetworkTakeover.takeOver}, before the address moves. */
        TAKEOVER,
        /** {@code NetworkTakeover.takeOver}, after the address moved, before it returns. */
        TAKEOVER_AFTER,
        /** {@code ModuleActivation.activateModules}. */
        MODULES,
        /** {@code UserDirectory.users}. */
        USERS,
        /** The notifier, on the restart-your-phone message, before it is in the mail log. */
        USERS_MESSAGE_BEFORE,
        /** The notifier, on the restart-your-phone message, after it is in the mail log. */
        USERS_MESSAGE_AFTER,
        /** The notifier, on the summary, before it is in the mail log. */
        SUMMARY_BEFORE,
        /** The notifier, on the summary, after it is in the mail log. */
        SUMMARY_AFTER
    }

    /**
     * A fault for one promotion operation: a failing host step (a {@link RuntimeException}: the
     * step fails) or a crash (an {@link Error}: the node stops where it is).
     */
    record Fault(FaultPoint point, boolean crash) {
        Fault {
            if (!crash && point != FaultPoint.TAKEOVER && point != FaultPoint.MODULES && point != FaultPoint.USERS) {
                throw new IllegalArgumentException("only host steps fail; the notifiers crash: " + point);
            }
        }

        @Override
        public String toString() {
            return (crash ? "crash at " : "fail at ") + point;
        }
    }

    /** One promotion as the model follows it. */
    static final class Promotion {
        final Side side;
        final boolean overridden;
        /** The real id, adopted once the real promotion started. */
        String id;
        final List<String> completed = new ArrayList<>();
        String failed;
        boolean raised;
        boolean usersNotRepeated;
        int usersMessages;
        int summaries;
        int summaryUsers = -1;

        Promotion(Side side, boolean overridden) {
            this.side = side;
            this.overridden = overridden;
        }

        @Override
        public String toString() {
            return side + " " + id + " completed=" + completed + " failed=" + failed + " users=" + usersMessages
                    + " summaries=" + summaries;
        }
    }

    /** One node as the model follows it. */
    static final class NodeModel {
        boolean running = true;
        NodeState state;
        long epoch;
        /** The receiver's persisted epoch (accepted bundles and raised floors). */
        long receiverEpoch;
        /** The epoch of the bundle imported last, -1 for none. */
        long importedEpoch = -1;
        boolean replicating;
        Promotion promotion;

        NodeModel(NodeState state) {
            this.state = state;
        }

        boolean inPromotion() {
            return state == NodeState.PROMOTING || state == NodeState.PROMOTION_FAILED;
        }
    }

    /** How a promotion operation ended, as the model predicts it. */
    enum Ending {
        REFUSED, ILLEGAL, COMPLETED, FAILED, CRASHED
    }

    final boolean receiverFollowsNode;
    final UnreachablePeerRule rule;
    final Map<Side, NodeModel> nodes = new EnumMap<>(Side.class);
    final List<Promotion> promotions = new ArrayList<>();
    boolean partitioned;
    boolean firewallAnswers;
    Side holder;

    PairModel(boolean receiverFollowsNode, UnreachablePeerRule rule) {
        this.receiverFollowsNode = receiverFollowsNode;
        this.rule = rule;
        nodes.put(Side.A, new NodeModel(NodeState.ACTIVE));
        nodes.put(Side.B, new NodeModel(NodeState.WARM_STANDBY));
        holder = Side.A;
        nodes.get(Side.A).replicating = true;
    }

    NodeModel node(Side side) {
        return nodes.get(side);
    }

    /** The receiver's epoch as {@code Receiver.highestEpoch()} reports it. */
    long receiverView(Side side) {
        NodeModel node = node(side);
        return receiverFollowsNode ? Math.max(node.receiverEpoch, node.epoch) : node.receiverEpoch;
    }

    /** What the node answers its peer: {@code EpochFence.pairEpoch()}. */
    long pairEpoch(Side side) {
        return Math.max(node(side).epoch, receiverView(side));
    }

    /** Whether {@code from} reaches the other node: it runs, and no partition is between them. */
    boolean reaches(Side from) {
        return !partitioned && node(from.peer()).running;
    }

    /** Whether the liveness probes of {@code side} find its peer down: nothing answers at its address. */
    boolean peerLooksDown(Side side) {
        return !reaches(side) && !firewallAnswers;
    }

    // ---------------------------------------------------------------------------------------------
    // Fencing and the address

    /** The node learns of an epoch (receipt, peer answer, its receiver at start): {@code EpochFence.learn}. */
    void learn(Side side, long epoch) {
        NodeModel node = node(side);
        if (epoch <= node.epoch) {
            return;
        }
        node.epoch = epoch;
        if (node.state == NodeState.ACTIVE || node.inPromotion()) {
            node.state = NodeState.FENCED;
            node.promotion = null;
            release(side);
        }
        node.receiverEpoch = Math.max(node.receiverEpoch, node.epoch);
    }

    void release(Side side) {
        if (holder == side) {
            holder = null;
        }
    }

    /** The host claims the address; duplicate address detection refuses it while the other node holds it. */
    boolean claim(Side side) {
        if (holder == side.peer() && node(side.peer()).running) {
            return false;
        }
        holder = side;
        return true;
    }

    /** What {@code StartupGuard.check()} and the host do for an ACTIVE node that does not serve yet. */
    void startupCheck(Side side) {
        NodeModel node = node(side);
        if (node.state != NodeState.ACTIVE || holder == side) {
            return;
        }
        boolean claim;
        if (reaches(side)) {
            long answer = pairEpoch(side.peer());
            if (answer > node.epoch) {
                learn(side, answer);
                claim = false;
            } else {
                claim = true;
            }
        } else {
            claim = rule == UnreachablePeerRule.CLAIM_AND_ALERT;
        }
        if (claim && claim(side)) {
            node.replicating = true;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Actions

    /** An operator's claim without the peer: only an ACTIVE node claims, if no other node holds the address. */
    boolean claimWithoutPeer(Side side) {
        NodeModel node = node(side);
        if (node.state != NodeState.ACTIVE || holder == side || !claim(side)) {
            return false;
        }
        node.replicating = true;
        return true;
    }

    /**
     * The next task of the node's replicator: a run or a retry. The model predicts whether it
     * delivers (the node is ACTIVE) and how the delivery ends.
     *
     * @return whether the node delivers a bundle
     */
    boolean replicate(Side side) {
        NodeModel node = node(side);
        if (!node.running || !node.replicating || node.state != NodeState.ACTIVE) {
            return false;
        }
        if (!reaches(side)) {
            return true;
        }
        Side peer = side.peer();
        NodeModel target = node(peer);
        long floor = receiverView(peer);
        target.receiverEpoch = floor;
        if (node.epoch < floor) {
            learn(side, floor);
        } else {
            target.receiverEpoch = node.epoch;
            target.importedEpoch = node.epoch;
        }
        return true;
    }

    void crash(Side side) {
        NodeModel node = node(side);
        node.running = false;
        node.replicating = false;
        release(side);
    }

    void restart(Side side) {
        NodeModel node = node(side);
        node.running = true;
        // EpochFence.connect: the node observes its receiver's epoch, then the floor follows the node.
        learn(side, receiverView(side));
        node.receiverEpoch = Math.max(node.receiverEpoch, node.epoch);
        startupCheck(side);
    }

    /** The host's failback: a fenced node becomes the standby of the node that fenced it. */
    boolean failback(Side side) {
        NodeModel node = node(side);
        if (node.state != NodeState.FENCED) {
            return false;
        }
        node.state = NodeState.AWAITING_INITIAL_IMPORT;
        return true;
    }

    /** The host ends the standby's initialisation once it imported the active's data of its epoch. */
    boolean initialImportDone(Side side) {
        NodeModel node = node(side);
        if (node.state != NodeState.AWAITING_INITIAL_IMPORT || node.importedEpoch < node.epoch) {
            return false;
        }
        node.state = NodeState.WARM_STANDBY;
        return true;
    }

    Ending promote(Side side, boolean override, Optional<Fault> fault) {
        NodeModel node = node(side);
        boolean met = node.state == NodeState.WARM_STANDBY && node.importedEpoch >= 0
                && (override || peerLooksDown(side));
        if (!met) {
            return Ending.REFUSED;
        }
        node.epoch = Math.max(node.epoch, receiverView(side));
        node.state = NodeState.PROMOTING;
        node.promotion = new Promotion(side, override);
        promotions.add(node.promotion);
        return steps(side, fault);
    }

    Ending retry(Side side, Optional<Fault> fault) {
        NodeModel node = node(side);
        if (node.state != NodeState.PROMOTION_FAILED) {
            return Ending.ILLEGAL;
        }
        node.state = NodeState.PROMOTING;
        node.promotion.failed = null;
        return steps(side, fault);
    }

    Ending resume(Side side, Optional<Fault> fault) {
        NodeModel node = node(side);
        if (node.state != NodeState.PROMOTING) {
            return Ending.ILLEGAL;
        }
        return steps(side, fault);
    }

    /** An abort after the epoch was raised is refused; in this world the raise never fails. */
    Ending abort(Side side) {
        NodeModel node = node(side);
        if (node.state != NodeState.PROMOTION_FAILED || node.promotion.raised) {
            return Ending.ILLEGAL;
        }
        node.state = NodeState.WARM_STANDBY;
        node.promotion = null;
        return Ending.COMPLETED;
    }

    private Ending steps(Side side, Optional<Fault> fault) {
        NodeModel node = node(side);
        Promotion p = node.promotion;
        for (String step : STEPS) {
            if (p.completed.contains(step)) {
                continue;
            }
            switch (step) {
                case RAISE_EPOCH -> {
                    if (!p.raised) {
                        node.epoch++;
                        p.raised = true;
                    }
                    node.receiverEpoch = Math.max(node.receiverEpoch, node.epoch);
                }
                case NETWORK_TAKEOVER -> {
                    Ending hit = hit(side, fault, FaultPoint.TAKEOVER, step);
                    if (hit != null) {
                        return hit;
                    }
                    if (!claim(side)) {
                        return fail(side, step);
                    }
                    if (hits(fault, FaultPoint.TAKEOVER_AFTER)) {
                        return crashIn(side);
                    }
                }
                case MODULE_ACTIVATION -> {
                    Ending hit = hit(side, fault, FaultPoint.MODULES, step);
                    if (hit != null) {
                        return hit;
                    }
                }
                case NOTIFY_USERS -> {
                    if (p.completed.contains(USERS_BEGUN)) {
                        p.usersNotRepeated = true;
                    } else {
                        Ending hit = hit(side, fault, FaultPoint.USERS, step);
                        if (hit != null) {
                            return hit;
                        }
                        p.completed.add(USERS_BEGUN);
                        if (hits(fault, FaultPoint.USERS_MESSAGE_BEFORE)) {
                            return crashIn(side);
                        }
                        p.usersMessages++;
                        if (hits(fault, FaultPoint.USERS_MESSAGE_AFTER)) {
                            return crashIn(side);
                        }
                    }
                }
                case NOTIFY_ADMIN -> {
                    if (!p.completed.contains(ADMIN_BEGUN)) {
                        p.completed.add(ADMIN_BEGUN);
                        if (hits(fault, FaultPoint.SUMMARY_BEFORE)) {
                            return crashIn(side);
                        }
                        p.summaries++;
                        p.summaryUsers = p.usersNotRepeated ? 0 : SimulatedPair.UNIQUE_USERS;
                        if (hits(fault, FaultPoint.SUMMARY_AFTER)) {
                            return crashIn(side);
                        }
                    }
                }
                default -> throw new AssertionError(step);
            }
            p.completed.add(step);
        }
        node.state = NodeState.ACTIVE;
        node.promotion = null;
        if (holder == side) {
            node.replicating = true;
        } else {
            // A promotion resumed after a crash took the address before the crash and lost it with the crash.
            startupCheck(side);
        }
        return Ending.COMPLETED;
    }

    private static boolean hits(Optional<Fault> fault, FaultPoint point) {
        return fault.isPresent() && fault.get().point() == point;
    }

    private Ending hit(Side side, Optional<Fault> fault, FaultPoint point, String step) {
        if (!hits(fault, point)) {
            return null;
        }
        return fault.get().crash() ? crashIn(side) : fail(side, step);
    }

    private Ending fail(Side side, String step) {
        NodeModel node = node(side);
        node.state = NodeState.PROMOTION_FAILED;
        node.promotion.failed = step;
        return Ending.FAILED;
    }

    private Ending crashIn(Side side) {
        crash(side);
        return Ending.CRASHED;
    }
}
