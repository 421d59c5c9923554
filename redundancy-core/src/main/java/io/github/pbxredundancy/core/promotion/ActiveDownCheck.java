package io.github.pbxredundancy.core.promotion;

import io.github.pbxredundancy.core.InputProblem;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.TaskScheduler;
import io.github.pbxredundancy.core.internal.AuditText;
import io.github.pbxredundancy.core.internal.DurationText;
import io.github.pbxredundancy.core.internal.MessageText;
import io.github.pbxredundancy.core.internal.promotion.DownCheckRun;
import io.github.pbxredundancy.core.spi.LivenessProbe;
import io.github.pbxredundancy.core.spi.ProbeResult;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Confirms that the active node is down before the standby is promoted (R15: "only when the
 * original active has failed completely or is shut down", checked rather than hoped for, B2).
 *
 * <h2>The rule</h2>
 * Several independent {@link LivenessProbe}s (by default {@link LivenessProbes#standardFor}:
 * TCP to SSH, SIP and HTTPS, and ICMP) look at the active in rounds: one at once, then one
 * every {@linkplain Builder#probeInterval probe interval}, the last one exactly when the
 * {@linkplain Builder#confirmationPeriod confirmation period} is over, by the clock; with the
 * defaults (60 s, every 5 s) 13 rounds. In each round every probe runs once, all in parallel on
 * the executor, each with the {@linkplain Builder#probeTimeout probe timeout}.
 * <ul>
 *   <li>The first {@link ProbeResult.Alive} anywhere ends the check at once with
 *       {@link DownVerdict.SignOfLife}, naming it; probes of that round that have not started
 *       yet are not started, and no further round runs. A probe that answers "alive" after its
 *       round was closed still counts, as long as the check runs.</li>
 *   <li>A round in which fewer than the {@linkplain Builder#minimumNoAnswers minimum} (default 2)
 *       probes found {@link ProbeResult.NoAnswer} ends the check with
 *       {@link DownVerdict.Inconclusive}: the others could not decide ({@link ProbeResult.Unknown}),
 *       so there is not enough independent evidence. Since any answer ends the check, every
 *       probe that could decide in a round that goes on found no answer.</li>
 *   <li>When every round up to the last one passed, the verdict is {@link DownVerdict.ConfirmedDown}.</li>
 * </ul>
 * A probe that has not returned when its round's deadline comes, one probe interval after the
 * round started, counts as {@code Unknown} for that round and is not called again while that
 * call is still running (so a hanging probe holds one executor thread, not one per round); a
 * probe that throws or returns {@code null} counts as {@code Unknown}; so does one the executor
 * refuses. None of them is evidence that the active is down. A round that ends before its
 * deadline (every probe answered) is followed by the next one at its planned time; a round that
 * ends late is followed at once. Every round is run even when the clock jumps: the next one is
 * planned from the actual start of the previous one.
 *
 * <p>Why these defaults: one silent port proves little (a crashed service, a dropped packet, a
 * rebooting switch), so at least two independent probes must agree in every round, and for a
 * whole minute, long enough to outlast a reboot's quiet phase or a spanning-tree reconvergence,
 * short enough for an emergency. Unknowns are tolerated as long as two probes still decide,
 * because ICMP is often not permitted. A probe every 5 s with a 2 s timeout leaves each probe
 * time to answer before the next round.
 *
 * <p>What the check cannot tell: a standby cut off from the network (its own link, a switch
 * between the nodes) sees the same silence as one whose active died. Host-supplied probes over
 * another path (the hypervisor, the active's management board, a third node) close that gap.
 *
 * <h2>Time and threads</h2>
 * No thread sleeps: each wait (the next round, a round's deadline) is a task on the
 * {@link TaskScheduler}, on the same clock; a test drives a whole minute of rounds on a manual
 * clock in microseconds. The probes block, so they run on the executor; give it at least as many
 * threads as there are probes, or some of them may miss their round's deadline.
 *
 * <p>Immutable and thread-safe. Each {@link #confirm()} starts an independent run; the
 * {@linkplain Builder#listener listener} and the returned future's dependents are called outside
 * the check's locks, on the executor's, the scheduler's or the calling thread.
 */
public final class ActiveDownCheck {
    /** How long the probes must find no answer, unless set otherwise. */
    public static final Duration DEFAULT_CONFIRMATION_PERIOD = Duration.ofSeconds(60);
    /** The time between the starts of two rounds, unless set otherwise. */
    public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(5);
    /** How long each probe waits for an answer, unless set otherwise. */
    public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(2);
    /** How many probes must find no answer in each round, unless set otherwise; also the least accepted. */
    public static final int DEFAULT_MINIMUM_NO_ANSWERS = 2;
    /** The fewest probes accepted: one probe's silence is not independent evidence. */
    public static final int MIN_PROBES = 2;
    /** The most probes accepted. */
    public static final int MAX_PROBES = 20;
    /** The longest confirmation period accepted. */
    public static final Duration MAX_CONFIRMATION_PERIOD = Duration.ofHours(1);
    /** The shortest probe interval accepted. */
    public static final Duration MIN_PROBE_INTERVAL = Duration.ofMillis(100);
    /** The most rounds a confirmation period may take. */
    public static final int MAX_ROUNDS = 1000;

    private final List<LivenessProbe> probes;
    private final List<String> names;
    private final Duration confirmationPeriod;
    private final Duration probeInterval;
    private final Duration probeTimeout;
    private final int minimumNoAnswers;
    private final int rounds;
    private final Clock clock;
    private final TaskScheduler scheduler;
    private final Executor executor;
    private final Consumer<ProbeObservation> listener;
    private final Set<DownCheckRun> running = ConcurrentHashMap.newKeySet();

    private ActiveDownCheck(Builder builder, List<String> names, int rounds) {
        this.probes = List.copyOf(builder.probes);
        this.names = List.copyOf(names);
        this.confirmationPeriod = builder.confirmationPeriod;
        this.probeInterval = builder.probeInterval;
        this.probeTimeout = builder.probeTimeout;
        this.minimumNoAnswers = builder.minimumNoAnswers == null ? DEFAULT_MINIMUM_NO_ANSWERS : builder.minimumNoAnswers;
        this.rounds = rounds;
        this.clock = builder.clock;
        this.scheduler = builder.scheduler;
        this.executor = builder.executor;
        this.listener = builder.listener;
    }

    /**
     * A builder; probes, clock, scheduler and executor are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a run: the first round at once (handing the probes to the executor from the
     * calling thread), the others on the scheduler. Never blocks beyond what the executor does
     * when given a task.
     *
     * @return the verdict, once decided; never completed exceptionally except by
     *     cancellation. Cancelling it (or {@link #cancel()}) ends the run: no further probe is
     *     started and no timer is left behind. Probes already running are not interrupted.
     */
    public CompletableFuture<DownVerdict> confirm() {
        DownCheckRun run = new DownCheckRun(probes, names, confirmationPeriod, probeInterval, probeTimeout,
                minimumNoAnswers, clock, scheduler, executor, listener);
        running.add(run);
        CompletableFuture<DownVerdict> verdict = run.start();
        verdict.whenComplete((v, failure) -> running.remove(run));
        return verdict;
    }

    /** Cancels every run in progress, as if each one's future had been cancelled. */
    public void cancel() {
        for (DownCheckRun run : List.copyOf(running)) {
            run.cancel();
        }
    }

    /**
     * The probes' names, in the order given.
     *
     * @return the names, unmodifiable
     */
    public List<String> probeNames() {
        return names;
    }

    /**
     * How many rounds a run makes when every one passes: {@code ceil(period / interval) + 1}.
     *
     * @return at least 2
     */
    public int rounds() {
        return rounds;
    }

    /**
     * How long the probes must find no answer.
     *
     * @return the confirmation period
     */
    public Duration confirmationPeriod() {
        return confirmationPeriod;
    }

    /**
     * The time between the starts of two rounds.
     *
     * @return the probe interval
     */
    public Duration probeInterval() {
        return probeInterval;
    }

    /**
     * How long each probe waits for an answer.
     *
     * @return the probe timeout
     */
    public Duration probeTimeout() {
        return probeTimeout;
    }

    /**
     * How many probes must find no answer in each round.
     *
     * @return at least {@value #DEFAULT_MINIMUM_NO_ANSWERS}
     */
    public int minimumNoAnswers() {
        return minimumNoAnswers;
    }

    @Override
    public String toString() {
        return "ActiveDownCheck" + names + " for " + DurationText.of(confirmationPeriod) + ", every "
                + DurationText.of(probeInterval) + ", timeout " + DurationText.of(probeTimeout) + ", at least "
                + minimumNoAnswers + " without an answer per round";
    }

    /**
     * Collects an {@link ActiveDownCheck}'s settings; {@link #build()} checks them together.
     *
     * <p>Not thread-safe; use one builder per thread.
     */
    public static final class Builder {
        private final List<LivenessProbe> probes = new ArrayList<>();
        private Duration confirmationPeriod = DEFAULT_CONFIRMATION_PERIOD;
        private Duration probeInterval = DEFAULT_PROBE_INTERVAL;
        private Duration probeTimeout = DEFAULT_PROBE_TIMEOUT;
        private Integer minimumNoAnswers;
        private Clock clock;
        private TaskScheduler scheduler;
        private Executor executor;
        private Consumer<ProbeObservation> listener = observation -> { };

        private Builder() {
        }

        /**
         * Adds one probe. At least {@value ActiveDownCheck#MIN_PROBES} and at most
         * {@value ActiveDownCheck#MAX_PROBES} in all, each with its own name.
         *
         * @param probe the probe
         * @return this builder
         */
        public Builder probe(LivenessProbe probe) {
            probes.add(probe);
            return this;
        }

        /**
         * Adds probes, e.g. {@link LivenessProbes#standardFor} and the host's own.
         *
         * @param probes the probes, in the order they are reported
         * @return this builder
         */
        public Builder probes(Collection<? extends LivenessProbe> probes) {
            this.probes.addAll(Objects.requireNonNull(probes, "probes"));
            return this;
        }

        /**
         * How long the probes must find no answer; {@link ActiveDownCheck#DEFAULT_CONFIRMATION_PERIOD}
         * unless set.
         *
         * @param confirmationPeriod from the probe interval to {@link ActiveDownCheck#MAX_CONFIRMATION_PERIOD}
         * @return this builder
         */
        public Builder confirmationPeriod(Duration confirmationPeriod) {
            this.confirmationPeriod = confirmationPeriod;
            return this;
        }

        /**
         * The time between the starts of two rounds; {@link ActiveDownCheck#DEFAULT_PROBE_INTERVAL}
         * unless set. It is also how long a round waits for its probes.
         *
         * @param probeInterval at least {@link ActiveDownCheck#MIN_PROBE_INTERVAL}, more than the
         *     probe timeout, and at most {@value ActiveDownCheck#MAX_ROUNDS} rounds per confirmation period
         * @return this builder
         */
        public Builder probeInterval(Duration probeInterval) {
            this.probeInterval = probeInterval;
            return this;
        }

        /**
         * How long each probe waits for an answer; {@link ActiveDownCheck#DEFAULT_PROBE_TIMEOUT}
         * unless set.
         *
         * @param probeTimeout at least 1 ms and less than the probe interval
         * @return this builder
         */
        public Builder probeTimeout(Duration probeTimeout) {
            this.probeTimeout = probeTimeout;
            return this;
        }

        /**
         * How many probes must find no answer in each round;
         * {@value ActiveDownCheck#DEFAULT_MINIMUM_NO_ANSWERS} unless set. Set it to the number of
         * probes to accept no {@link ProbeResult.Unknown} at all.
         *
         * @param minimumNoAnswers from {@value ActiveDownCheck#DEFAULT_MINIMUM_NO_ANSWERS} to the number of probes
         * @return this builder
         */
        public Builder minimumNoAnswers(int minimumNoAnswers) {
            this.minimumNoAnswers = minimumNoAnswers;
            return this;
        }

        /**
         * The clock for the rounds and the observations. Required.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Runs the waits (the next round, a round's deadline), on the same clock. Required.
         *
         * @param scheduler the scheduler
         * @return this builder
         */
        public Builder scheduler(TaskScheduler scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /**
         * Runs the probes, which block for up to their timeout. Required; e.g. a pool with at
         * least one thread per probe. It stays the caller's to shut down.
         *
         * @param executor the executor
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /**
         * Hears each observation as it is made, e.g. for a progress display; nothing unless set.
         * Called outside the check's locks, on the thread that made the observation, so two
         * calls may overlap; what it throws is logged and ignored.
         *
         * @param listener a thread-safe listener that returns quickly
         * @return this builder
         */
        public Builder listener(Consumer<ProbeObservation> listener) {
            this.listener = listener;
            return this;
        }

        /**
         * Checks the settings together.
         *
         * @return the check, immutable and thread-safe
         * @throws InvalidInputException naming every missing, out-of-range or conflicting setting
         */
        public ActiveDownCheck build() {
            List<InputProblem> problems = new ArrayList<>();
            List<String> names = checkProbes(problems);
            boolean intervalOk = probeInterval != null && probeInterval.compareTo(MIN_PROBE_INTERVAL) >= 0
                    && probeInterval.compareTo(MAX_CONFIRMATION_PERIOD) <= 0;
            if (!intervalOk) {
                problems.add(InputProblem.of("probeInterval", text(probeInterval), "must be from "
                        + DurationText.of(MIN_PROBE_INTERVAL) + " to " + DurationText.of(MAX_CONFIRMATION_PERIOD)));
            }
            if (probeTimeout == null || probeTimeout.compareTo(Duration.ofMillis(1)) < 0
                    || (intervalOk && probeTimeout.compareTo(probeInterval) >= 0)) {
                problems.add(InputProblem.of("probeTimeout", text(probeTimeout), "must be at least 1 ms and less than"
                        + " the probe interval" + (intervalOk ? " (" + DurationText.of(probeInterval) + ")" : "")
                        + ", so that each probe can answer before the next round"));
            }
            long rounds = 0;
            if (confirmationPeriod == null || confirmationPeriod.compareTo(MAX_CONFIRMATION_PERIOD) > 0
                    || (intervalOk && confirmationPeriod.compareTo(probeInterval) < 0)) {
                problems.add(InputProblem.of("confirmationPeriod", text(confirmationPeriod), "must be from the probe"
                        + " interval" + (intervalOk ? " (" + DurationText.of(probeInterval) + ")" : "") + " to "
                        + DurationText.of(MAX_CONFIRMATION_PERIOD)));
            } else if (intervalOk) {
                rounds = DownCheckRun.roundsFor(confirmationPeriod, probeInterval);
                if (rounds > MAX_ROUNDS) {
                    problems.add(InputProblem.of("probeInterval", text(probeInterval), "makes " + rounds
                            + " rounds in the confirmation period of " + DurationText.of(confirmationPeriod)
                            + "; at most " + MAX_ROUNDS + " are allowed"));
                }
            }
            if (minimumNoAnswers != null && (minimumNoAnswers < DEFAULT_MINIMUM_NO_ANSWERS
                    || minimumNoAnswers > Math.max(DEFAULT_MINIMUM_NO_ANSWERS, probes.size()))) {
                problems.add(InputProblem.of("minimumNoAnswers", minimumNoAnswers.toString(), "must be from "
                        + DEFAULT_MINIMUM_NO_ANSWERS + " to the number of probes (" + probes.size() + ")"));
            }
            if (clock == null) {
                problems.add(InputProblem.of("clock", null, "is required"));
            }
            if (scheduler == null) {
                problems.add(InputProblem.of("scheduler", null, "is required"));
            }
            if (executor == null) {
                problems.add(InputProblem.of("executor", null, "is required: it runs the probes, which block"));
            }
            if (listener == null) {
                problems.add(InputProblem.of("listener", null, "must not be null; leave it unset for none"));
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            return new ActiveDownCheck(this, names, (int) rounds);
        }

        /** The probes' names, after adding a problem for each bad, missing or repeated one. */
        private List<String> checkProbes(List<InputProblem> problems) {
            List<String> names = new ArrayList<>(probes.size());
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < probes.size(); i++) {
                LivenessProbe probe = probes.get(i);
                String field = "probes[" + i + "]";
                if (probe == null) {
                    problems.add(InputProblem.of(field, null, "must not be null"));
                    continue;
                }
                String name;
                try {
                    name = probe.name();
                } catch (RuntimeException e) {
                    problems.add(InputProblem.of(field, probe.getClass().getName(), "name() threw "
                            + e.getClass().getSimpleName() + ": " + MessageText.oneLine(String.valueOf(e.getMessage()))));
                    continue;
                }
                String rule = AuditText.problem(name, ProbeObservation.MAX_PROBE_NAME_LENGTH, false);
                if (rule != null) {
                    problems.add(InputProblem.of(field + ".name()", name, rule));
                } else if (!seen.add(name)) {
                    problems.add(InputProblem.of(field + ".name()", name, "is the name of an earlier probe; each probe"
                            + " must be a different one, with its own name"));
                } else {
                    names.add(name);
                }
            }
            if (probes.size() < MIN_PROBES) {
                problems.add(InputProblem.of("probes", names.toString(), "must be at least " + MIN_PROBES
                        + " probes: one probe's silence is not independent evidence that the active is down"));
            } else if (probes.size() > MAX_PROBES) {
                problems.add(InputProblem.of("probes", probes.size() + " probes", "must be at most " + MAX_PROBES));
            }
            return names;
        }

        private static String text(Object value) {
            return value == null ? null : value.toString();
        }
    }
}
