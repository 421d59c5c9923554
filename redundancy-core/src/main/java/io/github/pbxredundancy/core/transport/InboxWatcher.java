package io.github.pbxredundancy.core.transport;

import io.github.pbxredundancy.core.InputProblem;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.RetrySchedule;
import io.github.pbxredundancy.core.TaskScheduler;
import io.github.pbxredundancy.core.internal.DurationText;
import io.github.pbxredundancy.core.internal.transport.InboxJudge;
import io.github.pbxredundancy.core.internal.transport.InboxScan;
import io.github.pbxredundancy.core.internal.transport.IoFailures;
import io.github.pbxredundancy.core.spi.BundleHandler;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standby's side of the inbox protocol ({@code docs/inbox-protocol.md}): watches the inbox
 * directory that {@link FileTransport}s (or SFTP senders) deliver into and hands every complete
 * bundle to a {@link BundleHandler}, normally the standby's receiver.
 *
 * <p>{@link #start()} sweeps {@code *.part} files older than the sweep age (an interrupted
 * delivery leaves nothing behind; younger ones may still be written), then polls at once and
 * every poll interval after the previous poll ended. A poll ({@link #pollOnce()}) takes every
 * {@code <id>.bundle} in id order; names whose id is not valid are logged once and left alone, as
 * is every name that is not part of the protocol. For each bundle it checks that neither the
 * bundle nor {@code <id>.sha256} is a link or special file ({@code UNSAFE_ARCHIVE}, the link's
 * target untouched) and that {@code <id>.sha256} holds a hash ({@code INTEGRITY_FAILED}), asks
 * the handler (a {@link RedundancyException} it throws is answered with its reason code, any other
 * exception with {@code UNEXPECTED}), writes the answer through {@code <id>.ack.part} or
 * {@code <id>.nack.part} and a rename, and deletes {@code <id>.sha256} and then
 * {@code <id>.bundle}. If the answer cannot be written, the bundle stays and is judged again at
 * the next poll. Nothing in the inbox is ever followed through a link.
 *
 * <h2>Threads</h2>
 * The scheduler only times the polls; each poll runs on the work executor, so the handler's
 * verification never blocks the scheduler's thread. Polls never overlap, also not with
 * {@link #pollOnce()} called by the host. Every method is thread-safe.
 */
public final class InboxWatcher {
    /** The poll interval unless set otherwise. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    /** The sweep age unless set otherwise: no delivery of a few megabytes (R23) stalls an hour. */
    public static final Duration DEFAULT_SWEEP_AGE = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(InboxWatcher.class);

    private final Path inbox;
    private final Clock clock;
    private final TaskScheduler scheduler;
    private final Executor workExecutor;
    private final Duration pollInterval;
    private final Duration sweepAge;
    private final InboxScan scan;
    private final InboxJudge judge;
    private final ReentrantLock pollLock = new ReentrantLock();
    private final Object stateLock = new Object();
    private boolean running;
    private long generation;
    private TaskScheduler.ScheduledTask next;

    private InboxWatcher(Builder builder) {
        this.inbox = builder.inbox.toAbsolutePath();
        this.clock = builder.clock;
        this.scheduler = builder.scheduler;
        this.workExecutor = builder.workExecutor;
        this.pollInterval = builder.pollInterval;
        this.sweepAge = builder.sweepAge;
        this.scan = new InboxScan(inbox);
        this.judge = new InboxJudge(inbox, builder.handler);
    }

    /**
     * A builder; inbox, handler, clock, scheduler and work executor are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the inbox directory, absolute
     */
    public Path inbox() {
        return inbox;
    }

    /**
     * Sweeps stale {@code .part} files, then starts polling at once. May be called again after
     * {@link #stop()}.
     *
     * @throws IllegalStateException if already started
     * @throws InvalidInputException if the inbox is not an existing directory
     * @throws RedundancyException if the inbox cannot be listed or swept
     */
    public void start() {
        long current;
        synchronized (stateLock) {
            if (running) {
                throw new IllegalStateException("the inbox watcher of " + inbox + " is already started");
            }
            if (!Files.isDirectory(inbox)) {
                throw InvalidInputException.of("inbox", inbox.toString(), "must be an existing directory");
            }
            running = true;
            current = ++generation;
        }
        try {
            sweep();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        schedule(current, clock.instant());
    }

    /**
     * Cancels the next poll; a poll in progress finishes its current bundle and the rest of its
     * list, unwaited. Does nothing if not started.
     */
    public void stop() {
        synchronized (stateLock) {
            running = false;
            generation++;
            if (next != null) {
                next.cancel();
                next = null;
            }
        }
    }

    /**
     * Judges and answers every complete bundle in the inbox now, on the calling thread; for tests
     * and hosts that run their own timer. Waits while another poll runs.
     *
     * @return the verdicts written, in the order the bundles were judged
     * @throws RedundancyException if the inbox cannot be listed
     */
    public List<DeliveryReceipt> pollOnce() {
        pollLock.lock();
        try {
            List<DeliveryReceipt> answered = new ArrayList<>();
            for (var id : scan.bundles()) {
                judge.judge(id).ifPresent(answered::add);
            }
            return answered;
        } catch (IOException e) {
            throw IoFailures.of("cannot list the inbox " + inbox, e);
        } finally {
            pollLock.unlock();
        }
    }

    /**
     * Deletes the protocol's {@code .part} files last modified more than the sweep age before
     * the clock's current instant; {@link #start()} calls it.
     *
     * @return the files deleted
     * @throws RedundancyException if the inbox cannot be listed or a file cannot be deleted
     */
    public List<Path> sweep() {
        pollLock.lock();
        try {
            return scan.sweep(clock.instant().minus(sweepAge));
        } catch (IOException e) {
            throw IoFailures.of("cannot sweep the inbox " + inbox, e);
        } finally {
            pollLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "InboxWatcher[" + inbox + "]";
    }

    private void schedule(long owner, Instant at) {
        synchronized (stateLock) {
            if (!running || owner != generation) {
                return;
            }
            try {
                next = scheduler.schedule(at, () -> tick(owner));
            } catch (RejectedExecutionException e) {
                LOG.error("The task scheduler refused the next poll of the inbox {}; the watcher stops", inbox, e);
                running = false;
            }
        }
    }

    private void tick(long owner) {
        synchronized (stateLock) {
            if (!running || owner != generation) {
                return;
            }
        }
        try {
            workExecutor.execute(() -> pollAndReschedule(owner));
        } catch (RejectedExecutionException e) {
            LOG.error("The work executor refused a poll of the inbox {}; trying again in {}", inbox,
                    DurationText.of(pollInterval), e);
            schedule(owner, clock.instant().plus(pollInterval));
        }
    }

    private void pollAndReschedule(long owner) {
        try {
            pollOnce();
        } catch (RuntimeException e) {
            LOG.warn("Polling the inbox {} failed; trying again in {}", inbox, DurationText.of(pollInterval), e);
        } finally {
            schedule(owner, clock.instant().plus(pollInterval));
        }
    }

    /**
     * Collects an {@link InboxWatcher}'s parts; {@link #build()} checks them together.
     *
     * <p>Not thread-safe; use one builder per thread.
     */
    public static final class Builder {
        private Path inbox;
        private BundleHandler handler;
        private Clock clock;
        private TaskScheduler scheduler;
        private Executor workExecutor;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private Duration sweepAge = DEFAULT_SWEEP_AGE;

        private Builder() {
        }

        /**
         * The directory senders deliver into. Required.
         *
         * @param inbox the directory; must exist when the watcher starts
         * @return this builder
         */
        public Builder inbox(Path inbox) {
            this.inbox = inbox;
            return this;
        }

        /**
         * Judges each complete bundle, e.g. the standby's receiver. Required.
         *
         * @param handler the handler, called from one thread at a time
         * @return this builder
         */
        public Builder handler(BundleHandler handler) {
            this.handler = handler;
            return this;
        }

        /**
         * The clock for the sweep's cutoff and the polls' instants; the scheduler must use the
         * same one. Required.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Times the polls. Required.
         *
         * @param scheduler the scheduler, e.g. {@link TaskScheduler#using}
         * @return this builder
         */
        public Builder scheduler(TaskScheduler scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /**
         * Runs the polls, which block on file I/O and on the handler; one thread suffices.
         * Required.
         *
         * @param workExecutor the executor
         * @return this builder
         */
        public Builder workExecutor(Executor workExecutor) {
            this.workExecutor = workExecutor;
            return this;
        }

        /**
         * The pause after a poll before the next; {@link #DEFAULT_POLL_INTERVAL} unless set.
         *
         * @param pollInterval more than 0, at most {@link RetrySchedule#LONGEST_DELAY}
         * @return this builder
         */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
            return this;
        }

        /**
         * How old a {@code .part} file must be for the start-up sweep to delete it;
         * {@link #DEFAULT_SWEEP_AGE} unless set. Longer than any delivery takes.
         *
         * @param sweepAge more than 0, at most {@link RetrySchedule#LONGEST_DELAY}
         * @return this builder
         */
        public Builder sweepAge(Duration sweepAge) {
            this.sweepAge = sweepAge;
            return this;
        }

        /**
         * Checks the parts and builds the watcher, not yet started.
         *
         * @return the watcher
         * @throws InvalidInputException naming every missing or out-of-range setting
         */
        public InboxWatcher build() {
            List<InputProblem> problems = new ArrayList<>();
            required(problems, "inbox", inbox);
            required(problems, "handler", handler);
            required(problems, "clock", clock);
            required(problems, "scheduler", scheduler);
            required(problems, "workExecutor", workExecutor);
            positive(problems, "pollInterval", pollInterval);
            positive(problems, "sweepAge", sweepAge);
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            return new InboxWatcher(this);
        }

        private static void required(List<InputProblem> problems, String field, Object value) {
            if (value == null) {
                problems.add(InputProblem.of(field, null, "is required"));
            }
        }

        private static void positive(List<InputProblem> problems, String field, Duration value) {
            if (value == null || value.compareTo(Duration.ZERO) <= 0 || value.compareTo(RetrySchedule.LONGEST_DELAY) > 0) {
                problems.add(InputProblem.of(field, value == null ? null : DurationText.of(value),
                        "must be more than 0 and at most " + DurationText.of(RetrySchedule.LONGEST_DELAY)));
            }
        }
    }
}
