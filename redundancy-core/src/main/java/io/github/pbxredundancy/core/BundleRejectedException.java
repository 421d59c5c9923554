package io.github.pbxredundancy.core;

import java.util.EnumSet;
import java.util.Set;

/**
 * A bundle was refused because of what is in it (or missing from it): damaged or cut short
 * ({@link ReasonCode#INTEGRITY_FAILED}, retryable: a fresh transfer may be intact), unsafe to
 * extract ({@link ReasonCode#UNSAFE_ARCHIVE}), over a {@link BundleLimits limit}
 * ({@link ReasonCode#LIMIT_EXCEEDED}), of another pair ({@link ReasonCode#FOREIGN_PAIR}), of a
 * newer software version ({@link ReasonCode#VERSION_INCOMPATIBLE}) or of a lower fencing epoch
 * ({@link ReasonCode#STALE_EPOCH}).
 *
 * <p>A failure of the local disk while reading or writing is not a rejection: it is reported
 * as a plain {@link RedundancyException}, so a receiver does not discard a good bundle for it.
 *
 * <p>Immutable once thrown; safe to hand to other threads.
 */
public final class BundleRejectedException extends RedundancyException {
    private static final long serialVersionUID = 1L;
    private static final Set<ReasonCode> REJECTIONS = EnumSet.of(ReasonCode.INTEGRITY_FAILED,
            ReasonCode.UNSAFE_ARCHIVE, ReasonCode.LIMIT_EXCEEDED, ReasonCode.FOREIGN_PAIR,
            ReasonCode.VERSION_INCOMPATIBLE, ReasonCode.STALE_EPOCH);

    /**
     * @param reason one of the codes listed above
     * @param message what is wrong, naming the entry, the limit or the expected and actual values
     * @throws IllegalArgumentException for any other code
     */
    public BundleRejectedException(ReasonCode reason, String message) {
        this(reason, message, null);
    }

    /**
     * @param reason one of the codes listed above
     * @param message what is wrong, naming the entry, the limit or the expected and actual values
     * @param cause the underlying exception, or {@code null}
     * @throws IllegalArgumentException for any other code
     */
    public BundleRejectedException(ReasonCode reason, String message, Throwable cause) {
        super(requireRejection(reason), message, cause);
    }

    private static ReasonCode requireRejection(ReasonCode reason) {
        if (!REJECTIONS.contains(reason)) {
            throw new IllegalArgumentException("not a reason to reject a bundle: " + reason);
        }
        return reason;
    }
}
