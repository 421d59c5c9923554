package io.github.pbxredundancy.core.internal;

import java.time.Instant;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A call into the host's {@link io.github.pbxredundancy.core.ReplicationSteps} that has been
 * handed to the executor for blocking work and has not returned yet. The replicator starts no
 * other call while one is in flight, even after a timeout or a stop gave up on it, so the
 * host's steps never run twice at once.
 *
 * <p>Not part of the API. The fields are final; {@link #claim()} is thread-safe.
 */
final class HostCall {
    enum Step { PREPARE, DELIVER }

    final RunState run;
    final int attempt;
    final Step step;
    final Instant since;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private volatile Future<?> future;

    HostCall(RunState run, int attempt, Step step, Instant since) {
        this.run = run;
        this.attempt = attempt;
        this.step = step;
        this.since = since;
    }

    /**
     * Decides, once, between the executor starting the call and a timeout or stop dropping it
     * before it started: true for the first caller only.
     */
    boolean claim() {
        return claimed.compareAndSet(false, true);
    }

    void runsAs(Future<?> task) {
        this.future = task;
    }

    /** Interrupts the call if it is running; a dropped call that never started is not affected. */
    void interrupt() {
        Future<?> task = future;
        if (task != null) {
            task.cancel(true);
        }
    }
}
