package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTextTest {

    @Test
    void quotesAndEscapes() {
        assertThat(PrintableText.quote("abc")).isEqualTo("'abc'");
        assertThat(PrintableText.quote("it's a\\b")).isEqualTo("'it\\'s a\\\\b'");
        assertThat(PrintableText.quote("x\r\ny")).isEqualTo("'x\\u000D\\u000Ay'");
        assertThat(PrintableText.quote("\u00e4\uD83D\uDE00")).isEqualTo("'\\u00E4\\u1F600'");
        assertThat(PrintableText.quote(null)).isEqualTo("(none)");
    }

    @Test
    void cutsLongValues() {
        String quoted = PrintableText.quote("x".repeat(1000));
        assertThat(quoted).startsWith("'" + "x".repeat(PrintableText.MAX_LENGTH) + "'")
                .endsWith("... (1000 characters)");
    }
}
