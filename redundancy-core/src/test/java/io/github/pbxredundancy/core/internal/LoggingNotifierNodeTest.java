package io.github.pbxredundancy.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.event.EpochChanged;
import io.github.pbxredundancy.core.event.NodeFenced;
import io.github.pbxredundancy.core.event.NodeStateChanged;
import io.github.pbxredundancy.core.event.PeerUnreachableAtStartup;
import io.github.pbxredundancy.core.event.RunSkipped;
import io.github.pbxredundancy.core.promotion.NodeState;
import io.github.pbxredundancy.core.promotion.Trigger;
import io.github.pbxredundancy.core.promotion.UnreachablePeerRule;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class LoggingNotifierNodeTest {
    private static final Instant AT = Instant.parse("2016-01-26T06:00:00Z");

    @Test
    void aFailedPromotionAndAFencedNodeAreErrorsOtherChangesInformation() {
        assertThat(LoggingNotifier.levelOf(changed(NodeState.PROMOTING, NodeState.PROMOTION_FAILED, Trigger.STEP_FAILED)))
                .isEqualTo(Level.ERROR);
        assertThat(LoggingNotifier.levelOf(changed(NodeState.ACTIVE, NodeState.FENCED, Trigger.HIGHER_EPOCH_SEEN)))
                .isEqualTo(Level.ERROR);
        assertThat(LoggingNotifier.levelOf(changed(NodeState.PROMOTING, NodeState.ACTIVE, Trigger.PROMOTION_COMPLETED)))
                .isEqualTo(Level.INFO);
        assertThat(LoggingNotifier.levelOf(new EpochChanged(AT, NodeState.PROMOTING, 3, 4, EpochChanged.Cause.RAISED,
                "Jürgen", ""))).isEqualTo(Level.INFO);
    }

    @Test
    void nodeEventsAreOneReadableLine() {
        assertThat(LoggingNotifier.describe(changed(NodeState.PROMOTING, NodeState.ACTIVE, Trigger.PROMOTION_COMPLETED)))
                .isEqualTo("Node state PROMOTING -> ACTIVE (PROMOTION_COMPLETED, epoch 4) by 'J\\u00FCrgen'; reason:"
                        + " 'Aktive\\u000Aweg'");
        assertThat(LoggingNotifier.describe(new EpochChanged(AT, NodeState.WARM_STANDBY, 3, 5,
                EpochChanged.Cause.OBSERVED, "system", ""))).isEqualTo("Node epoch 3 -> 5 (observed in state"
                        + " WARM_STANDBY) by 'system'");
    }

    @Test
    void aFencedNodeAndAnUnreachablePeerAtStartUpAreErrorsOnOneLine() {
        NodeFenced fenced = new NodeFenced(AT, NodeState.ACTIVE, 0, 2, "receipt", "pbx-b holds epoch 2.", "system");
        PeerUnreachableAtStartup unreachable = new PeerUnreachableAtStartup(AT, NodeState.ACTIVE, 0, "pbx-b", "refused",
                UnreachablePeerRule.STAY_PASSIVE_AND_ALERT, false, "pbx-b could not be asked.", "system");

        assertThat(LoggingNotifier.levelOf(fenced)).isEqualTo(Level.ERROR);
        assertThat(LoggingNotifier.levelOf(unreachable)).isEqualTo(Level.ERROR);
        assertThat(LoggingNotifier.describe(fenced)).isEqualTo("Node FENCED (ACTIVE -> FENCED, epoch 0 -> 2): pbx-b"
                + " holds epoch 2.");
        assertThat(LoggingNotifier.describe(unreachable)).isEqualTo("Peer UNREACHABLE at start-up"
                + " (STAY_PASSIVE_AND_ALERT, epoch 0, staying passive): pbx-b could not be asked.");
    }

    @Test
    void aRunSkippedBecauseTheNodeMayNotReplicateSaysWhy() {
        RunSkipped skipped = new RunSkipped(AT, 3, AT, RunSkipped.Cause.NOT_ALLOWED, "this node is FENCED at epoch 2");

        assertThat(LoggingNotifier.levelOf(skipped)).isEqualTo(Level.WARN);
        assertThat(LoggingNotifier.describe(skipped)).isEqualTo("Replication run scheduled for 2016-01-26T06:00:00Z"
                + " skipped: this node is FENCED at epoch 2");
    }

    private static NodeStateChanged changed(NodeState from, NodeState to, Trigger trigger) {
        return new NodeStateChanged(AT, from, to, trigger, 4, "Jürgen", "Aktive\nweg");
    }
}
