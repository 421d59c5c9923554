package io.github.pbxredundancy.core.spi;

import io.github.pbxredundancy.core.event.RedundancyEvent;

/**
 * Receives the library's events: failures for the administrator (R19), the standby's
 * watchdog alarms (B3), progress for a status page.
 *
 * <p>Implementations must be thread-safe. The library calls them outside its locks, catches
 * and logs what they throw, and never waits for a slow one longer than its dispatch timeout:
 * a broken notifier cannot stall replication.
 */
@FunctionalInterface
public interface Notifier {
    /**
     * Handles one event.
     *
     * @param event the event
     */
    void notify(RedundancyEvent event);
}
