package io.github.pbxredundancy.core.spi;

import java.io.IOException;

/**
 * Implemented by the host on the standby: imports a verified backup over the standby's data
 * (R1, R13). The library calls it only with a bundle that passed every check (hashes, archive
 * safety, pair identity, software version, epoch), one import at a time, never concurrently.
 */
@FunctionalInterface
public interface BackupImporter {
    /**
     * Imports the backup.
     *
     * @param request the extracted backup and its manifest; the directory is deleted after the call
     * @throws IOException if the import failed; the bundle stays kept and the failure is reported
     */
    void importBackup(ImportRequest request) throws IOException;
}
