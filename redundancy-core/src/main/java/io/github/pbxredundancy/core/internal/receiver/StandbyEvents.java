package io.github.pbxredundancy.core.internal.receiver;

import io.github.pbxredundancy.core.event.StandbyEvent;
import io.github.pbxredundancy.core.spi.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the receiver's events to the host's notifier, always outside the receiver's lock, and
 * keeps a failing notifier from failing a delivery or an import.
 *
 * <p>Not part of the API. Thread-safe if the notifier is.
 */
final class StandbyEvents {
    private static final Logger LOG = LoggerFactory.getLogger(StandbyEvents.class);

    private final Notifier notifier;

    StandbyEvents(Notifier notifier) {
        this.notifier = notifier;
    }

    void emit(StandbyEvent event) {
        try {
            notifier.notify(event);
        } catch (Throwable t) {
            // The verdict stands whatever the notifier does; the sender still gets its receipt.
            LOG.warn("Notifier {} failed on {} of bundle {}", notifier, event.getClass().getSimpleName(), event.bundleId(), t);
        }
    }
}
