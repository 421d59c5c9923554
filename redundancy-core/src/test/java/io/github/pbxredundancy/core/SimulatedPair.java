package io.github.pbxredundancy.core;

import static io.github.pbxredundancy.core.BundleFixtures.KEY;
import static io.github.pbxredundancy.core.BundleFixtures.VERSION;

import io.github.pbxredundancy.core.PairModel.Ending;
import io.github.pbxredundancy.core.PairModel.Fault;
import io.github.pbxredundancy.core.PairModel.FaultPoint;
import io.github.pbxredundancy.core.PairModel.NodeModel;
import io.github.pbxredundancy.core.PairModel.Side;
import io.github.pbxredundancy.core.event.NodeStateChanged;
import io.github.pbxredundancy.core.event.PhoneRestartRequested;
import io.github.pbxredundancy.core.event.PromotionCompleted;
import io.github.pbxredundancy.core.event.RedundancyEvent;
import io.github.pbxredundancy.core.internal.FileTrees;
import io.github.pbxredundancy.core.promotion.ActiveDownCheck;
import io.github.pbxredundancy.core.promotion.AuditContext;
import io.github.pbxredundancy.core.promotion.AuditEntry;
import io.github.pbxredundancy.core.promotion.AuditTrail;
import io.github.pbxredundancy.core.promotion.DownOverride;
import io.github.pbxredundancy.core.promotion.EpochFence;
import io.github.pbxredundancy.core.promotion.IllegalTransitionException;
import io.github.pbxredundancy.core.promotion.NodeLifecycle;
import io.github.pbxredundancy.core.promotion.NodeSnapshot;
import io.github.pbxredundancy.core.promotion.NodeState;
import io.github.pbxredundancy.core.promotion.Promoter;
import io.github.pbxredundancy.core.promotion.PromotionOutcome;
import io.github.pbxredundancy.core.promotion.PromotionProgress;
import io.github.pbxredundancy.core.promotion.PromotionRequest;
import io.github.pbxredundancy.core.promotion.StartupDecision;
import io.github.pbxredundancy.core.promotion.StartupGuard;
import io.github.pbxredundancy.core.promotion.Trigger;
import io.github.pbxredundancy.core.promotion.UnreachablePeerRule;
import io.github.pbxredundancy.core.spi.Backup;
import io.github.pbxredundancy.core.spi.Delivery;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import io.github.pbxredundancy.core.spi.LivenessProbe;
import io.github.pbxredundancy.core.spi.PeerEpoch;
import io.github.pbxredundancy.core.spi.ProbeResult;
import io.github.pbxredundancy.core.spi.TransferListener;
import io.github.pbxredundancy.core.spi.Transport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Two nodes of a pair and the network between them, for {@link PairStateProperties}: each node
 * has its own directory with a real {@link NodeLifecycle}, {@link Receiver}, {@link EpochFence},
 * {@link Promoter}, {@link StartupGuard} and (while it serves) {@link Replicator}; the host's SPIs
 * are simulated here and recorded. Everything runs on the caller's thread: the world clock is a
 * {@link MutableClock}, each node has a {@link ManualScheduler} for its replicator and one for its
 * liveness check, and every executor runs tasks at once.
 *
 * <p>The network: a delivery goes through {@link SimulatedTransport} straight into the peer's
 * {@link Receiver#receive}, unless the peer is down or the link is partitioned
 * ({@link ReasonCode#CONNECTION_FAILED}); the liveness probes find the peer alive iff it runs and
 * the link is up (or a firewall answers for it); the peer query answers the peer's
 * {@link EpochFence#pairEpoch()} under the same condition. The shared address is one token:
 * taking it fails while the other running node holds it (duplicate address detection, which in
 * this world sees across a partition of the replication link).
 *
 * <p>Before every action the {@link PairModel} predicts the outcome; after it {@link #verify}
 * compares model and world, and {@link #checkInvariants} checks the safety rules of issue 6.
 */
final class SimulatedPair implements AutoCloseable {
    static final Instant START = Instant.parse("2016-01-26T06:00:00Z");
    static final Duration CONFIRMATION = Duration.ofSeconds(10);
    static final String OPERATOR = "Jürgen Admin";
    /** The directory lists the first user twice; the promotion tells each user once. */
    static final List<UserContact> DIRECTORY = List.of(PromotionFixtures.USERS.get(0), PromotionFixtures.USERS.get(1),
            PromotionFixtures.USERS.get(2), PromotionFixtures.USERS.get(0));
    static final int UNIQUE_USERS = 3;
    private static final ReplicationSchedule HOURLY = ReplicationSchedule.of(LocalDate.of(2016, 1, 26),
            LocalTime.of(0, 30), ZoneOffset.UTC, IntervalUnit.HOUR, 1);
    /**
     * Where the worlds live: a RAM-backed directory where the system has one (Linux), else the
     * default temporary directory. The nodes force their files to disk thousands of times per
     * property run, which on a slow disk takes longer than everything else together.
     */
    private static final Path RAM = Path.of("/dev/shm");
    private static final Path TEMPORARY = Files.isDirectory(RAM) && Files.isWritable(RAM) ? RAM
            : Path.of(System.getProperty("java.io.tmpdir"));
    private static final byte[] BACKUP = "a tiny PBX backup\n".getBytes(StandardCharsets.UTF_8);

    /** Thrown by a simulated host step or notifier to stop the node where it is, like a power cut. */
    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(String where) {
            super("simulated crash " + where, null, false, false);
        }
    }

    /** One call of a node's transport: who sent, and in which state. */
    record TransportCall(Side from, NodeState senderState) {
    }

    /** One import on a node: its state at the time and whether its host served the address then. */
    record ImportCall(Side side, NodeState state, boolean serving) {
    }

    final Path root;
    final MutableClock clock = new MutableClock(START);
    final PairModel model;
    private final boolean receiverFollowsNode;
    private final UnreachablePeerRule rule;
    private final Map<Side, NodeHost> hosts = new EnumMap<>(Side.class);
    private final Map<Side, RecordingNotifier> mail = new EnumMap<>(Side.class);
    private final Map<Side, Long> highestEpoch = new EnumMap<>(Side.class);
    private final Map<Side, Long> highestReceiverEpoch = new EnumMap<>(Side.class);
    private final Map<Side, Trail> trails = new EnumMap<>(Side.class);
    private final Map<Long, Side> activeInEpoch = new HashMap<>();
    final List<TransportCall> calls = new ArrayList<>();
    final List<ImportCall> imports = new ArrayList<>();
    final List<String> log = new ArrayList<>();
    private boolean partitioned;
    private boolean firewallAnswers;
    private Side holder;
    private Fault pendingFault;
    private Start startedAt;
    /** Seeds the bundle ids, so that a chain runs the same way each time: jqwik shrinks by running it again. */
    private long bundleIds;

    SimulatedPair(boolean receiverFollowsNode, UnreachablePeerRule rule) {
        this.receiverFollowsNode = receiverFollowsNode;
        this.rule = rule;
        this.model = new PairModel(receiverFollowsNode, rule);
        try {
            this.root = Files.createTempDirectory(TEMPORARY, "simulated-pair");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Side side : Side.values()) {
            mail.put(side, new RecordingNotifier());
            highestEpoch.put(side, 0L);
            highestReceiverEpoch.put(side, 0L);
        }
        AuditContext installer = AuditContext.of("installer", "");
        NodeHost a = open(Side.A);
        a.node.transition(Trigger.CONFIGURED_AS_ACTIVE, installer);
        holder = Side.A;
        a.startReplicating();
        NodeHost b = open(Side.B);
        b.node.transition(Trigger.CONFIGURED_AS_STANDBY, installer);
        b.node.transition(Trigger.INITIAL_IMPORT_DONE, installer);
        verify("the installation");
    }

    /** Where a chain starts: reached through the real nodes, checked against the model on the way. */
    enum Start {
        /** A serves, B is its warm standby, both at epoch 0. */
        FRESH,
        /** B imported A's backup, then A died: the moment for a promotion. */
        ACTIVE_DOWN,
        /** A died, B was promoted (epoch 1) and serves; A came back and is fenced. */
        FAILED_OVER,
        /** As {@link #FAILED_OVER}, then A became B's standby again (failback) and imported B's data. */
        STANDBY_AGAIN
    }

    /** Drives a fresh pair to {@code start}. */
    SimulatedPair startAt(Start start) {
        if (start != Start.FRESH) {
            replicate(Side.A);
            crash(Side.A);
        }
        if (start == Start.FAILED_OVER || start == Start.STANDBY_AGAIN) {
            promote(Side.B, false, Optional.empty());
            restart(Side.A);
            expect(model.node(Side.A).state == NodeState.FENCED && model.node(Side.B).state == NodeState.ACTIVE,
                    "the failover did not happen");
        }
        if (start == Start.STANDBY_AGAIN) {
            failback(Side.A);
            replicate(Side.B);
            initialImportDone(Side.A);
            expect(model.node(Side.A).state == NodeState.WARM_STANDBY, "the failback did not happen");
        }
        log.add("--- " + start + " ---");
        startedAt = start;
        return this;
    }

    @Override
    public String toString() {
        return "SimulatedPair[receiverFollowsNode=" + receiverFollowsNode + ", rule=" + rule + "]";
    }

    @Override
    public void close() {
        hosts.values().forEach(NodeHost::stop);
        hosts.clear();
        try {
            FileTrees.delete(root, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The actions

    boolean running(Side side) {
        return hosts.containsKey(side);
    }

    boolean replicating(Side side) {
        NodeHost host = hosts.get(side);
        return host != null && host.replicator != null;
    }

    boolean serves(Side side) {
        return holder == side;
    }

    /** The node's replicator does its next task: a scheduled run or a retry. */
    void replicate(Side side) {
        tick();
        NodeHost host = hosts.get(side);
        if (host == null || host.replicator == null) {
            return;
        }
        boolean expectDelivery = model.replicate(side);
        int before = callsFrom(side);
        Optional<Instant> next = host.replicationScheduler.nextDue();
        if (next.isEmpty()) {
            throw new AssertionError(side + "'s replicator has nothing scheduled");
        }
        // Only the earliest task, at its time (or now, if another node's actions moved the clock past it).
        if (next.get().isAfter(clock.instant())) {
            clock.set(next.get());
        }
        host.replicationScheduler.runEarliestEarly();
        int made = callsFrom(side) - before;
        expect(made == (expectDelivery ? 1 : 0), "replicate " + side + ": the model expects " + (expectDelivery ? 1
                : 0) + " deliveries, the transport saw " + made);
        verify("replicate " + side);
    }

    void crash(Side side) {
        tick();
        NodeHost host = hosts.remove(side);
        if (host == null) {
            return;
        }
        host.stop();
        release(side);
        model.crash(side);
        verify("crash " + side);
    }

    void restart(Side side) {
        tick();
        if (running(side)) {
            return;
        }
        model.restart(side);
        long before = highestEpoch.get(side);
        NodeHost host = open(side);
        expect(host.node.epoch() >= before, side + " restarted at epoch " + host.node.epoch() + ", below epoch "
                + before + " it held before");
        host.startUp();
        verify("restart " + side);
    }

    void partition(boolean on) {
        tick();
        partitioned = on;
        model.partitioned = on;
        verify(on ? "partition" : "heal");
    }

    void firewall(boolean on) {
        tick();
        firewallAnswers = on;
        model.firewallAnswers = on;
        verify(on ? "a firewall answers for a down node" : "the firewall is quiet");
    }

    /** An ACTIVE node that does not serve asks its peer again (the host's periodic check). */
    void recheck(Side side) {
        tick();
        NodeHost host = hosts.get(side);
        if (host == null) {
            return;
        }
        model.startupCheck(side);
        host.startUp();
        verify("recheck " + side);
    }

    /**
     * An operator lets an ACTIVE node that stayed passive claim the address without its peer's
     * epoch ({@code StartupGuard.claimWithoutPeer}); the host claims it if no other node holds it.
     */
    void claimWithoutPeer(Side side) {
        tick();
        NodeHost host = hosts.get(side);
        if (host == null) {
            return;
        }
        boolean expected = model.claimWithoutPeer(side);
        boolean claimed;
        try {
            claimed = host.guard.claimWithoutPeer(AuditContext.of(OPERATOR, "the standby is switched off"))
                    .claimAddress() && claim(side);
        } catch (RedundancyException e) {
            expect(e.reason() == ReasonCode.ILLEGAL_STATE, "claim without peer " + side + ": " + e);
            claimed = false;
        }
        if (claimed) {
            host.startReplicating();
        }
        expect(claimed == expected, "claim without peer " + side + ": claimed " + claimed + ", the model expects "
                + expected);
        verify("claim without peer " + side);
    }

    void promote(Side side, boolean override, Optional<Fault> fault) {
        tick();
        NodeHost host = hosts.get(side);
        if (host == null) {
            return;
        }
        Ending expected = model.promote(side, override, fault);
        PromotionRequest request = PromotionRequest.of(OPERATOR, "the active does not answer", true);
        if (override) {
            request = request.withOverride(new DownOverride(OPERATOR, "the active is switched off, I checked it"));
        }
        pendingFault = fault.orElse(null);
        CompletableFuture<PromotionOutcome> future = host.promoter.promote(request);
        if (!future.isDone()) {
            host.checkScheduler.advance(CONFIRMATION.plusSeconds(1));
        }
        settle(side, host, future, expected, "promote " + side + (override ? " with an override" : "")
                + fault.map(f -> ", " + f).orElse(""));
    }

    void retry(Side side, Optional<Fault> fault) {
        tick();
        NodeHost host = hosts.get(side);
        if (host == null) {
            return;
        }
        Ending expected = model.retry(side, fault);
        pendingFault = fault.orElse(null);
        settle(side, host, host.promoter.retry(OPERATOR), expected, "retry " + side + fault.map(f -> ", " + f)
                .orElse(""));
    }

    void resume(Side side, Optional<Fault> fault) {
        tick();
        NodeHost host = hosts.get(side);
        if (host == null) {
            return;
        }
        Ending expected = model.resume(side, fault);
        expect(host.promoter.resumable() == (expected != Ending.ILLEGAL), side + ": resumable() says "
                + host.promoter.resumable() + ", the model expects " + (expected != Ending.ILLEGAL));
        pendingFault = fault.orElse(null);
        settle(side, host, host.promoter.resume(OPERATOR), expected, "resume " + side + fault.map(f -> ", " + f)
                .orElse(""));
    }

    void abort(Side side) {
        tick();
        NodeHost host = hosts.get(side);
        if (host == null) {
            return;
        }
        Ending expected = model.abort(side);
        boolean aborted;
        try {
            host.promoter.abort(OPERATOR, "giving up");
            aborted = true;
        } catch (IllegalTransitionException e) {
            aborted = false;
        }
        expect(aborted == (expected == Ending.COMPLETED), "abort " + side + ": aborted " + aborted + ", the model"
                + " expects " + expected);
        verify("abort " + side);
    }

    /** The host's failback: the fenced node becomes the standby of the node that fenced it (B5). */
    void failback(Side side) {
        tick();
        NodeHost host = hosts.get(side);
        if (host == null) {
            return;
        }
        boolean expected = model.failback(side);
        boolean done = fire(host, Trigger.FAILBACK_AS_STANDBY);
        expect(done == expected, "failback " + side + ": fired " + done + ", the model expects " + expected);
        verify("failback " + side);
    }

    /** The standby's initialisation ends once its receiver imported the active's data of its epoch. */
    void initialImportDone(Side side) {
        tick();
        NodeHost host = hosts.get(side);
        if (host == null) {
            return;
        }
        boolean expected = model.initialImportDone(side);
        ReceiverStatus status = host.receiver.status();
        boolean imported = status.lastImport().filter(ReceiverStatus.ImportOutcome::succeeded)
                .flatMap(last -> status.current().filter(kept -> kept.bundleId().equals(last.bundleId())))
                .filter(kept -> kept.epoch() >= host.node.epoch()).isPresent();
        boolean done = imported && host.node.state() == NodeState.AWAITING_INITIAL_IMPORT
                && fire(host, Trigger.INITIAL_IMPORT_DONE);
        expect(done == expected, "initial import done " + side + ": fired " + done + ", the model expects "
                + expected);
        verify("initial import done " + side);
    }

    private boolean fire(NodeHost host, Trigger trigger) {
        try {
            host.node.transition(trigger, AuditContext.of(OPERATOR, ""));
            return true;
        } catch (IllegalTransitionException e) {
            return false;
        }
    }

    private void settle(Side side, NodeHost host, CompletableFuture<PromotionOutcome> future, Ending expected,
                        String action) {
        pendingFault = null;
        expect(future.isDone(), action + ": the outcome is not there after the confirmation period");
        Ending actual;
        PromotionOutcome outcome = null;
        try {
            outcome = future.join();
            if (outcome instanceof PromotionOutcome.Refused) {
                actual = Ending.REFUSED;
            } else if (outcome instanceof PromotionOutcome.Completed) {
                actual = Ending.COMPLETED;
            } else if (outcome instanceof PromotionOutcome.Failed) {
                actual = Ending.FAILED;
            } else {
                throw new AssertionError(action + ": interrupted: " + outcome + "\nactions: " + log);
            }
        } catch (CompletionException e) {
            if (e.getCause() instanceof SimulatedCrash) {
                actual = Ending.CRASHED;
            } else if (e.getCause() instanceof RedundancyException r && r.reason() == ReasonCode.ILLEGAL_STATE) {
                actual = Ending.ILLEGAL;
            } else {
                throw e;
            }
        }
        expect(actual == expected, action + ": ended " + actual + ", the model expects " + expected
                + (outcome == null ? "" : " (" + outcome + ")"));
        adoptPromotionId(side);
        if (actual == Ending.CRASHED) {
            hosts.remove(side).stop();
            release(side);
        } else if (actual == Ending.COMPLETED) {
            // The host serves once its node holds the address; a promotion resumed after a crash took it before the
            // crash and lost it with the crash, so the host asks the start-up guard as at any start.
            if (holder == side) {
                host.startReplicating();
            } else {
                host.startUp();
            }
        }
        verify(action + ": " + actual);
    }

    /** The actions done (with their outcome) since the chain's start was reached. */
    List<String> chainLog() {
        int start = log.indexOf("--- " + startedAt + " ---");
        return List.copyOf(log.subList(start + 1, log.size()));
    }

    /** The model does not predict promotion ids; it takes the real one from the trail. */
    private void adoptPromotionId(Side side) {
        for (PairModel.Promotion p : model.promotions) {
            if (p.side == side && p.id == null) {
                List<AuditEntry> trail = trail(side);
                p.id = trail.stream().filter(e -> e.action().equals(Trigger.PROMOTION_REQUESTED.name()))
                        .reduce((first, second) -> second).flatMap(AuditEntry::promotionId)
                        .orElseThrow(() -> new AssertionError(side + " started a promotion that is not in its trail"));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The world's host

    /** Opens a node as its host does at start: lifecycle, receiver, fence, promoter, guard. */
    private NodeHost open(Side side) {
        NodeHost host = new NodeHost(side);
        hosts.put(side, host);
        return host;
    }

    /** The host claims the address; it fails while the other running node holds it. */
    private boolean claim(Side side) {
        if (holder == side.peer() && running(side.peer())) {
            return false;
        }
        holder = side;
        return true;
    }

    private void release(Side side) {
        if (holder == side) {
            holder = null;
        }
    }

    /** The node at the other end of the link from {@code from}, if it runs and the link is up. */
    private Optional<NodeHost> reach(Side from) {
        return partitioned ? Optional.empty() : Optional.ofNullable(hosts.get(from.peer()));
    }

    private void tick() {
        clock.advance(Duration.ofSeconds(1));
    }

    private int callsFrom(Side side) {
        return (int) calls.stream().filter(call -> call.from() == side).count();
    }

    private void maybeFault(Side side, FaultPoint point, String what) {
        Fault fault = pendingFault;
        if (fault == null || fault.point() != point) {
            return;
        }
        pendingFault = null;
        if (fault.crash()) {
            throw new SimulatedCrash(what + " on " + side);
        }
        throw new IllegalStateException("the host's " + what + " failed on " + side);
    }

    /** One node's objects, alive from a start to a crash. */
    private final class NodeHost {
        final Side side;
        final ManualScheduler replicationScheduler = new ManualScheduler(clock);
        final ManualScheduler checkScheduler = new ManualScheduler(clock);
        final NodeLifecycle node;
        final Receiver receiver;
        final EpochFence fence;
        final Promoter promoter;
        final StartupGuard guard;
        final BundleDeliverySteps steps;
        Replicator replicator;

        NodeHost(Side side) {
            this.side = side;
            Path dir = root.resolve(side.name());
            Executor direct = Runnable::run;
            node = NodeLifecycle.open(dir.resolve("node"), clock, this::lifecycleEvent);
            Receiver.Builder builder = Receiver.builder().root(dir.resolve("store")).activeServerKey(KEY)
                    .ownVersion(VERSION).importer(request -> imports.add(new ImportCall(side, node.state(),
                            holder == side))).clock(clock).notifier(mail.get(side)).freeSpaceReserve(1 << 20);
            if (receiverFollowsNode) {
                builder.epochFloor(node::epoch);
            }
            receiver = builder.build();
            fence = EpochFence.connect(node, receiver, mail.get(side));
            RedundancyPair pair = side == Side.B ? PairFixtures.seedPair() : reversedPair();
            ActiveDownCheck check = ActiveDownCheck.builder().probes(List.of(probe("tcp 192.168.1.1:22 (SSH)"),
                    probe("tcp 192.168.1.1:5060 (SIP)"))).confirmationPeriod(CONFIRMATION)
                    .probeInterval(Duration.ofSeconds(5)).probeTimeout(Duration.ofSeconds(2)).clock(clock)
                    .scheduler(checkScheduler).executor(direct).build();
            promoter = Promoter.builder().lifecycle(node).pair(pair).receiver(receiver).downCheck(check)
                    .networkTakeover(active -> takeOver()).moduleActivation(() -> maybeFault(side, FaultPoint.MODULES,
                            "module activation")).userDirectory(() -> {
                                maybeFault(side, FaultPoint.USERS, "user directory");
                                return DIRECTORY;
                            }).notifier(this::promotionEvent).clock(clock).executor(direct).build();
            guard = StartupGuard.builder().fence(fence).peer(timeout -> reach(side).<PeerEpoch>map(peer ->
                            new PeerEpoch.Answered(side.peer().nodeName(), peer.fence.pairEpoch()))
                    .orElseGet(() -> new PeerEpoch.Unreachable(side.peer().nodeName(), "no route to host")))
                    .unreachablePeerRule(rule).clock(clock).notifier(mail.get(side)).build();
            steps = BundleDeliverySteps.builder().source(() -> new Backup.Stream("db/backup.sfb", BACKUP.length,
                            () -> new ByteArrayInputStream(BACKUP))).transport(new SimulatedTransport(side))
                    .staging(dir.resolve("outgoing")).activeServerKey(KEY).sourceNode(side.nodeName())
                    .softwareVersion(() -> VERSION).epoch(node::epoch).clock(clock)
                    .random(new java.util.Random(side.ordinal() * 7919L + bundleIds++)).build();
            steps.sweep();
        }

        private LivenessProbe probe(String name) {
            return new LivenessProbe() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public ProbeResult probe(Duration timeout) {
                    if (reach(side).isPresent() || firewallAnswers) {
                        return new ProbeResult.Alive("host answered: connection refused");
                    }
                    return new ProbeResult.NoAnswer("no answer within 2 s");
                }
            };
        }

        private void takeOver() {
            maybeFault(side, FaultPoint.TAKEOVER, "network takeover");
            if (!claim(side)) {
                throw new IllegalStateException("192.168.1.1 is in use by " + side.peer().nodeName()
                        + " (duplicate address detected)");
            }
            maybeFault(side, FaultPoint.TAKEOVER_AFTER, "network takeover, after the address moved,");
        }

        private void lifecycleEvent(RedundancyEvent event) {
            mail.get(side).notify(event);
            if (event instanceof NodeStateChanged changed && changed.to() == NodeState.FENCED) {
                release(side);
            }
        }

        private void promotionEvent(RedundancyEvent event) {
            boolean users = event instanceof PhoneRestartRequested;
            boolean summary = event instanceof PromotionCompleted;
            maybeFault(side, users ? FaultPoint.USERS_MESSAGE_BEFORE : summary ? FaultPoint.SUMMARY_BEFORE : null,
                    "notifier");
            mail.get(side).notify(event);
            maybeFault(side, users ? FaultPoint.USERS_MESSAGE_AFTER : summary ? FaultPoint.SUMMARY_AFTER : null,
                    "notifier");
        }

        /** As a host at start: an ACTIVE node that does not hold the address asks the guard. */
        void startUp() {
            if (node.state() != NodeState.ACTIVE || holder == side) {
                return;
            }
            StartupDecision decision = guard.check();
            if (decision.claimAddress() && claim(side)) {
                startReplicating();
            }
        }

        void startReplicating() {
            if (replicator == null) {
                replicator = Replicator.builder().schedule(HOURLY)
                        .retries(RetrySchedule.fixed(2, Duration.ofMinutes(5))).steps(steps).clock(clock)
                        .scheduler(replicationScheduler).workExecutor(Runnable::run).notifier(mail.get(side))
                        .gate(fence.replicationGate()).epochObserver(fence).build();
                replicator.start();
            }
        }

        void stop() {
            if (replicator != null) {
                replicator.stop();
            }
        }
    }

    private static RedundancyPair reversedPair() {
        RedundancyPair seed = PairFixtures.seedPair();
        return new RedundancyPair(rename(seed.active(), "pbx-b"), rename(seed.standby(), "pbx-a"),
                seed.standbyConfiguredKey());
    }

    private static Node rename(Node node, String name) {
        return new Node(name, node.address(), node.prefixLength(), node.version(), node.hardwareId(), node.platform(),
                node.licenses());
    }

    /** Delivers straight into the peer's receiver, as a streaming transport would. */
    private final class SimulatedTransport implements Transport {
        private final Side from;

        SimulatedTransport(Side from) {
            this.from = from;
        }

        @Override
        public DeliveryReceipt deliver(Delivery delivery, TransferListener listener) {
            NodeHost sender = hosts.get(from);
            NodeState state = sender == null ? null : sender.node.state();
            Optional<NodeHost> peer = reach(from);
            calls.add(new TransportCall(from, state));
            if (peer.isEmpty()) {
                throw new RedundancyException(ReasonCode.CONNECTION_FAILED, "no route to " + from.peer().nodeName());
            }
            try (InputStream in = Files.newInputStream(delivery.file())) {
                return peer.get().receiver.receive(delivery.bundleId(), in, delivery.size(), delivery.sha256());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Model and invariants

    /** The node's audit trail, read again only when the file grew (it is append-only). */
    List<AuditEntry> trail(Side side) {
        AuditTrail trail = AuditTrail.in(root.resolve(side.name()).resolve("node"));
        long size;
        try {
            size = Files.size(trail.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Trail cached = trails.get(side);
        if (cached == null || cached.size() != size) {
            cached = new Trail(size, trail.read().entries());
            trails.put(side, cached);
        }
        return cached.entries();
    }

    private record Trail(long size, List<AuditEntry> entries) {
    }

    /** The world equals the model: states, epochs, receivers, promotions, address, replicators. */
    void verify(String action) {
        log.add(action);
        for (Side side : Side.values()) {
            NodeModel expected = model.node(side);
            NodeHost host = hosts.get(side);
            expect(expected.running == (host != null), action + ": " + side + " running " + (host != null)
                    + ", the model says " + expected.running);
            if (host == null) {
                continue;
            }
            NodeSnapshot snapshot = host.node.snapshot();
            String where = action + ": " + side + " ";
            expect(snapshot.state() == expected.state, where + "is " + snapshot.state() + ", the model expects "
                    + expected.state);
            expect(snapshot.epoch() == expected.epoch, where + "has epoch " + snapshot.epoch() + ", the model expects "
                    + expected.epoch);
            expect(host.receiver.highestEpoch() == model.receiverView(side), where + "has a receiver at epoch "
                    + host.receiver.highestEpoch() + ", the model expects " + model.receiverView(side));
            expect((host.replicator != null) == expected.replicating, where + "replicating " + (host.replicator != null)
                    + ", the model expects " + expected.replicating);
            if (expected.promotion != null) {
                PromotionProgress progress = snapshot.promotion().orElseThrow(() -> new AssertionError(where
                        + "has no promotion, the model expects " + expected.promotion));
                expect(progress.completedSteps().equals(expected.promotion.completed), where + "completed "
                        + progress.completedSteps() + ", the model expects " + expected.promotion.completed);
                expect(progress.failedStep().equals(Optional.ofNullable(expected.promotion.failed)), where
                        + "failed at " + progress.failedStep() + ", the model expects " + expected.promotion.failed);
                expect(Objects.equals(progress.id(), expected.promotion.id), where + "runs promotion " + progress.id()
                        + ", the model expects " + expected.promotion.id);
            }
        }
        expect(holder == model.holder, action + ": the address is held by " + holder + ", the model expects "
                + model.holder);
    }

    /**
     * The safety rules of issue 6, checked after every action, from the world alone (the
     * model's predictions are checked by {@link #verify}).
     */
    void checkInvariants() {
        // Never two nodes active in one epoch, across time too: an epoch has at most one active node.
        for (Side side : Side.values()) {
            NodeHost host = hosts.get(side);
            NodeModel persisted = model.node(side);
            NodeState state = host != null ? host.node.state() : persisted.state;
            long epoch = host != null ? host.node.epoch() : persisted.epoch;
            if (state == NodeState.ACTIVE) {
                Side other = activeInEpoch.putIfAbsent(epoch, side);
                expect(other == null || other == side, "both nodes were ACTIVE in epoch " + epoch);
            }
        }
        // Epochs never decrease, on the node and in its receiver, restarts included.
        for (Side side : Side.values()) {
            NodeHost host = hosts.get(side);
            if (host == null) {
                continue;
            }
            long epoch = host.node.epoch();
            expect(epoch >= highestEpoch.get(side), side + "'s epoch fell from " + highestEpoch.get(side) + " to "
                    + epoch);
            highestEpoch.put(side, epoch);
            long received = host.receiver.highestEpoch();
            expect(received >= highestReceiverEpoch.get(side), side + "'s receiver epoch fell from "
                    + highestReceiverEpoch.get(side) + " to " + received);
            highestReceiverEpoch.put(side, received);
        }
        // A node sends only while it is ACTIVE: a fenced (or standby) node sends nothing.
        for (TransportCall call : calls) {
            expect(call.senderState() == NodeState.ACTIVE, call.from() + " delivered a bundle while "
                    + call.senderState());
        }
        // No promotion without the probes confirming the active down or an override: the trail says which.
        for (Side side : Side.values()) {
            List<AuditEntry> trail = trail(side);
            for (int i = 0; i < trail.size(); i++) {
                if (trail.get(i).action().equals(Trigger.PROMOTION_REQUESTED.name())) {
                    String before = i == 0 ? "nothing" : trail.get(i - 1).action();
                    expect(before.equals("DOWN_CONFIRMED") || before.equals("OVERRIDE"), side
                            + "'s promotion was requested after " + before + ", not DOWN_CONFIRMED or OVERRIDE");
                }
            }
        }
        // Each promotion: one restart message with every user and one summary, never more; fewer only where a
        // crash hit the hand-over, as the model says.
        List<RedundancyEvent> events = new ArrayList<>();
        mail.values().forEach(recorder -> events.addAll(recorder.events()));
        for (PairModel.Promotion p : model.promotions) {
            List<PhoneRestartRequested> messages = events.stream().filter(PhoneRestartRequested.class::isInstance)
                    .map(PhoneRestartRequested.class::cast).filter(m -> m.promotionId().equals(p.id)
                            && m.node().equals(p.side.nodeName())).toList();
            List<PromotionCompleted> summaries = events.stream().filter(PromotionCompleted.class::isInstance)
                    .map(PromotionCompleted.class::cast).filter(m -> m.promotionId().equals(p.id)
                            && m.node().equals(p.side.nodeName())).toList();
            expect(messages.size() == p.usersMessages, "promotion " + p + ": " + messages.size()
                    + " restart messages");
            expect(summaries.size() == p.summaries, "promotion " + p + ": " + summaries.size() + " summaries");
            messages.forEach(m -> expect(m.users().equals(PromotionFixtures.USERS), "promotion " + p
                    + ": the restart message lists " + m.users()));
            summaries.forEach(s -> expect(s.usersInformed() == p.summaryUsers && s.overridden() == p.overridden,
                    "promotion " + p + ": the summary says " + s.usersInformed() + " users, overridden "
                            + s.overridden()));
        }
        // The shared address: held by a running node in a state that may hold it, never by a fenced one.
        if (holder != null) {
            NodeHost host = hosts.get(holder);
            expect(host != null, "the address is held by " + holder + ", which is down");
            NodeState state = host.node.state();
            expect(state == NodeState.ACTIVE || state == NodeState.PROMOTING || state == NodeState.PROMOTION_FAILED,
                    "the address is held by " + holder + " in state " + state);
        }
        // Nothing is imported into a node that serves the address.
        for (ImportCall call : imports) {
            expect(!call.serving(), call.side() + " imported a backup while it served the address (" + call.state()
                    + ")");
        }
    }

    private void expect(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message + "\nactions: " + log);
        }
    }
}
