package io.github.pbxredundancy.license;

/**
 * A license key did not have the format {@code XXXXX-XXXXX-XXXXX-XXXXX}. The message names
 * the field, the (escaped) input and what was expected; {@link #group()} and
 * {@link #position()} say where, so that a user interface can highlight the spot.
 *
 * <p>The message repeats the malformed input: a key that does not parse identifies nothing,
 * and the administrator needs to see what they typed. Well-formed keys are only ever shown
 * {@linkplain LicenseKey#masked() masked}.
 *
 * <p>Immutable and thread-safe.
 */
public class LicenseKeyFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The group at fault, 1 to 4, or 0. */
    private final int group;
    /** The 1-based position at fault, or 0. */
    private final int position;
    /** The rule alone, for callers that name the field and value their own way. */
    private final String rule;

    /**
     * @param field the field's name, e.g. {@code license key}
     * @param raw the malformed input as received (escaped in the message), or {@code null}
     * @param rule what is wrong and what was expected
     * @param group the group at fault, 1 to 4, or 0 when no single group is
     * @param position the 1-based character position at fault in the input after stripping
     *     surrounding blanks, or 0 when no single character is
     */
    public LicenseKeyFormatException(String field, String raw, String rule, int group, int position) {
        super(field + " " + PrintableText.quote(raw) + ": " + rule);
        if (group < 0 || group > 4) {
            throw new IllegalArgumentException("group '" + group + "': must be 0 to 4");
        }
        if (position < 0) {
            throw new IllegalArgumentException("position '" + position + "': must be 0 or more");
        }
        this.group = group;
        this.position = position;
        this.rule = rule;
    }

    /**
     * What is wrong with the key and what was expected, without field and value.
     *
     * @return e.g. {@code group 2 has 4 characters, expected 5}
     */
    public String rule() {
        return rule;
    }

    /**
     * The group at fault: 1 to 4, or 0 when the input is empty, has the wrong number of
     * groups, or the bad character lies beyond a fourth group.
     *
     * @return the group number or 0
     */
    public int group() {
        return group;
    }

    /**
     * The 1-based position (in Unicode characters) of the first character that is not
     * allowed, counted in the input after surrounding blanks were stripped; 0 when no single
     * character is at fault (empty input, wrong number of groups, wrong group length).
     *
     * @return the position or 0
     */
    public int position() {
        return position;
    }
}
