package io.github.pbxredundancy.core.promotion;

import io.github.pbxredundancy.core.event.StandbyLicenseWarning;
import io.github.pbxredundancy.core.internal.DurationText;
import io.github.pbxredundancy.core.spi.Notifier;
import io.github.pbxredundancy.license.LoadBudgetPolicy;
import io.github.pbxredundancy.license.LoadBudgetStatus;
import io.github.pbxredundancy.license.LoadState;
import io.github.pbxredundancy.license.StandbyLoadBudget;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a promoted node's {@link StandbyLoadBudget} into warnings (R28, R29): a node that was
 * promoted serves on the standby's licenses, which are for standby and test use only and allow at
 * most five consecutive days under load (idle time not counting).
 *
 * <p>The host feeds it what it sees, e.g. every few minutes: {@link #observe} with
 * {@link LoadState#UNDER_LOAD} while the node carries calls, {@link LoadState#IDLE} while it
 * does not. Time under load adds up between observations, so a host that observes rarely should
 * also call {@link #check()} from a periodic task. Each time the budget's status changes its level
 * (below the warnings, each warning threshold, the limit exceeded, or back below the warnings
 * when a long idle period ended the stretch) a {@link StandbyLicenseWarning} with cause
 * {@link StandbyLicenseWarning.Cause#BUDGET_CHANGED} goes to the notifier and a log line is
 * written. A {@link Promoter} built with the watch observes {@link LoadState#UNDER_LOAD} when its
 * promotion completes and sends the first warning, with cause
 * {@link StandbyLicenseWarning.Cause#PROMOTED}.
 *
 * <p>The budget keeps its state in memory only; after a restart it starts from nothing, so a
 * host that must not lose the count across restarts records the load it observed itself.
 *
 * <p>Thread-safe. The notifier is called outside the watch's lock, on the calling thread; what
 * it throws is logged.
 */
public final class StandbyLoadWatch {
    private static final Logger LOG = LoggerFactory.getLogger(StandbyLoadWatch.class);

    private final StandbyLoadBudget budget;
    private final Notifier notifier;
    private final Clock clock;
    private final Object lock = new Object();
    /** The level last reported, {@code null} before any; guarded by {@link #lock}. */
    private String reportedLevel;

    /**
     * A watch over a budget.
     *
     * @param budget the budget, e.g. {@code new StandbyLoadBudget(clock)} with
     *     {@link LoadBudgetPolicy#DEFAULT}; only this watch should observe it
     * @param notifier receives the warnings
     * @param clock the time of the warnings; the budget's own clock counts the load
     */
    public StandbyLoadWatch(StandbyLoadBudget budget, Notifier notifier, Clock clock) {
        this.budget = Objects.requireNonNull(budget, "budget");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Records that the node is under load or idle from now on, and warns if the status changed
     * its level.
     *
     * @param state what the host sees now
     * @return the status after the observation
     * @throws IllegalArgumentException if the budget's clock reads earlier than at the previous
     *     observation; nothing is recorded
     */
    public LoadBudgetStatus observe(LoadState state) {
        Objects.requireNonNull(state, "state");
        return update(state, StandbyLicenseWarning.Cause.BUDGET_CHANGED);
    }

    /**
     * Looks at the status now, without an observation, and warns if it changed its level (e.g.
     * the node stayed under load past a threshold). For a periodic task.
     *
     * @return the status now
     */
    public LoadBudgetStatus check() {
        return update(null, StandbyLicenseWarning.Cause.BUDGET_CHANGED);
    }

    /**
     * The status now; sends nothing.
     *
     * @return the status
     */
    public LoadBudgetStatus status() {
        return budget.status();
    }

    /**
     * The budget's limits.
     *
     * @return the policy
     */
    public LoadBudgetPolicy policy() {
        return budget.policy();
    }

    /** For the promoter: the node serves from now on; always warns, with cause PROMOTED. */
    StandbyLicenseWarning promoted() {
        LoadBudgetStatus status;
        StandbyLicenseWarning warning;
        synchronized (lock) {
            budget.observe(LoadState.UNDER_LOAD);
            status = budget.status();
            reportedLevel = level(status);
            warning = new StandbyLicenseWarning(clock.instant(), StandbyLicenseWarning.Cause.PROMOTED,
                    Optional.of(status), describe(status, budget.policy()));
        }
        send(warning);
        return warning;
    }

    private LoadBudgetStatus update(LoadState observed, StandbyLicenseWarning.Cause cause) {
        LoadBudgetStatus status;
        StandbyLicenseWarning warning = null;
        synchronized (lock) {
            if (observed != null) {
                budget.observe(observed);
            }
            status = budget.status();
            String level = level(status);
            boolean firstAndQuiet = reportedLevel == null && status instanceof LoadBudgetStatus.WithinBudget;
            if (!level.equals(reportedLevel) && !firstAndQuiet) {
                warning = new StandbyLicenseWarning(clock.instant(), cause, Optional.of(status),
                        describe(status, budget.policy()));
            }
            reportedLevel = level;
        }
        if (warning != null) {
            send(warning);
        }
        return status;
    }

    private void send(StandbyLicenseWarning warning) {
        LOG.warn("{}", warning.message());
        try {
            notifier.notify(warning);
        } catch (RuntimeException e) {
            LOG.warn("Notifier {} failed on StandbyLicenseWarning", notifier, e);
        }
    }

    private static String level(LoadBudgetStatus status) {
        if (status instanceof LoadBudgetStatus.Warning warning) {
            return "warning " + warning.thresholdCrossed();
        }
        return status instanceof LoadBudgetStatus.Exceeded ? "exceeded" : "within";
    }

    /**
     * The warning's text for a status.
     *
     * @param status the budget's status
     * @param policy its limits
     * @return one line for the administrator
     */
    static String describe(LoadBudgetStatus status, LoadBudgetPolicy policy) {
        String limit = DurationText.of(policy.limit());
        if (status instanceof LoadBudgetStatus.Exceeded exceeded) {
            return "This node has served on standby licenses under load for " + DurationText.of(exceeded.used()) + ", "
                    + DurationText.of(exceeded.over()) + " more than the " + limit + " in a row they allow (R29):"
                    + " fail back to the original active or install regular licenses now.";
        }
        if (status instanceof LoadBudgetStatus.Warning warning) {
            return "This node has served on standby licenses under load for " + DurationText.of(warning.used())
                    + " (warning at " + DurationText.of(warning.thresholdCrossed()) + "); " + DurationText.of(
                    warning.remaining()) + " left of the " + limit + " in a row they allow (R29): plan the failback"
                    + " or install regular licenses.";
        }
        LoadBudgetStatus.WithinBudget within = (LoadBudgetStatus.WithinBudget) status;
        return "This node serves on standby licenses, which are for standby and test use only (R28) and allow at"
                + " most " + limit + " under load in a row (R29); used " + DurationText.of(within.used()) + ", "
                + DurationText.of(within.remaining()) + " left.";
    }
}
