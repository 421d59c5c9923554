package io.github.pbxredundancy.core.internal.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EntryNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "backup.sfb", "db/config.xml", "voicemail/Grüße an Äpfel.wav", "a b/c d", "..a", "a..",
            ".hidden", "a/.b/c", "x=y", "C:backup", "emoji/\uD83D\uDE00.txt", "~", "-rf"})
    void acceptsRelativePaths(String name) {
        assertThat(EntryNames.problem(name)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|is empty",
            "/etc/passwd|is absolute",
            "../x|'..' segment",
            "a/../../x|'..' segment",
            "..|'..' segment",
            "a/./b|'.' segment",
            ".|'.' segment",
            "a//b|empty segment",
            "a/|empty segment",
            "a\\b|backslash",
    })
    void refusesUnsafePaths(String name, String rule) {
        assertThat(EntryNames.problem(name)).contains(rule);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "a\rb", "a\u0000b", "a\tb", "a\u007Fb", "a\u0085b", "a\u009Bb"})
    void refusesControlCharacters(String name) {
        assertThat(EntryNames.problem(name)).contains("control character U+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\uD800", "\uDC00a", "a\uD800b"})
    void refusesUnpairedSurrogates(String name) {
        assertThat(EntryNames.problem(name)).contains("unpaired surrogate");
    }

    @Test
    void refusesNull() {
        assertThat(EntryNames.problem(null)).isEqualTo("is empty");
    }

    @Test
    void countsUtf8Bytes() {
        assertThat(EntryNames.utf8Length("aä\uD83D\uDE00")).isEqualTo(1 + 2 + 4);
    }
}
