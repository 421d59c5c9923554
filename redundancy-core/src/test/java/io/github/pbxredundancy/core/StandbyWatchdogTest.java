package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pbxredundancy.core.event.WatchdogAlarm;
import io.github.pbxredundancy.core.event.WatchdogRecovered;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandbyWatchdogTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** The manual's example: daily at 05:00 from 26.01.2016. */
    static final ReplicationSchedule DAILY = ReplicationSchedule.of(LocalDate.of(2016, 1, 26), LocalTime.of(5, 0),
            BERLIN, IntervalUnit.DAY, 1);
    /** 10 attempts 5 minutes apart: 45 minutes of retries. */
    static final RetrySchedule TEN_ATTEMPTS = RetrySchedule.starfaceDefault(10);

    private final MutableClock clock = new MutableClock(berlin(26, 6, 0));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final RecordingNotifier events = new RecordingNotifier();
    private final AtomicReference<Optional<Instant>> lastAccepted = new AtomicReference<>(Optional.empty());

    /** An instant of January 2016 in Berlin. */
    static Instant berlin(int day, int hour, int minute) {
        return ZonedDateTime.of(2016, 1, day, hour, minute, 0, 0, BERLIN).toInstant();
    }

    private StandbyWatchdog.Builder builder() {
        return builderWithoutRetries().retries(TEN_ATTEMPTS);
    }

    private StandbyWatchdog.Builder builderWithoutRetries() {
        return StandbyWatchdog.builder().schedule(DAILY).lastAccepted(lastAccepted::get).clock(clock)
                .scheduler(scheduler).notifier(events);
    }

    private void accepted(Instant at) {
        lastAccepted.set(Optional.of(at));
    }

    @Test
    void alarmsAtExactlyTheDeadlineAfterTheNextRunAndItsRetriesAndNotBefore() {
        accepted(berlin(26, 5, 3));
        StandbyWatchdog watchdog = builder().build();
        watchdog.start();

        // 05:00 on the 27th, plus 9 retries 5 minutes apart, plus 30 minutes of grace.
        assertThat(watchdog.status().nextDeadline()).contains(berlin(27, 6, 15));
        scheduler.advanceTo(berlin(27, 6, 15).minusMillis(1));
        assertThat(events.events()).isEmpty();
        assertThat(watchdog.status().overdue()).isFalse();

        scheduler.advanceTo(berlin(27, 6, 15));
        assertThat(events.events()).containsExactly(new WatchdogAlarm(berlin(27, 6, 15),
                Optional.of(berlin(26, 5, 3)), berlin(27, 6, 15), berlin(27, 6, 15), 1));
        WatchdogAlarm alarm = events.ofType(WatchdogAlarm.class).get(0);
        assertThat(alarm.dataAge()).contains(Duration.ofHours(25).plusMinutes(12));
        assertThat(watchdog.status()).isEqualTo(new StandbyWatchdog.Status(true, Optional.of(berlin(26, 5, 3)),
                Optional.of(berlin(28, 6, 15)), Optional.of(berlin(27, 6, 15)), 1));
    }

    @Test
    void repeatsTheAlarmOncePerFurtherMissedRunWithTheDataGrowingOlder() {
        accepted(berlin(26, 5, 3));
        builder().build().start();

        scheduler.advanceTo(berlin(30, 12, 0));

        List<WatchdogAlarm> alarms = events.ofType(WatchdogAlarm.class);
        assertThat(events.events()).hasSize(4);
        assertThat(alarms).extracting(WatchdogAlarm::at)
                .containsExactly(berlin(27, 6, 15), berlin(28, 6, 15), berlin(29, 6, 15), berlin(30, 6, 15));
        assertThat(alarms).extracting(WatchdogAlarm::missedRuns).containsExactly(1, 2, 3, 4);
        assertThat(alarms).extracting(WatchdogAlarm::expectedBy).isEqualTo(alarms.stream().map(WatchdogAlarm::at).toList());
        assertThat(alarms).extracting(WatchdogAlarm::overdueSince).containsOnly(berlin(27, 6, 15));
        assertThat(alarms.get(3).dataAge()).contains(Duration.ofDays(4).plusHours(1).plusMinutes(12));
    }

    @Test
    void reportsARecoveryOnceAndWatchesTheNewBundlesDeadlineAfterIt() {
        accepted(berlin(26, 5, 3));
        StandbyWatchdog watchdog = builder().build();
        watchdog.start();
        scheduler.advanceTo(berlin(27, 9, 0));

        // The active is back: its run retried by hand is accepted at 09:00:30.
        Instant late = berlin(27, 9, 0).plusSeconds(30);
        accepted(late);
        scheduler.advanceTo(berlin(27, 9, 30));

        // Noticed by the next look, at most 5 minutes later.
        assertThat(events.ofType(WatchdogRecovered.class)).containsExactly(new WatchdogRecovered(berlin(27, 9, 5),
                late, Optional.of(berlin(26, 5, 3)), berlin(27, 6, 15), 1));
        assertThat(events.ofType(WatchdogRecovered.class).get(0).downtime())
                .isEqualTo(Duration.ofHours(2).plusMinutes(45).plusSeconds(30));
        assertThat(watchdog.status().overdue()).isFalse();
        assertThat(watchdog.status().nextDeadline()).contains(berlin(28, 6, 15));

        // The 28th's bundle arrives in time; the 29th's does not: a new outage, counted afresh.
        scheduler.advanceTo(berlin(28, 5, 2));
        accepted(berlin(28, 5, 2));
        scheduler.advanceTo(berlin(29, 12, 0));

        assertThat(events.events()).hasSize(3);
        assertThat(events.events().get(2)).isEqualTo(new WatchdogAlarm(berlin(29, 6, 15),
                Optional.of(berlin(28, 5, 2)), berlin(29, 6, 15), berlin(29, 6, 15), 1));
    }

    @Test
    void withoutAnyBundleTheFirstDeadlineCountsFromTheStart() {
        clock.set(berlin(26, 12, 0));
        builder().build().start();

        scheduler.advanceTo(berlin(27, 6, 15).minusMillis(1));
        assertThat(events.events()).isEmpty();
        scheduler.advanceTo(berlin(27, 6, 15));

        WatchdogAlarm alarm = (WatchdogAlarm) events.events().get(0);
        assertThat(alarm.lastAcceptedAt()).isEmpty();
        assertThat(alarm.dataAge()).isEmpty();
        assertThat(alarm.missedRuns()).isEqualTo(1);

        scheduler.advanceTo(berlin(27, 7, 0));
        accepted(berlin(27, 7, 0));
        scheduler.advanceTo(berlin(27, 7, 5));
        assertThat(events.events()).hasSize(2);
        assertThat(events.events().get(1)).isEqualTo(new WatchdogRecovered(berlin(27, 7, 5), berlin(27, 7, 0),
                Optional.empty(), berlin(27, 6, 15), 1));
    }

    @Test
    void aThrowingNotifierNeverStopsTheWatchdog() {
        AtomicInteger calls = new AtomicInteger();
        accepted(berlin(26, 5, 3));
        builder().notifier(event -> {
            calls.incrementAndGet();
            throw new IllegalStateException("mail server down");
        }).build().start();

        scheduler.advanceTo(berlin(29, 12, 0));

        assertThat(calls).hasValue(3);
        assertThat(scheduler.nextDue()).isPresent();
    }

    @Test
    void startedInTheMiddleOfAnOutageItAlarmsAtOnceCountingEveryMissedRun() {
        accepted(berlin(26, 5, 3));
        clock.set(berlin(30, 6, 0));
        builder().build().start();

        assertThat(events.events()).containsExactly(new WatchdogAlarm(berlin(30, 6, 0), Optional.of(berlin(26, 5, 3)),
                berlin(27, 6, 15), berlin(29, 6, 15), 3));
        scheduler.advanceTo(berlin(31, 6, 15));
        assertThat(events.ofType(WatchdogAlarm.class)).extracting(WatchdogAlarm::missedRuns).containsExactly(3, 4, 5);
    }

    @Test
    void aTimerFiringEarlyByTheClockFindsNothingDueAndKeepsTheDeadline() {
        accepted(berlin(26, 5, 3));
        builder().build().start();

        scheduler.runEarliestEarly();

        assertThat(events.events()).isEmpty();
        assertThat(scheduler.nextDue()).contains(berlin(27, 6, 15));
        assertThat(scheduler.pending()).isEqualTo(1);
    }

    @Test
    void aFailingSupplierCountsAsNoNewsSoTheAlarmStillComes() {
        accepted(berlin(26, 5, 3));
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        StandbyWatchdog watchdog = builder().lastAccepted(() -> {
            if (failure.get() != null) {
                throw failure.get();
            }
            return lastAccepted.get();
        }).build();
        watchdog.start();
        failure.set(new IllegalStateException("receiver unavailable"));

        scheduler.advanceTo(berlin(27, 6, 15));
        assertThat(events.ofType(WatchdogAlarm.class)).hasSize(1);

        scheduler.advanceTo(berlin(27, 7, 0));
        failure.set(null);
        accepted(berlin(27, 7, 0));
        scheduler.advanceTo(berlin(27, 7, 5));
        assertThat(events.ofType(WatchdogRecovered.class)).hasSize(1);
    }

    @Test
    void aHostWithoutSchedulerChecksItselfAndGetsTheAlarmAtTheFirstCheckAfterTheDeadline() {
        accepted(berlin(26, 5, 3));
        StandbyWatchdog watchdog = builder().scheduler(null).build();
        watchdog.start();

        clock.set(berlin(27, 6, 14));
        watchdog.check();
        assertThat(events.events()).isEmpty();
        clock.set(berlin(27, 6, 16));
        watchdog.check();
        watchdog.check();

        assertThat(events.ofType(WatchdogAlarm.class)).extracting(WatchdogAlarm::at).containsExactly(berlin(27, 6, 16));
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void stopCancelsTheTimerAndAStartBeginsAfresh() {
        accepted(berlin(26, 5, 3));
        StandbyWatchdog watchdog = builder().build();
        watchdog.start();
        assertThatThrownBy(watchdog::start).isInstanceOf(IllegalStateException.class);

        watchdog.stop();
        watchdog.stop();
        assertThat(scheduler.pending()).isZero();
        assertThatThrownBy(watchdog::check).isInstanceOf(IllegalStateException.class);
        scheduler.advanceTo(berlin(28, 0, 0));
        assertThat(events.events()).isEmpty();
        assertThat(watchdog.status().started()).isFalse();

        watchdog.start();
        assertThat(events.ofType(WatchdogAlarm.class)).extracting(WatchdogAlarm::at).containsExactly(berlin(28, 0, 0));
    }

    @Test
    void watchesAReceiversCurrentBundleAndNoticesADeliveryAtOnceWhenToldTo(@TempDir Path dir) {
        clock.set(berlin(26, 5, 3));
        Receiver receiver = Receiver.builder().root(dir.resolve("receiver")).activeServerKey(BundleFixtures.KEY)
                .ownVersion(BundleFixtures.VERSION).importer(new RecordingImporter()).clock(clock)
                .notifier(event -> { }).freeSpaceReserve(ReceiverFixtures.RESERVE).build();
        ReceiverFixtures.deliver(receiver, ReceiverFixtures.bundle(dir, "b1", 1, berlin(26, 5, 0)));
        StandbyWatchdog watchdog = builder().lastAcceptedFrom(receiver).build();
        watchdog.start();
        scheduler.advanceTo(berlin(27, 6, 15));
        assertThat(events.ofType(WatchdogAlarm.class)).extracting(WatchdogAlarm::lastAcceptedAt)
                .containsExactly(Optional.of(berlin(26, 5, 3)));

        scheduler.advanceTo(berlin(27, 6, 17));
        ReceiverFixtures.deliver(receiver, ReceiverFixtures.bundle(dir, "b2", 1, berlin(27, 6, 16)));
        watchdog.check();

        assertThat(events.ofType(WatchdogRecovered.class)).containsExactly(new WatchdogRecovered(berlin(27, 6, 17),
                berlin(27, 6, 17), Optional.of(berlin(26, 5, 3)), berlin(27, 6, 15), 1));
    }

    @Test
    void anExplicitRetrySpanAndGraceSetTheDeadline() {
        accepted(berlin(26, 5, 3));
        StandbyWatchdog watchdog = builderWithoutRetries().retrySpan(Duration.ofHours(2)).grace(Duration.ZERO).build();
        watchdog.start();

        assertThat(watchdog.status().nextDeadline()).contains(berlin(27, 7, 0));
        scheduler.advanceTo(berlin(27, 7, 0));
        assertThat(events.ofType(WatchdogAlarm.class)).hasSize(1);
    }

    @Test
    void theBuilderNamesEveryMissingOrWrongSettingAtOnce() {
        InvalidInputException missing = catchThrowableOfType(
                () -> StandbyWatchdog.builder().notifier(null).build(), InvalidInputException.class);
        assertThat(missing.problems()).extracting(InputProblem::field)
                .containsExactly("schedule", "retries", "lastAccepted", "clock", "notifier");

        InvalidInputException wrong = catchThrowableOfType(() -> builder().retrySpan(Duration.ofMinutes(45))
                .grace(Duration.ofMinutes(-1)).recheckInterval(Duration.ZERO).build(), InvalidInputException.class);
        assertThat(wrong.problems()).extracting(InputProblem::field)
                .containsExactly("retrySpan", "grace", "recheckInterval");
        assertThat(wrong.problems().get(0).rule()).contains("conflicts with retries");

        InvalidInputException span = catchThrowableOfType(() -> builderWithoutRetries()
                .retrySpan(Duration.ofDays(-1)).build(), InvalidInputException.class);
        assertThat(span.problems()).extracting(InputProblem::field).containsExactly("retrySpan");
    }

}
