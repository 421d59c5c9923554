package io.github.pbxredundancy.license;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTextTest {

    @Test
    void quotesPlainAsciiAsIs() {
        assertThat(PrintableText.quote("XXXXX-YYYY")).isEqualTo("'XXXXX-YYYY'");
    }

    @Test
    void escapesControlAndNonAsciiCharactersAsUnicodeEscapes() {
        assertThat(PrintableText.quote("a\u00e4\n\u0000\u007f")).isEqualTo("'a\\u00E4\\u000A\\u0000\\u007F'");
        assertThat(PrintableText.quote("\ud835\udfce")).isEqualTo("'\\uD835\\uDFCE'");
    }

    @Test
    void escapesQuotesAndBackslashesSoTheValueCannotEndTheQuote() {
        assertThat(PrintableText.quote("it's\\")).isEqualTo("'it\\'s\\\\'");
    }

    @Test
    void cutsLongValuesAndSaysHowLongTheyWere() {
        assertThat(PrintableText.quote("x".repeat(81))).isEqualTo("'" + "x".repeat(80) + "'... (81 characters)");
        assertThat(PrintableText.quote("x".repeat(80))).isEqualTo("'" + "x".repeat(80) + "'");
    }

    @Test
    void showsNullAsNone() {
        assertThat(PrintableText.quote(null)).isEqualTo("(none)");
    }

    @Test
    void invalidNamesFieldValueAndRule() {
        assertThat(PrintableText.invalid("module id", "X\t", "must be lower case")).hasMessage("module id 'X\\u0009': must be lower case");
    }
}
