package io.github.pbxredundancy.core.spi;

import io.github.pbxredundancy.core.event.RedundancyEvent;

/**
 * Receives the library's events: failures for the administrator (R19), the standby's
 * watchdog alarms (B3), progress for a status page.
 *
 * <p>Implementations must be thread-safe. The library calls them outside its locks and catches
 * and logs what they throw. A notifier that may be slow (mail, HTTP) belongs behind
 * {@link io.github.pbxredundancy.core.Notifications}, which gives each notifier its own thread
 * and bounded queue, so a hanging one never stalls replication.
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
