package io.github.pbxredundancy.core.event;

import io.github.pbxredundancy.core.Initialization;
import java.time.Instant;
import java.util.Objects;

/**
 * The standby was initialised: the host imported the active's full backup over all of the
 * standby's data, and the initialisation is recorded durably (R13).
 *
 * @param initialization what was recorded: when, by whom, why, from what, forced or not
 */
public record StandbyInitialized(Initialization initialization) implements InitializationEvent {
    /** Validates that the record is present. */
    public StandbyInitialized {
        Objects.requireNonNull(initialization, "initialization");
    }

    /** When the initialisation was recorded. */
    @Override
    public Instant at() {
        return initialization.at();
    }

    @Override
    public String operator() {
        return initialization.operator();
    }
}
