package io.github.pbxredundancy.notifier.mail.internal;

/**
 * Renders a {@link Letter} as plain text and as HTML. In the HTML every value is escaped, so a
 * text from an event or a user's name can never become markup.
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
public final class LetterFormat {
    private LetterFormat() {
    }

    /**
     * @param letter the letter
     * @return the body as plain text, lines separated by {@code \n}
     */
    public static String plainText(Letter letter) {
        StringBuilder text = new StringBuilder();
        for (Letter.Block block : letter.blocks()) {
            if (block instanceof Letter.Paragraph paragraph) {
                text.append(paragraph.text()).append('\n');
            } else if (block instanceof Letter.Facts facts) {
                for (Letter.Fact fact : facts.facts()) {
                    text.append(fact.label()).append(": ").append(fact.value()).append('\n');
                }
            } else if (block instanceof Letter.Items items) {
                text.append(items.heading()).append('\n');
                for (String item : items.items()) {
                    text.append("- ").append(item).append('\n');
                }
            }
            text.append('\n');
        }
        return text.toString().stripTrailing() + "\n";
    }

    /**
     * @param letter the letter
     * @return the body as a complete HTML document in UTF-8
     */
    public static String html(Letter letter) {
        StringBuilder html = new StringBuilder(1024)
                .append("<!DOCTYPE html>\n<html lang=\"").append(letter.language().tag()).append("\">\n<head>\n")
                .append("<meta charset=\"UTF-8\">\n<title>").append(escape(letter.subject())).append("</title>\n")
                .append("</head>\n<body style=\"font-family: sans-serif;\">\n");
        for (Letter.Block block : letter.blocks()) {
            if (block instanceof Letter.Paragraph paragraph) {
                html.append("<p>").append(escape(paragraph.text())).append("</p>\n");
            } else if (block instanceof Letter.Facts facts) {
                html.append("<table>\n");
                for (Letter.Fact fact : facts.facts()) {
                    html.append("<tr><th scope=\"row\" style=\"text-align: left; padding-right: 1em;\">")
                            .append(escape(fact.label())).append("</th><td>").append(escape(fact.value()))
                            .append("</td></tr>\n");
                }
                html.append("</table>\n");
            } else if (block instanceof Letter.Items items) {
                html.append("<p>").append(escape(items.heading())).append("</p>\n<ul>\n");
                for (String item : items.items()) {
                    html.append("<li>").append(escape(item)).append("</li>\n");
                }
                html.append("</ul>\n");
            }
        }
        return html.append("</body>\n</html>\n").toString();
    }

    /**
     * Escapes text for HTML element content and attribute values.
     *
     * @param text any text
     * @return it with {@code & < > " '} replaced by character references
     */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
