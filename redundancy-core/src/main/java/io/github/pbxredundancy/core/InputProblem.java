package io.github.pbxredundancy.core;

import io.github.pbxredundancy.license.PrintableText;
import java.util.Objects;

/**
 * One rule that one input field broke.
 *
 * @param field the field's name as the administrator knows it (a settings key, a parameter)
 * @param value the offending value, already made printable and free of secrets
 * @param rule the rule, phrased so that it says how to fix the value
 */
public record InputProblem(String field, String value, String rule) {

    /** Validates that every part is present. */
    public InputProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(rule, "rule");
    }

    /** Builds a problem, making the raw value printable ({@link PrintableText#quote}). */
    public static InputProblem of(String field, String rawValue, String rule) {
        return new InputProblem(field, PrintableText.quote(rawValue), rule);
    }

    /** {@code field 'value': rule}: one line, safe for logs. */
    @Override
    public String toString() {
        return field + " " + value + ": " + rule;
    }
}
