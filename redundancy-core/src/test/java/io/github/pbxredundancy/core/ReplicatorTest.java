package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.pbxredundancy.core.event.AttemptFailed;
import io.github.pbxredundancy.core.event.AttemptFailure;
import io.github.pbxredundancy.core.event.BundlePrepared;
import io.github.pbxredundancy.core.event.RedundancyEvent;
import io.github.pbxredundancy.core.event.ReplicationEvent;
import io.github.pbxredundancy.core.event.RunFailed;
import io.github.pbxredundancy.core.event.RunSkipped;
import io.github.pbxredundancy.core.event.RunStarted;
import io.github.pbxredundancy.core.event.RunSucceeded;
import io.github.pbxredundancy.core.spi.Delivery;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.stubbing.Answer;

class ReplicatorTest {
    /** 05:00 in Berlin on the STARFACE manual's start date (R7). */
    static final Instant FIRST_RUN = Instant.parse("2016-01-26T04:00:00Z");
    static final ReplicationSchedule DAILY = ReplicationSchedule.of(LocalDate.of(2016, 1, 26), LocalTime.of(5, 0),
            ZoneId.of("Europe/Berlin"), IntervalUnit.DAY, 1);
    static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private final MutableClock clock = new MutableClock(FIRST_RUN.minus(Duration.ofHours(1)));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final RecordingNotifier events = new RecordingNotifier();
    private final ScriptedSteps steps = new ScriptedSteps(clock);

    private Replicator.Builder builder(ReplicationSchedule schedule, RetrySchedule retries) {
        return Replicator.builder().schedule(schedule).retries(retries).steps(steps).clock(clock)
                .scheduler(scheduler).workExecutor(Runnable::run).notifier(events);
    }

    private Replicator started(ReplicationSchedule schedule, RetrySchedule retries) {
        Replicator replicator = builder(schedule, retries).build();
        replicator.start();
        return replicator;
    }

    private static List<Instant> everyFiveMinutesFrom(Instant first, int count) {
        return IntStream.range(0, count).mapToObj(i -> first.plus(FIVE_MINUTES.multipliedBy(i))).toList();
    }

    @Test
    void failedAttemptsAreExactlyFiveMinutesApartThenOneRunFailedAndTheNextRunStillHappens() {
        steps.then(4, ScriptedSteps.failWith(ReasonCode.CONNECTION_FAILED));
        Replicator replicator = started(DAILY, RetrySchedule.starfaceDefault(4));

        scheduler.advance(Duration.ofHours(2));

        assertThat(steps.deliveryTimes()).containsExactlyElementsOf(everyFiveMinutesFrom(FIRST_RUN, 4));
        List<RunFailed> failed = events.ofType(RunFailed.class);
        assertThat(failed).singleElement().satisfies(runFailed -> {
            assertThat(runFailed.run()).isEqualTo(1);
            assertThat(runFailed.reason()).isEqualTo(GiveUpReason.ATTEMPTS_EXHAUSTED);
            assertThat(runFailed.failures()).extracting(AttemptFailure::attempt).containsExactly(1, 2, 3, 4);
            assertThat(runFailed.failures()).extracting(AttemptFailure::at)
                    .containsExactlyElementsOf(steps.deliveryTimes());
            assertThat(runFailed.failures()).extracting(AttemptFailure::reason)
                    .containsOnly(ReasonCode.CONNECTION_FAILED);
        });
        assertThat(events.ofType(AttemptFailed.class)).extracting(AttemptFailed::nextAttemptAt).containsExactly(
                Optional.of(FIRST_RUN.plus(FIVE_MINUTES)), Optional.of(FIRST_RUN.plus(FIVE_MINUTES.multipliedBy(2))),
                Optional.of(FIRST_RUN.plus(FIVE_MINUTES.multipliedBy(3))), Optional.empty());
        assertThat(events.events()).extracting(e -> e.getClass().getSimpleName()).containsExactly("RunStarted",
                "BundlePrepared", "AttemptFailed", "AttemptFailed", "AttemptFailed", "AttemptFailed", "RunFailed");
        // One bundle for all attempts of the run, cleaned up when the run ended.
        assertThat(steps.preparedRuns()).containsExactly(1L);
        assertThat(steps.deliveredBundles()).hasSize(4).containsOnly(steps.cleanedUp().get(0));
        ReplicationStatus status = replicator.status();
        assertThat(status.running()).isEmpty();
        assertThat(status.lastFailure()).contains(failed.get(0));
        assertThat(status.nextRunAt()).contains(FIRST_RUN.plus(Duration.ofDays(1)));

        scheduler.advance(Duration.ofDays(1));

        assertThat(steps.deliveryTimes()).hasSize(5).last().isEqualTo(FIRST_RUN.plus(Duration.ofDays(1)));
        assertThat(events.ofType(RunSucceeded.class)).singleElement().satisfies(succeeded -> {
            assertThat(succeeded.run()).isEqualTo(2);
            assertThat(succeeded.attempts()).isEqualTo(1);
        });
        assertThat(events.ofType(RunFailed.class)).hasSize(1);
        assertThat(steps.preparedRuns()).containsExactly(1L, 2L);
        assertThat(steps.cleanedUp()).hasSize(2);
        assertThat(replicator.status().lastSuccess()).isPresent();
    }

    static Stream<Arguments> unfixableFailures() {
        BundleId id = BundleId.parse("b1");
        return Stream.of(
                Arguments.of(ReasonCode.AUTHENTICATION_FAILED, (Answer<DeliveryReceipt>) call -> {
                    throw new RedundancyException(ReasonCode.AUTHENTICATION_FAILED, "permission denied for root");
                }),
                Arguments.of(ReasonCode.FOREIGN_PAIR, (Answer<DeliveryReceipt>) call -> {
                    throw new IllegalStateException("transport failed",
                            new RedundancyException(ReasonCode.FOREIGN_PAIR, "the standby belongs to another pair"));
                }),
                Arguments.of(ReasonCode.VERSION_INCOMPATIBLE, (Answer<DeliveryReceipt>) call -> {
                    throw new RedundancyException(ReasonCode.VERSION_INCOMPATIBLE, "standby 6.7 is older than 7.0");
                }),
                Arguments.of(ReasonCode.STALE_EPOCH, (Answer<DeliveryReceipt>) call ->
                        new DeliveryReceipt.Rejected(id, ReasonCode.STALE_EPOCH, "epoch 3 is older than 4")));
    }

    @ParameterizedTest
    @MethodSource("unfixableFailures")
    void anUnfixableFailureStopsAfterTheFirstAttemptWithOneRunFailed(ReasonCode reason, Answer<DeliveryReceipt> answer) {
        ReplicationSteps host = mock(ReplicationSteps.class);
        Delivery delivery = new Delivery(BundleId.parse("b1"), Path.of("b1.bundle"), 10, "a".repeat(64));
        when(host.prepare(anyLong())).thenReturn(PreparedBundle.of(delivery));
        when(host.deliver(any(), any())).thenAnswer(answer);
        Replicator replicator = builder(DAILY, RetrySchedule.starfaceDefault(10)).steps(host).build();
        replicator.start();

        scheduler.advance(Duration.ofHours(3));

        verify(host, times(1)).prepare(1);
        verify(host, times(1)).deliver(any(), any());
        assertThat(events.ofType(AttemptFailed.class)).singleElement().satisfies(failed -> {
            assertThat(failed.failure().reason()).isEqualTo(reason);
            assertThat(failed.nextAttemptAt()).isEmpty();
        });
        assertThat(events.ofType(RunFailed.class)).singleElement().satisfies(failed -> {
            assertThat(failed.reason()).isEqualTo(GiveUpReason.NOT_RETRYABLE);
            assertThat(failed.explanation()).contains(reason.name());
            assertThat(failed.failures()).hasSize(1);
        });
        assertThat(replicator.status().running()).isEmpty();
    }

    @Test
    void runsFallingDueDuringRetriesAreSkippedNeverStackedNorInterleaved() {
        ReplicationSchedule everyTenMinutes = ReplicationSchedule.of(LocalDate.of(2016, 1, 26), LocalTime.of(5, 0),
                ZoneId.of("Europe/Berlin"), IntervalUnit.MINUTE, 10);
        steps.otherwise(ScriptedSteps.failWith(ReasonCode.TIMEOUT));
        started(everyTenMinutes, RetrySchedule.starfaceDefault(5));

        scheduler.advanceTo(FIRST_RUN.plus(Duration.ofMinutes(60)));

        // Run 1: 05:00-05:20; the runs due at 05:10 and 05:20 are skipped (at 05:20 the run falls due just before
        // the last attempt, which it was scheduled before). Run 2 starts at 05:30, run 3 at 06:00.
        assertThat(steps.deliveryTimes()).containsExactlyElementsOf(Stream.of(0, 5, 10, 15, 20, 30, 35, 40, 45, 50, 60)
                .map(minutes -> FIRST_RUN.plus(Duration.ofMinutes(minutes))).toList());
        assertThat(events.ofType(RunStarted.class)).extracting(RunStarted::run, RunStarted::scheduledFor)
                .containsExactly(tuple(1L, FIRST_RUN),
                        tuple(2L, FIRST_RUN.plus(Duration.ofMinutes(30))),
                        tuple(3L, FIRST_RUN.plus(Duration.ofMinutes(60))));
        assertThat(events.ofType(RunSkipped.class)).extracting(RunSkipped::run, RunSkipped::scheduledFor)
                .containsExactly(tuple(1L, FIRST_RUN.plus(Duration.ofMinutes(10))),
                        tuple(1L, FIRST_RUN.plus(Duration.ofMinutes(20))),
                        tuple(2L, FIRST_RUN.plus(Duration.ofMinutes(40))),
                        tuple(2L, FIRST_RUN.plus(Duration.ofMinutes(50))));
        assertThat(events.ofType(RunFailed.class)).extracting(RunFailed::run).containsExactly(1L, 2L);
        assertThat(steps.maxConcurrentDeliveries()).isEqualTo(1);
        assertRunsNeverInterleave(events.events());
    }

    /** Between a run's start and its end no other run starts, and every event but a skip belongs to the open run. */
    static void assertRunsNeverInterleave(List<RedundancyEvent> events) {
        Long open = null;
        for (RedundancyEvent event : events) {
            long run = ((ReplicationEvent) event).run();
            if (event instanceof RunStarted) {
                assertThat(open).as("run %d starts while run %s is open", run, open).isNull();
                open = run;
            } else {
                assertThat(open).as("%s outside its run", event).isEqualTo(run);
                if (event instanceof RunSucceeded || event instanceof RunFailed) {
                    open = null;
                }
            }
        }
    }

    @Test
    void successOnALaterAttemptEndsTheRunWithoutRunFailed() {
        steps.then(2, ScriptedSteps.failWith(ReasonCode.CONNECTION_FAILED)).then(ScriptedSteps::accept);
        Replicator replicator = started(DAILY, RetrySchedule.starfaceDefault(10));

        scheduler.advance(Duration.ofHours(2));

        assertThat(steps.deliveryTimes()).containsExactlyElementsOf(everyFiveMinutesFrom(FIRST_RUN, 3));
        assertThat(events.ofType(RunSucceeded.class)).singleElement().satisfies(succeeded -> {
            assertThat(succeeded.attempts()).isEqualTo(3);
            assertThat(succeeded.at()).isEqualTo(FIRST_RUN.plus(Duration.ofMinutes(10)));
            assertThat(succeeded.bundleId()).isEqualTo(steps.deliveredBundles().get(0));
        });
        assertThat(events.ofType(AttemptFailed.class)).hasSize(2);
        assertThat(events.ofType(RunFailed.class)).isEmpty();
        assertThat(replicator.status().lastSuccess()).contains(events.ofType(RunSucceeded.class).get(0));
        assertThat(replicator.status().lastFailure()).isEmpty();
        assertThat(steps.cleanedUp()).containsExactly(steps.deliveredBundles().get(0));
    }

    @Test
    void anAcceptedReceiptWithAnotherHashIsAFailedAttempt() {
        steps.then(ScriptedSteps::wrongHash).then(ScriptedSteps::accept);
        started(DAILY, RetrySchedule.starfaceDefault(10));

        scheduler.advance(Duration.ofHours(2));

        assertThat(events.ofType(AttemptFailed.class)).singleElement().satisfies(failed -> {
            assertThat(failed.failure().reason()).isEqualTo(ReasonCode.INTEGRITY_FAILED);
            assertThat(failed.failure().message()).contains("0".repeat(64));
        });
        assertThat(events.ofType(RunSucceeded.class)).singleElement()
                .extracting(RunSucceeded::attempts).isEqualTo(2);
    }

    @Test
    void aRejectionIsRetriedWhenItsCodeIsRetryableAndReportsTheStandbysMessage() {
        steps.then(ScriptedSteps.reject(ReasonCode.DISK_FULL));
        started(DAILY, RetrySchedule.starfaceDefault(10));

        scheduler.advance(Duration.ofHours(2));

        assertThat(events.ofType(AttemptFailed.class)).singleElement().satisfies(failed -> {
            assertThat(failed.failure().reason()).isEqualTo(ReasonCode.DISK_FULL);
            assertThat(failed.failure().message()).contains("scripted rejection DISK_FULL");
        });
        assertThat(events.ofType(RunSucceeded.class)).singleElement().extracting(RunSucceeded::attempts).isEqualTo(2);
    }

    @Test
    void anUnknownExceptionIsAnUnexpectedFailureNamingItsClassAndMessageAndIsRetried() {
        steps.then(delivery -> {
            throw new IllegalStateException("disk on fire");
        });
        started(DAILY, RetrySchedule.starfaceDefault(10));

        scheduler.advance(Duration.ofHours(2));

        assertThat(events.ofType(AttemptFailed.class)).singleElement().satisfies(failed -> {
            assertThat(failed.failure().reason()).isEqualTo(ReasonCode.UNEXPECTED);
            assertThat(failed.failure().message()).isEqualTo("java.lang.IllegalStateException: disk on fire");
        });
        assertThat(events.ofType(RunSucceeded.class)).hasSize(1);
    }

    @Test
    void aFailedBackupIsRetriedWithAFreshBackup() {
        ReplicationSteps host = mock(ReplicationSteps.class);
        Delivery delivery = new Delivery(BundleId.parse("b2"), Path.of("b2.bundle"), 10, "b".repeat(64));
        when(host.prepare(anyLong()))
                .thenThrow(new RedundancyException(ReasonCode.BACKUP_FAILED, "backup tool exited with 3"))
                .thenReturn(PreparedBundle.of(delivery));
        when(host.deliver(any(), any())).thenReturn(new DeliveryReceipt.Accepted(delivery.bundleId(), delivery.sha256()));
        builder(DAILY, RetrySchedule.starfaceDefault(10)).steps(host).build().start();

        scheduler.advance(Duration.ofHours(2));

        verify(host, times(2)).prepare(1);
        verify(host, times(1)).deliver(any(), any());
        assertThat(events.ofType(AttemptFailed.class)).singleElement()
                .extracting(failed -> failed.failure().reason()).isEqualTo(ReasonCode.BACKUP_FAILED);
        assertThat(events.ofType(BundlePrepared.class)).singleElement().satisfies(prepared -> {
            assertThat(prepared.bundleId()).isEqualTo(delivery.bundleId());
            assertThat(prepared.at()).isEqualTo(FIRST_RUN.plus(FIVE_MINUTES));
        });
        assertThat(events.ofType(RunSucceeded.class)).singleElement().extracting(RunSucceeded::attempts).isEqualTo(2);
    }

    @Test
    void statusShowsARunWaitingToRetry() {
        steps.then(ScriptedSteps.failWith(ReasonCode.CONNECTION_FAILED));
        Replicator replicator = started(DAILY, RetrySchedule.starfaceDefault(10));
        assertThat(replicator.status().running()).isEmpty();
        assertThat(replicator.status().nextRunAt()).contains(FIRST_RUN);

        scheduler.advanceTo(FIRST_RUN.plusSeconds(60));

        ReplicationStatus.RunProgress progress = replicator.status().running().orElseThrow();
        assertThat(progress.run()).isEqualTo(1);
        assertThat(progress.attempt()).isEqualTo(1);
        assertThat(progress.phase()).isEqualTo(ReplicationStatus.Phase.WAITING_TO_RETRY);
        assertThat(progress.nextAttemptAt()).contains(FIRST_RUN.plus(FIVE_MINUTES));
        assertThat(progress.failures()).hasSize(1);
        assertThat(replicator.status().nextRunAt()).contains(FIRST_RUN.plus(Duration.ofDays(1)));
    }

    @Test
    void stopCancelsTheRetryAndTheNextRunAndCleansUpAndStartGoesOnNumbering() {
        steps.then(ScriptedSteps.failWith(ReasonCode.CONNECTION_FAILED));
        Replicator replicator = started(DAILY, RetrySchedule.starfaceDefault(10));
        scheduler.advanceTo(FIRST_RUN.plusSeconds(60));

        replicator.stop();
        scheduler.advance(Duration.ofDays(3));

        assertThat(steps.deliveryTimes()).hasSize(1);
        assertThat(steps.cleanedUp()).hasSize(1);
        assertThat(events.ofType(RunFailed.class)).isEmpty();
        assertThat(replicator.status()).isEqualTo(new ReplicationStatus(false, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()));
        assertThat(scheduler.pending()).isZero();

        replicator.start();
        scheduler.advance(Duration.ofDays(1));

        assertThat(events.ofType(RunSucceeded.class)).singleElement().extracting(RunSucceeded::run).isEqualTo(2L);
    }

    @Test
    void startingTwiceIsAnErrorAndStoppingAStoppedReplicatorDoesNothing() {
        Replicator replicator = builder(DAILY, RetrySchedule.starfaceDefault(3)).build();
        replicator.stop();
        replicator.start();

        assertThatThrownBy(replicator::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("already");
        assertThat(scheduler.pending()).isEqualTo(1);
    }

    @Test
    void aRunFiringBeforeItsTimeByTheClockWaitsForIt() {
        started(DAILY, RetrySchedule.starfaceDefault(3));

        // The executor's elapsed-time delay ran out an hour early: the wall clock was set back meanwhile.
        scheduler.runEarliestEarly();

        assertThat(events.events()).isEmpty();
        assertThat(scheduler.nextDue()).contains(FIRST_RUN);
        scheduler.advance(Duration.ofHours(2));
        assertThat(events.ofType(RunStarted.class)).singleElement().satisfies(started -> {
            assertThat(started.scheduledFor()).isEqualTo(FIRST_RUN);
            assertThat(started.at()).isEqualTo(FIRST_RUN);
        });
    }

    @Test
    void aForwardJumpOfTheClockRunsOnceAndDoesNotMakeUpTheRunsItPassed() {
        Replicator replicator = started(DAILY, RetrySchedule.starfaceDefault(3));

        clock.set(FIRST_RUN.plus(Duration.ofDays(3)).plus(Duration.ofHours(7)));
        scheduler.advance(Duration.ZERO);

        assertThat(events.ofType(RunStarted.class)).singleElement().satisfies(started -> {
            assertThat(started.scheduledFor()).isEqualTo(FIRST_RUN);
            assertThat(started.at()).isEqualTo(clock.instant());
        });
        assertThat(replicator.status().nextRunAt()).contains(FIRST_RUN.plus(Duration.ofDays(4)));
    }

    @Test
    void aThrowingNotifierBreaksNeitherTheRunNorTheChain() {
        Replicator replicator = builder(DAILY, RetrySchedule.starfaceDefault(3)).notifier(event -> {
            throw new IllegalStateException("notifier down");
        }).build();
        replicator.start();

        scheduler.advance(Duration.ofDays(2));

        assertThat(steps.deliveryTimes()).containsExactly(FIRST_RUN, FIRST_RUN.plus(Duration.ofDays(1)));
        assertThat(replicator.status().lastSuccess()).map(RunSucceeded::run).contains(2L);
    }

    @Test
    void buildNamesEveryMissingOrInvalidSetting() {
        assertThatThrownBy(() -> Replicator.builder().backupTimeout(Duration.ZERO).notifier(null).build())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(InputProblem::field).containsExactly("schedule", "retries", "steps", "clock",
                                "scheduler", "workExecutor", "notifier", "backupTimeout"));
    }
}
