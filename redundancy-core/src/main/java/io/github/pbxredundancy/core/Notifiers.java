package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.internal.LoggingNotifier;
import io.github.pbxredundancy.core.spi.Notifier;

/**
 * The notifiers the core ships. Separate jars add more (mail).
 *
 * <p>Stateless and thread-safe.
 */
public final class Notifiers {
    private Notifiers() {
    }

    /**
     * The default notifier: logs every event through SLF4J, to the logger
     * {@value LoggingNotifier#LOGGER_NAME}, on one line in English, at a level fitting its
     * severity: {@code RunFailed}, {@code BundleRefused}, {@code ImportFailed}, {@code WatchdogAlarm},
     * {@code InitializationFailed}, {@code NodeFenced} and {@code PeerUnreachableAtStartup} (and a
     * state change to {@code FENCED} or {@code PROMOTION_FAILED}, and a failed failback step) at
     * error, {@code AttemptFailed} and {@code RunSkipped} (and a skipped failback step) at warn,
     * every other event (e.g. {@code WatchdogRecovered}, {@code StandbyInitialized}) at info. It
     * never blocks beyond what the logging backend does, and events carry no secrets.
     *
     * @return the shared, stateless instance
     */
    public static Notifier logging() {
        return LoggingNotifier.INSTANCE;
    }
}
