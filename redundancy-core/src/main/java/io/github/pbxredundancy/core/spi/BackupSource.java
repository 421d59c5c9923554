package io.github.pbxredundancy.core.spi;

import java.io.IOException;

/**
 * Implemented by the host on the active node: creates a fresh backup for one replication run.
 *
 * <p>The library calls it on one of its own threads and gives up after the configured timeout
 * (the attempt then fails with {@link io.github.pbxredundancy.core.ReasonCode#BACKUP_FAILED}
 * and is retried like any other); an implementation should react to interruption. Calls for
 * one pair never overlap: while a timed-out call is still running, no new one starts.
 */
@FunctionalInterface
public interface BackupSource {
    /**
     * Creates the backup.
     *
     * @return the backup, readable until the run ends
     * @throws IOException if the backup cannot be created
     */
    Backup createBackup() throws IOException;
}
