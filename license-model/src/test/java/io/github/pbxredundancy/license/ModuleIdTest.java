package io.github.pbxredundancy.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModuleIdTest {

    @Test
    void theRedundancyModuleHasItsId() {
        assertThat(ModuleId.REDUNDANCY.id()).isEqualTo("redundancy");
        assertThat(ModuleId.of("redundancy")).isEqualTo(ModuleId.REDUNDANCY);
        assertThat(ModuleId.REDUNDANCY).hasToString("redundancy");
    }

    @Test
    void followsTheSameSyntaxAsLicenseKinds() {
        assertThat(ModuleId.of("ucc-client2").id()).isEqualTo("ucc-client2");
        assertThatThrownBy(() -> ModuleId.of("Redundanz"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("module id 'Redundanz': must be 1 to 32 lower-case ASCII letters");
        assertThatThrownBy(() -> ModuleId.of("redundanz\n")).hasMessageStartingWith("module id 'redundanz\\u000A'");
    }
}
