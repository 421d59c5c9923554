package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.ReceiverStatus.KeptBundle;
import io.github.pbxredundancy.core.internal.DurationText;
import io.github.pbxredundancy.core.internal.watchdog.WatchdogLoop;
import io.github.pbxredundancy.core.spi.Notifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The standby's own alarm when replication stops (B3): a dead active cannot send its failure
 * mail (R19), so the standby raises {@link io.github.pbxredundancy.core.event.WatchdogAlarm}
 * when no valid bundle has arrived in time, repeats it for every further missed run, and sends
 * {@link io.github.pbxredundancy.core.event.WatchdogRecovered} when bundles arrive again. Every
 * alarm says how old the standby's data is: what an emergency promotion would lose (R21).
 *
 * <h2>The rule</h2>
 * Let {@code r}, the <em>reference</em>, be the instant the newest valid bundle was accepted as
 * the {@linkplain Builder#lastAccepted(Supplier) supplier} reports it, or, while it reports
 * none, the instant {@link #start()} was called. Let {@code S1 = schedule.nextRunAfter(r)} and
 * {@code S(k+1) = schedule.nextRunAfter(Sk)} be the scheduled runs after it, and {@code span}
 * the {@linkplain RetrySchedule#longestSpan() retry span}, the latest a run's last attempt can
 * start after the run's scheduled time. Run {@code k}'s bundle is due by its <em>deadline</em>
 * {@code Dk = Sk + span + grace}; the grace covers the last attempt itself (backup, transfer,
 * verification) and clock differences between the nodes.
 * <ul>
 *   <li>When the watchdog looks at or after {@code D1} and knows no bundle accepted later than
 *       {@code r}, it raises one alarm: {@code missedRuns = 1},
 *       {@code overdueSince = expectedBy = D1}.</li>
 *   <li>At each further deadline {@code Dk} without such a bundle it raises one more alarm:
 *       {@code missedRuns = k}, {@code expectedBy = Dk}, {@code overdueSince} still {@code D1}.
 *       Never more than one alarm per missed run; when the watchdog looks only after several
 *       deadlines have passed (started late, the clock jumped, a host calling {@link #check()}
 *       rarely), one alarm covers them all and counts them.</li>
 *   <li>A bundle accepted later than the last one seen becomes the new reference as soon as the
 *       watchdog looks; if an alarm was raised since the previous reference, it sends one
 *       {@code WatchdogRecovered}. A bundle the supplier reports when the watchdog looks counts,
 *       whatever its accepted-at; an alarm is never raised for a run whose bundle is already
 *       visible.</li>
 * </ul>
 * Example: daily at 05:00, the STARFACE default of 10 attempts 5 minutes apart (span 45 min),
 * grace 30 min. After a bundle accepted at 05:03 on the 26th the next one is due by 06:15 on
 * the 27th; without one, alarms come at 06:15 on the 27th, on the 28th, and so on, and a bundle
 * accepted at 09:00 on the 28th ends the outage.
 *
 * <h2>When it looks</h2>
 * {@link #start()} looks at once (a standby restarted in the middle of an outage alarms at
 * once), then a timer on the {@link TaskScheduler} looks at each deadline. While alarmed it also
 * looks every {@linkplain Builder#recheckInterval(Duration) recheck interval}, but at least as
 * often as {@code span + grace} when that is more than zero, so a recovery is reported within
 * minutes and always before the new reference's first deadline. The timer is re-armed from the
 * schedule each time, so it never drifts and never stops; a timer that fires early by the clock
 * finds nothing due and re-arms for the same deadline. A host without a scheduler calls
 * {@link #check()} itself, e.g. every minute; alarms then come at the first check at or after
 * their deadline. If the supplier throws, that is logged and the watchdog goes on as if nothing
 * new had arrived: a standby that cannot see a bundle alarms rather than stays silent.
 *
 * <h2>Threads</h2>
 * Thread-safe. Events go to the notifier outside the watchdog's lock, on the scheduler's thread
 * or the thread calling {@link #start()} or {@link #check()}, in the order they were decided;
 * what the notifier throws is logged and changes nothing. A notifier that may block (mail)
 * belongs behind {@link Notifications}.
 */
public final class StandbyWatchdog {
    /** Extra time after a run's last retry before its bundle counts as missing, unless set otherwise. */
    public static final Duration DEFAULT_GRACE = Duration.ofMinutes(30);
    /** The longest grace accepted. */
    public static final Duration MAX_GRACE = Duration.ofDays(365);
    /** How often an alarmed watchdog looks for a recovery, unless set otherwise. */
    public static final Duration DEFAULT_RECHECK_INTERVAL = Duration.ofMinutes(5);
    /** The longest recheck interval accepted. */
    public static final Duration MAX_RECHECK_INTERVAL = Duration.ofDays(1);
    /** The longest retry span accepted: the most attempts with the longest delay between each. */
    public static final Duration MAX_RETRY_SPAN =
            RetrySchedule.LONGEST_DELAY.multipliedBy(RetrySchedule.MAX_ATTEMPTS - 1L);

    private final WatchdogLoop loop;

    private StandbyWatchdog(WatchdogLoop loop) {
        this.loop = loop;
    }

    /**
     * A builder; schedule, retries (or retry span), last-accepted supplier and clock are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts watching: takes the supplier's answer (or, if none, now) as the reference, looks at
     * once and arms the timer. A stopped watchdog may be started again; it starts afresh, with a
     * new reference and no alarm remembered.
     *
     * @throws IllegalStateException if it is already started
     */
    public void start() {
        loop.start();
    }

    /** Cancels the timer; no event follows. Does nothing if not started. */
    public void stop() {
        loop.stop();
    }

    /**
     * Looks now, as the timer does at a deadline: takes a newer bundle into account, raises an
     * alarm if a deadline has passed without one, and re-arms the timer. For hosts without a
     * scheduler, and for hosts that want a recovery noticed at once (call it on
     * {@link io.github.pbxredundancy.core.event.BundleAccepted}). Cheap; it never blocks beyond
     * the supplier and the notifier.
     *
     * @throws IllegalStateException if the watchdog is not started
     */
    public void check() {
        loop.check();
    }

    /**
     * A snapshot for a status page.
     *
     * @return the state at the time of the call
     */
    public Status status() {
        return loop.status();
    }

    /**
     * What a {@link StandbyWatchdog} knows, for a status page.
     *
     * <p>Immutable and thread-safe.
     *
     * @param started whether it is started
     * @param lastAcceptedAt when the newest valid bundle it has seen was accepted; empty if none
     * @param nextDeadline when the next bundle is due at the latest; empty while stopped
     * @param overdueSince the first missed deadline of the current outage; empty if none
     * @param missedRuns how many runs have passed their deadline since the newest bundle (or the
     *     start), 0 when all is well
     */
    public record Status(boolean started, Optional<Instant> lastAcceptedAt, Optional<Instant> nextDeadline,
                         Optional<Instant> overdueSince, int missedRuns) {
        /** Validates the parts. */
        public Status {
            Objects.requireNonNull(lastAcceptedAt, "lastAcceptedAt");
            Objects.requireNonNull(nextDeadline, "nextDeadline");
            Objects.requireNonNull(overdueSince, "overdueSince");
        }

        /** Whether an outage is in progress: a deadline has passed without a bundle. */
        public boolean overdue() {
            return missedRuns > 0;
        }
    }

    /**
     * Collects a {@link StandbyWatchdog}'s settings; {@link #build()} checks them together.
     *
     * <p>Not thread-safe; use one builder per thread.
     */
    public static final class Builder {
        private ReplicationSchedule schedule;
        private boolean retriesSet;
        private RetrySchedule retries;
        private boolean retrySpanSet;
        private Duration retrySpan;
        private Duration grace = DEFAULT_GRACE;
        private Duration recheckInterval = DEFAULT_RECHECK_INTERVAL;
        private Supplier<Optional<Instant>> lastAccepted;
        private Clock clock;
        private TaskScheduler scheduler;
        private Notifier notifier = Notifiers.logging();

        private Builder() {
        }

        /**
         * The pair's replication schedule, as configured on the active (R7). Required.
         *
         * @param schedule the schedule
         * @return this builder
         */
        public Builder schedule(ReplicationSchedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /**
         * The active's retry schedule, e.g. {@link RedundancySettings#retrySchedule()}; the span
         * is {@link RetrySchedule#longestSpan()}. Required, this or {@link #retrySpan}.
         *
         * @param retries the retry schedule
         * @return this builder
         */
        public Builder retries(RetrySchedule retries) {
            this.retriesSet = true;
            this.retries = retries;
            return this;
        }

        /**
         * The longest time a run's last attempt can start after the run's scheduled time, given
         * directly, when the active's retry schedule is not known here. Required, this or {@link #retries}.
         *
         * @param retrySpan zero up to {@link StandbyWatchdog#MAX_RETRY_SPAN}
         * @return this builder
         */
        public Builder retrySpan(Duration retrySpan) {
            this.retrySpanSet = true;
            this.retrySpan = retrySpan;
            return this;
        }

        /**
         * Extra time after the retry span before a run's bundle counts as missing;
         * {@link StandbyWatchdog#DEFAULT_GRACE} unless set.
         *
         * @param grace zero up to {@link StandbyWatchdog#MAX_GRACE}
         * @return this builder
         */
        public Builder grace(Duration grace) {
            this.grace = grace;
            return this;
        }

        /**
         * How often an alarmed watchdog looks for a recovery;
         * {@link StandbyWatchdog#DEFAULT_RECHECK_INTERVAL} unless set.
         *
         * @param recheckInterval more than zero, at most {@link StandbyWatchdog#MAX_RECHECK_INTERVAL}
         * @return this builder
         */
        public Builder recheckInterval(Duration recheckInterval) {
            this.recheckInterval = recheckInterval;
            return this;
        }

        /**
         * When the newest valid bundle was accepted. Required, this or
         * {@link #lastAcceptedFrom(Receiver)}; the later call wins.
         *
         * @param lastAccepted a thread-safe supplier that never blocks for long; empty while no
         *     bundle was accepted
         * @return this builder
         */
        public Builder lastAccepted(Supplier<Optional<Instant>> lastAccepted) {
            this.lastAccepted = lastAccepted;
            return this;
        }

        /**
         * Watches a receiver: the accepted-at of its {@linkplain ReceiverStatus#current() current
         * bundle}, read from its non-blocking {@link Receiver#status()}. A late bundle older than
         * the current one does not count: it brings no newer data. Required, this or
         * {@link #lastAccepted(Supplier)}; the later call wins.
         *
         * @param receiver the standby's receiver
         * @return this builder
         */
        public Builder lastAcceptedFrom(Receiver receiver) {
            Objects.requireNonNull(receiver, "receiver");
            this.lastAccepted = () -> receiver.status().current().map(KeptBundle::acceptedAt);
            return this;
        }

        /**
         * The clock for every deadline and event. Required.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Runs the timer, on the same clock. Without one the watchdog looks only when
         * {@link StandbyWatchdog#check()} is called.
         *
         * @param scheduler the scheduler
         * @return this builder
         */
        public Builder scheduler(TaskScheduler scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /**
         * Hears the alarms; {@link Notifiers#logging()} unless set.
         *
         * @param notifier the notifier
         * @return this builder
         */
        public Builder notifier(Notifier notifier) {
            this.notifier = notifier;
            return this;
        }

        /**
         * Checks the settings together.
         *
         * @return the watchdog, not started
         * @throws InvalidInputException naming every missing, out-of-range or conflicting setting
         */
        public StandbyWatchdog build() {
            List<InputProblem> problems = new ArrayList<>();
            if (schedule == null) {
                problems.add(InputProblem.of("schedule", null, "is required"));
            }
            Duration span = checkRetries(problems);
            checkDuration(problems, "grace", grace, Duration.ZERO, MAX_GRACE);
            if (recheckInterval == null || recheckInterval.compareTo(Duration.ZERO) <= 0
                    || recheckInterval.compareTo(MAX_RECHECK_INTERVAL) > 0) {
                problems.add(InputProblem.of("recheckInterval", text(recheckInterval),
                        "must be more than 0 and at most " + DurationText.of(MAX_RECHECK_INTERVAL)));
            }
            if (lastAccepted == null) {
                problems.add(InputProblem.of("lastAccepted", null, "is required: call lastAccepted or lastAcceptedFrom"));
            }
            if (clock == null) {
                problems.add(InputProblem.of("clock", null, "is required"));
            }
            if (notifier == null) {
                problems.add(InputProblem.of("notifier", null, "is required"));
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            Duration allowance = span.plus(grace);
            Duration recheck = allowance.isZero() || recheckInterval.compareTo(allowance) <= 0
                    ? recheckInterval : allowance;
            return new StandbyWatchdog(new WatchdogLoop(schedule, allowance, recheck, lastAccepted, clock, scheduler,
                    notifier));
        }

        /** The retry span, or null after adding the problem. */
        private Duration checkRetries(List<InputProblem> problems) {
            if (retriesSet && retrySpanSet) {
                problems.add(InputProblem.of("retrySpan", text(retrySpan),
                        "conflicts with retries " + retries + "; choose one of the two"));
                return null;
            }
            if (retrySpanSet) {
                return checkDuration(problems, "retrySpan", retrySpan, Duration.ZERO, MAX_RETRY_SPAN) ? retrySpan : null;
            }
            if (retries == null) {
                problems.add(InputProblem.of("retries", null, "is required: call retries or retrySpan"));
                return null;
            }
            return retries.longestSpan();
        }

        private static boolean checkDuration(List<InputProblem> problems, String field, Duration value, Duration min,
                Duration max) {
            if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                problems.add(InputProblem.of(field, text(value),
                        "must be from " + DurationText.of(min) + " to " + DurationText.of(max)));
                return false;
            }
            return true;
        }

        private static String text(Object value) {
            return value == null ? null : value.toString();
        }
    }
}
