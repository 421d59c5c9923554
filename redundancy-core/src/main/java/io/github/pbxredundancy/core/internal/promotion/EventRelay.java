package io.github.pbxredundancy.core.internal.promotion;

import io.github.pbxredundancy.core.event.RedundancyEvent;
import io.github.pbxredundancy.core.spi.Notifier;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a node's events to the notifier in the order they happened, outside the lifecycle's
 * lock: a change queues its event while it holds the lock, and after releasing the lock calls
 * {@link #drain()}. One thread at a time delivers; another thread that drains meanwhile leaves
 * its events to it, so a notifier sees the changes in order and is never called twice at once
 * by one relay. What the notifier throws is logged and does not undo the change.
 *
 * <p>Not part of the API. Thread-safe.
 */
public final class EventRelay {
    private static final Logger LOG = LoggerFactory.getLogger(EventRelay.class);

    private final Notifier notifier;
    private final Queue<RedundancyEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean delivering = new AtomicBoolean();

    /**
     * @param notifier receives the events
     */
    public EventRelay(Notifier notifier) {
        this.notifier = notifier;
    }

    /**
     * Queues an event; call while holding the lock that orders the changes.
     *
     * @param event the event
     */
    public void enqueue(RedundancyEvent event) {
        queue.add(event);
    }

    /** Delivers the queued events, unless another thread is delivering; never while holding a lock. */
    public void drain() {
        // Re-check after letting go: an event queued while this thread finished is not left behind.
        while (!queue.isEmpty() && delivering.compareAndSet(false, true)) {
            try {
                for (RedundancyEvent event = queue.poll(); event != null; event = queue.poll()) {
                    deliver(event);
                }
            } finally {
                delivering.set(false);
            }
        }
    }

    private void deliver(RedundancyEvent event) {
        try {
            notifier.notify(event);
        } catch (Throwable t) {
            // The change is on disk and audited whatever the notifier does.
            LOG.warn("Notifier {} failed on {}", notifier, event.getClass().getSimpleName(), t);
        }
    }
}
