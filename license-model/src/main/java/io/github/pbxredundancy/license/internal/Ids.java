package io.github.pbxredundancy.license.internal;

import io.github.pbxredundancy.license.PrintableText;

/**
 * The one syntax shared by license kinds and module ids, so that both read alike in a
 * license file and can never contain a character that needs escaping there.
 *
 * <p>Stateless and thread-safe.
 */
public final class Ids {
    /** Longest id accepted; vendor ids are short words. */
    public static final int MAX_LENGTH = 32;

    /** The rule, worded for an error message. */
    public static final String RULE = "must be 1 to " + MAX_LENGTH
            + " lower-case ASCII letters a-z, digits 0-9 or '-', starting with a letter";

    private Ids() {
    }

    /**
     * Returns {@code id} unchanged if it follows the syntax.
     *
     * @param field the field name for the error message
     * @param id the candidate
     * @return {@code id}
     * @throws IllegalArgumentException naming field, value and rule otherwise
     */
    public static String check(String field, String id) {
        if (!isValid(id)) {
            throw PrintableText.invalid(field, id, RULE);
        }
        return id;
    }

    /**
     * Whether {@code id} follows the syntax; {@code null} does not.
     *
     * @param id the candidate
     * @return true if valid
     */
    public static boolean isValid(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        if (!isLower(id.charAt(0))) {
            return false;
        }
        for (int i = 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!isLower(c) && !(c >= '0' && c <= '9') && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }
}
