package io.github.pbxredundancy.core;

import java.util.Objects;

/**
 * What one notifier behind {@link Notifications} has done so far, for tests and status pages.
 * {@code delivered + failed + dropped + queued} is the number of events offered to it, up to the
 * one it is handling right now.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the notifier's name, as given to the builder
 * @param delivered events it handled without throwing
 * @param failed events on which it threw (each was logged)
 * @param dropped events it never saw because its queue was full or the dispatcher was closed
 * @param queued events waiting in its queue
 */
public record NotifierStats(String name, long delivered, long failed, long dropped, int queued) {
    /** Validates that the name is present. */
    public NotifierStats {
        Objects.requireNonNull(name, "name");
    }
}
