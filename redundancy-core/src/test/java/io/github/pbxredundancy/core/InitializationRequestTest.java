package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class InitializationRequestTest {
    private static InvalidInputException refused(String operator, String reason, boolean confirmed, boolean force) {
        return catchThrowableOfType(() -> new InitializationRequest(operator, reason, confirmed, force),
                InvalidInputException.class);
    }

    @Test
    void theOverwriteMustBeConfirmed() {
        InvalidInputException e = refused("admin", "", false, false);

        assertThat(e.problems()).extracting(InputProblem::field).containsExactly("confirmedOverwrite");
        assertThat(e.getMessage()).contains("importing overwrites all data on this standby");
    }

    @Test
    void anOperatorIsRequiredAndMustBePrintable() {
        for (String operator : new String[] {null, "", "   ", "ad\nmin", "admin\u0007", "a\u202Eb", "x".repeat(101)}) {
            assertThat(refused(operator, "", true, false).problems()).extracting(InputProblem::field)
                    .as("operator %s", operator).containsExactly("operator");
        }
        assertThat(new InitializationRequest("Jürgen Weiß (Ops)", "", true, false).operator())
                .isEqualTo("Jürgen Weiß (Ops)");
    }

    @Test
    void aForcedInitialisationNeedsAReason() {
        assertThat(refused("admin", " ", true, true).problems()).extracting(InputProblem::field)
                .containsExactly("reason");
        assertThat(refused("admin", "line\nbreak", true, false).problems()).extracting(InputProblem::field)
                .containsExactly("reason");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThat(refused(null, null, false, true).problems()).extracting(InputProblem::field)
                .containsExactly("operator", "reason", "confirmedOverwrite");
    }
}
