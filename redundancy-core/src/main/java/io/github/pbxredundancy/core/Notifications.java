package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.event.RedundancyEvent;
import io.github.pbxredundancy.core.internal.NotifierLane;
import io.github.pbxredundancy.core.spi.Notifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fans every event out to several {@link Notifier}s (mail, log, a status page) without letting
 * any of them hold up the caller or each other: each notifier has its own thread and a bounded
 * queue (a lane). {@link #notify} only queues and returns at once; a notifier that throws is
 * logged with the event's type and counted; a notifier that hangs only fills its own queue, after
 * which further events are dropped for it, counted and logged, while the others go on.
 *
 * <p>Each notifier sees the events in the order they were offered. The lanes' threads are made
 * by the builder's thread factory (daemon threads named {@code pbx-redundancy-notifier-NAME} by
 * default) and end after a minute without events; {@link #close()} ends them for good.
 *
 * <p>Thread-safe.
 */
public final class Notifications implements Notifier, AutoCloseable {
    /** Queue capacity per notifier unless set otherwise: far more than one run's events. */
    public static final int DEFAULT_QUEUE_CAPACITY = 100;
    /** The most events that may wait for one notifier. */
    public static final int MAX_QUEUE_CAPACITY = 100_000;
    /** How long {@link #close()} waits for queued events unless set otherwise. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final List<NotifierLane> lanes;
    private final Duration closeTimeout;

    private Notifications(List<NotifierLane> lanes, Duration closeTimeout) {
        this.lanes = List.copyOf(lanes);
        this.closeTimeout = closeTimeout;
    }

    /**
     * A dispatcher with the default settings, the notifiers named {@code notifier-1},
     * {@code notifier-2}, ... in order.
     *
     * @param notifiers one or more notifiers
     * @return the dispatcher, with its lanes ready
     * @throws InvalidInputException if there is no notifier or one is {@code null}
     */
    public static Notifications of(Notifier... notifiers) {
        Builder builder = builder();
        for (int i = 0; i < notifiers.length; i++) {
            builder.notifier("notifier-" + (i + 1), notifiers[i]);
        }
        return builder.build();
    }

    /**
     * A builder for named notifiers, queue capacity, thread factory and close timeout.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Queues the event for every notifier and returns without waiting for any of them. An
     * event offered after {@link #close()} is dropped.
     *
     * @param event the event
     */
    @Override
    public void notify(RedundancyEvent event) {
        Objects.requireNonNull(event, "event");
        for (NotifierLane lane : lanes) {
            lane.offer(event);
        }
    }

    /**
     * Each notifier's counters, in the order the notifiers were added.
     *
     * @return a snapshot per notifier
     */
    public List<NotifierStats> stats() {
        return lanes.stream().map(NotifierLane::stats).toList();
    }

    /**
     * Closes with the builder's close timeout; see {@link #close(Duration)}.
     */
    @Override
    public void close() {
        close(closeTimeout);
    }

    /**
     * Accepts no further events and lets the notifiers work off their queues, waiting at most
     * {@code maxWait} in all; then interrupts the notifiers still busy and drops their queued
     * events (counted as dropped). Calling it again is harmless.
     *
     * @param maxWait how long to wait for the queues to empty
     * @return true if every notifier finished in time
     */
    public boolean close(Duration maxWait) {
        Objects.requireNonNull(maxWait, "maxWait");
        lanes.forEach(NotifierLane::shutdown);
        CompletableFuture<?>[] ends = lanes.stream().map(NotifierLane::terminated).toArray(CompletableFuture[]::new);
        try {
            // One bounded wait for all lanes together; no time is read or slept for here.
            CompletableFuture.allOf(ends).get(nanos(maxWait), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            lanes.forEach(NotifierLane::shutdownNow);
            return false;
        } catch (InterruptedException e) {
            lanes.forEach(NotifierLane::shutdownNow);
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            // The futures are only ever completed normally.
            throw new IllegalStateException(e);
        }
    }

    private static long nanos(Duration wait) {
        if (wait.isNegative()) {
            return 0;
        }
        try {
            return wait.toNanos();
        } catch (ArithmeticException beyond292Years) {
            return Long.MAX_VALUE;
        }
    }

    /** For logs: the notifiers' names. */
    @Override
    public String toString() {
        return "Notifications" + lanes.stream().map(NotifierLane::name).toList();
    }

    /**
     * Collects the notifiers and settings of a {@link Notifications}; {@link #build()} checks them
     * together and starts nothing until the first event.
     *
     * <p>Not thread-safe; use one builder per thread.
     */
    public static final class Builder {
        private final Map<String, Notifier> notifiers = new LinkedHashMap<>();
        private final List<InputProblem> early = new ArrayList<>();
        private final Set<String> names = new HashSet<>();
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private ThreadFactory threadFactory;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;

        private Builder() {
        }

        /**
         * Adds a notifier. Checked by {@link #build()}.
         *
         * @param name unique among this dispatcher's notifiers, shown in logs and stats
         * @param notifier the notifier
         * @return this builder
         */
        public Builder notifier(String name, Notifier notifier) {
            if (name == null || name.isBlank()) {
                early.add(InputProblem.of("notifier name", name, "must not be empty"));
            } else if (!names.add(name)) {
                early.add(InputProblem.of("notifier name", name, "is used twice; each notifier needs its own name"));
            } else if (notifier == null) {
                early.add(InputProblem.of("notifier", name, "is null"));
            } else {
                notifiers.put(name, notifier);
            }
            return this;
        }

        /**
         * How many events may wait for each notifier; {@value #DEFAULT_QUEUE_CAPACITY} unless set.
         *
         * @param queueCapacity 1 to {@value #MAX_QUEUE_CAPACITY}; checked by {@link #build()}
         * @return this builder
         */
        public Builder queueCapacity(int queueCapacity) {
            this.queueCapacity = queueCapacity;
            return this;
        }

        /**
         * Makes the lanes' threads, e.g. a container's managed factory; daemon threads unless set.
         *
         * @param threadFactory the factory
         * @return this builder
         */
        public Builder threadFactory(ThreadFactory threadFactory) {
            this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
            return this;
        }

        /**
         * How long {@link Notifications#close()} waits; {@link #DEFAULT_CLOSE_TIMEOUT} unless set.
         *
         * @param closeTimeout zero or more; checked by {@link #build()}
         * @return this builder
         */
        public Builder closeTimeout(Duration closeTimeout) {
            this.closeTimeout = closeTimeout;
            return this;
        }

        /**
         * Checks the settings together and builds the dispatcher.
         *
         * @return the dispatcher, thread-safe; its notifiers are fixed
         * @throws InvalidInputException naming every setting that is missing, duplicated or out of range
         */
        public Notifications build() {
            List<InputProblem> problems = new ArrayList<>(early);
            if (notifiers.isEmpty() && early.isEmpty()) {
                problems.add(InputProblem.of("notifier", null, "at least one is required"));
            }
            if (queueCapacity < 1 || queueCapacity > MAX_QUEUE_CAPACITY) {
                problems.add(InputProblem.of("queueCapacity", String.valueOf(queueCapacity),
                        "must be from 1 to " + MAX_QUEUE_CAPACITY));
            }
            if (closeTimeout == null || closeTimeout.isNegative()) {
                problems.add(InputProblem.of("closeTimeout", closeTimeout == null ? null : closeTimeout.toString(),
                        "must be zero or more"));
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            List<NotifierLane> lanes = new ArrayList<>();
            notifiers.forEach((name, notifier) -> lanes.add(new NotifierLane(name, notifier, queueCapacity,
                    threadFactory != null ? threadFactory : daemonThreads(name))));
            return new Notifications(lanes, closeTimeout);
        }

        private static ThreadFactory daemonThreads(String name) {
            AtomicInteger count = new AtomicInteger();
            return task -> {
                Thread thread = new Thread(task, "pbx-redundancy-notifier-" + name
                        + (count.incrementAndGet() > 1 ? "-" + count.get() : ""));
                // A host that forgets close() must still be able to exit.
                thread.setDaemon(true);
                return thread;
            };
        }
    }
}
