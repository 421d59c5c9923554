package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.pbxredundancy.core.event.RedundancyEvent;
import io.github.pbxredundancy.core.event.RunStarted;
import io.github.pbxredundancy.core.spi.Notifier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real lane threads; every wait is bounded and nothing sleeps for a fixed time. */
class NotificationsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Instant T0 = Instant.parse("2016-01-26T04:00:00Z");

    private final CountDownLatch release = new CountDownLatch(1);
    private final BlockingQueue<RedundancyEvent> hangingSaw = new LinkedBlockingQueue<>();
    private final BlockingQueue<RedundancyEvent> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<Boolean> hangingInterrupted = new LinkedBlockingQueue<>();
    private Notifications notifications;

    /** Blocks on the latch for every event; notes an interrupt. */
    private final Notifier hanging = event -> {
        hangingSaw.add(event);
        try {
            if (!release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("never released");
            }
        } catch (InterruptedException e) {
            hangingInterrupted.add(true);
        }
    };
    private final Notifier throwing = event -> {
        throw new IllegalStateException("mail server down");
    };
    private final Notifier recording = received::add;

    @AfterEach
    void closeLanes() {
        release.countDown();
        if (notifications != null) {
            notifications.close(WAIT);
        }
    }

    private static List<RedundancyEvent> events(int count) {
        return LongStream.rangeClosed(1, count).mapToObj(run -> (RedundancyEvent) new RunStarted(T0, run, T0)).toList();
    }

    @Test
    void aThrowingAndAHangingNotifierNeitherStallTheCallerNorKeepEventsFromTheOthers() throws InterruptedException {
        notifications = Notifications.builder().notifier("throwing", throwing).notifier("hanging", hanging)
                .notifier("recording", recording).queueCapacity(50).build();
        List<RedundancyEvent> sent = events(20);

        assertTimeoutPreemptively(WAIT, () -> sent.forEach(notifications::notify));

        for (RedundancyEvent event : sent) {
            assertThat(received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isSameAs(event);
        }
        assertThat(hangingSaw.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isSameAs(sent.get(0));
        // The hanging notifier is still on its first event, so the others got theirs without it.
        assertThat(hangingSaw).isEmpty();

        release.countDown();
        assertThat(notifications.close(WAIT)).isTrue();

        assertThat(notifications.stats()).containsExactly(
                new NotifierStats("throwing", 0, 20, 0, 0),
                new NotifierStats("hanging", 20, 0, 0, 0),
                new NotifierStats("recording", 20, 0, 0, 0));
    }

    @Test
    void aFullQueueDropsAndCountsWithoutBlocking() throws InterruptedException {
        notifications = Notifications.builder().notifier("hanging", hanging).queueCapacity(3).build();

        assertTimeoutPreemptively(WAIT, () -> events(10).forEach(notifications::notify));

        // The first event went to the lane's thread, three wait in the queue, six were dropped.
        assertThat(hangingSaw.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isNotNull();
        assertThat(notifications.stats()).containsExactly(new NotifierStats("hanging", 0, 0, 6, 3));

        release.countDown();
        assertThat(notifications.close(WAIT)).isTrue();
        assertThat(notifications.stats()).containsExactly(new NotifierStats("hanging", 4, 0, 6, 0));

        notifications.notify(events(1).get(0));
        assertThat(notifications.stats().get(0).dropped()).isEqualTo(7);
    }

    @Test
    void closeWaitsAtMostTheGivenTimeThenInterruptsAndDropsTheQueue() throws InterruptedException {
        notifications = Notifications.builder().notifier("hanging", hanging).build();
        events(3).forEach(notifications::notify);
        assertThat(hangingSaw.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isNotNull();

        assertThat(notifications.close(Duration.ofMillis(50))).isFalse();

        assertThat(hangingInterrupted.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(notifications.stats().get(0).dropped()).isEqualTo(2);
    }

    @Test
    void ofNamesTheNotifiersInOrder() {
        notifications = Notifications.of(recording, Notifiers.logging());

        assertThat(notifications.stats()).extracting(NotifierStats::name).containsExactly("notifier-1", "notifier-2");
    }

    @Test
    void buildNamesEveryBadSetting() {
        assertThatThrownBy(() -> Notifications.builder().notifier("mail", recording).notifier("mail", recording)
                .notifier(" ", recording).queueCapacity(0).closeTimeout(Duration.ofSeconds(-1)).build())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(InputProblem::field)
                        .containsExactly("notifier name", "notifier name", "queueCapacity", "closeTimeout"));
        assertThatThrownBy(() -> Notifications.builder().build())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(InputProblem::field).containsExactly("notifier"));
    }
}
