package io.github.pbxredundancy.core.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.Receiver;
import io.github.pbxredundancy.core.RecordingNotifier;
import io.github.pbxredundancy.core.SoftwareVersion;
import io.github.pbxredundancy.core.event.EpochChanged;
import io.github.pbxredundancy.core.event.NodeFenced;
import io.github.pbxredundancy.core.event.NodeStateChanged;
import io.github.pbxredundancy.license.LicenseKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link EpochFence}: the node's and the receiver's epochs in step, fencing, the replication gate. */
class EpochFenceTest {
    @TempDir
    Path dir;

    private NodeFixtures fixtures() {
        return new NodeFixtures(dir.resolve("node"));
    }

    private final RecordingNotifier fenceEvents = new RecordingNotifier();

    private Receiver receiver(NodeFixtures fixtures) {
        return Receiver.builder().root(dir.resolve("receiver")).activeServerKey(LicenseKey.parse("XXXXX-YYYYY-ZZZZZ-11111"))
                .ownVersion(SoftwareVersion.parse("7.3.1.5")).importer(request -> {
                }).clock(fixtures.clock).freeSpaceReserve(1 << 20).build();
    }

    private String epochFile() throws IOException {
        return Files.readString(dir.resolve("receiver/state/epoch"));
    }

    @Test
    void connectingRaisesTheReceiversFloorToTheNodesEpoch() throws IOException {
        NodeFixtures fixtures = fixtures();
        NodeLifecycle node = fixtures.into(NodeState.WARM_STANDBY);
        node.observeEpoch(3, AuditContext.system("the active's bundles carry epoch 3", List.of()));
        Receiver receiver = receiver(fixtures);

        EpochFence fence = EpochFence.connect(node, receiver, fenceEvents);

        assertThat(receiver.highestEpoch()).isEqualTo(3);
        assertThat(epochFile()).isEqualTo("epoch=3\n");
        assertThat(fence.pairEpoch()).isEqualTo(3);
        assertThat(node.state()).isEqualTo(NodeState.WARM_STANDBY);
    }

    @Test
    void anActiveNodeWhoseReceiverHoldsAHigherEpochIsFencedWhenConnected() {
        NodeFixtures fixtures = fixtures();
        NodeLifecycle node = fixtures.into(NodeState.ACTIVE);
        Receiver receiver = receiver(fixtures);
        receiver.raiseEpochFloor(4);

        EpochFence.connect(node, receiver, fenceEvents);

        assertThat(node.state()).isEqualTo(NodeState.FENCED);
        assertThat(node.epoch()).isEqualTo(4);
        assertThat(fenceEvents.ofType(NodeFenced.class)).singleElement()
                .satisfies(fenced -> assertThat(fenced.evidence()).isEqualTo("this node's receiver holds epoch 4"));
    }

    @Test
    void aHigherEpochFencesAnActiveNodeRecordsTheEvidenceAndClosesTheGate() {
        NodeFixtures fixtures = fixtures();
        NodeLifecycle node = fixtures.into(NodeState.ACTIVE);
        EpochFence fence = EpochFence.of(node, fenceEvents);
        assertThat(fence.replicationGate().closedBecause()).isEmpty();
        fixtures.tick();

        fence.observe(2, "the standby's receipt for bundle b7 (rejected, STALE_EPOCH, epoch 2)");

        assertThat(node.state()).isEqualTo(NodeState.FENCED);
        assertThat(node.epoch()).isEqualTo(2);
        AuditEntry change = node.snapshot().lastChange().orElseThrow();
        assertThat(change.action()).isEqualTo("HIGHER_EPOCH_SEEN");
        assertThat(change.context().operator()).isEqualTo(AuditContext.SYSTEM);
        assertThat(change.context().reason()).isEqualTo("epoch 2 seen, higher than this node's epoch 0");
        assertThat(change.context().checks())
                .containsExactly("the standby's receipt for bundle b7 (rejected, STALE_EPOCH, epoch 2)");
        assertThat(fixtures.events.ofType(NodeStateChanged.class)).last()
                .satisfies(changed -> assertThat(changed.to()).isEqualTo(NodeState.FENCED));
        assertThat(fenceEvents.ofType(NodeFenced.class)).singleElement().satisfies(fenced -> {
            assertThat(fenced.at()).isEqualTo(change.at());
            assertThat(fenced.from()).isEqualTo(NodeState.ACTIVE);
            assertThat(fenced.previousEpoch()).isZero();
            assertThat(fenced.epoch()).isEqualTo(2);
            assertThat(fenced.operator()).isEqualTo("system");
            assertThat(fenced.explanation()).contains("holds epoch 2, higher than this node's epoch 0",
                    "claims no address", "replicates nothing", "failback");
        });
        assertThat(fence.replicationGate().closedBecause()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("FENCED at epoch 2", "replicates nothing"));
    }

    @Test
    void anEpochNotAboveTheNodesChangesNothingAndAFencedNodeIsNotFencedTwice() {
        NodeFixtures fixtures = fixtures();
        NodeLifecycle node = fixtures.into(NodeState.FENCED);
        EpochFence fence = EpochFence.of(node, fenceEvents);
        NodeSnapshot before = node.snapshot();

        fence.observe(1, "equal");
        fence.observe(0, "lower");

        assertThat(node.snapshot()).isEqualTo(before);
        fence.observe(5, "higher still");
        assertThat(node.state()).isEqualTo(NodeState.FENCED);
        assertThat(node.epoch()).isEqualTo(5);
        assertThat(fixtures.events.ofType(EpochChanged.class)).last()
                .satisfies(changed -> assertThat(changed.cause()).isEqualTo(EpochChanged.Cause.OBSERVED));
        assertThat(fenceEvents.events()).isEmpty();
    }

    @Test
    void aStandbyLearningOfAHigherEpochKeepsItAndRaisesItsReceiversFloor() {
        NodeFixtures fixtures = fixtures();
        NodeLifecycle node = fixtures.into(NodeState.WARM_STANDBY);
        Receiver receiver = receiver(fixtures);
        EpochFence fence = EpochFence.connect(node, receiver, fenceEvents);

        fence.observe(6, "peer pbx-a answered epoch 6");

        assertThat(node.state()).isEqualTo(NodeState.WARM_STANDBY);
        assertThat(node.epoch()).isEqualTo(6);
        assertThat(receiver.highestEpoch()).isEqualTo(6);
        assertThat(fenceEvents.events()).isEmpty();
        assertThat(fence.replicationGate().closedBecause()).hasValueSatisfying(reason -> assertThat(reason)
                .isEqualTo("this node is WARM_STANDBY, not ACTIVE: only the active replicates"));
    }

    @Test
    void syncAfterAPromotionRaisedTheEpochMakesTheReceiverRefuseTheOldEpoch() {
        NodeFixtures fixtures = fixtures();
        NodeLifecycle node = fixtures.into(NodeState.PROMOTING);
        Receiver receiver = receiver(fixtures);
        EpochFence fence = EpochFence.connect(node, receiver, fenceEvents);
        assertThat(receiver.highestEpoch()).isZero();

        node.raiseEpoch(NodeFixtures.ADMIN);
        assertThat(fence.sync()).isEqualTo(1);

        assertThat(receiver.highestEpoch()).isEqualTo(1);
        assertThat(node.state()).as("its own raise does not fence the promoting node").isEqualTo(NodeState.PROMOTING);
    }

    @Test
    void hostileEvidenceIsMadeFitForTheAuditTrailAndANegativeEpochIsRefused() {
        NodeFixtures fixtures = fixtures();
        NodeLifecycle node = fixtures.into(NodeState.ACTIVE);
        EpochFence fence = EpochFence.of(node, fenceEvents);

        assertThat(catchThrowableOfType(InvalidInputException.class, () -> fence.observe(-1, "x")).getMessage())
                .contains("epoch", "-1");
        fence.observe(1, "line one\nline two\u202e" + "x".repeat(500));

        assertThat(node.state()).isEqualTo(NodeState.FENCED);
        String check = node.snapshot().lastChange().orElseThrow().context().checks().get(0);
        assertThat(check).startsWith("line one?line two?").endsWith("...").hasSize(AuditContext.MAX_CHECK_LENGTH);
        assertThat(node.auditTrail().read().entries()).last().isEqualTo(node.snapshot().lastChange().orElseThrow());
    }
}
