package io.github.pbxredundancy.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.event.EpochChanged;
import io.github.pbxredundancy.core.event.NodeStateChanged;
import io.github.pbxredundancy.core.promotion.NodeState;
import io.github.pbxredundancy.core.promotion.Trigger;
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

    private static NodeStateChanged changed(NodeState from, NodeState to, Trigger trigger) {
        return new NodeStateChanged(AT, from, to, trigger, 4, "Jürgen", "Aktive\nweg");
    }
}
