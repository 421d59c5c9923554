package io.github.pbxredundancy.core.internal;

/**
 * The rule for free text an operator types that the library records and puts into messages and
 * state files (an operator's name, a reason): any language's letters, but no control, format or
 * line-separator characters and no unpaired surrogates, so that a value can neither break a
 * {@code key=value} line nor forge a log line, and is stored as the operator wrote it.
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
public final class AuditText {
    private AuditText() {
    }

    /**
     * What is wrong with a value, if anything.
     *
     * @param value the value, possibly {@code null}
     * @param maxLength the most characters (UTF-16 units) allowed
     * @param blankAllowed whether an empty or all-blank value is allowed
     * @return the broken rule, phrased as "must ...", or {@code null} if the value is fine
     */
    public static String problem(String value, int maxLength, boolean blankAllowed) {
        String rule = blankAllowed
                ? "must be at most " + maxLength + " printable characters (no line breaks or control characters)"
                : "must be 1 to " + maxLength + " printable characters, not all blank (no line breaks or control"
                        + " characters)";
        if (value == null || value.length() > maxLength || (!blankAllowed && value.isBlank())) {
            return rule;
        }
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE
                    || type == Character.UNASSIGNED || type == Character.PRIVATE_USE) {
                return rule;
            }
            i += Character.charCount(c);
        }
        return null;
    }

    /**
     * Makes text from outside (a peer's answer, a host's reason) fit the rule: every character
     * the rule forbids becomes {@code ?}, and a value longer than {@code maxLength} is cut and ends
     * in {@code ...}. Blank stays blank.
     *
     * @param raw the text, possibly {@code null} (then empty)
     * @param maxLength the most characters allowed, at least 3
     * @return a value {@link #problem} accepts when blank is allowed
     */
    public static String safe(String raw, int maxLength) {
        if (raw == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(raw.length(), maxLength));
        for (int i = 0; i < raw.length(); ) {
            int c = raw.codePointAt(i);
            int type = Character.getType(c);
            boolean forbidden = Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE
                    || type == Character.UNASSIGNED || type == Character.PRIVATE_USE;
            String shown = forbidden ? "?" : new String(Character.toChars(c));
            if (out.length() + shown.length() > maxLength) {
                out.setLength(Math.max(0, Math.min(out.length(), maxLength - 3)));
                if (out.length() > 0 && Character.isHighSurrogate(out.charAt(out.length() - 1))) {
                    out.setLength(out.length() - 1);
                }
                return out.append("...").toString();
            }
            out.append(shown);
            i += Character.charCount(c);
        }
        return out.toString();
    }
}
