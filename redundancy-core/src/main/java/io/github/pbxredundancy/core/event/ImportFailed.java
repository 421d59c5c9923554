package io.github.pbxredundancy.core.event;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.ReasonCode;
import java.time.Instant;
import java.util.Objects;

/**
 * The host could not import a verified bundle. The bundle stays kept, so the import can be
 * repeated; the standby's data is as old as its last successful import.
 *
 * @param at when
 * @param bundleId the bundle
 * @param reason the failure's code
 * @param message one line for the administrator
 */
public record ImportFailed(Instant at, BundleId bundleId, ReasonCode reason, String message) implements StandbyEvent {
    /** Validates the parts. */
    public ImportFailed {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(bundleId, "bundleId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }
}
