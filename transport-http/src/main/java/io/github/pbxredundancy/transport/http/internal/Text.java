package io.github.pbxredundancy.transport.http.internal;

import java.util.Locale;

/**
 * Makes a text from outside (the standby's explanation, an exception's message) safe for one log
 * line or exception message: line breaks become blanks, other control, line-separator and format
 * characters {@code \\uXXXX}, and it is cut to {@link #MAX_LENGTH} characters. Non-ASCII letters
 * stay, so a German message stays readable. The same rule as the core's answer files, kept here
 * because transports use the core's API only.
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
public final class Text {
    /** Longer texts are cut. */
    public static final int MAX_LENGTH = 500;

    private Text() {
    }

    /**
     * @param raw the text, possibly null
     * @return the text on one printable line; {@code (no message)} for null
     */
    public static String oneLine(String raw) {
        if (raw == null) {
            return "(no message)";
        }
        StringBuilder line = new StringBuilder(Math.min(raw.length(), MAX_LENGTH) + 16);
        for (int i = 0; i < raw.length(); i++) {
            if (line.length() >= MAX_LENGTH) {
                return line.append("...").toString();
            }
            char c = raw.charAt(i);
            if (c == '\n' || c == '\r') {
                line.append(' ');
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || Character.getType(c) == Character.FORMAT) {
                line.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                line.append(c);
            }
        }
        return line.toString();
    }

    /**
     * @param e an exception
     * @return its simple class name and message on one line
     */
    public static String describe(Throwable e) {
        if (e == null) {
            return "unknown cause";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage()));
    }
}
