package io.github.pbxredundancy.core.internal.watchdog;

import io.github.pbxredundancy.core.ReplicationSchedule;
import io.github.pbxredundancy.core.event.WatchdogAlarm;
import io.github.pbxredundancy.core.event.WatchdogEvent;
import io.github.pbxredundancy.core.event.WatchdogRecovered;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The watchdog's rule as a pure state machine, fed with instants; the rule itself is described
 * on {@link io.github.pbxredundancy.core.StandbyWatchdog}.
 *
 * <p>It remembers the reference instant (the newest accepted bundle, or the start), the next
 * scheduled run after it that has not yet passed its deadline, how many runs have passed their
 * deadline, and how many of them were alarmed. Each observation first takes a newer accepted
 * bundle into account, then counts the deadlines that have passed, so an alarm is never raised
 * for a run whose bundle is already visible.
 *
 * <p>Not part of the API. Not thread-safe; {@link WatchdogLoop} serialises the calls.
 */
final class WatchdogState {
    private final ReplicationSchedule schedule;
    private final Duration allowance;
    private Optional<Instant> lastSeen;
    private Instant upcomingRun;
    private Instant upcomingDeadline;
    private Instant lastMissedDeadline;
    private Instant overdueSince;
    private int missedRuns;
    private int alarmedRuns;

    /**
     * @param schedule the pair's replication schedule
     * @param allowance how long after its scheduled time a run's bundle may arrive: the retry
     *     span plus the grace
     * @param startedAt when watching began; the reference if no bundle was accepted
     * @param lastAccepted when the newest valid bundle was accepted, if one was
     */
    WatchdogState(ReplicationSchedule schedule, Duration allowance, Instant startedAt, Optional<Instant> lastAccepted) {
        this.schedule = schedule;
        this.allowance = allowance;
        this.lastSeen = lastAccepted;
        resetTo(lastAccepted.orElse(startedAt));
    }

    /**
     * Takes the newest accepted bundle into account, then the deadlines passed by {@code now}.
     *
     * @param now the clock's instant
     * @param lastAccepted when the newest valid bundle was accepted, as the receiver reports it
     * @return the events decided: a recovery, an alarm, both in this order, or none
     */
    List<WatchdogEvent> observe(Instant now, Optional<Instant> lastAccepted) {
        List<WatchdogEvent> events = new ArrayList<>(2);
        if (lastAccepted.isPresent() && (lastSeen.isEmpty() || lastAccepted.get().isAfter(lastSeen.get()))) {
            if (alarmedRuns > 0) {
                events.add(new WatchdogRecovered(now, lastAccepted.get(), lastSeen, overdueSince, alarmedRuns));
            }
            lastSeen = lastAccepted;
            resetTo(lastAccepted.get());
        }
        countPassedDeadlines(now).ifPresent(events::add);
        return events;
    }

    /**
     * Counts the deadlines passed by {@code now} while nothing new is known, e.g. because the
     * receiver could not be asked: a watchdog that cannot see a bundle assumes there is none.
     *
     * @param now the clock's instant
     * @return the events decided: an alarm or none
     */
    List<WatchdogEvent> observeWithoutNews(Instant now) {
        return countPassedDeadlines(now).<List<WatchdogEvent>>map(List::of).orElse(List.of());
    }

    /** The deadline of the next run that has not passed it yet: when the watchdog must look next. */
    Instant upcomingDeadline() {
        return upcomingDeadline;
    }

    /** Whether an alarm was raised and no newer bundle has been seen since. */
    boolean alarmed() {
        return alarmedRuns > 0;
    }

    Optional<Instant> lastSeen() {
        return lastSeen;
    }

    Optional<Instant> overdueSince() {
        return Optional.ofNullable(overdueSince);
    }

    int missedRuns() {
        return missedRuns;
    }

    private Optional<WatchdogEvent> countPassedDeadlines(Instant now) {
        while (!now.isBefore(upcomingDeadline)) {
            // Computed before anything changes, so a schedule beyond the supported dates leaves the state intact.
            Instant nextRun = schedule.nextRunAfter(upcomingRun);
            Instant nextDeadline = nextRun.plus(allowance);
            missedRuns++;
            lastMissedDeadline = upcomingDeadline;
            if (overdueSince == null) {
                overdueSince = upcomingDeadline;
            }
            upcomingRun = nextRun;
            upcomingDeadline = nextDeadline;
        }
        if (missedRuns <= alarmedRuns) {
            return Optional.empty();
        }
        alarmedRuns = missedRuns;
        return Optional.of(new WatchdogAlarm(now, lastSeen, overdueSince, lastMissedDeadline, missedRuns));
    }

    private void resetTo(Instant reference) {
        Instant run = schedule.nextRunAfter(reference);
        Instant deadline = run.plus(allowance);
        upcomingRun = run;
        upcomingDeadline = deadline;
        lastMissedDeadline = null;
        overdueSince = null;
        missedRuns = 0;
        alarmedRuns = 0;
    }
}
