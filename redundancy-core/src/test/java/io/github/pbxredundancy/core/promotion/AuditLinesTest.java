package io.github.pbxredundancy.core.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.internal.AuditText;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AuditLinesTest {
    @Test
    void aShortPrintableLineStaysAsItIs() {
        assertThat(AuditLines.check("Jürgen: Anlage aus")).isEqualTo("Jürgen: Anlage aus");
    }

    @Test
    void forbiddenCharactersAreEscapedAndTheLineFitsTheRule() {
        String line = AuditLines.check("a\tb\nc\u202Ed\uDC00e");

        assertThat(line).isEqualTo("a\\u0009b\\u000ac\\u202ed\\udc00e");
        assertThat(AuditText.problem(line, AuditContext.MAX_CHECK_LENGTH, false)).isNull();
    }

    @Test
    void aLongLineIsCutWithoutSplittingACharacter() {
        String emoji = "\uD83D\uDE00";
        String line = AuditLines.check("x".repeat(196) + emoji + "tail");

        assertThat(line).isEqualTo("x".repeat(196) + "...");
        assertThat(AuditLines.check("x".repeat(300))).hasSize(AuditContext.MAX_CHECK_LENGTH).endsWith("...");
        assertThat(AuditLines.reason("y".repeat(600))).hasSize(AuditContext.MAX_REASON_LENGTH);
        assertThat(AuditLines.fit("x".repeat(195) + emoji + "yyyy", 199)).isEqualTo("x".repeat(195) + "...");
    }

    @Test
    void blankAndMissingLinesBecomeWords() {
        assertThat(AuditLines.check("  ")).isEqualTo("(empty)");
        assertThat(AuditLines.check(null)).isEqualTo("(none)");
        assertThat(AuditLines.reason("")).isEmpty();
    }

    @Test
    void tooManyLinesEndInACount() {
        List<String> lines = IntStream.range(0, 25).mapToObj(i -> "line " + i).toList();

        List<String> checks = AuditLines.checks(lines);

        assertThat(checks).hasSize(AuditContext.MAX_CHECKS).endsWith("6 more lines left out");
        assertThat(checks.get(18)).isEqualTo("line 18");
        assertThat(AuditLines.checks(lines.subList(0, 20))).isEqualTo(lines.subList(0, 20));
    }
}
