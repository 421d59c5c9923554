package io.github.pbxredundancy.core.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeSnapshotTest {
    private static final AuditContext WHO = AuditContext.of("admin", "");
    private static final PromotionProgress RUNNING = new PromotionProgress("p1", 2, List.of("raise-epoch"),
            Optional.empty());

    private static AuditEntry note(NodeState state, long epoch, Optional<String> promotion) {
        return new AuditEntry(Instant.parse("2016-01-26T06:00:00Z"), "NOTE", state, state, epoch, promotion,
                Optional.empty(), WHO);
    }

    @Test
    void theInitialSnapshotIsTheOnlyOneWithoutAChange() {
        assertThat(NodeSnapshot.initial()).isEqualTo(new NodeSnapshot(NodeState.NOT_CONFIGURED, 0, Optional.empty(),
                Optional.empty()));
        assertThat(NodeSnapshot.initial().allowedTriggers()).containsExactly(Trigger.CONFIGURED_AS_STANDBY,
                Trigger.CONFIGURED_AS_ACTIVE);
        assertThatThrownBy(() -> new NodeSnapshot(NodeState.ACTIVE, 0, Optional.empty(), Optional.empty()))
                .hasMessageContaining("last change (none): is required unless the snapshot is the initial one");
    }

    @Test
    void thePartsMustFitTogether() {
        assertThatThrownBy(() -> new NodeSnapshot(NodeState.PROMOTING, 2, Optional.empty(),
                Optional.of(note(NodeState.PROMOTING, 2, Optional.of("p1")))))
                .hasMessageContaining("promotion (none): is required in state PROMOTING");
        assertThatThrownBy(() -> new NodeSnapshot(NodeState.ACTIVE, 2, Optional.of(RUNNING),
                Optional.of(note(NodeState.ACTIVE, 2, Optional.empty()))))
                .hasMessageContaining("promotion 'p1': is only for PROMOTING and PROMOTION_FAILED, not ACTIVE");
        assertThatThrownBy(() -> new NodeSnapshot(NodeState.PROMOTION_FAILED, 2, Optional.of(RUNNING),
                Optional.of(note(NodeState.PROMOTION_FAILED, 2, Optional.of("p1")))))
                .hasMessageContaining("failed step (none): is required in state PROMOTION_FAILED");
        assertThatThrownBy(() -> new NodeSnapshot(NodeState.PROMOTING, 1, Optional.of(RUNNING),
                Optional.of(note(NodeState.PROMOTING, 1, Optional.of("p1")))))
                .hasMessageContaining("promotion start epoch '2': must be at most the epoch 1");
        assertThatThrownBy(() -> new NodeSnapshot(NodeState.PROMOTING, 2, Optional.of(RUNNING),
                Optional.of(note(NodeState.PROMOTING, 2, Optional.of("p2")))))
                .hasMessageContaining("last change promotion 'p2': must be the running promotion p1");
        assertThatThrownBy(() -> new NodeSnapshot(NodeState.ACTIVE, 3, Optional.empty(),
                Optional.of(note(NodeState.ACTIVE, 2, Optional.empty()))))
                .hasMessageContaining("must lead to this snapshot's state ACTIVE and epoch 3");
        assertThatThrownBy(() -> new NodeSnapshot(NodeState.ACTIVE, -1, Optional.empty(), Optional.empty()))
                .hasMessage("epoch '-1': must be 0 or more");
    }

    @Test
    void theEpochIsRaisedInAPromotionOnceItIsAboveTheStart() {
        NodeSnapshot started = new NodeSnapshot(NodeState.PROMOTING, 2, Optional.of(RUNNING),
                Optional.of(note(NodeState.PROMOTING, 2, Optional.of("p1"))));
        NodeSnapshot raised = new NodeSnapshot(NodeState.PROMOTING, 3, Optional.of(RUNNING),
                Optional.of(note(NodeState.PROMOTING, 3, Optional.of("p1"))));

        assertThat(started.epochRaisedInPromotion()).isFalse();
        assertThat(raised.epochRaisedInPromotion()).isTrue();
        assertThat(NodeSnapshot.initial().epochRaisedInPromotion()).isFalse();
    }

    @Test
    void promotionProgressNamesEachStepOnce() {
        assertThat(RUNNING.isCompleted("raise-epoch")).isTrue();
        assertThat(RUNNING.withCompleted("network-takeover").withFailed("module-activation").retried())
                .isEqualTo(new PromotionProgress("p1", 2, List.of("raise-epoch", "network-takeover"), Optional.empty()));
        assertThatThrownBy(() -> new PromotionProgress("p1", 2, List.of("a", "a"), Optional.empty()))
                .hasMessageContaining("must name each step once");
        assertThatThrownBy(() -> new PromotionProgress("p1", 2, List.of("A"), Optional.empty()))
                .hasMessageContaining("completed step 'A': must be 1 to 40 lower-case letters");
        assertThatThrownBy(() -> new PromotionProgress("p1", -1, List.of(), Optional.empty()))
                .hasMessageContaining("startEpoch '-1'");
        assertThatThrownBy(() -> new PromotionProgress("p1", 0, List.of("a"), Optional.of("a")))
                .hasMessageContaining("must not be a completed step");
    }
}
