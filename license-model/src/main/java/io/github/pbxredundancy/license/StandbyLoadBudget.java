package io.github.pbxredundancy.license;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Tracks how long a standby (or failover) system has been under load without a break, for
 * the rule that it may run under load at most five consecutive days, idle time not counting
 * (R29).
 *
 * <h2>The rule</h2>
 * <ul>
 *   <li>Each {@link #observe observation} records a {@link LoadState} at the clock's current
 *       instant. A state holds from its observation until the next one; the last one holds
 *       until now.</li>
 *   <li>Time under load adds to the current stretch. Idle time adds nothing.</li>
 *   <li>An idle period (consecutive idle observations) lasting at least
 *       {@link LoadBudgetPolicy#idleGap()} ends the stretch: used load goes back to zero.
 *       A shorter idle period pauses the stretch without ending it.</li>
 *   <li>Before the first observation nothing is used.</li>
 *   <li>The {@linkplain #status() status} compares the current stretch's load with the policy
 *       ({@link LoadBudgetPolicy#statusFor}): exactly reaching the limit is still allowed.</li>
 * </ul>
 * Memory is constant: only the last observation and the stretch so far are kept.
 *
 * <p>An observation earlier than the previous one is refused (the clock went backwards) and
 * changes nothing. {@link #status()} at an instant earlier than the last observation answers
 * as of the last observation rather than failing, since it is a query.
 *
 * <p>Thread-safe: all methods synchronize on this object.
 */
public final class StandbyLoadBudget {
    private final Clock clock;
    private final LoadBudgetPolicy policy;

    private Instant lastObservedAt;
    private LoadState lastState;
    /** Start of the current idle period; null while under load or before any observation. */
    private Instant idleSince;
    /** Load used in the current stretch up to {@link #lastObservedAt}. */
    private Duration used = Duration.ZERO;

    /**
     * A budget with the given policy.
     *
     * @param clock the only source of time
     * @param policy the limits
     */
    public StandbyLoadBudget(Clock clock, LoadBudgetPolicy policy) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * A budget with {@link LoadBudgetPolicy#DEFAULT}.
     *
     * @param clock the only source of time
     */
    public StandbyLoadBudget(Clock clock) {
        this(clock, LoadBudgetPolicy.DEFAULT);
    }

    /**
     * The limits applied.
     *
     * @return the policy
     */
    public LoadBudgetPolicy policy() {
        return policy;
    }

    /**
     * Records that the standby is in {@code state} from now on.
     *
     * @param state the state observed now
     * @throws IllegalArgumentException if the clock reads earlier than at the previous
     *     observation; the observation is then ignored
     */
    public synchronized void observe(LoadState state) {
        Objects.requireNonNull(state, "state");
        Instant now = clock.instant();
        if (lastObservedAt != null && now.isBefore(lastObservedAt)) {
            throw new IllegalArgumentException("observation of " + state + " at '" + now
                    + "': is earlier than the previous observation at " + lastObservedAt
                    + "; the clock went backwards, so the observation was ignored");
        }
        Duration usedNow = usedAt(now);
        if (state == LoadState.UNDER_LOAD) {
            idleSince = null;
        } else if (lastState != LoadState.IDLE) {
            idleSince = now;
        }
        used = usedNow;
        lastObservedAt = now;
        lastState = state;
    }

    /**
     * The status now.
     *
     * @return the status of the current stretch
     */
    public synchronized LoadBudgetStatus status() {
        Instant now = clock.instant();
        if (lastObservedAt != null && now.isBefore(lastObservedAt)) {
            now = lastObservedAt;
        }
        return policy.statusFor(usedAt(now));
    }

    /** Load used in the current stretch at {@code at}, which is not before the last observation. */
    private Duration usedAt(Instant at) {
        if (lastObservedAt == null) {
            return Duration.ZERO;
        }
        if (lastState == LoadState.UNDER_LOAD) {
            return used.plus(Duration.between(lastObservedAt, at));
        }
        boolean stretchEnded = Duration.between(idleSince, at).compareTo(policy.idleGap()) >= 0;
        return stretchEnded ? Duration.ZERO : used;
    }

    /**
     * Names the policy only; the state changes too often to be useful in a log line.
     *
     * @return a short description
     */
    @Override
    public String toString() {
        return "StandbyLoadBudget[" + policy + "]";
    }
}
