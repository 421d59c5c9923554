package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class IntervalUnitTest {

    @ParameterizedTest
    @CsvSource({
        "minute, MINUTE", "Minutes, MINUTE", "Minute, MINUTE", "MINUTEN, MINUTE",
        "hour, HOUR", "hours, HOUR", "Stunde, HOUR", "stunden, HOUR",
        "Day, DAY", "days, DAY", "Tag, DAY", "TAGE, DAY",
        "week, WEEK", "WEEKS, WEEK", "Woche, WEEK", "wochen, WEEK",
        "month, MONTH", "months, MONTH", "Monat, MONTH", "Monate, MONTH",
    })
    void acceptsEnglishAndGermanWordsInAnyCase(String word, IntervalUnit expected) {
        assertThat(IntervalUnit.parse(word)).isEqualTo(expected);
    }

    @Test
    void ignoresSurroundingBlanks() {
        assertThat(IntervalUnit.parse(" \t Tage \u2003")).isEqualTo(IntervalUnit.DAY);
    }

    @Test
    void readsTheSameUnderATurkishDefaultLocale() {
        // Under tr, "MINUTE".toLowerCase() has a dotless i; parse must not depend on the default locale.
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(new Locale("tr", "TR"));
            assertThat(IntervalUnit.parse("MINUTE")).isEqualTo(IntervalUnit.MINUTE);
        } finally {
            Locale.setDefault(saved);
        }
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", "fortnight", "Tagen", "d", "days!", "Jahr"})
    void rejectsAnythingElseNamingFieldAndAcceptedWords(String word) {
        assertThatThrownBy(() -> IntervalUnit.parse(word))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems())
                        .singleElement()
                        .satisfies(p -> assertThat(p.field()).isEqualTo("interval-unit")))
                .hasMessageContaining("interval-unit")
                .hasMessageContaining("minutes")
                .hasMessageContaining("Stunden")
                .hasMessageContaining("Monate");
    }

    @Test
    void listsEachAcceptedWordOnceIgnoringCase() {
        String message = catchMessage("x");
        assertThat(message).containsOnlyOnce("inute,").contains("Minuten");
    }

    private static String catchMessage(String word) {
        try {
            IntervalUnit.parse(word);
            throw new AssertionError("accepted " + word);
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
    }
}
