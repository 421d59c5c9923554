package io.github.pbxredundancy.core.internal;

import io.github.pbxredundancy.core.PreparedBundle;
import io.github.pbxredundancy.core.ReplicationStatus;
import io.github.pbxredundancy.core.TaskScheduler;
import io.github.pbxredundancy.core.event.AttemptFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The mutable state of one replication run.
 *
 * <p>Not thread-safe: every field except the final ones is read and written only under the
 * {@link ReplicationLoop}'s lock.
 */
final class RunState {
    final long number;
    final Instant scheduledFor;
    final Instant startedAt;
    final List<AttemptFailure> failures = new ArrayList<>();
    int attempt;
    ReplicationStatus.Phase phase = ReplicationStatus.Phase.PREPARING;
    /** True from the start of an attempt until the first of its outcomes (result, failure, timeout) claims it. */
    boolean attemptOpen;
    /** True once the run succeeded, gave up or was abandoned by a stop; late results are then discarded. */
    boolean ended;
    /** The run's bundle while nobody has taken it for cleanup. */
    PreparedBundle bundle;
    Instant nextAttemptAt;
    TaskScheduler.ScheduledTask retryTask;
    TaskScheduler.ScheduledTask timeoutTask;

    RunState(long number, Instant scheduledFor, Instant startedAt) {
        this.number = number;
        this.scheduledFor = scheduledFor;
        this.startedAt = startedAt;
    }

    /** Whether an outcome of {@code attemptNumber} may still change this run. */
    boolean accepts(int attemptNumber) {
        return !ended && attemptOpen && attempt == attemptNumber;
    }

    /** Hands the bundle to the caller for cleanup, so that it is cleaned up exactly once. */
    PreparedBundle takeBundle() {
        PreparedBundle taken = bundle;
        bundle = null;
        return taken;
    }

    void cancelTimers() {
        if (retryTask != null) {
            retryTask.cancel();
            retryTask = null;
        }
        if (timeoutTask != null) {
            timeoutTask.cancel();
            timeoutTask = null;
        }
    }

    ReplicationStatus.RunProgress progress() {
        return new ReplicationStatus.RunProgress(number, scheduledFor, startedAt, attempt, phase,
                Optional.ofNullable(nextAttemptAt), failures);
    }
}
