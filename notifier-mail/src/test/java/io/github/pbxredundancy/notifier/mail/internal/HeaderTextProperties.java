package io.github.pbxredundancy.notifier.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** No value, however hostile, leaves {@link HeaderText} able to start a header line of its own. */
class HeaderTextProperties {
    @Property
    void oneLineIsOnePrintableLineWithinItsLength(@ForAll("hostile") String raw, @ForAll @IntRange(min = 1, max = 200) int max) {
        String line = HeaderText.oneLine(raw, max);
        assertThat(line.codePoints()).noneMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                || Character.getType(c) == Character.FORMAT);
        assertThat(line.length()).isLessThanOrEqualTo(max + 1);
        assertThat(line).doesNotStartWith(" ").doesNotEndWith(" ");
    }

    @Property
    void aValueTheRuleAcceptsHasNoLineBreak(@ForAll("hostile") String raw) {
        if (HeaderText.problem(raw, 1000, true) == null) {
            assertThat(raw).doesNotContain("\r", "\n", "\u2028", "\u2029", "\u0085");
            assertThat(withoutBlanks(HeaderText.oneLine(raw, 1000))).isEqualTo(withoutBlanks(raw));
        }
    }

    @Property
    void logLinesNeverCarryAnAddress(@ForAll("hostile") String prefix, @ForAll("local") String local) {
        String line = HeaderText.forLog(prefix + " <" + local + "@example.com> refused");
        assertThat(line).doesNotContain(local + "@example.com");
    }

    /** The text without what {@link HeaderText#oneLine} turns into single blanks. */
    private static String withoutBlanks(String text) {
        StringBuilder kept = new StringBuilder();
        text.codePoints().filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c)).forEach(kept::appendCodePoint);
        return kept.toString();
    }

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(30),
                Arbitraries.of("\r\n", "\n", "\r", "\u2028", "\u0085", "\t", "Bcc: x@example.com", "ä", "ß", "\u200b",
                        "\uD83D\uDE00", "\uD800", " ", "\u00a0"));
        return Combinators.combine(pieces, pieces, pieces).as((a, b, c) -> a + b + c);
    }

    @Provide
    Arbitrary<String> local() {
        return Arbitraries.strings().withChars("abcxyz0123._-+").ofMinLength(1).ofMaxLength(20)
                .filter(s -> !s.startsWith(".") && !s.endsWith("."));
    }
}
