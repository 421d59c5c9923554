package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import io.github.pbxredundancy.core.spi.TransferListener;

/**
 * The two blocking steps of a replication run, as the {@link Replicator} sees them: make a
 * bundle from a fresh host backup, and deliver it to the standby. The production implementation
 * combines the host's {@link io.github.pbxredundancy.core.spi.BackupSource}, the bundle writer
 * and a {@link io.github.pbxredundancy.core.spi.Transport}; tests plug in fakes.
 *
 * <p>The replicator calls both methods on its executor for blocking work, never on the
 * scheduler's thread, and never two calls at once for one replicator. Failures should be
 * {@link RedundancyException}s whose {@link ReasonCode} tells the retry schedule whether
 * another attempt can help; anything else is reported as {@link ReasonCode#UNEXPECTED} and
 * retried.
 */
public interface ReplicationSteps {

    /**
     * Creates the host's backup and wraps it into a bundle. Subject to the replicator's backup
     * timeout: when it expires, the thread is interrupted and the attempt fails with
     * {@link ReasonCode#BACKUP_FAILED}; a bundle returned after that is cleaned up unused.
     *
     * @param run the number of the run, from 1
     * @return the bundle, delivered on every attempt of the run
     * @throws RedundancyException if no bundle can be made, e.g. {@link ReasonCode#BACKUP_FAILED}
     */
    PreparedBundle prepare(long run);

    /**
     * Delivers the bundle and waits for the standby's verdict. No timeout of the replicator
     * applies: the transport must bound its own waits, or the run stays in progress and the
     * following runs are skipped.
     *
     * @param bundle the bundle from {@link #prepare}
     * @param listener hears progress
     * @return the standby's verdict; an accepted receipt counts only if its SHA-256 matches
     * @throws RedundancyException if the bundle could not be delivered
     */
    DeliveryReceipt deliver(PreparedBundle bundle, TransferListener listener);
}
