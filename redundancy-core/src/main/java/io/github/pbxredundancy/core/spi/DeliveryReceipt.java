package io.github.pbxredundancy.core.spi;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.ReasonCode;
import java.util.Objects;

/**
 * The standby's verdict on a delivered bundle, returned by a {@link Transport}.
 */
public sealed interface DeliveryReceipt permits DeliveryReceipt.Accepted, DeliveryReceipt.Rejected {

    /** The bundle the verdict is about. */
    BundleId bundleId();

    /**
     * The standby verified the bundle and keeps it.
     *
     * @param bundleId the bundle
     * @param sha256 the SHA-256 of the bundle as the standby computed it, lower-case hex; the
     *     sender compares it with its own
     */
    record Accepted(BundleId bundleId, String sha256) implements DeliveryReceipt {
        /**
         * Validates both parts.
         *
         * @throws io.github.pbxredundancy.core.InvalidInputException if {@code sha256} is not 64 lower-case hex digits
         */
        public Accepted {
            Objects.requireNonNull(bundleId, "bundleId");
            // It comes from the standby: checked here, so no message ever quotes a hostile value.
            Delivery.requireSha256(sha256);
        }
    }

    /**
     * The standby refused the bundle.
     *
     * @param bundleId the bundle
     * @param reason why, as a stable code
     * @param message the standby's explanation for the administrator
     */
    record Rejected(BundleId bundleId, ReasonCode reason, String message) implements DeliveryReceipt {
        /** Validates every part. */
        public Rejected {
            Objects.requireNonNull(bundleId, "bundleId");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }
}
