package io.github.pbxredundancy.core.event;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.ReasonCode;
import java.time.Instant;
import java.util.Objects;

/**
 * The standby refused a bundle; nothing of it was kept and the previous good bundle stays
 * current. Reported on the standby, and answered to the active as a rejected receipt.
 *
 * @param at when
 * @param bundleId the bundle
 * @param reason why, e.g. {@link ReasonCode#VERSION_INCOMPATIBLE} ("update the standby")
 * @param message one line for the administrator
 */
public record BundleRefused(Instant at, BundleId bundleId, ReasonCode reason, String message) implements StandbyEvent {
    /** Validates the parts. */
    public BundleRefused {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(bundleId, "bundleId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }
}
