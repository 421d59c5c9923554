package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.event.RedundancyEvent;
import io.github.pbxredundancy.core.event.WatchdogAlarm;
import io.github.pbxredundancy.core.event.WatchdogRecovered;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.Size;

class StandbyWatchdogProperties {
    /** A week before the daylight-saving change in Europe, and one after America's. */
    private static final Instant START = Instant.parse("2016-03-20T00:00:00Z");
    private static final Duration RECHECK = Duration.ofHours(1);
    /** Bundles arrive half a minute off the whole minutes on which every deadline and check falls. */
    private static final Duration OFF_GRID = Duration.ofSeconds(30);

    /**
     * The watchdog is simulated on a manual clock against the rule computed independently:
     * every reference (the bundle before the start, or the start, then each arrival) has the
     * deadlines {@code Dk = Sk + span + grace}; each one that passes before the next arrival
     * raises exactly one alarm at {@code Dk} (those already passed at the start one alarm at the
     * start), and none other is raised.
     */
    @Property(tries = 300)
    void anAlarmIsRaisedIffNoBundleArrivesByTheDeadlineAndNeverTwiceForOneMissedRun(
            @ForAll("schedules") ReplicationSchedule schedule,
            @ForAll @IntRange(min = 1, max = 10) int attempts,
            @ForAll @IntRange(min = 0, max = 30) int delayMinutes,
            @ForAll @IntRange(min = 15, max = 180) int graceMinutes,
            @ForAll @IntRange(min = -1, max = 6 * 24 * 60) int acceptedMinutesBeforeStart,
            @ForAll @Size(max = 6) List<@IntRange(min = 1, max = 2 * 24 * 60) Integer> gapMinutes) {
        Duration allowance = Duration.ofMinutes((attempts - 1L) * delayMinutes + graceMinutes);
        Optional<Instant> initial = acceptedMinutesBeforeStart < 0 ? Optional.empty()
                : Optional.of(START.minus(Duration.ofMinutes(acceptedMinutesBeforeStart)).minus(OFF_GRID));
        List<Instant> arrivals = new ArrayList<>();
        Instant previous = START;
        for (int gap : gapMinutes) {
            previous = previous.plus(Duration.ofMinutes(gap));
            arrivals.add(previous.plus(OFF_GRID));
        }
        Instant horizon = previous.plus(Duration.ofDays(3));

        List<RedundancyEvent> events = simulate(schedule, attempts, delayMinutes, graceMinutes, initial, arrivals, horizon);

        List<List<WatchdogAlarm>> expected = expectedAlarms(schedule, allowance, initial, arrivals, horizon);
        List<WatchdogAlarm> alarms = events.stream().filter(WatchdogAlarm.class::isInstance)
                .map(WatchdogAlarm.class::cast).toList();
        assertThat(alarms).containsExactlyElementsOf(expected.stream().flatMap(List::stream).toList());
        for (int i = 1; i < alarms.size(); i++) {
            if (alarms.get(i).overdueSince().equals(alarms.get(i - 1).overdueSince())) {
                assertThat(alarms.get(i).missedRuns()).isGreaterThan(alarms.get(i - 1).missedRuns());
            }
        }
        // Every outage a bundle ended is reported recovered once: each segment but the last one with an alarm.
        long outagesEnded = expected.subList(0, arrivals.size()).stream().filter(list -> !list.isEmpty()).count();
        checkRecoveries(events, arrivals, allowance, outagesEnded);

        // The generators must reach every case the rule distinguishes, or the property proves little.
        Statistics.label("alarms").collect(alarms.isEmpty() ? "none" : "some");
        Statistics.label("repeated for a further missed run").collect(alarms.stream().anyMatch(a -> a.missedRuns() > 1));
        Statistics.label("recovered").collect(outagesEnded > 0);
        Statistics.label("alarm at start").collect(!alarms.isEmpty() && alarms.get(0).at().equals(START));
        Statistics.label("alarms").coverage(coverage -> {
            coverage.check("none").percentage(p -> p > 10);
            coverage.check("some").percentage(p -> p > 10);
        });
        Statistics.label("repeated for a further missed run")
                .coverage(coverage -> coverage.check(true).percentage(p -> p > 10));
        Statistics.label("recovered").coverage(coverage -> coverage.check(true).percentage(p -> p > 10));
        Statistics.label("alarm at start").coverage(coverage -> coverage.check(true).percentage(p -> p > 5));
    }

    private static List<RedundancyEvent> simulate(ReplicationSchedule schedule, int attempts, int delayMinutes,
            int graceMinutes, Optional<Instant> initial, List<Instant> arrivals, Instant horizon) {
        MutableClock clock = new MutableClock(START);
        ManualScheduler scheduler = new ManualScheduler(clock);
        RecordingNotifier notifier = new RecordingNotifier();
        AtomicReference<Optional<Instant>> lastAccepted = new AtomicReference<>(initial);
        StandbyWatchdog.builder().schedule(schedule)
                .retries(RetrySchedule.fixed(attempts, Duration.ofMinutes(delayMinutes)))
                .grace(Duration.ofMinutes(graceMinutes)).recheckInterval(RECHECK).lastAccepted(lastAccepted::get)
                .clock(clock).scheduler(scheduler).notifier(notifier).build().start();
        for (Instant arrival : arrivals) {
            scheduler.advanceTo(arrival);
            lastAccepted.set(Optional.of(arrival));
        }
        scheduler.advanceTo(horizon);
        return notifier.events();
    }

    /**
     * The rule, computed from the schedule alone: the alarms expected for each reference, the
     * bundle before the start (or the start) and then each arrival.
     */
    private static List<List<WatchdogAlarm>> expectedAlarms(ReplicationSchedule schedule, Duration allowance,
            Optional<Instant> initial, List<Instant> arrivals, Instant horizon) {
        List<List<WatchdogAlarm>> expected = new ArrayList<>();
        Optional<Instant> last = initial;
        Instant reference = initial.orElse(START);
        for (int segment = 0; segment <= arrivals.size(); segment++) {
            List<WatchdogAlarm> alarms = new ArrayList<>();
            Instant end = segment < arrivals.size() ? arrivals.get(segment) : horizon;
            Instant run = schedule.nextRunAfter(reference);
            Instant first = run.plus(allowance);
            Instant deadline = first;
            Instant lastPassed = null;
            int missed = 0;
            // Deadlines passed before the watchdog started are reported together, at the start.
            while (!deadline.isAfter(START)) {
                missed++;
                lastPassed = deadline;
                run = schedule.nextRunAfter(run);
                deadline = run.plus(allowance);
            }
            if (missed > 0) {
                alarms.add(new WatchdogAlarm(START, last, first, lastPassed, missed));
            }
            // Arrivals lie off the whole minutes, so no deadline coincides with one; the horizon may.
            while (!deadline.isAfter(end)) {
                missed++;
                alarms.add(new WatchdogAlarm(deadline, last, first, deadline, missed));
                run = schedule.nextRunAfter(run);
                deadline = run.plus(allowance);
            }
            expected.add(alarms);
            if (segment < arrivals.size()) {
                last = Optional.of(arrivals.get(segment));
                reference = arrivals.get(segment);
            }
        }
        return expected;
    }

    /** One recovery per outage that a bundle ended, noticed within the recheck interval of the newest arrival. */
    private static void checkRecoveries(List<RedundancyEvent> events, List<Instant> arrivals, Duration allowance,
            long outagesEnded) {
        Duration recheck = RECHECK.compareTo(allowance) <= 0 ? RECHECK : allowance;
        WatchdogAlarm lastAlarm = null;
        long recoveries = 0;
        for (RedundancyEvent event : events) {
            if (event instanceof WatchdogAlarm alarm) {
                lastAlarm = alarm;
            } else if (event instanceof WatchdogRecovered recovered) {
                assertThat(lastAlarm).as("a recovery ends an outage with an alarm").isNotNull();
                assertThat(recovered.overdueSince()).isEqualTo(lastAlarm.overdueSince());
                assertThat(recovered.missedRuns()).isEqualTo(lastAlarm.missedRuns());
                assertThat(arrivals).contains(recovered.acceptedAt());
                assertThat(Duration.between(recovered.acceptedAt(), recovered.at()))
                        .isBetween(Duration.ZERO, recheck);
                lastAlarm = null;
                recoveries++;
            }
        }
        assertThat(recoveries).isEqualTo(outagesEnded);
    }

    @Provide
    Arbitrary<ReplicationSchedule> schedules() {
        Arbitrary<LocalDate> dates = Arbitraries.integers().between(0, 59)
                .map(days -> LocalDate.of(2016, 2, 1).plusDays(days));
        Arbitrary<IntervalUnit> units = Arbitraries.of(IntervalUnit.class);
        return Combinators.combine(dates, ScheduleArbitraries.startTimes(),
                ScheduleArbitraries.zones(ScheduleArbitraries.ZONES), units, Arbitraries.integers().between(1, 240))
                .as((date, time, zone, unit, every) -> ReplicationSchedule.of(date, time, zone, unit, switch (unit) {
                    case MINUTE -> Math.max(15, every);
                    case HOUR -> 1 + every % 12;
                    case DAY -> 1 + every % 3;
                    case WEEK -> 1 + every % 2;
                    case MONTH -> 1;
                }));
    }
}
