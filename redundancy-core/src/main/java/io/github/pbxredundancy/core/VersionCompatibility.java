package io.github.pbxredundancy.core;

/**
 * Which backup may be imported where (R20, R30): a backup can be imported only on a system
 * running the same or a newer software version than the system that created it. A standby
 * left on an older version cannot import in an emergency, which is why it is reported early.
 *
 * <p>Stateless and thread-safe.
 */
public final class VersionCompatibility {
    private VersionCompatibility() {
    }

    /** True iff {@code targetVersion >= backupVersion}. */
    public static boolean canImport(SoftwareVersion backupVersion, SoftwareVersion targetVersion) {
        return targetVersion.compareTo(backupVersion) >= 0;
    }

    /**
     * Throws unless the backup can be imported onto the target.
     *
     * @throws RedundancyException with {@link ReasonCode#VERSION_INCOMPATIBLE}, saying which
     *     node to update
     */
    public static void requireImportable(SoftwareVersion backupVersion, SoftwareVersion targetVersion) {
        if (!canImport(backupVersion, targetVersion)) {
            throw new RedundancyException(ReasonCode.VERSION_INCOMPATIBLE,
                    "a backup made by version " + backupVersion + " cannot be imported on version "
                            + targetVersion + ": update the standby to " + backupVersion + " or newer");
        }
    }
}
