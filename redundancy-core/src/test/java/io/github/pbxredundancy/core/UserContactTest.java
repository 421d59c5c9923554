package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class UserContactTest {
    private static final EmailAddress ANNA = new EmailAddress("anna.weber@example.de");

    @Test
    void aUserWithAnyLanguagesNameIsAccepted() {
        UserContact user = new UserContact("u-17", "Jürgen Müller-Łukasz", ANNA, Locale.GERMAN);

        assertThat(user.displayName()).isEqualTo("Jürgen Müller-Łukasz");
        assertThat(new UserContact("u-18", "", ANNA, Locale.ENGLISH).displayName()).isEmpty();
    }

    @Test
    void lineBreaksThatCouldForgeAMailHeaderAreRefused() {
        assertThatThrownBy(() -> new UserContact("u-17", "Anna\r\nBcc: all@example.de", ANNA, Locale.GERMAN))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("displayName")
                .hasMessageContaining("no line breaks");
        assertThatThrownBy(() -> new UserContact("u\n17", "Anna", ANNA, Locale.GERMAN))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("userId");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> new UserContact(" ", "x".repeat(201), null, null))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems()).extracting(InputProblem::field)
                        .containsExactly("userId", "displayName", "email", "locale"));
    }
}
