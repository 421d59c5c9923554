package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.event.AttemptFailed;
import io.github.pbxredundancy.core.event.RunFailed;
import io.github.pbxredundancy.core.event.RunSkipped;
import io.github.pbxredundancy.core.event.RunSucceeded;
import io.github.pbxredundancy.core.spi.Delivery;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import io.github.pbxredundancy.core.spi.TransferListener;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The backup timeout, with the backup on a real thread (it must block while the manual clock
 * moves past the timeout); the timers still run on the manual scheduler. Waits are bounded.
 */
class ReplicatorBackupTimeoutTest {
    private static final Instant FIRST_RUN = ReplicatorTest.FIRST_RUN;
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final MutableClock clock = new MutableClock(FIRST_RUN.minus(Duration.ofHours(1)));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final RecordingNotifier events = new RecordingNotifier();
    private final ExecutorService work = Executors.newSingleThreadExecutor();
    private final HangingFirstBackup steps = new HangingFirstBackup();

    /** The first backup hangs until released, ignoring interrupts; later ones return at once. */
    private static final class HangingFirstBackup implements ReplicationSteps {
        final CountDownLatch firstEntered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch interrupted = new CountDownLatch(1);
        final CountDownLatch lateBundleCleanedUp = new CountDownLatch(1);
        final AtomicInteger prepares = new AtomicInteger();
        final List<BundleId> delivered = new CopyOnWriteArrayList<>();

        @Override
        public PreparedBundle prepare(long run) {
            int call = prepares.incrementAndGet();
            Delivery delivery = new Delivery(BundleId.parse("backup-" + call), Path.of("b.bundle"), 1,
                    String.format("%064x", call));
            if (call > 1) {
                return PreparedBundle.of(delivery);
            }
            firstEntered.countDown();
            while (true) {
                try {
                    if (release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                        break;
                    }
                    throw new AssertionError("the test never released the first backup");
                } catch (InterruptedException e) {
                    // A stubborn backup tool: it notes the interrupt and goes on.
                    interrupted.countDown();
                }
            }
            return new PreparedBundle(delivery, lateBundleCleanedUp::countDown);
        }

        @Override
        public DeliveryReceipt deliver(PreparedBundle bundle, TransferListener listener) {
            delivered.add(bundle.delivery().bundleId());
            return new DeliveryReceipt.Accepted(bundle.delivery().bundleId(), bundle.delivery().sha256());
        }
    }

    @AfterEach
    void shutDown() {
        steps.release.countDown();
        work.shutdownNow();
    }

    private Replicator started() {
        Replicator replicator = Replicator.builder().schedule(ReplicatorTest.DAILY)
                .retries(RetrySchedule.starfaceDefault(3)).steps(steps).clock(clock).scheduler(scheduler)
                .workExecutor(work).notifier(events).backupTimeout(Duration.ofMinutes(2)).build();
        replicator.start();
        return replicator;
    }

    private void advanceToFirstRunAndWaitForTheHangingBackup() throws InterruptedException {
        scheduler.advanceTo(FIRST_RUN);
        assertThat(steps.firstEntered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    }

    @Test
    void aBackupThatDoesNotReturnInTimeFailsTheAttemptAndItsLateBundleIsCleanedUpUnused() throws Exception {
        Replicator replicator = started();
        advanceToFirstRunAndWaitForTheHangingBackup();

        scheduler.advance(Duration.ofMinutes(2).minusMillis(1));
        assertThat(events.ofType(AttemptFailed.class)).isEmpty();
        scheduler.advance(Duration.ofMillis(1));

        assertThat(events.ofType(AttemptFailed.class)).singleElement().satisfies(failed -> {
            assertThat(failed.at()).isEqualTo(FIRST_RUN.plus(Duration.ofMinutes(2)));
            assertThat(failed.failure().reason()).isEqualTo(ReasonCode.BACKUP_FAILED);
            assertThat(failed.failure().message()).isEqualTo("no backup within 2 min");
            assertThat(failed.nextAttemptAt()).contains(FIRST_RUN.plus(Duration.ofMinutes(7)));
        });
        assertThat(steps.interrupted.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        steps.release.countDown();
        assertThat(steps.lateBundleCleanedUp.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(replicator.status().running().orElseThrow().phase())
                .isEqualTo(ReplicationStatus.Phase.WAITING_TO_RETRY);

        scheduler.advance(Duration.ofMinutes(5));

        RunSucceeded succeeded = events.awaitFirst(RunSucceeded.class, WAIT);
        assertThat(succeeded.attempts()).isEqualTo(2);
        assertThat(succeeded.bundleId()).isEqualTo(BundleId.parse("backup-2"));
        assertThat(steps.delivered).containsExactly(BundleId.parse("backup-2"));
    }

    @Test
    void whileATimedOutBackupStillRunsNoSecondOneStartsAndLaterRunsAreSkipped() throws Exception {
        started();
        advanceToFirstRunAndWaitForTheHangingBackup();

        // Attempts at 05:00 (times out at 05:02), 05:07 and 05:12; the backup hangs throughout.
        scheduler.advance(Duration.ofMinutes(20));

        assertThat(steps.prepares).hasValue(1);
        assertThat(events.ofType(AttemptFailed.class)).extracting(failed -> failed.failure().reason())
                .containsOnly(ReasonCode.BACKUP_FAILED).hasSize(3);
        assertThat(events.ofType(AttemptFailed.class).get(1).failure().message())
                .contains("attempt 1").contains("has still not returned");
        assertThat(events.ofType(RunFailed.class)).singleElement().extracting(RunFailed::run).isEqualTo(1L);

        scheduler.advance(Duration.ofDays(1));

        assertThat(events.ofType(RunSkipped.class)).singleElement().satisfies(skipped -> {
            assertThat(skipped.run()).isEqualTo(1L);
            assertThat(skipped.scheduledFor()).isEqualTo(FIRST_RUN.plus(Duration.ofDays(1)));
        });
        assertThat(steps.prepares).hasValue(1);

        steps.release.countDown();
        assertThat(steps.lateBundleCleanedUp.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        // Only up to the run: the manual clock must not pass the timeout while the real thread makes the backup.
        scheduler.advanceTo(FIRST_RUN.plus(Duration.ofDays(2)));

        RunSucceeded succeeded = events.awaitFirst(RunSucceeded.class, WAIT);
        assertThat(succeeded.run()).isEqualTo(2L);
        assertThat(steps.delivered).containsExactly(BundleId.parse("backup-2"));
        assertThat(events.ofType(RunFailed.class)).hasSize(1);
        assertThat(steps.prepares).hasValue(2);
    }
}
