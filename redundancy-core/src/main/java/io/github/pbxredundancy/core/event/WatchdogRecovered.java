package io.github.pbxredundancy.core.event;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A valid bundle arrived after a {@link WatchdogAlarm}: replication works again. Sent once per
 * outage.
 *
 * @param at when the watchdog noticed the bundle
 * @param acceptedAt when the receiver accepted it
 * @param previousAcceptedAt when the bundle before it was accepted; empty if none was since the
 *     watchdog started watching
 * @param overdueSince the deadline of the first missed run of the outage
 * @param missedRuns how many runs had passed their deadline without a bundle when it arrived
 */
public record WatchdogRecovered(Instant at, Instant acceptedAt, Optional<Instant> previousAcceptedAt,
                                Instant overdueSince, int missedRuns) implements WatchdogEvent {
    /** Validates the parts. */
    public WatchdogRecovered {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
        Objects.requireNonNull(previousAcceptedAt, "previousAcceptedAt");
        Objects.requireNonNull(overdueSince, "overdueSince");
        if (missedRuns < 1) {
            throw new IllegalArgumentException("missedRuns must be 1 or more, not " + missedRuns);
        }
    }

    /**
     * How long replication was overdue: from the first missed deadline until the new bundle was
     * accepted; zero if it was accepted before that deadline but noticed only after it.
     *
     * @return the downtime, zero or more
     */
    public Duration downtime() {
        Duration downtime = Duration.between(overdueSince, acceptedAt);
        return downtime.isNegative() ? Duration.ZERO : downtime;
    }
}
