package io.github.pbxredundancy.core.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditEntryTest {
    private static final Instant AT = Instant.parse("2016-01-26T06:00:00Z");
    private static final AuditContext WHO = AuditContext.of("admin", "");

    private static AuditEntry entry(String action, NodeState from, NodeState to, Optional<String> promotion,
                                    Optional<String> step) {
        return new AuditEntry(AT, action, from, to, 1, promotion, step, WHO);
    }

    @Test
    void aTransitionEntryMustBeOneOfTheMachines() {
        assertThat(entry("DECONFIGURED", NodeState.FENCED, NodeState.NOT_CONFIGURED, Optional.empty(),
                Optional.empty()).trigger()).contains(Trigger.DECONFIGURED);
        assertThatThrownBy(() -> entry("DECONFIGURED", NodeState.ACTIVE, NodeState.NOT_CONFIGURED, Optional.empty(),
                Optional.empty())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("action 'DECONFIGURED': is no transition from ACTIVE to NOT_CONFIGURED in the node state"
                        + " machine");
        assertThatThrownBy(() -> entry("OVERRIDE", NodeState.WARM_STANDBY, NodeState.PROMOTING, Optional.of("p"),
                Optional.empty())).hasMessageContaining("must equal from (WARM_STANDBY): only a trigger changes the state");
        assertThat(entry("OVERRIDE", NodeState.WARM_STANDBY, NodeState.WARM_STANDBY, Optional.empty(), Optional.empty())
                .trigger()).isEmpty();
    }

    @Test
    void promotionIdsAndStepsBelongWhereTheyApply() {
        assertThatThrownBy(() -> entry("PROMOTION_REQUESTED", NodeState.WARM_STANDBY, NodeState.PROMOTING,
                Optional.empty(), Optional.empty())).hasMessageContaining("promotion (none): is required");
        assertThatThrownBy(() -> entry("NOTE", NodeState.ACTIVE, NodeState.ACTIVE, Optional.of("p1"), Optional.empty()))
                .hasMessageContaining("promotion 'p1': is only for entries in a promotion");
        assertThatThrownBy(() -> entry("STEP_COMPLETED", NodeState.PROMOTING, NodeState.PROMOTING, Optional.of("p1"),
                Optional.empty())).hasMessageContaining("step (none): is required for STEP_COMPLETED");
        assertThatThrownBy(() -> entry("NOTE", NodeState.PROMOTING, NodeState.PROMOTING, Optional.of("p1"),
                Optional.of("x"))).hasMessageContaining("step 'x': is only for STEP_COMPLETED and STEP_FAILED, not NOTE");
        assertThatThrownBy(() -> entry("STEP_COMPLETED", NodeState.PROMOTING, NodeState.PROMOTING, Optional.of("p 1"),
                Optional.of("x"))).hasMessageContaining("promotion 'p 1': must be 1 to 64 letters");
        assertThatThrownBy(() -> entry("note", NodeState.ACTIVE, NodeState.ACTIVE, Optional.empty(), Optional.empty()))
                .hasMessageContaining("action 'note': must be 1 to 40 upper-case letters");
        assertThatThrownBy(() -> new AuditEntry(AT, "NOTE", NodeState.ACTIVE, NodeState.ACTIVE, -1, Optional.empty(),
                Optional.empty(), WHO)).hasMessage("epoch '-1': must be 0 or more");
    }

    @Test
    void theLibrarysActionsAreReserved() {
        assertThat(AuditEntry.isReserved("RETRY")).isTrue();
        assertThat(AuditEntry.isReserved(AuditEntry.RECOVERED)).isTrue();
        assertThat(AuditEntry.isReserved("OVERRIDE")).isFalse();
    }
}
