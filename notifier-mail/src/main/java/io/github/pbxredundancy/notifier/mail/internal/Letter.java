package io.github.pbxredundancy.notifier.mail.internal;

import java.util.List;
import java.util.Objects;

/**
 * One message before it becomes MIME: a subject and blocks of text, in one language. The values
 * in it are plain text; {@link LetterFormat} escapes them for HTML.
 *
 * <p>Not part of the API. Immutable and thread-safe.
 *
 * @param language the language it is written in
 * @param subject the subject, one printable line
 * @param blocks the body, in order
 */
public record Letter(Language language, String subject, List<Block> blocks) {
    /** Validates the parts, makes the subject one line and copies the blocks. */
    public Letter {
        Objects.requireNonNull(language, "language");
        subject = HeaderText.oneLine(Objects.requireNonNull(subject, "subject"), 900);
        blocks = List.copyOf(blocks);
    }

    /** A part of the body. */
    public sealed interface Block permits Paragraph, Facts, Items {
    }

    /**
     * A paragraph of running text.
     *
     * @param text the text
     */
    public record Paragraph(String text) implements Block {
        /** Validates that the text is present. */
        public Paragraph {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * Labelled values, shown as a table in HTML.
     *
     * @param facts the label-value pairs, in order
     */
    public record Facts(List<Fact> facts) implements Block {
        /** Copies the list. */
        public Facts {
            facts = List.copyOf(facts);
        }
    }

    /**
     * One labelled value.
     *
     * @param label the label
     * @param value the value
     */
    public record Fact(String label, String value) {
        /** Validates that both parts are present. */
        public Fact {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A list under a heading.
     *
     * @param heading the heading
     * @param items the items, in order
     */
    public record Items(String heading, List<String> items) implements Block {
        /** Validates the heading and copies the items. */
        public Items {
            Objects.requireNonNull(heading, "heading");
            items = List.copyOf(items);
        }
    }
}
