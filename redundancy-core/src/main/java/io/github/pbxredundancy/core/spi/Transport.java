package io.github.pbxredundancy.core.spi;

/**
 * Delivers bundles from the active to the standby and returns the standby's verdict. One
 * implementation per way of reaching the standby: a shared directory ({@code file:}), SFTP,
 * HTTPS.
 *
 * <p>A transport reports failures as {@link io.github.pbxredundancy.core.RedundancyException}s
 * whose {@link io.github.pbxredundancy.core.ReasonCode} tells the retry logic whether another
 * attempt can help (authentication and host-key failures cannot). Messages never contain
 * secrets. Implementations must allow {@link #deliver} from one thread at a time per
 * instance and release their resources on {@link #close()}.
 */
public interface Transport extends AutoCloseable {
    /**
     * Delivers one bundle and waits for the standby's verdict.
     *
     * @param delivery the bundle
     * @param listener hears progress
     * @return the verdict: accepted with the standby's hash, or rejected with a reason
     * @throws io.github.pbxredundancy.core.RedundancyException if the bundle could not be
     *     delivered or no verdict arrived in time
     */
    DeliveryReceipt deliver(Delivery delivery, TransferListener listener);

    /** Releases connections and threads; delivering afterwards fails. */
    @Override
    void close();
}
