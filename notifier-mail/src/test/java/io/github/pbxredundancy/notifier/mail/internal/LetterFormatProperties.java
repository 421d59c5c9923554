package io.github.pbxredundancy.notifier.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Whatever a value holds, in HTML it stays text. */
class LetterFormatProperties {
    @Property
    void escapedTextHoldsNoMarkupAndReadsBackTheSame(@ForAll String text) {
        String escaped = LetterFormat.escape(text);
        assertThat(escaped).doesNotContain("<", ">", "\"", "'");
        String unescaped = escaped.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
        assertThat(unescaped).isEqualTo(text);
    }

    @Property
    void noValueOfALetterBecomesAnElement(@ForAll String value) {
        Letter letter = new Letter(Language.ENGLISH, "s", List.of(new Letter.Paragraph(value),
                new Letter.Facts(List.of(new Letter.Fact("label", value))), new Letter.Items("h", List.of(value))));
        String html = LetterFormat.html(letter);
        String withoutValues = html.replace(LetterFormat.escape(value), "");
        assertThat(withoutValues).doesNotContain("<script", "<img", "<a ");
        assertThat(LetterFormat.plainText(letter)).contains(value.strip().isEmpty() ? "" : value.strip());
    }
}
