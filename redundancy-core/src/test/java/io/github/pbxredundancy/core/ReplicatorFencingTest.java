package io.github.pbxredundancy.core;

import static io.github.pbxredundancy.core.ReplicatorTest.DAILY;
import static io.github.pbxredundancy.core.ReplicatorTest.FIRST_RUN;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.event.AttemptFailure;
import io.github.pbxredundancy.core.event.RunFailed;
import io.github.pbxredundancy.core.event.RunSkipped;
import io.github.pbxredundancy.core.event.RunStarted;
import io.github.pbxredundancy.core.event.RunSucceeded;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The replicator's side of fencing (B1): a closed gate sends nothing, and every receipt's epoch
 * reaches the epoch observer before the run's outcome is reported.
 */
class ReplicatorFencingTest {
    private final MutableClock clock = new MutableClock(FIRST_RUN.minus(Duration.ofHours(1)));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final RecordingNotifier events = new RecordingNotifier();
    private final ScriptedSteps steps = new ScriptedSteps(clock);
    private final AtomicReference<Optional<String>> gate = new AtomicReference<>(Optional.empty());
    private final List<String> observed = Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> outcomesBefore = Collections.synchronizedList(new ArrayList<>());

    private Replicator started(RetrySchedule retries) {
        Replicator replicator = Replicator.builder().schedule(DAILY).retries(retries).steps(steps).clock(clock)
                .scheduler(scheduler).workExecutor(Runnable::run).notifier(events).gate(gate::get)
                .epochObserver((epoch, evidence) -> {
                    observed.add(epoch + " " + evidence);
                    // What the replicator reported when the observer heard of the epoch (a failed assertion here
                    // would be swallowed as an observer failure).
                    outcomesBefore.add(events.ofType(RunFailed.class).size() + events.ofType(RunSucceeded.class).size());
                })
                .build();
        replicator.start();
        return replicator;
    }

    @Test
    void aRunFallingDueWhileTheGateIsClosedIsSkippedWithItsReasonAndSendsNothing() {
        gate.set(Optional.of("this node is FENCED at epoch 1"));
        Replicator replicator = started(RetrySchedule.starfaceDefault(3));

        scheduler.advance(Duration.ofHours(2));

        assertThat(steps.preparedRuns()).isEmpty();
        assertThat(steps.deliveryTimes()).isEmpty();
        assertThat(events.ofType(RunSkipped.class)).singleElement().satisfies(skipped -> {
            assertThat(skipped.cause()).isEqualTo(RunSkipped.Cause.NOT_ALLOWED);
            assertThat(skipped.reason()).isEqualTo("this node is FENCED at epoch 1");
            assertThat(skipped.run()).as("no run number used").isZero();
            assertThat(skipped.scheduledFor()).isEqualTo(FIRST_RUN);
        });
        assertThat(events.ofType(RunStarted.class)).isEmpty();
        assertThat(replicator.status().nextRunAt()).contains(FIRST_RUN.plus(Duration.ofDays(1)));

        gate.set(Optional.empty());
        scheduler.advance(Duration.ofDays(1));

        assertThat(events.ofType(RunSucceeded.class)).singleElement()
                .satisfies(succeeded -> assertThat(succeeded.run()).isEqualTo(1));
    }

    @Test
    void aStaleEpochRefusalReachesTheObserverFirstAndEndsTheRunAtOnce() {
        steps.then(delivery -> new DeliveryReceipt.Rejected(delivery.bundleId(), ReasonCode.STALE_EPOCH,
                "bundle carries epoch 0, but this standby has seen epoch 1", 1));
        started(RetrySchedule.starfaceDefault(10));

        scheduler.advance(Duration.ofHours(2));

        assertThat(observed).singleElement().asString()
                .startsWith("1 the standby's receipt for bundle run-1-bundle-1 (rejected, STALE_EPOCH, epoch 1)");
        assertThat(outcomesBefore).as("observed before the run's outcome was reported").containsExactly(0);
        assertThat(steps.deliveryTimes()).as("not retryable").hasSize(1);
        assertThat(events.ofType(RunFailed.class)).singleElement().satisfies(failed -> {
            assertThat(failed.reason()).isEqualTo(GiveUpReason.NOT_RETRYABLE);
            assertThat(failed.failures()).extracting(AttemptFailure::reason).containsExactly(ReasonCode.STALE_EPOCH);
        });
    }

    @Test
    void acceptedReceiptsWithAnEpochAreObservedTooAndUnknownEpochsAreNot() {
        steps.then(delivery -> new DeliveryReceipt.Accepted(delivery.bundleId(), delivery.sha256(), 3));
        steps.then(ScriptedSteps::accept);
        started(RetrySchedule.starfaceDefault(3));

        scheduler.advance(Duration.ofDays(1).plusHours(2));

        assertThat(events.ofType(RunSucceeded.class)).hasSize(2);
        assertThat(observed).singleElement().asString().startsWith("3 the standby's receipt for bundle run-1-bundle-1"
                + " (accepted, epoch 3)");
    }

    @Test
    void aThrowingObserverOrGateChangesNothingButClosesTheGate() {
        Replicator replicator = Replicator.builder().schedule(DAILY).retries(RetrySchedule.starfaceDefault(3)).steps(steps)
                .clock(clock).scheduler(scheduler).workExecutor(Runnable::run).notifier(events)
                .gate(() -> {
                    throw new IllegalStateException("lifecycle unreadable");
                })
                .build();
        replicator.start();

        scheduler.advance(Duration.ofHours(2));

        assertThat(steps.preparedRuns()).isEmpty();
        assertThat(events.ofType(RunSkipped.class)).singleElement().satisfies(skipped -> {
            assertThat(skipped.cause()).isEqualTo(RunSkipped.Cause.NOT_ALLOWED);
            assertThat(skipped.reason()).contains("the replication gate failed", "lifecycle unreadable");
        });

        Replicator observing = Replicator.builder().schedule(DAILY).retries(RetrySchedule.starfaceDefault(3))
                .steps(steps.then(delivery -> new DeliveryReceipt.Accepted(delivery.bundleId(), delivery.sha256(), 2)))
                .clock(clock).scheduler(scheduler).workExecutor(Runnable::run).notifier(events)
                .epochObserver((epoch, evidence) -> {
                    throw new IllegalStateException("disk full");
                })
                .build();
        observing.start();
        scheduler.advance(Duration.ofDays(1));

        assertThat(events.ofType(RunSucceeded.class)).singleElement();
    }

    @Test
    void aGateClosingWhileTheBackupIsMadeStopsTheDeliveryAndTheRun() {
        ReplicationSteps closingSteps = new ReplicationSteps() {
            @Override
            public PreparedBundle prepare(long run) {
                PreparedBundle bundle = steps.prepare(run);
                gate.set(Optional.of("this node is FENCED at epoch 2"));
                return bundle;
            }

            @Override
            public DeliveryReceipt deliver(PreparedBundle bundle, io.github.pbxredundancy.core.spi.TransferListener listener) {
                return steps.deliver(bundle, listener);
            }
        };
        Replicator.builder().schedule(DAILY).retries(RetrySchedule.starfaceDefault(3)).steps(closingSteps).clock(clock)
                .scheduler(scheduler).workExecutor(Runnable::run).notifier(events).gate(gate::get).build().start();

        scheduler.advance(Duration.ofHours(2));

        assertThat(steps.preparedRuns()).containsExactly(1L);
        assertThat(steps.deliveryTimes()).as("a fenced node sends nothing").isEmpty();
        assertThat(steps.cleanedUp()).as("the run's bundle is cleaned up").hasSize(1);
        assertThat(events.ofType(RunFailed.class)).singleElement().satisfies(failed -> {
            assertThat(failed.reason()).isEqualTo(GiveUpReason.NOT_RETRYABLE);
            assertThat(failed.failures()).singleElement().satisfies(failure -> {
                assertThat(failure.reason()).isEqualTo(ReasonCode.ILLEGAL_STATE);
                assertThat(failure.message()).contains("not allowed", "FENCED at epoch 2");
            });
        });

        scheduler.advance(Duration.ofDays(1));

        assertThat(steps.preparedRuns()).containsExactly(1L);
        assertThat(events.ofType(RunSkipped.class)).singleElement()
                .satisfies(skipped -> assertThat(skipped.run()).as("the last run's number").isEqualTo(1));
    }

    @Test
    void aRetryAttemptAfterTheGateClosedIsNotMade() {
        steps.then(ScriptedSteps.failWith(ReasonCode.CONNECTION_FAILED));
        started(RetrySchedule.starfaceDefault(5));
        scheduler.advance(Duration.ofHours(1));
        assertThat(steps.deliveryTimes()).hasSize(1);

        gate.set(Optional.of("this node is FENCED at epoch 3"));
        scheduler.advance(Duration.ofMinutes(30));

        assertThat(steps.deliveryTimes()).hasSize(1);
        assertThat(events.ofType(RunFailed.class)).singleElement().satisfies(failed -> assertThat(failed.failures())
                .extracting(AttemptFailure::reason).containsExactly(ReasonCode.CONNECTION_FAILED, ReasonCode.ILLEGAL_STATE));
        assertThat(steps.cleanedUp()).hasSize(1);
    }
}
