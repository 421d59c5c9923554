package io.github.pbxredundancy.core.promotion;

import io.github.pbxredundancy.license.PrintableText;
import java.util.regex.Pattern;

/** The rules for the machine-made names in records and audit entries: actions, steps, promotion ids. */
final class Names {
    /** An audit action: upper-case words joined by underscores, like the trigger names. */
    static final Pattern ACTION = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");
    /** A promotion step: lower-case words joined by hyphens, e.g. {@code network-takeover}. */
    static final Pattern STEP = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    /** A promotion id: letters, digits, dots, hyphens and underscores. */
    static final Pattern PROMOTION_ID = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._-]{0,63}");

    private Names() {
    }

    /**
     * Checks a name against its rule.
     *
     * @return the value
     * @throws IllegalArgumentException naming the field, the value and the rule
     */
    static String require(String field, String value, Pattern rule, String ruleText) {
        if (value == null || !rule.matcher(value).matches()) {
            throw PrintableText.invalid(field, value, ruleText);
        }
        return value;
    }

    static String step(String field, String value) {
        return require(field, value, STEP, "must be 1 to 40 lower-case letters, digits and hyphens, starting with a"
                + " letter (e.g. network-takeover)");
    }

    static String action(String value) {
        return require("action", value, ACTION, "must be 1 to 40 upper-case letters, digits and underscores, starting"
                + " with a letter (e.g. OVERRIDE)");
    }

    static String promotionId(String field, String value) {
        return require(field, value, PROMOTION_ID, "must be 1 to 64 letters, digits, dots, hyphens and underscores,"
                + " starting with a letter or digit");
    }
}
