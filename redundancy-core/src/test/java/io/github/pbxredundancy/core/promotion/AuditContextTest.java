package io.github.pbxredundancy.core.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pbxredundancy.core.InputProblem;
import io.github.pbxredundancy.core.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditContextTest {
    @Test
    void keepsTheOperatorsWordsAndCopiesTheChecks() {
        List<String> checks = new ArrayList<>(List.of("probe tcp 10.0.0.1:22 refused for 60s"));
        AuditContext context = new AuditContext("Zoë Ørsted-Łukasiewicz", "Aktive brennt; Umschaltung", checks);
        checks.clear();

        assertThat(context.checks()).containsExactly("probe tcp 10.0.0.1:22 refused for 60s");
        assertThat(AuditContext.of("admin", "").checks()).isEmpty();
        assertThat(AuditContext.system("peer said 4", List.of()).operator()).isEqualTo("system");
    }

    @Test
    void reportsEveryBrokenRuleAtOnce() {
        List<String> checks = new ArrayList<>(Collections.nCopies(AuditContext.MAX_CHECKS, "ok"));
        checks.set(3, "two\nlines");

        assertThatThrownBy(() -> new AuditContext(" ", "x".repeat(501), checks))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(InputProblem::field).containsExactly("operator", "reason", "checks[3]"));
        checks.add("one too many");
        checks.set(3, "ok");
        assertThatThrownBy(() -> new AuditContext("admin", "", checks)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("checks '21 checks': must be at most 20");
        assertThatThrownBy(() -> new AuditContext("admin\u202e", null, null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(InputProblem::field).containsExactly("operator", "reason", "checks"));
        assertThatThrownBy(() -> new AuditContext("admin", "", List.of("tab\there")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("checks[0]");
    }
}
