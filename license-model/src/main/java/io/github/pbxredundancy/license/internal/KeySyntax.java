package io.github.pbxredundancy.license.internal;

import io.github.pbxredundancy.license.PrintableText;
import io.github.pbxredundancy.license.LicenseKeyFormatException;

/**
 * Reads the license key format {@code XXXXX-XXXXX-XXXXX-XXXXX}: four groups of five ASCII
 * upper-case letters or digits joined by {@code -}.
 *
 * <p>Only ASCII is accepted on purpose: {@link Character#isLetterOrDigit} and
 * {@link String#toUpperCase()} would let an {@code ä}, an Arabic-Indic digit or a Turkish
 * dotless {@code ı} (which upper-cases to {@code I}) slip in, and a key that looks right but
 * differs from the vendor's is worse than a clear refusal.
 *
 * <p>Errors are checked in a fixed order, so that each input has exactly one answer: empty
 * input, then the first character that is not allowed, then the number of groups, then the
 * first group of the wrong length. Positions count Unicode characters (code points) of the
 * input after blanks were stripped, starting at 1; a character belongs to group 1 plus the
 * number of {@code -} before it.
 *
 * <p>Stateless and thread-safe.
 */
public final class KeySyntax {
    /** Groups in a key. */
    public static final int GROUPS = 4;
    /** Characters per group. */
    public static final int GROUP_LENGTH = 5;
    /** Length of a canonical key. */
    public static final int LENGTH = GROUPS * GROUP_LENGTH + GROUPS - 1;

    private KeySyntax() {
    }

    /**
     * Returns the canonical form of {@code raw}.
     *
     * @param field the field name for the error message, e.g. {@code license key}
     * @param raw the input
     * @param lenient whether surrounding blanks (space, tab) are stripped and ASCII lower
     *     case is upper-cased; when false only the canonical form is accepted
     * @return the canonical key text
     * @throws LicenseKeyFormatException naming the group and position at fault
     */
    public static String canonical(String field, String raw, boolean lenient) {
        if (raw == null) {
            throw new LicenseKeyFormatException(field, null, "is missing, expected " + shape(), 0, 0);
        }
        String text = lenient ? Blanks.strip(raw) : raw;
        if (text.isEmpty()) {
            throw new LicenseKeyFormatException(field, raw, "is empty, expected " + shape(), 0, 0);
        }
        StringBuilder out = new StringBuilder(text.length());
        int position = 0;
        int group = 1;
        int inGroup = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            position++;
            if (cp == '-') {
                group++;
                inGroup = 0;
                out.append('-');
                continue;
            }
            if (lenient && cp >= 'a' && cp <= 'z') {
                // Plain arithmetic instead of toUpperCase: no locale, no Unicode case folding.
                cp = cp - 'a' + 'A';
            }
            if (!(cp >= 'A' && cp <= 'Z') && !(cp >= '0' && cp <= '9')) {
                throw badCharacter(field, text, position, group, inGroup, cp, lenient);
            }
            inGroup++;
            out.append((char) cp);
        }
        String canonical = out.toString();
        String[] groups = canonical.split("-", -1);
        if (groups.length != GROUPS) {
            throw new LicenseKeyFormatException(field, text, "has "
                    + groups.length + (groups.length == 1 ? " group" : " groups")
                    + ", expected " + shape(), 0, 0);
        }
        for (int g = 0; g < GROUPS; g++) {
            if (groups[g].length() != GROUP_LENGTH) {
                throw new LicenseKeyFormatException(field, text, "group "
                        + (g + 1) + " has " + groups[g].length() + " characters, expected "
                        + GROUP_LENGTH, g + 1, 0);
            }
        }
        return canonical;
    }

    /**
     * The masked form of a canonical key: first and last group visible, the middle ones
     * replaced by {@code *****}.
     *
     * @param canonical a key as returned by {@link #canonical}
     * @return e.g. {@code XXXXX-*****-*****-11111}
     */
    public static String mask(String canonical) {
        int lastGroup = LENGTH - GROUP_LENGTH;
        return canonical.substring(0, GROUP_LENGTH) + "-*****-*****-" + canonical.substring(lastGroup);
    }

    private static LicenseKeyFormatException badCharacter(String field, String text, int position,
            int group, int inGroup, int cp, boolean lenient) {
        String expected;
        if (inGroup == GROUP_LENGTH && group < GROUPS) {
            expected = "the separator '-'";
        } else if (lenient) {
            expected = "an ASCII letter A-Z or digit 0-9";
        } else {
            expected = "an upper-case ASCII letter A-Z or digit 0-9 (LicenseKey.parse also accepts"
                    + " lower case and surrounding blanks)";
        }
        boolean attributable = group <= GROUPS;
        String where = "position " + position + (attributable ? " (group " + group + ")" : "");
        return new LicenseKeyFormatException(field, text, where
                + " is " + PrintableText.quote(new String(Character.toChars(cp))) + ", expected " + expected,
                attributable ? group : 0, position);
    }

    private static String shape() {
        return "four groups of five ASCII letters or digits joined by '-' (XXXXX-XXXXX-XXXXX-XXXXX)";
    }
}
