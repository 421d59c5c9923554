package io.github.pbxredundancy.core.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.event.NodeFenced;
import io.github.pbxredundancy.core.event.PeerUnreachableAtStartup;
import io.github.pbxredundancy.core.event.RunSkipped;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The values fencing adds: its events, the skipped run's cause, the receipts' epoch. */
class FencingEventsTest {
    private static final Instant AT = Instant.parse("2016-01-26T06:00:00Z");
    private static final BundleId ID = BundleId.parse("b-1");

    @Test
    void aNodeIsFencedOnlyByAHigherEpoch() {
        assertThatThrownBy(() -> new NodeFenced(AT, NodeState.ACTIVE, 3, 3, "e", "x", "system"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("higher epoch");
        assertThat(new NodeFenced(AT, NodeState.ACTIVE, 3, 4, "e", "x", "system").epoch()).isEqualTo(4);
    }

    @Test
    void anUnreachablePeerEventNeedsEveryPart() {
        assertThatThrownBy(() -> new PeerUnreachableAtStartup(AT, NodeState.ACTIVE, -1, "p", "r",
                UnreachablePeerRule.STAY_PASSIVE_AND_ALERT, false, "x", "system")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PeerUnreachableAtStartup(AT, NodeState.ACTIVE, 0, "p", "r", null, false, "x",
                "system")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aRunSkippedForARunInProgressSaysSoByDefault() {
        RunSkipped skipped = new RunSkipped(AT, 7, AT);

        assertThat(skipped.cause()).isEqualTo(RunSkipped.Cause.RUN_IN_PROGRESS);
        assertThat(skipped.reason()).isEqualTo("run 7 is still in progress");
    }

    @Test
    void receiptsWithoutAnEpochHaveEpochZeroAndANegativeEpochIsRefused() {
        assertThat(new DeliveryReceipt.Accepted(ID, "a".repeat(64)).epoch()).isZero();
        assertThat(new DeliveryReceipt.Rejected(ID, ReasonCode.STALE_EPOCH, "m").epoch()).isZero();
        assertThatThrownBy(() -> new DeliveryReceipt.Accepted(ID, "a".repeat(64), -1)).hasMessageContaining("epoch");
        assertThatThrownBy(() -> new DeliveryReceipt.Rejected(ID, ReasonCode.STALE_EPOCH, "m", -2))
                .hasMessageContaining("epoch");
        assertThat(new DeliveryReceipt.Accepted(ID, "a".repeat(64), 3))
                .isNotEqualTo(new DeliveryReceipt.Accepted(ID, "a".repeat(64)));
    }
}
