package io.github.pbxredundancy.core.promotion;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.InputProblem;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.Receiver;
import io.github.pbxredundancy.core.ReceiverStatus;
import io.github.pbxredundancy.core.ReplicationSchedule;
import io.github.pbxredundancy.core.ReplicationStatus;
import io.github.pbxredundancy.core.Replicator;
import io.github.pbxredundancy.core.RetrySchedule;
import io.github.pbxredundancy.core.StandbyWatchdog;
import io.github.pbxredundancy.core.event.AttemptFailure;
import io.github.pbxredundancy.core.event.RunFailed;
import io.github.pbxredundancy.core.internal.DurationText;
import io.github.pbxredundancy.core.promotion.NodeStatus.BundleAge;
import io.github.pbxredundancy.core.promotion.NodeStatus.LastError;
import io.github.pbxredundancy.core.promotion.NodeStatus.Source;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a node's {@link NodeStatus} together for a status page (R32), from snapshots only: the
 * lifecycle's {@link NodeLifecycle#snapshot()}, the receiver's {@link Receiver#status()}, the
 * replicator's {@link Replicator#status()} and the clock. It never waits for a delivery, an
 * import or a promotion.
 *
 * <p>The newest bundle is the replicator's last success on an active node and the receiver's
 * current bundle on a standby; its RPO follows the rule of {@link NodeStatus.BundleAge} with the
 * pair's replication schedule, the active's retry schedule and a grace, as the
 * {@link StandbyWatchdog} has them. The last error is the most recent of: the replicator's failed
 * attempts and runs, the receiver's last refusal, a failed import.
 *
 * <p>Thread-safe. What a status supplier throws is logged, and its part of the status is left
 * out.
 */
public final class NodeStatusProbe {
    private static final Logger LOG = LoggerFactory.getLogger(NodeStatusProbe.class);

    private final NodeLifecycle node;
    private final Optional<Supplier<ReceiverStatus>> receiver;
    private final Optional<Supplier<ReplicationStatus>> replication;
    private final ReplicationSchedule schedule;
    private final Duration allowance;
    private final Clock clock;
    private final Instant since;

    private NodeStatusProbe(Builder builder, Duration allowance) {
        this.node = builder.node;
        this.receiver = Optional.ofNullable(builder.receiver);
        this.replication = Optional.ofNullable(builder.replication);
        this.schedule = builder.schedule;
        this.allowance = allowance;
        this.clock = builder.clock;
        this.since = clock.instant();
    }

    /**
     * A builder; node and clock are required, and schedule and retries with a receiver or
     * replicator.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The node's status now; never waits.
     *
     * @return the status
     */
    public NodeStatus status() {
        Instant now = clock.instant();
        NodeSnapshot snapshot = node.snapshot();
        NodeState state = snapshot.state();
        Optional<ReceiverStatus> received = read(receiver, "receiver");
        Optional<ReplicationStatus> replicated = read(replication, "replicator");
        Optional<BundleAge> lastBundle = switch (state.role()) {
            case ACTIVE -> replicated.map(status -> age(now, status.lastSuccess()
                    .map(success -> new Newest(success.bundleId(), success.at()))));
            case STANDBY -> received.map(status -> age(now, status.current()
                    .map(kept -> new Newest(kept.bundleId(), kept.acceptedAt()))));
            default -> Optional.empty();
        };
        StatusColour colour = state.colour() == StatusColour.GREEN && lastBundle.map(BundleAge::overdue).orElse(false)
                ? StatusColour.ORANGE : state.colour();
        return new NodeStatus(now, state.role(), state, snapshot.epoch(), colour, lastBundle,
                lastError(received, replicated), snapshot.lastChange());
    }

    private record Newest(BundleId id, Instant at) {
    }

    private BundleAge age(Instant now, Optional<Newest> newest) {
        Instant reference = newest.map(Newest::at).orElse(since);
        Instant dueBy;
        try {
            dueBy = schedule.nextRunAfter(reference).plus(allowance);
        } catch (DateTimeException | ArithmeticException e) {
            // No run after the reference within the calendar: nothing can be overdue.
            dueBy = Instant.MAX;
        }
        Duration age = Duration.between(reference, now);
        return new BundleAge(newest.map(Newest::id), newest.map(Newest::at), age.isNegative() ? Duration.ZERO : age,
                Duration.between(reference, dueBy), dueBy);
    }

    private static Optional<LastError> lastError(Optional<ReceiverStatus> received, Optional<ReplicationStatus> replicated) {
        List<LastError> errors = new ArrayList<>();
        replicated.ifPresent(status -> {
            status.lastFailure().flatMap(NodeStatusProbe::lastAttempt).ifPresent(errors::add);
            status.running().flatMap(run -> last(run.failures())).map(NodeStatusProbe::replicationError)
                    .ifPresent(errors::add);
        });
        received.ifPresent(status -> {
            status.lastRefusal().map(refusal -> new LastError(refusal.at(), Source.RECEIVER, refusal.reason(),
                    refusal.message())).ifPresent(errors::add);
            status.lastImport().filter(outcome -> !outcome.succeeded()).map(outcome -> new LastError(outcome.at(),
                    Source.IMPORT, outcome.failure().orElseThrow(), outcome.message())).ifPresent(errors::add);
        });
        return errors.stream().max(Comparator.comparing(LastError::at));
    }

    private static Optional<LastError> lastAttempt(RunFailed failed) {
        return last(failed.failures()).map(NodeStatusProbe::replicationError)
                .map(error -> new LastError(failed.at(), error.source(), error.reason(), error.message()));
    }

    private static LastError replicationError(AttemptFailure failure) {
        return new LastError(failure.at(), Source.REPLICATION, failure.reason(), failure.message());
    }

    private static <T> Optional<T> last(List<T> list) {
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1));
    }

    private static <T> Optional<T> read(Optional<Supplier<T>> supplier, String what) {
        return supplier.flatMap(source -> {
            try {
                return Optional.ofNullable(source.get());
            } catch (RuntimeException e) {
                LOG.warn("The {} status cannot be read; the node status leaves it out", what, e);
                return Optional.empty();
            }
        });
    }

    /**
     * Collects a {@link NodeStatusProbe}'s parts; {@link #build()} checks them together.
     *
     * <p>Not thread-safe; use one builder per thread.
     */
    public static final class Builder {
        private NodeLifecycle node;
        private Supplier<ReceiverStatus> receiver;
        private Supplier<ReplicationStatus> replication;
        private ReplicationSchedule schedule;
        private RetrySchedule retries;
        private Duration grace = StandbyWatchdog.DEFAULT_GRACE;
        private Clock clock;

        private Builder() {
        }

        /**
         * The node. Required.
         *
         * @param node the node's lifecycle
         * @return this builder
         */
        public Builder node(NodeLifecycle node) {
            this.node = node;
            return this;
        }

        /**
         * The node's receiver, for a standby's newest bundle and the receiver's errors.
         *
         * @param receiver the receiver
         * @return this builder
         */
        public Builder receiver(Receiver receiver) {
            Objects.requireNonNull(receiver, "receiver");
            return receiverStatus(receiver::status);
        }

        /**
         * The receiver's status, as {@link #receiver(Receiver)} but from any source.
         *
         * @param receiverStatus a thread-safe supplier that never blocks
         * @return this builder
         */
        public Builder receiverStatus(Supplier<ReceiverStatus> receiverStatus) {
            this.receiver = receiverStatus;
            return this;
        }

        /**
         * The node's replicator, for an active's newest bundle and the replication's errors.
         *
         * @param replicator the replicator
         * @return this builder
         */
        public Builder replicator(Replicator replicator) {
            Objects.requireNonNull(replicator, "replicator");
            return replicationStatus(replicator::status);
        }

        /**
         * The replicator's status, as {@link #replicator(Replicator)} but from any source.
         *
         * @param replicationStatus a thread-safe supplier that never blocks for long
         * @return this builder
         */
        public Builder replicationStatus(Supplier<ReplicationStatus> replicationStatus) {
            this.replication = replicationStatus;
            return this;
        }

        /**
         * The pair's replication schedule. Required with a receiver or replicator.
         *
         * @param schedule the schedule
         * @return this builder
         */
        public Builder schedule(ReplicationSchedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /**
         * The active's retry schedule; its {@link RetrySchedule#longestSpan()} is part of the
         * RPO. Required with a receiver or replicator.
         *
         * @param retries the retry schedule
         * @return this builder
         */
        public Builder retries(RetrySchedule retries) {
            this.retries = retries;
            return this;
        }

        /**
         * Extra time after the retry span before a bundle counts as overdue (the last attempt
         * itself, clock differences); {@link StandbyWatchdog#DEFAULT_GRACE} unless set, as the
         * watchdog's.
         *
         * @param grace zero up to {@link StandbyWatchdog#MAX_GRACE}
         * @return this builder
         */
        public Builder grace(Duration grace) {
            this.grace = grace;
            return this;
        }

        /**
         * The clock for the status's time and the bundle's age. Required.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Checks the parts together; the probe's start (the reference while no bundle is known)
         * is the clock's instant now.
         *
         * @return the probe
         * @throws InvalidInputException naming every missing or out-of-range setting
         */
        public NodeStatusProbe build() {
            List<InputProblem> problems = new ArrayList<>();
            required(problems, "node", node);
            required(problems, "clock", clock);
            boolean needsRpo = receiver != null || replication != null;
            if (needsRpo) {
                required(problems, "schedule", schedule);
                required(problems, "retries", retries);
            }
            if (grace == null || grace.isNegative() || grace.compareTo(StandbyWatchdog.MAX_GRACE) > 0) {
                problems.add(InputProblem.of("grace", grace == null ? null : grace.toString(), "must be from 0 to "
                        + DurationText.of(StandbyWatchdog.MAX_GRACE)));
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            return new NodeStatusProbe(this, needsRpo ? retries.longestSpan().plus(grace) : Duration.ZERO);
        }

        private static void required(List<InputProblem> problems, String field, Object value) {
            if (value == null) {
                problems.add(InputProblem.of(field, null, "is required" + (Stream.of("schedule", "retries")
                        .anyMatch(field::equals) ? " with a receiver or replicator" : "")));
            }
        }
    }
}
