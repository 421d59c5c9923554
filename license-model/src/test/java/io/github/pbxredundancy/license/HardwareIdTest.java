package io.github.pbxredundancy.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HardwareIdTest {

    @Test
    void acceptsOpaquePrintableIds() {
        assertThat(HardwareId.of("4F1C-0E2A:xeon#8").value()).isEqualTo("4F1C-0E2A:xeon#8");
        assertThat(HardwareId.of("h".repeat(128)).value()).hasSize(128);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "with space", "tab\there", "new\nline", "umlaut-\u00e4", "\u00a0"})
    void refusesWhitespaceNonAsciiAndEmptyIds(String value) {
        assertThatThrownBy(() -> HardwareId.of(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("hardware id '")
                .hasMessageEndingWith("must be 1 to 128 printable ASCII characters without whitespace");
    }

    @Test
    void refusesOverlongAndMissingIds() {
        assertThatThrownBy(() -> HardwareId.of("h".repeat(129))).hasMessageContaining("(129 characters)");
        assertThatThrownBy(() -> HardwareId.of(null)).hasMessageStartingWith("hardware id (none)");
    }

    @Test
    void derivationIsDeterministicAndShort() {
        HardwareId id = HardwareId.derive("Intel(R) Xeon(R) E-2224 CPU @ 3.40GHz", 4);

        assertThat(HardwareId.derive("Intel(R) Xeon(R) E-2224 CPU @ 3.40GHz", 4)).isEqualTo(id);
        assertThat(id.value()).matches("[0-9a-f]{32}");
    }

    @Test
    void aChangedCpuOrCoreCountGivesAnotherId() {
        HardwareId id = HardwareId.derive("AMD EPYC 7302P", 16);

        assertThat(HardwareId.derive("AMD EPYC 7302P", 8)).isNotEqualTo(id);
        assertThat(HardwareId.derive("AMD EPYC 7313P", 16)).isNotEqualTo(id);
    }

    @Test
    void derivationRefusesBadInput() {
        assertThatThrownBy(() -> HardwareId.derive(" ", 4)).hasMessageStartingWith("cpu type ' '");
        assertThatThrownBy(() -> HardwareId.derive(null, 4)).hasMessageStartingWith("cpu type (none)");
        assertThatThrownBy(() -> HardwareId.derive("Xeon\u0000", 4)).hasMessageStartingWith("cpu type 'Xeon\\u0000'");
        assertThatThrownBy(() -> HardwareId.derive("Xeon", 0)).hasMessage("cores '0': must be at least 1");
    }
}
