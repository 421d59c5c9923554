package io.github.pbxredundancy.core.event;

import io.github.pbxredundancy.core.ReasonCode;
import java.time.Instant;
import java.util.Objects;

/**
 * An initialisation the operator confirmed failed after it had begun: the upload could not be
 * copied, the bundle was refused, or the host could not import the backup. Nothing was
 * recorded; the standby counts as initialised only if it was before (and then the host's data
 * may be partly overwritten: the host's importer decides that).
 *
 * @param at when
 * @param operator who started it
 * @param upload what was to be imported, e.g. {@code backup file 'pbx.sfb'}, printable
 * @param reason the failure's code, e.g. {@link ReasonCode#IMPORT_FAILED} or
 *     {@link ReasonCode#FOREIGN_PAIR}
 * @param message one line for the administrator
 */
public record InitializationFailed(Instant at, String operator, String upload, ReasonCode reason, String message)
        implements InitializationEvent {
    /** Validates the parts. */
    public InitializationFailed {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(upload, "upload");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }
}
