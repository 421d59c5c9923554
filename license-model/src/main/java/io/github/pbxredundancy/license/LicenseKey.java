package io.github.pbxredundancy.license;

import io.github.pbxredundancy.license.internal.KeySyntax;

/**
 * A license key in its canonical form {@code XXXXX-XXXXX-XXXXX-XXXXX}: four groups of five
 * ASCII upper-case letters or digits joined by {@code -} (R7). The active's server license
 * key also identifies a redundancy pair (R12).
 *
 * <p>Keys are semi-secret: {@link #toString()} gives only the {@linkplain #masked() masked}
 * form, so a key can be logged or put into a message without leaking it. Use
 * {@link #value()} only where the full key is really needed (a license file, the vendor).
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the canonical key; the constructor accepts nothing else, use
 *     {@link #parse(String)} for input typed by a person
 */
public record LicenseKey(String value) {

    /**
     * Accepts only the canonical form (upper case, no surrounding blanks), so that
     * {@code value()} is exactly what was passed in.
     *
     * @throws LicenseKeyFormatException if {@code value} is not canonical
     */
    public LicenseKey {
        value = KeySyntax.canonical("license key", value, false);
    }

    /**
     * Reads a key typed by a person: surrounding spaces and tabs are stripped and ASCII
     * {@code a-z} are upper-cased; everything else must already be right. Refused are: null,
     * empty or blank input; characters other than ASCII letters, digits and {@code -}
     * (non-ASCII letters and digits such as {@code ä}, {@code ı}, Arabic-Indic or full-width
     * digits, other separators such as {@code _}, an en dash or an inner blank); a number of
     * groups other than four; a group not five characters long.
     *
     * @param text the input, possibly {@code null}
     * @return the key
     * @throws LicenseKeyFormatException naming the group and position at fault
     */
    public static LicenseKey parse(String text) {
        return new LicenseKey(KeySyntax.canonical("license key", text, true));
    }

    /**
     * The key with its middle groups hidden: {@code XXXXX-*****-*****-11111}. Enough for an
     * administrator to tell keys apart, not enough to use one.
     *
     * @return the masked key
     */
    public String masked() {
        return KeySyntax.mask(value);
    }

    /**
     * The {@linkplain #masked() masked} key, never the full one.
     *
     * @return the masked key
     */
    @Override
    public String toString() {
        return masked();
    }
}
