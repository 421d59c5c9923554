package io.github.pbxredundancy.core.event;

import io.github.pbxredundancy.core.BundleId;
import java.time.Instant;
import java.util.Objects;

/**
 * The host imported a verified bundle; the standby's data is now as of {@code createdAt}.
 *
 * @param at when the import finished
 * @param bundleId the bundle
 * @param createdAt when the active created it
 */
public record BackupImported(Instant at, BundleId bundleId, Instant createdAt) implements StandbyEvent {
    /** Validates the parts. */
    public BackupImported {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(bundleId, "bundleId");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
