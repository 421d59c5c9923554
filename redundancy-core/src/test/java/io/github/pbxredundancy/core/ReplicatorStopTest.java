package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.event.AttemptFailed;
import io.github.pbxredundancy.core.event.BundlePrepared;
import io.github.pbxredundancy.core.event.RunSkipped;
import io.github.pbxredundancy.core.event.RunStarted;
import io.github.pbxredundancy.core.event.RunSucceeded;
import io.github.pbxredundancy.core.spi.Delivery;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import io.github.pbxredundancy.core.spi.TransferListener;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A stop while the host is delivering, with the delivery on a real thread; waits are bounded. */
class ReplicatorStopTest {
    private static final Instant FIRST_RUN = ReplicatorTest.FIRST_RUN;
    private static final long WAIT_MS = 5000;

    private final MutableClock clock = new MutableClock(FIRST_RUN.minus(Duration.ofHours(1)));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final RecordingNotifier events = new RecordingNotifier();
    private final ExecutorService work = Executors.newSingleThreadExecutor();
    private final CountDownLatch firstDeliveryEntered = new CountDownLatch(1);
    private final CountDownLatch releaseFirstDelivery = new CountDownLatch(1);
    private final CountDownLatch firstBundleCleanedUp = new CountDownLatch(1);
    private final AtomicInteger deliveries = new AtomicInteger();

    private final ReplicationSteps steps = new ReplicationSteps() {
        private final AtomicInteger bundles = new AtomicInteger();

        @Override
        public PreparedBundle prepare(long run) {
            int n = bundles.incrementAndGet();
            Delivery delivery = new Delivery(BundleId.parse("bundle-" + n), Path.of("b"), 1, String.format("%064x", n));
            return n == 1 ? new PreparedBundle(delivery, firstBundleCleanedUp::countDown) : PreparedBundle.of(delivery);
        }

        @Override
        public DeliveryReceipt deliver(PreparedBundle bundle, TransferListener listener) {
            if (deliveries.incrementAndGet() == 1) {
                firstDeliveryEntered.countDown();
                try {
                    if (!releaseFirstDelivery.await(WAIT_MS, TimeUnit.MILLISECONDS)) {
                        throw new AssertionError("never released");
                    }
                } catch (InterruptedException e) {
                    throw new AssertionError("a delivery is never interrupted", e);
                }
            }
            return new DeliveryReceipt.Accepted(bundle.delivery().bundleId(), bundle.delivery().sha256());
        }
    };

    @AfterEach
    void shutDown() {
        releaseFirstDelivery.countDown();
        work.shutdownNow();
    }

    @Test
    void aStopDuringADeliveryDiscardsItsOutcomeCleansUpAfterItAndNoRunOverlapsIt() throws Exception {
        Replicator replicator = Replicator.builder().schedule(ReplicatorTest.DAILY)
                .retries(RetrySchedule.starfaceDefault(3)).steps(steps).clock(clock).scheduler(scheduler)
                .workExecutor(work).notifier(events).build();
        replicator.start();
        scheduler.advanceTo(FIRST_RUN);
        assertThat(firstDeliveryEntered.await(WAIT_MS, TimeUnit.MILLISECONDS)).isTrue();

        replicator.stop();
        replicator.start();
        scheduler.advance(Duration.ofDays(1));

        // The stopped run's delivery still runs, so the next run is skipped, not run beside it.
        assertThat(events.ofType(RunSkipped.class)).singleElement().extracting(RunSkipped::run).isEqualTo(1L);
        assertThat(firstBundleCleanedUp.getCount()).isEqualTo(1);

        releaseFirstDelivery.countDown();
        assertThat(firstBundleCleanedUp.await(WAIT_MS, TimeUnit.MILLISECONDS)).isTrue();
        scheduler.advance(Duration.ofDays(1));

        RunSucceeded succeeded = events.awaitFirst(RunSucceeded.class, Duration.ofMillis(WAIT_MS));
        assertThat(succeeded.run()).isEqualTo(2L);
        assertThat(events.events()).filteredOn(event -> event instanceof RunSucceeded || event instanceof AttemptFailed)
                .containsExactly(succeeded);
        assertThat(events.ofType(RunStarted.class)).hasSize(2);
        assertThat(events.ofType(BundlePrepared.class)).hasSize(2);
        assertThat(deliveries).hasValue(2);
    }
}
