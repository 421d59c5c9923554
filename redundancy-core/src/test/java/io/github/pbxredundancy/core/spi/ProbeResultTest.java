package io.github.pbxredundancy.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProbeResultTest {

    @Test
    void keepsAPrintableLineAsItIs() {
        ProbeResult result = new ProbeResult.NoAnswer("no answer to a TCP connect to port 22 within 2 s");

        assertThat(result.text()).isEqualTo("no answer to a TCP connect to port 22 within 2 s");
        assertThat(result.describe()).isEqualTo("no answer (no answer to a TCP connect to port 22 within 2 s)");
        assertThat(result.decisive()).isTrue();
    }

    @Test
    void quotesAndEscapesALineBreakSoThatNoLogLineCanBeForged() {
        ProbeResult result = new ProbeResult.Alive("VM running\n2016-01-26 INFO promotion confirmed");

        assertThat(result.text()).isEqualTo("'VM running\\u000A2016-01-26 INFO promotion confirmed'");
        assertThat(result.describe()).startsWith("alive ('VM running\\u000A");
    }

    @Test
    void escapesNonAsciiAndCutsLongTexts() {
        assertThat(new ProbeResult.Unknown("Zeitüberschreitung").text()).isEqualTo("'Zeit\\u00FCberschreitung'");
        String longText = "x".repeat(ProbeResult.MAX_TEXT_LENGTH + 1);
        assertThat(new ProbeResult.Unknown(longText).text()).isEqualTo("'" + "x".repeat(80) + "'... (201 characters)");
        String longest = "y".repeat(ProbeResult.MAX_TEXT_LENGTH);
        assertThat(new ProbeResult.Unknown(longest).text()).isEqualTo(longest);
    }

    @Test
    void replacesAMissingOrBlankTextRatherThanThrow() {
        assertThat(new ProbeResult.Alive(null).text()).isEqualTo("(no details)");
        assertThat(new ProbeResult.NoAnswer(" ").text()).isEqualTo("(no details)");
        ProbeResult unknown = new ProbeResult.Unknown("");
        assertThat(unknown.describe()).isEqualTo("unknown ((no details))");
        assertThat(unknown.decisive()).isFalse();
    }

    @Test
    void equalTextsMakeEqualResults() {
        assertThat(new ProbeResult.Alive("a")).isEqualTo(new ProbeResult.Alive("a")).isNotEqualTo(new ProbeResult.NoAnswer("a"));
    }
}
