package io.github.pbxredundancy.license.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {

    @Test
    void quotesPlainAsciiAsIs() {
        assertThat(Printable.quote("XXXXX-YYYY")).isEqualTo("'XXXXX-YYYY'");
    }

    @Test
    void escapesControlAndNonAsciiCharactersAsUnicodeEscapes() {
        assertThat(Printable.quote("a\u00e4\n\u0000\u007f")).isEqualTo("'a\\u00E4\\u000A\\u0000\\u007F'");
        assertThat(Printable.quote("\ud835\udfce")).isEqualTo("'\\uD835\\uDFCE'");
    }

    @Test
    void escapesQuotesAndBackslashesSoTheValueCannotEndTheQuote() {
        assertThat(Printable.quote("it's\\")).isEqualTo("'it\\'s\\\\'");
    }

    @Test
    void cutsLongValuesAndSaysHowLongTheyWere() {
        assertThat(Printable.quote("x".repeat(81))).isEqualTo("'" + "x".repeat(80) + "'... (81 characters)");
        assertThat(Printable.quote("x".repeat(80))).isEqualTo("'" + "x".repeat(80) + "'");
    }

    @Test
    void showsNullAsNone() {
        assertThat(Printable.quote(null)).isEqualTo("(none)");
    }

    @Test
    void invalidNamesFieldValueAndRule() {
        assertThat(Printable.invalid("module id", "X\t", "must be lower case")).hasMessage("module id 'X\\u0009': must be lower case");
    }
}
