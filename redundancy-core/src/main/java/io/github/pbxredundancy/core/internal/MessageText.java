package io.github.pbxredundancy.core.internal;

/**
 * Makes a message from outside (the standby's rejection, a host exception) safe for a log line
 * and an e-mail: control, line-separator and format characters (bidi overrides) become
 * {@code \\uXXXX}, and very long messages are cut. Unlike
 * {@link io.github.pbxredundancy.license.PrintableText#quote} it keeps non-ASCII letters, so a
 * German message stays readable, and keeps whole sentences rather than 80 characters.
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
public final class MessageText {
    /** Longer messages are cut; nobody reads more in a notification. */
    public static final int MAX_LENGTH = 500;

    private MessageText() {
    }

    /**
     * The message on one line.
     *
     * @param raw the message, possibly {@code null}
     * @return the printable line; {@code (no message)} for {@code null}
     */
    public static String oneLine(String raw) {
        if (raw == null) {
            return "(no message)";
        }
        StringBuilder line = new StringBuilder(Math.min(raw.length(), MAX_LENGTH) + 16);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            String shown = Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                    || Character.getType(c) == Character.FORMAT ? String.format("\\u%04x", (int) c) : String.valueOf(c);
            // An escape near the end must not push the line past the limit.
            if (line.length() + shown.length() > MAX_LENGTH) {
                return line.append("...").toString();
            }
            line.append(shown);
        }
        return line.toString();
    }
}
