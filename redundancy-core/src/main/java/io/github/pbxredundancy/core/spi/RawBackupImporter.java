package io.github.pbxredundancy.core.spi;

import java.io.IOException;

/**
 * Implemented by the host on the standby: imports its own backup, as an administrator uploaded
 * it, over all of the standby's data (R13, STARFACE's "Standby-Import"). Unlike a bundle for the
 * {@link BackupImporter}, the upload has no manifest, so the library cannot check its pair,
 * version or epoch: the host checks what its own backup format allows (R20), and the operator
 * has confirmed the overwrite. Usually the same restore the {@link BackupImporter} runs, e.g.
 * {@code request -> restore(request.directory())}.
 *
 * <p>Called one import at a time, never concurrently with the receiver's imports.
 */
@FunctionalInterface
public interface RawBackupImporter {
    /**
     * Imports the backup.
     *
     * @param request the copied backup and its figures; the directory is deleted after the call
     * @throws IOException if the import failed; the standby is then not recorded as initialised
     */
    void importRawBackup(RawImportRequest request) throws IOException;
}
