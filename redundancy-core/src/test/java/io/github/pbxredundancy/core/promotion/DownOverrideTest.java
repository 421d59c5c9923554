package io.github.pbxredundancy.core.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pbxredundancy.core.InputProblem;
import io.github.pbxredundancy.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class DownOverrideTest {

    @Test
    void recordsWhoOverrodeAndWhyInAnyLanguage() {
        DownOverride override = new DownOverride("Jürgen Weiß", "Anlage ist ausgeschaltet, die Firewall antwortet für sie");

        assertThat(override.summary()).isEqualTo("Operator Jürgen Weiß overrode the check that the active is down:"
                + " Anlage ist ausgeschaltet, die Firewall antwortet für sie");
    }

    @Test
    void reportsAMissingOperatorAndATooShortReasonAtOnce() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> new DownOverride(" ", "  it's off  "));

        assertThat(e.problems()).extracting(InputProblem::toString).containsExactly(
                "operator ' ': must be 1 to 100 printable characters, not all blank (no line breaks or control"
                        + " characters)",
                "reason '  it\\'s off  ': must be at least 10 characters: say why the active is down although the probes"
                        + " could not confirm it");
    }

    @Test
    void refusesLineBreaksAndOverlongTexts() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> new DownOverride("x".repeat(101), "switched off\nby hand"));

        assertThat(e.problems()).extracting(InputProblem::field).containsExactly("operator", "reason");
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> new DownOverride("anna", "r".repeat(1001)))
                .problems()).extracting(InputProblem::rule).containsExactly("must be 1 to 1000 printable characters,"
                        + " not all blank (no line breaks or control characters)");
        assertThat(new DownOverride("a", "r".repeat(1000)).reason()).hasSize(1000);
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> new DownOverride(null, null)).problems())
                .hasSize(2);
    }
}
