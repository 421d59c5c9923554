package io.github.pbxredundancy.core.internal;

import io.github.pbxredundancy.core.NotifierStats;
import io.github.pbxredundancy.core.event.RedundancyEvent;
import io.github.pbxredundancy.core.event.ReplicationEvent;
import io.github.pbxredundancy.core.spi.Notifier;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One notifier's own thread and bounded queue, so that a notifier that is slow or hangs holds
 * up nobody but itself. Offering never blocks: when the queue is full the event is dropped for
 * this notifier, counted and logged.
 *
 * <p>Not part of the API. Thread-safe.
 */
public final class NotifierLane {
    private static final Logger LOG = LoggerFactory.getLogger(io.github.pbxredundancy.core.Notifications.class);
    /** Notifications are rare; an idle lane gives its thread back after this long. */
    private static final long IDLE_SECONDS = 60;

    private final String name;
    private final Notifier notifier;
    private final int capacity;
    private final LaneExecutor executor;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /**
     * @param name the notifier's name, for logs and stats
     * @param notifier the notifier
     * @param capacity how many events may wait, at least 1
     * @param threads makes the lane's thread
     */
    public NotifierLane(String name, Notifier notifier, int capacity, ThreadFactory threads) {
        this.name = name;
        this.notifier = notifier;
        this.capacity = capacity;
        this.executor = new LaneExecutor(capacity, threads);
    }

    /**
     * Queues the event for the notifier, or drops it if the queue is full or the lane closed.
     *
     * @param event the event
     */
    public void offer(RedundancyEvent event) {
        try {
            executor.execute(() -> handle(event));
        } catch (RejectedExecutionException full) {
            long total = dropped.incrementAndGet();
            if (executor.isShutdown()) {
                LOG.debug("Notifier {} is closed; {} dropped", name, describe(event));
            } else {
                LOG.warn("Notifier {} is not keeping up: its queue of {} is full; {} dropped ({} dropped so far)",
                        name, capacity, describe(event), total);
            }
        }
    }

    private void handle(RedundancyEvent event) {
        try {
            notifier.notify(event);
            delivered.incrementAndGet();
        } catch (Throwable t) {
            // Caught so that the lane's thread survives and the next event is still handled.
            failed.incrementAndGet();
            LOG.warn("Notifier {} failed on {}", name, describe(event), t);
        }
    }

    /** @return the lane's counters now */
    public NotifierStats stats() {
        return new NotifierStats(name, delivered.get(), failed.get(), dropped.get(), executor.getQueue().size());
    }

    /** Accepts no further events; queued ones are still handled. */
    public void shutdown() {
        executor.shutdown();
    }

    /** Interrupts the notifier and forgets the queued events, counting them as dropped. */
    public void shutdownNow() {
        int forgotten = executor.shutdownNow().size();
        dropped.addAndGet(forgotten);
        if (forgotten > 0) {
            LOG.warn("Notifier {} did not finish in time; {} queued events dropped", name, forgotten);
        }
    }

    /** @return completes when the lane's thread has ended after a shutdown */
    public CompletableFuture<Void> terminated() {
        return executor.terminated;
    }

    /** @return the notifier's name */
    public String name() {
        return name;
    }

    private static String describe(RedundancyEvent event) {
        String type = event.getClass().getSimpleName();
        return event instanceof ReplicationEvent replication ? type + " of run " + replication.run() : type;
    }

    /** A single thread with a bounded queue that tells when it has terminated. */
    private static final class LaneExecutor extends ThreadPoolExecutor {
        final CompletableFuture<Void> terminated = new CompletableFuture<>();

        LaneExecutor(int capacity, ThreadFactory threads) {
            super(1, 1, IDLE_SECONDS, TimeUnit.SECONDS, new ArrayBlockingQueue<>(capacity), threads,
                    new ThreadPoolExecutor.AbortPolicy());
            allowCoreThreadTimeOut(true);
        }

        @Override
        protected void terminated() {
            super.terminated();
            terminated.complete(null);
        }
    }
}
