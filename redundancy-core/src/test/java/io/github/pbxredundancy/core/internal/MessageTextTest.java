package io.github.pbxredundancy.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageTextTest {
    @Test
    void keepsLettersEscapesControlAndFormatCharacters() {
        assertThat(MessageText.oneLine("Übertragung fehlgeschlagen")).isEqualTo("Übertragung fehlgeschlagen");
        assertThat(MessageText.oneLine("a\r\nb\u2028c\u202ed\te")).isEqualTo("a\\u000d\\u000ab\\u2028c\\u202ed\\u0009e");
        assertThat(MessageText.oneLine(null)).isEqualTo("(no message)");
    }

    @Test
    void cutsVeryLongMessages() {
        String cut = MessageText.oneLine("x".repeat(2 * MessageText.MAX_LENGTH));

        assertThat(cut).hasSize(MessageText.MAX_LENGTH + 3).endsWith("...");
        assertThat(MessageText.oneLine("x".repeat(MessageText.MAX_LENGTH))).hasSize(MessageText.MAX_LENGTH);
    }

    @Test
    void anEscapeAtTheLimitDoesNotPushTheLinePastIt() {
        String cut = MessageText.oneLine("x".repeat(MessageText.MAX_LENGTH - 1) + "\n" + "y".repeat(10));

        assertThat(cut).isEqualTo("x".repeat(MessageText.MAX_LENGTH - 1) + "...");
    }
}
