package io.github.pbxredundancy.notifier.mail;

import io.github.pbxredundancy.core.TaskScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * A {@link TaskScheduler} driven by the test on a {@link MutableClock}: {@link #advanceTo} moves
 * the clock and runs every task due by then on the test's thread, each with the clock at its due
 * time. Scheduling and cancelling work from any thread; {@link #awaitTaskDueBy} waits (boundedly)
 * until another thread has scheduled a task, so that tests never race the notifier's thread.
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
        notifyAll();
        return () -> {
            synchronized (this) {
                return queue.remove(entry);
            }
        };
    }

    /**
     * Waits until a task due at or before {@code limit} is scheduled.
     *
     * @return the earliest such task's due time
     * @throws AssertionError if none came within {@code wait}
     */
    synchronized Instant awaitTaskDueBy(Instant limit, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Entry due = queue.stream().filter(e -> !e.at().isAfter(limit)).min(queue.comparator()).orElse(null);
            if (due != null) {
                return due.at();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no task due by " + limit + " was scheduled within " + wait + "; pending: "
                        + queue.stream().map(Entry::at).toList());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Moves the clock forward to {@code target}, running every task due by then. */
    void advanceTo(Instant target) {
        while (true) {
            Entry next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.at().isAfter(target)) {
                    break;
                }
                queue.poll();
            }
            if (next.at().isAfter(clock.instant())) {
                clock.set(next.at());
            }
            next.task().run();
        }
        if (target.isAfter(clock.instant())) {
            clock.set(target);
        }
    }

    synchronized int pending() {
        return queue.size();
    }
}
