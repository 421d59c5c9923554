package io.github.pbxredundancy.core.spi;

import io.github.pbxredundancy.core.BundleId;
import java.nio.file.Path;

/**
 * The standby's judge of delivered bundles: the receiving end of every transport (the
 * {@code file:} transport's {@link io.github.pbxredundancy.core.transport.InboxWatcher}, an SFTP
 * inbox, an HTTPS endpoint) hands each complete bundle to one. The library's receiver, which
 * verifies, keeps and imports bundles, is one; tests plug in others.
 *
 * <p>Each transport calls its handler from one thread at a time. A handler used by several
 * transports at once must be thread-safe.
 */
@FunctionalInterface
public interface BundleHandler {
    /**
     * Judges one complete bundle.
     *
     * <p>The file is a regular file when the call starts, but it lies in a directory the sender
     * can write to: open it without following links
     * ({@link java.nio.file.LinkOption#NOFOLLOW_LINKS}) and trust only what you read. It is yours
     * only during the call: copy or move it to keep it; the caller deletes whatever is left.
     * The same bundle may arrive again (a sender that lost the verdict delivers it once more);
     * judging it again must give the same verdict.
     *
     * @param id the bundle's id, from the file name the sender chose
     * @param completeBundle the bundle file
     * @param sha256 the SHA-256 the sender announced, 64 lower-case hex digits; compare it with
     *     what you compute
     * @return the verdict: {@link DeliveryReceipt.Accepted} with the SHA-256 the handler computed,
     *     or {@link DeliveryReceipt.Rejected} with a reason code and a message for the sender's
     *     administrator; the receipt's id must be {@code id}
     * @throws RuntimeException on a failure that is not a verdict on the bundle; the transport
     *     answers it as a rejection (a {@link io.github.pbxredundancy.core.RedundancyException}'s
     *     own reason code, {@code UNEXPECTED} for anything else) and logs it
     */
    DeliveryReceipt handle(BundleId id, Path completeBundle, String sha256);
}
