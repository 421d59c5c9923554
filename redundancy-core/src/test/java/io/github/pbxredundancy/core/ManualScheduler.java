package io.github.pbxredundancy.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * A {@link TaskScheduler} driven by the test on a {@link MutableClock}: {@link #advance} moves the
 * clock and runs every task that falls due, in time order (ties in the order they were
 * scheduled), each with the clock set to its due time; tasks scheduled by tasks during the
 * advance run too if they fall due before its end. Tasks run on the test's thread; scheduling
 * and cancelling work from any thread.
 */
final class ManualScheduler implements TaskScheduler {
    private final MutableClock clock;
    private final PriorityQueue<Entry> queue =
            new PriorityQueue<>(Comparator.comparing(Entry::at).thenComparingLong(Entry::sequence));
    private long sequence;

    ManualScheduler(MutableClock clock) {
        this.clock = clock;
    }

    private record Entry(Instant at, long sequence, Runnable task) {
    }

    @Override
    public synchronized ScheduledTask schedule(Instant at, Runnable task) {
        Entry entry = new Entry(at, sequence++, task);
        queue.add(entry);
        return () -> {
            synchronized (this) {
                return queue.remove(entry);
            }
        };
    }

    /** Moves the clock forward by {@code step}, running every task due by then. */
    void advance(Duration step) {
        advanceTo(clock.instant().plus(step));
    }

    /** Moves the clock forward to {@code target}, running every task due by then. */
    void advanceTo(Instant target) {
        if (target.isBefore(clock.instant())) {
            throw new IllegalArgumentException("the clock only moves forward here: " + target);
        }
        while (true) {
            Entry next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.at().isAfter(target)) {
                    break;
                }
                queue.poll();
            }
            // A task due in the past runs now: the clock never goes back.
            if (next.at().isAfter(clock.instant())) {
                clock.set(next.at());
            }
            next.task().run();
        }
        clock.set(target);
    }

    /**
     * Runs the earliest task now, before its time, without moving the clock: what an executor
     * does when its elapsed-time delay ends while the wall clock was set back.
     */
    void runEarliestEarly() {
        Entry next;
        synchronized (this) {
            next = queue.poll();
        }
        if (next == null) {
            throw new IllegalStateException("no task is scheduled");
        }
        next.task().run();
    }

    synchronized int pending() {
        return queue.size();
    }

    synchronized Optional<Instant> nextDue() {
        return Optional.ofNullable(queue.peek()).map(Entry::at);
    }
}
