package io.github.pbxredundancy.license.internal;

import java.util.Objects;

/**
 * One rule one field of a license broke.
 *
 * <p>Immutable and thread-safe.
 *
 * @param field the field
 * @param shownValue the value, already quoted and free of secrets (keys masked)
 * @param rule the rule, phrased so that it says how to fix the value
 */
public record Violation(LicenseField field, String shownValue, String rule) {

    /** Checks that every part is present. */
    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(shownValue, "shownValue");
        Objects.requireNonNull(rule, "rule");
    }

    /**
     * {@code field 'value': rule} with the record component's name.
     *
     * @return one line
     */
    public String inRecordTerms() {
        return field.recordName() + " " + shownValue + ": " + rule;
    }

    /**
     * {@code field 'value': rule} with the license file's name for the field.
     *
     * @return one line
     */
    public String inFileTerms() {
        return field.fileName() + " " + shownValue + ": " + rule;
    }
}
