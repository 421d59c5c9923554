package io.github.pbxredundancy.core.event;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * No valid bundle arrived by the deadline of a scheduled run (B3). Raised once at the first
 * missed deadline and once more for each further missed run, never more often; see
 * {@code StandbyWatchdog} for the rule.
 *
 * @param at when the watchdog noticed; the deadline itself if its scheduler is punctual
 * @param lastAcceptedAt when the newest valid bundle was accepted; empty if none was since the
 *     watchdog started watching
 * @param overdueSince the deadline of the first missed run of this outage
 * @param expectedBy the deadline of the latest missed run, the one this alarm is for; equal to
 *     {@code overdueSince} in the first alarm
 * @param missedRuns how many scheduled runs have now passed their deadline without a bundle, 1
 *     in the first alarm
 */
public record WatchdogAlarm(Instant at, Optional<Instant> lastAcceptedAt, Instant overdueSince, Instant expectedBy,
                            int missedRuns) implements WatchdogEvent {
    /** Validates the parts. */
    public WatchdogAlarm {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(lastAcceptedAt, "lastAcceptedAt");
        Objects.requireNonNull(overdueSince, "overdueSince");
        Objects.requireNonNull(expectedBy, "expectedBy");
        if (missedRuns < 1) {
            throw new IllegalArgumentException("missedRuns must be 1 or more, not " + missedRuns);
        }
        if (expectedBy.isBefore(overdueSince)) {
            throw new IllegalArgumentException("expectedBy " + expectedBy + " lies before overdueSince " + overdueSince);
        }
    }

    /**
     * How old the standby's data is at least: the time since the newest valid bundle was
     * accepted (its backup was made before that). This is the data an emergency promotion now
     * would lose (R21).
     *
     * @return the age; empty if no bundle was accepted
     */
    public Optional<Duration> dataAge() {
        return lastAcceptedAt.map(accepted -> Duration.between(accepted, at));
    }
}
