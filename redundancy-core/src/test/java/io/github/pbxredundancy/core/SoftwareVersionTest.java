package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SoftwareVersionTest {

    @Test
    void ordersNumericallyNotLexically() {
        assertThat(SoftwareVersion.parse("7.10")).isGreaterThan(SoftwareVersion.parse("7.9"));
        assertThat(SoftwareVersion.parse("7.3.1.5")).isLessThan(SoftwareVersion.parse("7.3.2"));
        assertThat(SoftwareVersion.parse("8")).isGreaterThan(SoftwareVersion.parse("7.99.99.99"));
    }

    @Test
    void trailingZeroComponentsAreInsignificantButPrintedAsWritten() {
        SoftwareVersion short_ = SoftwareVersion.parse("7.3");
        SoftwareVersion long_ = SoftwareVersion.parse(" 7.3.0.0 ");
        assertThat(short_).isEqualTo(long_).hasSameHashCodeAs(long_);
        assertThat(short_.compareTo(long_)).isZero();
        assertThat(long_).hasToString("7.3.0.0");
        assertThat(long_.components()).containsExactly(7, 3, 0, 0);
        assertThat(SoftwareVersion.parse("0.0")).isEqualTo(SoftwareVersion.parse("0"));
    }

    @Test
    void buildsFromComponents() {
        assertThat(SoftwareVersion.of(7, 3, 1, 5)).isEqualTo(SoftwareVersion.parse("7.3.1.5")).hasToString("7.3.1.5");
        assertThatThrownBy(() -> SoftwareVersion.of(7, -1)).hasMessageContaining("component 2 is negative");
        assertThatThrownBy(SoftwareVersion::of).isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "7..3", ".7", "7.", "7.3-beta", "v7.3", "7,3", "7 .3", "1.2.3.4.5.6.7.8.9"})
    void refusesMalformedText(String text) {
        assertThatThrownBy(() -> SoftwareVersion.parse(text))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("software version");
    }

    @Test
    void refusesNonAsciiDigitsNamingTheComponent() {
        // Arabic-Indic seven and a full-width three look like digits to Character.isDigit.
        assertThatThrownBy(() -> SoftwareVersion.parse("\u0667.3"))
                .hasMessageContaining("component 1 contains '\\u0667'")
                .hasMessageContaining("ASCII digits");
        assertThatThrownBy(() -> SoftwareVersion.parse("7.\uFF13"))
                .hasMessageContaining("component 2");
    }

    @Test
    void refusesComponentOverflow() {
        assertThat(SoftwareVersion.parse("2147483647").components()).containsExactly(Integer.MAX_VALUE);
        assertThatThrownBy(() -> SoftwareVersion.parse("7.2147483648"))
                .hasMessageContaining("component 2 is larger than 2147483647");
        assertThatThrownBy(() -> SoftwareVersion.parse("99999999999999999999999"))
                .hasMessageContaining("component 1 is larger");
    }

    @Test
    void importAllowedOnlyOntoSameOrNewer() {
        SoftwareVersion older = SoftwareVersion.parse("7.2");
        SoftwareVersion newer = SoftwareVersion.parse("7.3.0.1");
        assertThat(VersionCompatibility.canImport(older, newer)).isTrue();
        assertThat(VersionCompatibility.canImport(older, SoftwareVersion.parse("7.2.0"))).isTrue();
        assertThat(VersionCompatibility.canImport(newer, older)).isFalse();
        assertThatThrownBy(() -> VersionCompatibility.requireImportable(newer, older))
                .isInstanceOfSatisfying(RedundancyException.class,
                        e -> assertThat(e.reason()).isEqualTo(ReasonCode.VERSION_INCOMPATIBLE))
                .hasMessageContaining("update the standby to 7.3.0.1 or newer");
    }
}
