package io.github.pbxredundancy.license.internal;

/**
 * Strips the blanks a person may type around a value: spaces and tabs only. Other
 * whitespace (no-break space, line breaks) is left in place so that the value's own check
 * refuses it instead of it vanishing silently.
 *
 * <p>Stateless and thread-safe.
 */
public final class Blanks {

    private Blanks() {
    }

    /**
     * The text without leading and trailing spaces and tabs.
     *
     * @param text the text, not {@code null}
     * @return the stripped text
     */
    public static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isBlank(text.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
