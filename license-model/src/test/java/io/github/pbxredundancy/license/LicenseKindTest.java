package io.github.pbxredundancy.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LicenseKindTest {

    @Test
    void constantsHaveTheirFileIds() {
        assertThat(LicenseKind.SERVER.id()).isEqualTo("server");
        assertThat(LicenseKind.USER.id()).isEqualTo("user");
        assertThat(LicenseKind.MODULE.id()).isEqualTo("module");
        assertThat(LicenseKind.FAILOVER.id()).isEqualTo("failover");
        assertThat(LicenseKind.of("user")).isEqualTo(LicenseKind.USER);
    }

    @Test
    void theSetIsOpen() {
        LicenseKind fax = LicenseKind.of("fax-channel");

        assertThat(fax.counted()).isTrue();
        assertThat(fax).hasToString("fax-channel");
    }

    @Test
    void onlyUserAndUnknownKindsAreCounted() {
        assertThat(LicenseKind.USER.counted()).isTrue();
        assertThat(LicenseKind.SERVER.counted()).isFalse();
        assertThat(LicenseKind.MODULE.counted()).isFalse();
        assertThat(LicenseKind.FAILOVER.counted()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Server", "1user", "-user", "us er", "user_x", "\u0131d", "abcdefghijklmnopqrstuvwxyzabcdefg"})
    void refusesIdsOutsideTheSyntax(String id) {
        assertThatThrownBy(() -> LicenseKind.of(id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("license kind '")
                .hasMessageContaining("must be 1 to 32 lower-case ASCII letters");
    }

    @Test
    void acceptsTheLongestId() {
        assertThat(LicenseKind.of("a".repeat(32)).id()).hasSize(32);
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> LicenseKind.of(null)).hasMessage("license kind (none): "
                + "must be 1 to 32 lower-case ASCII letters a-z, digits 0-9 or '-', starting with a letter");
    }

    @Test
    void editionIdsAreLowerCase() {
        assertThat(LicenseEdition.REGULAR.id()).isEqualTo("regular");
        assertThat(LicenseEdition.REDUNDANCY.id()).isEqualTo("redundancy");
        assertThat(LicenseEdition.FAILOVER.id()).isEqualTo("failover");
    }
}
