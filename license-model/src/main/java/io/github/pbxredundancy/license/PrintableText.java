package io.github.pbxredundancy.license;

import java.util.Locale;

/**
 * Renders an untrusted value for an error message: quoted, control and non-ASCII characters
 * escaped as {@code \\uXXXX}, long values cut. A value read from a file can thus neither
 * forge log lines nor hide a look-alike character (a Cyrillic А, a full-width digit).
 *
 * <p>Every module of the library quotes hostile values through this one class, so messages look
 * the same whichever module wrote them.
 *
 * <p>Stateless and thread-safe.
 */
public final class PrintableText {
    /** Longer values are cut: nobody reads a 10 kB value in a message. */
    public static final int MAX_LENGTH = 80;

    private PrintableText() {
    }

    /**
     * The value in single quotes, escaped and cut, or {@code (none)} for {@code null}.
     * Escaping works on UTF-16 units so that a supplementary character shows as the same
     * surrogate pair a Java programmer would write.
     *
     * @param raw the value as received, possibly {@code null}
     * @return a single line of printable ASCII
     */
    public static String quote(String raw) {
        if (raw == null) {
            return "(none)";
        }
        int shown = Math.min(raw.length(), MAX_LENGTH);
        StringBuilder out = new StringBuilder(shown + 8).append('\'');
        for (int i = 0; i < shown; i++) {
            char c = raw.charAt(i);
            if (c == '\'' || c == '\\') {
                out.append('\\').append(c);
            } else if (c >= ' ' && c <= '~') {
                out.append(c);
            } else {
                out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            }
        }
        out.append('\'');
        if (raw.length() > MAX_LENGTH) {
            out.append("... (").append(raw.length()).append(" characters)");
        }
        return out.toString();
    }

    /**
     * The usual shape of an input error: {@code field 'value': rule}.
     *
     * @param field the field's name as the administrator knows it
     * @param raw the offending value, quoted by {@link #quote}
     * @param rule the rule, phrased so that it says how to fix the value
     * @return an exception carrying that message
     */
    public static IllegalArgumentException invalid(String field, String raw, String rule) {
        return new IllegalArgumentException(field + " " + quote(raw) + ": " + rule);
    }
}
