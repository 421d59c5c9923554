package io.github.pbxredundancy.license;

import io.github.pbxredundancy.license.internal.Ids;

/**
 * Names the module a module license unlocks.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id 1 to 32 lower-case ASCII letters, digits or {@code -}, starting with a letter
 */
public record ModuleId(String id) {
    /**
     * The redundancy module itself: its license must be on the active before the module can
     * be configured (R6), and its counterpart on the standby (R11).
     */
    public static final ModuleId REDUNDANCY = new ModuleId("redundancy");

    /**
     * Validates the id.
     *
     * @throws IllegalArgumentException naming the id and the rule
     */
    public ModuleId {
        Ids.check("module id", id);
    }

    /**
     * The module with this id.
     *
     * @param id 1 to 32 lower-case ASCII letters, digits or {@code -}, starting with a letter
     * @return the module id
     * @throws IllegalArgumentException naming the id and the rule
     */
    public static ModuleId of(String id) {
        return new ModuleId(id);
    }

    /**
     * The id, as written in a license file.
     *
     * @return the id
     */
    @Override
    public String toString() {
        return id;
    }
}
