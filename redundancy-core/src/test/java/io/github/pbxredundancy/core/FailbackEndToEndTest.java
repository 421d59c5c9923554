package io.github.pbxredundancy.core;

import static io.github.pbxredundancy.core.BundleFixtures.KEY;
import static io.github.pbxredundancy.core.BundleFixtures.VERSION;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.event.FailbackStepChanged;
import io.github.pbxredundancy.core.event.NodeFenced;
import io.github.pbxredundancy.core.event.PhoneRestartRequested;
import io.github.pbxredundancy.core.event.StandbyLicenseWarning;
import io.github.pbxredundancy.core.promotion.ActiveDownCheck;
import io.github.pbxredundancy.core.promotion.AuditContext;
import io.github.pbxredundancy.core.promotion.AuditEntry;
import io.github.pbxredundancy.core.promotion.EpochFence;
import io.github.pbxredundancy.core.promotion.Failback;
import io.github.pbxredundancy.core.promotion.FailbackPlan;
import io.github.pbxredundancy.core.promotion.FailbackStatus;
import io.github.pbxredundancy.core.promotion.FailbackStep;
import io.github.pbxredundancy.core.promotion.NodeLifecycle;
import io.github.pbxredundancy.core.promotion.NodeState;
import io.github.pbxredundancy.core.promotion.Promoter;
import io.github.pbxredundancy.core.promotion.PromotionOutcome;
import io.github.pbxredundancy.core.promotion.PromotionRequest;
import io.github.pbxredundancy.core.promotion.StartupDecision;
import io.github.pbxredundancy.core.promotion.StartupGuard;
import io.github.pbxredundancy.core.promotion.Trigger;
import io.github.pbxredundancy.core.spi.Backup;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import io.github.pbxredundancy.core.spi.PeerEpoch;
import io.github.pbxredundancy.core.spi.TransferListener;
import io.github.pbxredundancy.core.spi.TransportOptions;
import io.github.pbxredundancy.core.transport.FileTransport;
import io.github.pbxredundancy.core.transport.InboxWatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole failback (R18, B5, R31) over the {@code file:} transport, two nodes in their own
 * directories: pbx-a, the original active, is fenced by the promotion of pbx-b; changes are made
 * on pbx-b while it serves; pbx-a becomes pbx-b's standby, receives pbx-b's bundles through the
 * same engine the other way round, imports exactly the newest one (made after pbx-b released the
 * address), is promoted back through the normal promoter and pbx-b becomes its standby again.
 * pbx-a restarts in the middle. The state machines and the bundles' times run on a manual clock;
 * the transport and the inboxes on real threads.
 */
class FailbackEndToEndTest {
    private static final AuditContext ADMIN = new AuditContext("Jürgen Admin", "pbx-a is repaired",
            List.of("pbx-b reaches pbx-a over SSH"));
    private static final Instant START = Instant.parse("2016-01-26T04:00:00Z");

    @TempDir
    Path pbxA;
    @TempDir
    Path pbxB;

    private final MutableClock clock = new MutableClock(START);
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService work = Executors.newSingleThreadExecutor();
    private final RecordingNotifier eventsA = new RecordingNotifier();
    private final RecordingNotifier eventsB = new RecordingNotifier();
    private final RecordingImporter importerA = new RecordingImporter();
    private final RecordingImporter importerB = new RecordingImporter();
    private final List<Node> takenOver = new ArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();

    private NodeLifecycle nodeA;
    private NodeLifecycle nodeB;
    private Receiver receiverA;
    private Receiver receiverB;
    private EpochFence fenceB;
    private Failback failbackA;
    private Path dataA;
    private Path dataB;
    private BundleDeliverySteps stepsA;
    private BundleDeliverySteps stepsB;
    private InboxWatcher watcherA;
    private long runs;

    @BeforeEach
    void pair() throws IOException {
        // pbx-a, the original active, replicating to pbx-b's inbox.
        dataA = BundleFixtures.tree(pbxA.resolve("data"));
        nodeA = NodeLifecycle.open(pbxA.resolve("node"), clock, eventsA);
        nodeA.transition(Trigger.CONFIGURED_AS_ACTIVE, AuditContext.of("installer", ""));
        // pbx-b, its standby.
        nodeB = NodeLifecycle.open(pbxB.resolve("node"), clock, eventsB);
        nodeB.transition(Trigger.CONFIGURED_AS_STANDBY, AuditContext.of("installer", ""));
        nodeB.transition(Trigger.INITIAL_IMPORT_DONE, AuditContext.of("installer", ""));
        receiverB = receiver(pbxB, importerB, eventsB, nodeB);
        fenceB = EpochFence.connect(nodeB, receiverB, eventsB);
        Path inboxB = pbxB.resolve("inbox");
        inbox(inboxB, receiverB);
        stepsA = steps(dataA, inboxB, pbxA, "pbx-a", () -> nodeA.epoch());
    }

    @AfterEach
    void shutdown() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
        timer.shutdownNow();
        work.shutdownNow();
        assertThat(timer.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    private Receiver receiver(Path root, RecordingImporter importer, RecordingNotifier events, NodeLifecycle node) {
        return Receiver.builder().root(root.resolve("store")).activeServerKey(KEY).ownVersion(VERSION).importer(importer)
                .clock(Clock.systemUTC()).notifier(events).freeSpaceReserve(1 << 20).epochFloor(node::epoch).build();
    }

    /** A node's inbox and its watcher, handing every bundle to the receiver. */
    private InboxWatcher inbox(Path inbox, Receiver receiver) throws IOException {
        Files.createDirectories(inbox);
        Clock real = Clock.systemUTC();
        InboxWatcher watcher = InboxWatcher.builder().inbox(inbox).handler(receiver::receiveFile).clock(real)
                .scheduler(TaskScheduler.using(timer, real)).workExecutor(work).pollInterval(Duration.ofMillis(10))
                .build();
        watcher.start();
        open.add(watcher::stop);
        return watcher;
    }

    /** The same engine for both directions: the host's backup, a bundle, the file: transport to the peer. */
    private BundleDeliverySteps steps(Path data, Path peerInbox, Path root, String name, LongSupplier epoch) {
        Clock real = Clock.systemUTC();
        FileTransport transport = new FileTransport(peerInbox.toUri(), TransportOptions.defaults(real,
                TaskScheduler.using(timer, real)).withAckTimeout(Duration.ofSeconds(20)).withPollInterval(
                Duration.ofMillis(10)));
        open.add(transport);
        return BundleDeliverySteps.builder().source(() -> new Backup.Files(data)).transport(transport)
                .staging(root.resolve("outgoing")).activeServerKey(KEY).sourceNode(name).softwareVersion(() -> VERSION)
                .epoch(epoch).clock(clock).build();
    }

    /** One run of a node's replication a minute from now; the receipt. */
    private DeliveryReceipt run(BundleDeliverySteps steps) throws IOException {
        clock.advance(Duration.ofMinutes(1));
        PreparedBundle bundle = steps.prepare(++runs);
        try {
            return steps.deliver(bundle, TransferListener.NONE);
        } finally {
            bundle.cleanup().cleanUp();
        }
    }

    private BundleId accepted(DeliveryReceipt receipt) {
        assertThat(receipt).isInstanceOf(DeliveryReceipt.Accepted.class);
        return ((DeliveryReceipt.Accepted) receipt).bundleId();
    }

    /** pbx-a stops and starts: its lifecycle, receiver, inbox watcher and failback read from disk. */
    private void restartA() throws IOException {
        watcherA.stop();
        nodeA = NodeLifecycle.open(pbxA.resolve("node"), clock, eventsA);
        receiverA = receiver(pbxA, importerA, eventsA, nodeA);
        watcherA = inbox(pbxA.resolve("inbox"), receiverA);
        failbackA = Failback.open(nodeA, receiverA, clock, eventsA);
    }

    private static String refusal(Runnable step) {
        try {
            step.run();
        } catch (RedundancyException e) {
            return e.getMessage();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void theReturningNodeGetsEveryChangeMadeWhileFailedOverAndIsPromotedBackThroughThePlan() throws Exception {
        // Normal operation: pbx-a's backup reaches pbx-b at epoch 0.
        accepted(run(stepsA));
        assertThat(importerB.calls()).hasSize(1);

        // pbx-a dies; pbx-b is promoted (the epoch raised first, B1) and serves at epoch 1.
        clock.advance(Duration.ofHours(2));
        nodeB.transition(Trigger.PROMOTION_REQUESTED, ADMIN);
        nodeB.raiseEpoch(ADMIN);
        fenceB.sync();
        nodeB.recordStepCompleted("raise-epoch", ADMIN);
        nodeB.transition(Trigger.PROMOTION_COMPLETED, ADMIN);
        dataB = Files.createDirectories(pbxB.resolve("data"));
        for (var file : BundleFixtures.snapshot(dataA).keySet()) {
            if (!file.endsWith("/")) {
                Files.createDirectories(dataB.resolve(file).getParent());
                Files.copy(dataA.resolve(file), dataB.resolve(file));
            }
        }
        BundleFixtures.write(dataB.resolve("voicemail/anruf-während-failover-1.wav"), "a voicemail left on pbx-b");

        // pbx-a comes back and asks pbx-b before it claims the address: it is fenced and claims nothing.
        StartupDecision atStart = StartupGuard.builder().fence(EpochFence.of(nodeA, eventsA))
                .peer(timeout -> new PeerEpoch.Answered("pbx-b", fenceB.pairEpoch())).clock(clock).notifier(eventsA)
                .build().check();
        assertThat(atStart).isInstanceOf(StartupDecision.Fenced.class);
        assertThat(atStart.claimAddress()).isFalse();
        assertThat(nodeA.state()).isEqualTo(NodeState.FENCED);
        assertThat(eventsA.ofType(NodeFenced.class)).hasSize(1);

        // The role swap: pbx-a gets a receiver and an inbox, pbx-b replicates to it with the same engine.
        receiverA = receiver(pbxA, importerA, eventsA, nodeA);
        watcherA = inbox(pbxA.resolve("inbox"), receiverA);
        stepsB = steps(dataB, pbxA.resolve("inbox"), pbxB, "pbx-b", nodeB::epoch);
        failbackA = Failback.open(nodeA, receiverA, clock, eventsA);
        assertThat(failbackA.plan()).isEmpty();

        clock.advance(Duration.ofMinutes(30));
        FailbackPlan plan = failbackA.start("pbx-b", ADMIN);
        assertThat(nodeA.state()).isEqualTo(NodeState.AWAITING_INITIAL_IMPORT);
        assertThat(failbackA.mayClaimAddress()).isFalse();
        assertThat(failbackA.addressClaimRefusal()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("step 1 back-up-active (library) is PENDING", "claims no address"));
        assertThat(refusal(() -> failbackA.confirm(FailbackStep.RELEASE_ADDRESS, ADMIN)))
                .contains("step 2 release-address cannot be done yet: step 1 back-up-active");
        assertThat(refusal(() -> failbackA.verifyBackup(ADMIN))).startsWith("no backup of pbx-b at epoch 1 made since"
                + " the failback started");

        // Step 1: pbx-b's backup, with the change made while failed over, reaches pbx-a.
        DeliveryReceipt receipt = run(stepsB);
        BundleId first = accepted(receipt);
        assertThat(((DeliveryReceipt.Accepted) receipt).epoch()).as("pbx-a's receiver follows epoch 1").isEqualTo(1);
        plan = failbackA.verifyBackup(ADMIN);
        assertThat(plan.status(FailbackStep.BACK_UP_ACTIVE)).isInstanceOf(FailbackStatus.Done.class);
        assertThat(importerA.importedIds()).containsExactly(first);

        // Step 2: pbx-b releases the address; a last change was made on it just before.
        BundleFixtures.write(dataB.resolve("config/users.csv"), "id;name\n1;Jürgen Weiß\n2;Anna Weber\n");
        clock.advance(Duration.ofMinutes(5));
        failbackA.confirm(FailbackStep.RELEASE_ADDRESS, new AuditContext("Jürgen Admin", "", List.of(
                "pbx-b: static address changed to 192.168.1.2")));
        assertThat(refusal(() -> failbackA.confirm(FailbackStep.SHUT_DOWN_ACTIVE, ADMIN)))
                .contains("the final backup of pbx-b has not arrived");

        // pbx-a restarts in the middle of the failback: the plan comes back from disk as it was.
        FailbackPlan beforeRestart = failbackA.plan().orElseThrow();
        int notes = notes(Failback.STEP_DONE).size();
        restartA();
        assertThat(failbackA.plan()).contains(beforeRestart);
        assertThat(notes(Failback.STEP_DONE)).hasSize(notes);
        assertThat(nodeA.state()).isEqualTo(NodeState.AWAITING_INITIAL_IMPORT);

        // Step 3: pbx-b's final backup, made after the release, arrives; then pbx-b is shut down.
        BundleId last = accepted(run(stepsB));
        failbackA.confirm(FailbackStep.SHUT_DOWN_ACTIVE, ADMIN);
        assertThat(failbackA.mayClaimAddress()).isFalse();

        // Step 4: pbx-a imports exactly pbx-b's newest backup, with every change made while failed over.
        plan = failbackA.importNewestBackup(ADMIN);
        assertThat(plan.status(FailbackStep.IMPORT_BACKUP)).isInstanceOf(FailbackStatus.Done.class);
        assertThat(importerA.importedIds()).containsExactly(first, last);
        assertThat(importerA.calls().get(1).files()).isEqualTo(BundleFixtures.snapshot(dataB))
                .containsKey("voicemail/anruf-während-failover-1.wav")
                .containsEntry("config/users.csv", BundleFixtures.sha256(dataB.resolve("config/users.csv")));
        assertThat(nodeA.state()).isEqualTo(NodeState.WARM_STANDBY);
        assertThat(failbackA.mayClaimAddress()).isTrue();

        // Steps 5 and 6: the normal promoter, pbx-b down at the pair's address; the users are told.
        PromotionOutcome outcome = promoteBack();
        assertThat(outcome).isInstanceOf(PromotionOutcome.Completed.class);
        assertThat(nodeA.state()).isEqualTo(NodeState.ACTIVE);
        assertThat(nodeA.epoch()).isEqualTo(2);
        assertThat(takenOver).extracting(node -> node.address().toString()).containsExactly("192.168.1.1");
        assertThat(eventsA.ofType(PhoneRestartRequested.class)).singleElement()
                .satisfies(restart -> assertThat(restart.node()).isEqualTo("pbx-a"));
        assertThat(eventsA.ofType(StandbyLicenseWarning.class)).isEmpty();
        plan = failbackA.plan().orElseThrow();
        assertThat(plan.status(FailbackStep.PROMOTE_BACK)).isInstanceOf(FailbackStatus.Done.class);
        assertThat(plan.status(FailbackStep.RESTART_PHONES)).isInstanceOf(FailbackStatus.Done.class);
        assertThat(receiverA.highestEpoch()).isEqualTo(2);

        // Were pbx-b started with the address and sending at its old epoch, its bundle would be refused.
        assertThat(run(stepsB)).isInstanceOfSatisfying(DeliveryReceipt.Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(ReasonCode.STALE_EPOCH);
            assertThat(rejected.epoch()).isEqualTo(2);
        });
        assertThat(importerA.importedIds()).containsExactly(first, last);

        // Step 7: pbx-b starts again, learns of epoch 2, is fenced and becomes pbx-a's standby.
        StartupDecision bAtStart = StartupGuard.builder().fence(fenceB)
                .peer(timeout -> new PeerEpoch.Answered("pbx-a", nodeA.epoch())).clock(clock).notifier(eventsB)
                .build().check();
        assertThat(bAtStart.claimAddress()).isFalse();
        assertThat(nodeB.state()).isEqualTo(NodeState.FENCED);
        nodeB.transition(Trigger.FAILBACK_AS_STANDBY, new AuditContext("Jürgen Admin", "failback " + plan.id()
                + ", step 7", List.of()));
        accepted(run(stepsA));
        plan = failbackA.confirm(FailbackStep.RECREATE_REDUNDANCY, new AuditContext("Jürgen Admin", "",
                List.of("pbx-b accepted pbx-a's bundle at epoch 2")));

        assertThat(plan.isComplete()).isTrue();
        assertThat(failbackA.inProgress()).isFalse();
        assertThat(eventsA.ofType(FailbackStepChanged.class)).extracting(FailbackStepChanged::step)
                .containsExactly(FailbackStep.values());
        assertThat(notes(Failback.STEP_DONE)).hasSize(7);
        assertThat(notes(Failback.STARTED)).hasSize(1);
    }

    private PromotionOutcome promoteBack() {
        RedundancyPair back = new RedundancyPair(
                PairFixtures.node("pbx-b", "192.168.1.1", 24, "7.3.1.5", Platform.VIRTUAL_MACHINE,
                        PairFixtures.standbyLicenses()),
                PairFixtures.node("pbx-a", "192.168.1.1", 24, "7.3.1.5", Platform.HARDWARE_APPLIANCE,
                        PairFixtures.activeLicenses()),
                PairFixtures.ACTIVE_SERVER);
        ActiveDownCheck down = ActiveDownCheck.builder().probes(List.of(
                        ScriptedProbe.always("tcp 192.168.1.1:22 (SSH)", clock, ScriptedProbe.SILENT),
                        ScriptedProbe.always("tcp 192.168.1.1:5060 (SIP)", clock, ScriptedProbe.SILENT)))
                .confirmationPeriod(Duration.ofSeconds(10)).probeInterval(Duration.ofSeconds(5))
                .probeTimeout(Duration.ofSeconds(2)).clock(clock).scheduler(scheduler).executor(Runnable::run).build();
        Promoter promoter = Promoter.builder().lifecycle(nodeA).pair(back).receiver(receiverA).downCheck(down)
                .networkTakeover(takenOver::add).moduleActivation(() -> { }).userDirectory(() -> PromotionFixtures.USERS)
                .notifier(eventsA).clock(clock).executor(Runnable::run).failback(failbackA).build();
        CompletableFuture<PromotionOutcome> future = failbackA.promoteBack(promoter, PromotionRequest.of(
                "Jürgen Admin", "failback to pbx-a, step 5", true));
        scheduler.advance(Duration.ofSeconds(11));
        assertThat(future).isDone();
        return future.join();
    }

    private List<AuditEntry> notes(String action) {
        return nodeA.auditTrail().read().entries().stream().filter(e -> e.action().equals(action)).toList();
    }
}
