package io.github.pbxredundancy.core;

import static io.github.pbxredundancy.core.BundleFixtures.KEY;
import static io.github.pbxredundancy.core.BundleFixtures.VERSION;
import static io.github.pbxredundancy.core.ReplicatorTest.DAILY;
import static io.github.pbxredundancy.core.ReplicatorTest.FIRST_RUN;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.event.AttemptFailure;
import io.github.pbxredundancy.core.event.BundlePrepared;
import io.github.pbxredundancy.core.event.NodeFenced;
import io.github.pbxredundancy.core.event.RunFailed;
import io.github.pbxredundancy.core.event.RunSkipped;
import io.github.pbxredundancy.core.event.RunSucceeded;
import io.github.pbxredundancy.core.promotion.AuditContext;
import io.github.pbxredundancy.core.promotion.AuditEntry;
import io.github.pbxredundancy.core.promotion.EpochFence;
import io.github.pbxredundancy.core.promotion.NodeLifecycle;
import io.github.pbxredundancy.core.promotion.NodeState;
import io.github.pbxredundancy.core.promotion.NodeStatus;
import io.github.pbxredundancy.core.promotion.NodeStatusProbe;
import io.github.pbxredundancy.core.promotion.StatusColour;
import io.github.pbxredundancy.core.promotion.Trigger;
import io.github.pbxredundancy.core.spi.Backup;
import io.github.pbxredundancy.core.spi.TransportOptions;
import io.github.pbxredundancy.core.transport.FileTransport;
import io.github.pbxredundancy.core.transport.InboxWatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fencing end to end (B1), two nodes over the {@code file:} transport: the standby is promoted
 * (its epoch raised before it would take the address), the old active's next run is refused as
 * stale with the higher epoch in the receipt, the old active fences itself from that receipt and
 * its next scheduled run is skipped, saying why. The active's runs and both state machines run
 * on a manual clock; the transport and the standby's inbox on real threads.
 */
class FencingEndToEndTest {
    private static final AuditContext OPERATOR = new AuditContext("Jürgen Admin", "pbx-a burnt down",
            List.of("3 probes down for 60 s"));

    @TempDir
    Path pbxA;
    @TempDir
    Path pbxB;

    private final MutableClock clock = new MutableClock(FIRST_RUN.minus(Duration.ofHours(1)));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService work = Executors.newSingleThreadExecutor();
    private final RecordingNotifier eventsA = new RecordingNotifier();
    private final RecordingNotifier eventsB = new RecordingNotifier();
    private final RecordingImporter importerB = new RecordingImporter();

    private NodeLifecycle nodeA;
    private NodeLifecycle nodeB;
    private Receiver receiverB;
    private EpochFence fenceB;
    private InboxWatcher watcherB;
    private FileTransport transportA;
    private Replicator replicatorA;

    @BeforeEach
    void twoNodes() throws IOException {
        Clock real = Clock.systemUTC();
        // pbx-b: the standby, initialised, its receiver following its node's epoch.
        nodeB = NodeLifecycle.open(pbxB.resolve("node"), clock, eventsB);
        nodeB.transition(Trigger.CONFIGURED_AS_STANDBY, OPERATOR);
        nodeB.transition(Trigger.INITIAL_IMPORT_DONE, OPERATOR);
        Path inbox = Files.createDirectories(pbxB.resolve("inbox"));
        receiverB = Receiver.builder().root(pbxB.resolve("store")).activeServerKey(KEY).ownVersion(VERSION)
                .importer(importerB).clock(real).notifier(eventsB).freeSpaceReserve(1 << 20).epochFloor(nodeB::epoch)
                .build();
        fenceB = EpochFence.connect(nodeB, receiverB, eventsB);
        watcherB = InboxWatcher.builder().inbox(inbox).handler(receiverB::receiveFile).clock(real)
                .scheduler(TaskScheduler.using(timer, real)).workExecutor(work).pollInterval(Duration.ofMillis(10)).build();
        watcherB.start();

        // pbx-a: the original active, replicating daily at 05:00 through its fence.
        nodeA = NodeLifecycle.open(pbxA.resolve("node"), clock, eventsA);
        nodeA.transition(Trigger.CONFIGURED_AS_ACTIVE, OPERATOR);
        EpochFence fenceA = EpochFence.of(nodeA, eventsA);
        transportA = new FileTransport(inbox.toUri(), TransportOptions.defaults(real, TaskScheduler.using(timer, real))
                .withAckTimeout(Duration.ofSeconds(20)).withPollInterval(Duration.ofMillis(10)));
        Path backup = BundleFixtures.tree(pbxA.resolve("backup"));
        BundleDeliverySteps steps = BundleDeliverySteps.builder().source(() -> new Backup.Files(backup))
                .transport(transportA).staging(pbxA.resolve("outgoing")).activeServerKey(KEY).sourceNode("pbx-a")
                .softwareVersion(() -> VERSION).epoch(nodeA::epoch).clock(clock).build();
        replicatorA = Replicator.builder().schedule(DAILY).retries(RetrySchedule.starfaceDefault(10)).steps(steps)
                .clock(clock).scheduler(scheduler).workExecutor(Runnable::run).notifier(eventsA)
                .gate(fenceA.replicationGate()).epochObserver(fenceA).build();
    }

    @AfterEach
    void shutdown() throws InterruptedException {
        replicatorA.stop();
        transportA.close();
        watcherB.stop();
        timer.shutdownNow();
        work.shutdownNow();
        assertThat(timer.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theOldActivesBundleIsRefusedAfterThePromotionAndTheOldActiveFencesItselfAndStopsSending() {
        replicatorA.start();
        scheduler.advanceTo(FIRST_RUN.plus(Duration.ofMinutes(1)));
        assertThat(eventsA.ofType(RunSucceeded.class)).as("run 1, epoch 0").hasSize(1);
        assertThat(receiverB.keptBundles()).hasSize(1);
        assertThat(importerB.calls()).hasSize(1);

        // pbx-a goes silent; the administrator promotes pbx-b. Its epoch is raised (and the receiver's floor with it)
        // before it would take the address; no bundle of the new epoch has ever reached its receiver.
        clock.advance(Duration.ofHours(2));
        nodeB.transition(Trigger.PROMOTION_REQUESTED, OPERATOR);
        nodeB.raiseEpoch(OPERATOR);
        assertThat(fenceB.sync()).isEqualTo(1);
        nodeB.recordStepCompleted("raise-epoch", OPERATOR);
        nodeB.transition(Trigger.PROMOTION_COMPLETED, OPERATOR);
        assertThat(nodeB.state()).isEqualTo(NodeState.ACTIVE);
        assertThat(receiverB.highestEpoch()).isEqualTo(1);

        // pbx-a comes back and runs at 05:00 the next day with its old epoch 0.
        scheduler.advanceTo(FIRST_RUN.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(1)));

        assertThat(eventsA.ofType(RunFailed.class)).singleElement().satisfies(failed -> {
            assertThat(failed.reason()).isEqualTo(GiveUpReason.NOT_RETRYABLE);
            assertThat(failed.failures()).singleElement().satisfies(failure -> {
                assertThat(failure.reason()).isEqualTo(ReasonCode.STALE_EPOCH);
                assertThat(failure.message()).contains("carries epoch 0", "has seen epoch 1");
            });
        });
        assertThat(receiverB.keptBundles()).as("nothing of the old active kept").hasSize(1);
        assertThat(importerB.calls()).as("nothing of the old active imported").hasSize(1);
        assertThat(receiverB.status().lastRefusal().orElseThrow().reason()).isEqualTo(ReasonCode.STALE_EPOCH);
        assertThat(nodeA.state()).isEqualTo(NodeState.FENCED);
        assertThat(nodeA.epoch()).isEqualTo(1);
        AuditEntry fencing = nodeA.snapshot().lastChange().orElseThrow();
        assertThat(fencing.action()).isEqualTo("HIGHER_EPOCH_SEEN");
        assertThat(fencing.context().checks()).singleElement().asString()
                .startsWith("the standby's receipt for bundle ").endsWith("(rejected, STALE_EPOCH, epoch 1)");
        assertThat(eventsA.ofType(NodeFenced.class)).singleElement()
                .satisfies(fenced -> assertThat(fenced.explanation()).contains("epoch 1", "failback"));
        // The fence came before the run's end was reported.
        List<String> order = eventsA.events().stream().map(e -> e.getClass().getSimpleName())
                .filter(name -> name.equals("NodeFenced") || name.equals("RunFailed")).toList();
        assertThat(order).containsExactly("NodeFenced", "RunFailed");

        int prepared = eventsA.ofType(BundlePrepared.class).size();
        scheduler.advanceTo(FIRST_RUN.plus(Duration.ofDays(2)).plus(Duration.ofMinutes(1)));

        assertThat(eventsA.ofType(RunSkipped.class)).singleElement().satisfies(skipped -> {
            assertThat(skipped.cause()).isEqualTo(RunSkipped.Cause.NOT_ALLOWED);
            assertThat(skipped.scheduledFor()).isEqualTo(FIRST_RUN.plus(Duration.ofDays(2)));
            assertThat(skipped.reason()).contains("FENCED at epoch 1", "replicates nothing");
        });
        assertThat(eventsA.ofType(BundlePrepared.class)).as("a fenced node makes no bundle").hasSize(prepared);
        assertThat(eventsB.ofType(io.github.pbxredundancy.core.event.BundleRefused.class)).as("and sends none").hasSize(1);

        NodeStatus statusA = NodeStatusProbe.builder().node(nodeA).replicator(replicatorA).schedule(DAILY)
                .retries(RetrySchedule.starfaceDefault(10)).clock(clock).build().status();
        assertThat(statusA.colour()).isEqualTo(StatusColour.RED);
        assertThat(statusA.epoch()).isEqualTo(1);
        assertThat(statusA.lastError().orElseThrow().reason()).isEqualTo(ReasonCode.STALE_EPOCH);
        NodeStatus statusB = NodeStatusProbe.builder().node(nodeB).receiver(receiverB).schedule(DAILY)
                .retries(RetrySchedule.starfaceDefault(10)).clock(clock).build().status();
        assertThat(statusB.colour()).isEqualTo(StatusColour.GREEN);
        assertThat(statusB.epoch()).isEqualTo(1);
        assertThat(statusB.lastError().orElseThrow()).satisfies(error -> {
            assertThat(error.source()).isEqualTo(NodeStatus.Source.RECEIVER);
            assertThat(error.reason()).isEqualTo(ReasonCode.STALE_EPOCH);
        });
        assertThat(eventsA.ofType(RunFailed.class).get(0).failures()).extracting(AttemptFailure::attempt)
                .containsExactly(1);
    }
}
