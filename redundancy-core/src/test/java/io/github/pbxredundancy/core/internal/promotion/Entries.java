package io.github.pbxredundancy.core.internal.promotion;

import io.github.pbxredundancy.core.promotion.AuditContext;
import io.github.pbxredundancy.core.promotion.AuditEntry;
import io.github.pbxredundancy.core.promotion.NodeSnapshot;
import io.github.pbxredundancy.core.promotion.NodeState;
import io.github.pbxredundancy.core.promotion.PromotionProgress;
import io.github.pbxredundancy.core.promotion.Trigger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Valid entries and snapshots for the file tests. */
final class Entries {
    static final Instant AT = Instant.parse("2016-01-26T06:00:00Z");
    static final AuditContext WHO = new AuditContext("Jürgen Weiß", "Aktive ausgefallen = tot",
            List.of("probe tcp 10.0.0.1:22 refused", "probe sip 10.0.0.1:5060 timed out"));
    static final String PROMOTION = "20160126T060000.000Z-e3";

    private Entries() {
    }

    static AuditEntry transition(NodeState from, Trigger trigger, NodeState to, long epoch, Optional<String> promotion) {
        return new AuditEntry(AT, trigger.name(), from, to, epoch, promotion, Optional.empty(), WHO);
    }

    static AuditEntry note(NodeState state, long epoch) {
        return new AuditEntry(AT, "NOTE", state, state, epoch, Optional.empty(), Optional.empty(), WHO);
    }

    /** A snapshot in PROMOTION_FAILED with every promotion field used. */
    static NodeSnapshot failedPromotion() {
        AuditEntry failed = new AuditEntry(AT.plusSeconds(70), Trigger.STEP_FAILED.name(), NodeState.PROMOTING,
                NodeState.PROMOTION_FAILED, 4, Optional.of(PROMOTION), Optional.of("module-activation"), WHO);
        return new NodeSnapshot(NodeState.PROMOTION_FAILED, 4, Optional.of(new PromotionProgress(PROMOTION, 3,
                List.of("raise-epoch", "network-takeover"), Optional.of("module-activation"))), Optional.of(failed));
    }

    static NodeSnapshot active(long epoch) {
        return new NodeSnapshot(NodeState.ACTIVE, epoch, Optional.empty(), Optional.of(note(NodeState.ACTIVE, epoch)));
    }
}
