package io.github.pbxredundancy.core;

/**
 * Renders a hostile value for an error message or a log line: quoted, control and
 * non-ASCII characters escaped as {@code \\uXXXX}, long values cut. A value read from a file
 * can thus neither forge log lines nor hide characters that look like others.
 */
public final class PrintableText {
    /** Values longer than this many characters are cut; nobody reads a 10 kB value in a message. */
    public static final int MAX_LENGTH = 80;

    private PrintableText() {
    }

    /**
     * The value in single quotes, escaped and cut, or {@code (none)} for {@code null}.
     */
    public static String quote(String raw) {
        if (raw == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder(Math.min(raw.length(), MAX_LENGTH) + 8).append('\'');
        raw.codePoints().limit(MAX_LENGTH).forEach(cp -> {
            if (cp == '\'' || cp == '\\') {
                out.append('\\').append((char) cp);
            } else if (cp >= ' ' && cp <= '~') {
                out.append((char) cp);
            } else {
                out.append(String.format("\\u%04X", cp));
            }
        });
        out.append('\'');
        long length = raw.codePoints().count();
        if (length > MAX_LENGTH) {
            out.append("... (").append(length).append(" characters)");
        }
        return out.toString();
    }
}
