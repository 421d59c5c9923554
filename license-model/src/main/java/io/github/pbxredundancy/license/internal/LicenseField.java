package io.github.pbxredundancy.license.internal;

/**
 * The fields of a license, each with the name it has in the {@code License} record and in a
 * license file, so that one set of rules can report in either vocabulary.
 *
 * <p>Immutable and thread-safe.
 */
public enum LicenseField {
    /** The license kind. */
    KIND("kind", "kind"),
    /** The edition. */
    EDITION("edition", "edition"),
    /** The key. */
    KEY("key", "key"),
    /** The quantity (users for user licenses). */
    QUANTITY("quantity", "quantity"),
    /** The module a module license unlocks. */
    MODULE("module", "module"),
    /** The hardware id the license is bound to. */
    BOUND_HARDWARE("boundHardware", "hardware"),
    /** The base license a failover license is bound to. */
    BOUND_BASE_LICENSE("boundBaseLicense", "base");

    private final String recordName;
    private final String fileName;

    LicenseField(String recordName, String fileName) {
        this.recordName = recordName;
        this.fileName = fileName;
    }

    /**
     * The record component's name.
     *
     * @return e.g. {@code boundBaseLicense}
     */
    public String recordName() {
        return recordName;
    }

    /**
     * The field's or attribute's name in a license file.
     *
     * @return e.g. {@code base}
     */
    public String fileName() {
        return fileName;
    }
}
