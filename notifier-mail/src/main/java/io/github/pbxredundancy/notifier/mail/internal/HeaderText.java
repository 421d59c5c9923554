package io.github.pbxredundancy.notifier.mail.internal;

import java.util.regex.Pattern;

/**
 * The rules for text that reaches a mail header or a log line: configured values (the sender's
 * display name, the subject prefix, the SMTP user, the HELO name) are checked when configured and
 * refused with a rule; values from events are made one printable line before they reach a
 * subject, so that no value can ever start a header of its own (header injection).
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
public final class HeaderText {
    /** The longest text a single-line log or failure message keeps. */
    public static final int MAX_LINE = 500;

    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]"
            + "|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>()\",;:@]+@[^\\s<>()\",;:@]+");

    private HeaderText() {
    }

    /**
     * What is wrong with a configured header value, if anything: it must be one line of printable
     * characters of any language (no CR, LF or other control, format or line-separator
     * characters, no unpaired surrogates).
     *
     * @param value the value, possibly {@code null}
     * @param maxLength the most characters allowed
     * @param blankAllowed whether an empty value is allowed
     * @return the rule it breaks, or {@code null} if it is fine
     */
    public static String problem(String value, int maxLength, boolean blankAllowed) {
        String rule = "must be " + (blankAllowed ? "at most " : "1 to ") + maxLength + " printable characters on one line"
                + (blankAllowed ? "" : ", not all blank") + "; line breaks and control characters would let the value"
                + " write mail headers of its own";
        if (value == null || value.length() > maxLength || (!blankAllowed && value.isBlank())) {
            return rule;
        }
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (!printable(c)) {
                return rule;
            }
            i += Character.charCount(c);
        }
        return null;
    }

    /**
     * What is wrong with a host name or IPv4 address for the SMTP server or the HELO name, if
     * anything.
     *
     * @param value the value, possibly {@code null}
     * @return the rule it breaks, or {@code null} if it is fine
     */
    public static String hostProblem(String value) {
        String rule = "must be a host name (letters, digits, inner hyphens, dot-separated labels) or an IPv4 address,"
                + " at most 253 characters, without blanks, line breaks or a port";
        if (value == null || value.isEmpty() || value.length() > 253) {
            return rule;
        }
        if (IPV4.matcher(value).matches()) {
            return null;
        }
        String[] labels = value.split("\\.", -1);
        for (String label : labels) {
            if (!HOST_LABEL.matcher(label).matches()) {
                return rule;
            }
        }
        // A dotted name of digits only that is not a valid IPv4 address would be read as one.
        if (value.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
            return rule;
        }
        return null;
    }

    /**
     * Makes a value from an event or an exception one printable line: line breaks and tabs
     * become blanks, other control and format characters are dropped, blank runs collapse, and
     * it is cut to {@code maxLength} characters (with an ellipsis).
     *
     * @param raw the value, possibly {@code null}
     * @param maxLength the most characters kept
     * @return the line; empty for {@code null}
     */
    public static String oneLine(String raw, int maxLength) {
        if (raw == null) {
            return "";
        }
        StringBuilder line = new StringBuilder(Math.min(raw.length(), maxLength) + 1);
        boolean blank = false;
        for (int i = 0; i < raw.length(); ) {
            int c = raw.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                blank = line.length() > 0;
                continue;
            }
            if (!printable(c)) {
                continue;
            }
            if (line.length() + (blank ? 1 : 0) + Character.charCount(c) > maxLength) {
                return line.append('\u2026').toString();
            }
            if (blank) {
                line.append(' ');
                blank = false;
            }
            line.appendCodePoint(c);
        }
        return line.toString();
    }

    /**
     * A failure message for a log line: one line, at most {@value #MAX_LINE} characters, every
     * e-mail address in it replaced by {@code <address>} (a server's refusal may quote the
     * recipient; logs count users, they do not list their addresses).
     *
     * @param raw the message, possibly {@code null}
     * @return the line, {@code (no message)} for null or empty
     */
    public static String forLog(String raw) {
        String line = oneLine(raw == null ? null : ADDRESS.matcher(raw).replaceAll("<address>"), MAX_LINE);
        return line.isEmpty() ? "(no message)" : line;
    }

    private static boolean printable(int c) {
        int type = Character.getType(c);
        return !(Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE);
    }
}
