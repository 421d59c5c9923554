package io.github.pbxredundancy.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LicenseKeyTest {

    @Test
    void parsesTheSeedsExampleKey() {
        LicenseKey key = LicenseKey.parse("XXXXX-YYYYY-ZZZZZ-11111");

        assertThat(key.value()).isEqualTo("XXXXX-YYYYY-ZZZZZ-11111");
        assertThat(key).isEqualTo(new LicenseKey("XXXXX-YYYYY-ZZZZZ-11111"));
    }

    @Test
    void stripsSurroundingBlanksAndUpperCasesAsciiLetters() {
        assertThat(LicenseKey.parse(" \tabcde-Fghij-klmno-12345\t ").value()).isEqualTo("ABCDE-FGHIJ-KLMNO-12345");
    }

    @Test
    void masksTheMiddleGroupsInMaskedAndToString() {
        LicenseKey key = LicenseKey.parse("XXXXX-YYYYY-ZZZZZ-11111");

        assertThat(key.masked()).isEqualTo("XXXXX-*****-*****-11111");
        assertThat(key).hasToString("XXXXX-*****-*****-11111");
    }

    @Test
    void namesTheShortGroup() {
        LicenseKeyFormatException e = catchThrowableOfType(LicenseKeyFormatException.class,
                () -> LicenseKey.parse("XXXXX-YYYY-ZZZZZ-11111"));

        assertThat(e).hasMessage("license key 'XXXXX-YYYY-ZZZZZ-11111': group 2 has 4 characters, expected 5");
        assertThat(e.group()).isEqualTo(2);
        assertThat(e.position()).isZero();
    }

    @Test
    void namesTheNonAsciiLetterWithItsPositionEscaped() {
        LicenseKeyFormatException e = catchThrowableOfType(LicenseKeyFormatException.class,
                () -> LicenseKey.parse("XXXXX-YY\u00e4YY-ZZZZZ-11111"));

        assertThat(e).hasMessage("license key 'XXXXX-YY\\u00E4YY-ZZZZZ-11111': position 9 (group 2) is"
                + " '\\u00E4', expected an ASCII letter A-Z or digit 0-9");
        assertThat(e.group()).isEqualTo(2);
        assertThat(e.position()).isEqualTo(9);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // Turkish dotless i: toUpperCase() would turn it into a plain I.
        "XXXXX-YYYYY-\u0131ZZZZ-11111 | 13 | 3",
        // Turkish dotted capital I.
        "XXXXX-YYYYY-ZZZZZ-1111\u0130 | 23 | 4",
        // Arabic-Indic digit one.
        "\u0661XXXX-YYYYY-ZZZZZ-11111 | 1 | 1",
        // Full-width digit and letter.
        "XXXXX-\uff11YYYY-ZZZZZ-11111 | 7 | 2",
        "XXXXX-YYYYY-ZZ\uff3aZZ-11111 | 15 | 3",
        // Cyrillic capital A, indistinguishable from A on screen.
        "X\u0410XXX-YYYYY-ZZZZZ-11111 | 2 | 1",
        // Kelvin sign, which lower-cases to an ASCII k.
        "XXXXX-YYYYY-ZZZZZ-1\u212a111 | 20 | 4",
        // Mathematical bold digit zero, outside the BMP: positions count characters, not UTF-16 units.
        "XXXXX-YY\ud835\udfceYY-ZZZZZ-11111 | 9 | 2",
        // Inner blank.
        "XXXXX-YY YY-ZZZZZ-11111 | 9 | 2",
    })
    void refusesCharactersThatAreNotAsciiLettersOrDigits(String input, int position, int group) {
        LicenseKeyFormatException e = catchThrowableOfType(LicenseKeyFormatException.class,
                () -> LicenseKey.parse(input));

        assertThat(e.position()).isEqualTo(position);
        assertThat(e.group()).isEqualTo(group);
        assertThat(e.getMessage()).startsWith("license key '").contains("position " + position + " (group " + group + ")");
        assertThat(e.getMessage()).matches("[ -~]*");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "XXXXX_YYYYY-ZZZZZ-11111 | 6 | 1",
        "XXXXX-YYYYY\u2013ZZZZZ-11111 | 12 | 2",
        "XXXXX-YYYYY-ZZZZZ 11111 | 18 | 3",
        "XXXXX-YYYYY-ZZZZZ\u221211111 | 18 | 3",
    })
    void refusesOtherSeparators(String input, int position, int group) {
        LicenseKeyFormatException e = catchThrowableOfType(LicenseKeyFormatException.class,
                () -> LicenseKey.parse(input));

        assertThat(e.position()).isEqualTo(position);
        assertThat(e.group()).isEqualTo(group);
        assertThat(e.getMessage()).endsWith("expected the separator '-'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"XXXXX-YYYYY-ZZZZZ", "XXXXX-YYYYY-ZZZZZ-11111-22222", "XXXXXYYYYYZZZZZ11111"})
    void refusesAWrongNumberOfGroups(String input) {
        LicenseKeyFormatException e = catchThrowableOfType(LicenseKeyFormatException.class,
                () -> LicenseKey.parse(input));

        assertThat(e.group()).isZero();
        assertThat(e.position()).isZero();
        assertThat(e.getMessage()).contains("expected four groups of five");
    }

    @Test
    void refusesMissingEmptyAndBlankInput() {
        for (String input : new String[] {null, "", " \t "}) {
            LicenseKeyFormatException e = catchThrowableOfType(LicenseKeyFormatException.class,
                    () -> LicenseKey.parse(input));
            assertThat(e.group()).isZero();
            assertThat(e.position()).isZero();
        }
        assertThatThrownBy(() -> LicenseKey.parse(null)).hasMessageStartingWith("license key (none): is missing");
        assertThatThrownBy(() -> LicenseKey.parse(" \t ")).hasMessageStartingWith("license key ' \\u0009 ': is empty");
    }

    @Test
    void doesNotStripOtherWhitespace() {
        LicenseKeyFormatException e = catchThrowableOfType(LicenseKeyFormatException.class,
                () -> LicenseKey.parse("XXXXX-YYYYY-ZZZZZ-11111\n"));

        assertThat(e.position()).isEqualTo(24);
        assertThat(e.group()).isEqualTo(4);
        assertThat(e.getMessage()).contains("'\\u000A'");
    }

    @Test
    void constructorTakesOnlyTheCanonicalForm() {
        assertThatThrownBy(() -> new LicenseKey("bad")).isInstanceOf(LicenseKeyFormatException.class);
        LicenseKeyFormatException lower = catchThrowableOfType(LicenseKeyFormatException.class,
                () -> new LicenseKey("xxxxx-YYYYY-ZZZZZ-11111"));
        assertThat(lower.position()).isEqualTo(1);
        assertThat(lower).hasMessageContaining("expected an upper-case ASCII letter");
        assertThatThrownBy(() -> new LicenseKey(" XXXXX-YYYYY-ZZZZZ-11111")).isInstanceOf(LicenseKeyFormatException.class);
    }

    @Test
    void cutsVeryLongInputInTheMessage() {
        String input = "X".repeat(10_000);

        assertThatThrownBy(() -> LicenseKey.parse(input))
                .hasMessageContaining("... (10000 characters)")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(300));
    }

    @Test
    void exceptionRefusesImpossibleCoordinates() {
        assertThatThrownBy(() -> new LicenseKeyFormatException("f", "v", "r", 5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LicenseKeyFormatException("f", "v", "r", 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
