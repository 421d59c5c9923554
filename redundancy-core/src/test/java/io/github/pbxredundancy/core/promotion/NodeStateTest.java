package io.github.pbxredundancy.core.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeStateTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "NOT_CONFIGURED,          UNCONFIGURED, false, false, ORANGE",
        "AWAITING_INITIAL_IMPORT, STANDBY,      false, false, ORANGE",
        "WARM_STANDBY,            STANDBY,      false, false, ORANGE",
        "PROMOTING,               STANDBY,      false, false, ORANGE",
        "PROMOTION_FAILED,        STANDBY,      false, false, RED",
        "ACTIVE,                  ACTIVE,       true,  true,  GREEN",
        "FENCED,                  FENCED,       false, false, RED"})
    void eachStateTellsTheHostWhatItMeans(NodeState state, NodeRole role, boolean modulesActive, boolean acceptsWork,
                                          StatusColour colour) {
        assertThat(state.role()).isEqualTo(role);
        assertThat(state.modulesActive()).as("R14: modules only active on the active").isEqualTo(modulesActive);
        assertThat(state.acceptsWork()).isEqualTo(acceptsWork);
        assertThat(state.colour()).isEqualTo(colour);
    }

    @Test
    void onlyActiveAcceptsWorkOrRunsModules() {
        assertThat(Arrays.stream(NodeState.values()).filter(NodeState::acceptsWork)).containsExactly(NodeState.ACTIVE);
        assertThat(Arrays.stream(NodeState.values()).filter(NodeState::modulesActive)).containsExactly(NodeState.ACTIVE);
    }
}
