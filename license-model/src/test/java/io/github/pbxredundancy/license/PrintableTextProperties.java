package io.github.pbxredundancy.license;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

class PrintableTextProperties {

    @Property
    void anyValueBecomesOneBoundedLineOfPrintableAscii(@ForAll @StringLength(max = 200) String raw) {
        String quoted = PrintableText.quote(raw);

        assertThat(quoted).matches("'[ -~]*'(\\.\\.\\. \\(\\d+ characters\\))?");
        // Every shown character takes at most six (a \\uXXXX escape); the tail names the length.
        assertThat(quoted.length()).isLessThanOrEqualTo(2 + 6 * PrintableText.MAX_LENGTH + 30);
    }

    @Property
    void printableAsciiWithoutQuotesOrBackslashesIsShownUnchanged(@ForAll @StringLength(max = 80) String raw) {
        String plain = raw.chars().filter(c -> c >= ' ' && c <= '~' && c != '\'' && c != '\\')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();

        assertThat(PrintableText.quote(plain)).isEqualTo("'" + plain + "'");
    }
}
