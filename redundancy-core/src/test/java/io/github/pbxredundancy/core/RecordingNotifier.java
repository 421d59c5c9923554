package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.event.RedundancyEvent;
import io.github.pbxredundancy.core.spi.Notifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Keeps every event; tests read them, or wait a bounded time for one from another thread. */
public final class RecordingNotifier implements Notifier {
    private final List<RedundancyEvent> events = new ArrayList<>();

    @Override
    public synchronized void notify(RedundancyEvent event) {
        events.add(event);
        notifyAll();
    }

    public synchronized List<RedundancyEvent> events() {
        return List.copyOf(events);
    }

    public synchronized <T> List<T> ofType(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Waits at most {@code timeout} until an event of the type has arrived; fails the test otherwise. */
    public synchronized <T> T awaitFirst(Class<T> type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<T> found = ofType(type);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no " + type.getSimpleName() + " within " + timeout + "; events: " + events);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
