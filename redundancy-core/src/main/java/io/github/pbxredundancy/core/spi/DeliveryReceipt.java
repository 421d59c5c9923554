package io.github.pbxredundancy.core.spi;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.ReasonCode;
import java.util.Objects;

/**
 * The standby's verdict on a delivered bundle, returned by a {@link Transport}.
 *
 * <p>Every verdict carries the receiving node's fencing epoch (B1) at the time of the verdict:
 * the highest of the epochs of the bundles it accepted and the floor its own node set (see
 * {@link io.github.pbxredundancy.core.Receiver#raiseEpochFloor}). A sender whose own epoch is
 * lower has been replaced by a promotion and must fence itself; the
 * {@link io.github.pbxredundancy.core.Replicator} reports such an epoch to its
 * {@link EpochObserver}. {@code 0} means unknown: a verdict the transport made itself (e.g. for
 * a file it could not read), or one from a standby too old to send its epoch. Since no node's
 * epoch is below 0, an unknown epoch never fences anyone.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface DeliveryReceipt permits DeliveryReceipt.Accepted, DeliveryReceipt.Rejected {

    /** The bundle the verdict is about. */
    BundleId bundleId();

    /**
     * The receiving node's fencing epoch when it gave the verdict.
     *
     * @return the epoch, 0 if unknown
     */
    long epoch();

    /**
     * The standby verified the bundle and keeps it.
     *
     * @param bundleId the bundle
     * @param sha256 the SHA-256 of the bundle as the standby computed it, lower-case hex; the
     *     sender compares it with its own
     * @param epoch the standby's fencing epoch after keeping the bundle, 0 if unknown
     */
    record Accepted(BundleId bundleId, String sha256, long epoch) implements DeliveryReceipt {
        /**
         * Validates every part.
         *
         * @throws InvalidInputException if {@code sha256} is not 64 lower-case hex digits or
         *     {@code epoch} is negative
         */
        public Accepted {
            Objects.requireNonNull(bundleId, "bundleId");
            // It comes from the standby: checked here, so no message ever quotes a hostile value.
            Delivery.requireSha256(sha256);
            requireEpoch(epoch);
        }

        /**
         * An acceptance whose epoch is unknown (0), for handlers that do not know it.
         *
         * @param bundleId the bundle
         * @param sha256 the SHA-256 the standby computed
         * @throws InvalidInputException if {@code sha256} is not 64 lower-case hex digits
         */
        public Accepted(BundleId bundleId, String sha256) {
            this(bundleId, sha256, 0);
        }
    }

    /**
     * The standby refused the bundle.
     *
     * @param bundleId the bundle
     * @param reason why, as a stable code
     * @param message the standby's explanation for the administrator
     * @param epoch the standby's fencing epoch, 0 if unknown; for {@link ReasonCode#STALE_EPOCH}
     *     the epoch the bundle's was lower than
     */
    record Rejected(BundleId bundleId, ReasonCode reason, String message, long epoch) implements DeliveryReceipt {
        /**
         * Validates every part.
         *
         * @throws InvalidInputException if {@code epoch} is negative
         */
        public Rejected {
            Objects.requireNonNull(bundleId, "bundleId");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
            requireEpoch(epoch);
        }

        /**
         * A rejection whose epoch is unknown (0), for handlers and transports that do not know it.
         *
         * @param bundleId the bundle
         * @param reason why
         * @param message the explanation
         */
        public Rejected(BundleId bundleId, ReasonCode reason, String message) {
            this(bundleId, reason, message, 0);
        }
    }

    private static void requireEpoch(long epoch) {
        if (epoch < 0) {
            throw InvalidInputException.of("epoch", Long.toString(epoch), "must be 0 or more");
        }
    }
}
