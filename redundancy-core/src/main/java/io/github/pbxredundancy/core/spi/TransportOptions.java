package io.github.pbxredundancy.core.spi;

import io.github.pbxredundancy.core.InputProblem;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.RetrySchedule;
import io.github.pbxredundancy.core.TaskScheduler;
import io.github.pbxredundancy.core.internal.DurationText;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings every {@link Transport} understands; a transport with settings of its own (SSH
 * credentials, TLS trust) takes them in its own constructor besides these.
 *
 * <p>Start from {@link #defaults} and change single settings with the {@code with…} methods.
 * Immutable and thread-safe.
 *
 * @param ackTimeout how long a delivery waits for the standby's verdict once the bundle is
 *     complete on the standby; no verdict by then is {@link io.github.pbxredundancy.core.ReasonCode#TIMEOUT}
 * @param pollInterval how often a drop-style transport (see {@code docs/inbox-protocol.md})
 *     looks for the verdict while it waits
 * @param connectTimeout how long a networked transport may take to reach the standby; the
 *     {@code file:} transport does not use it (a file system call cannot be bounded from Java)
 * @param clock the clock every deadline is computed on
 * @param scheduler wakes waiting deliveries; transports never sleep
 */
public record TransportOptions(Duration ackTimeout, Duration pollInterval, Duration connectTimeout,
                               Clock clock, TaskScheduler scheduler) {
    /** The ack timeout unless set otherwise: the standby verifies a bundle of a few megabytes (R23) in seconds. */
    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofMinutes(10);
    /** The poll interval unless set otherwise. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    /** The connect timeout unless set otherwise. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Validates every setting together.
     *
     * @throws InvalidInputException naming every missing setting and every duration that is not
     *     more than zero and at most {@link RetrySchedule#LONGEST_DELAY}
     */
    public TransportOptions {
        List<InputProblem> problems = new ArrayList<>();
        positive(problems, "ackTimeout", ackTimeout);
        positive(problems, "pollInterval", pollInterval);
        positive(problems, "connectTimeout", connectTimeout);
        if (clock == null) {
            problems.add(InputProblem.of("clock", null, "is required"));
        }
        if (scheduler == null) {
            problems.add(InputProblem.of("scheduler", null, "is required"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /**
     * The defaults ({@link #DEFAULT_ACK_TIMEOUT}, {@link #DEFAULT_POLL_INTERVAL},
     * {@link #DEFAULT_CONNECT_TIMEOUT}) on the given clock and scheduler.
     *
     * @param clock the clock; the scheduler must use the same one
     * @param scheduler the scheduler, e.g. {@link TaskScheduler#using}
     * @return the options
     */
    public static TransportOptions defaults(Clock clock, TaskScheduler scheduler) {
        return new TransportOptions(DEFAULT_ACK_TIMEOUT, DEFAULT_POLL_INTERVAL, DEFAULT_CONNECT_TIMEOUT, clock, scheduler);
    }

    /**
     * @param timeout the new ack timeout
     * @return a copy with it
     */
    public TransportOptions withAckTimeout(Duration timeout) {
        return new TransportOptions(timeout, pollInterval, connectTimeout, clock, scheduler);
    }

    /**
     * @param interval the new poll interval
     * @return a copy with it
     */
    public TransportOptions withPollInterval(Duration interval) {
        return new TransportOptions(ackTimeout, interval, connectTimeout, clock, scheduler);
    }

    /**
     * @param timeout the new connect timeout
     * @return a copy with it
     */
    public TransportOptions withConnectTimeout(Duration timeout) {
        return new TransportOptions(ackTimeout, pollInterval, timeout, clock, scheduler);
    }

    private static void positive(List<InputProblem> problems, String field, Duration value) {
        if (value == null || value.compareTo(Duration.ZERO) <= 0 || value.compareTo(RetrySchedule.LONGEST_DELAY) > 0) {
            problems.add(InputProblem.of(field, value == null ? null : DurationText.of(value),
                    "must be more than 0 and at most " + DurationText.of(RetrySchedule.LONGEST_DELAY)));
        }
    }
}
