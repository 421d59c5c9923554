package io.github.pbxredundancy.license;

import static io.github.pbxredundancy.license.LoadState.IDLE;
import static io.github.pbxredundancy.license.LoadState.UNDER_LOAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StandbyLoadBudgetTest {
    private static final Duration DAY = Duration.ofDays(1);

    private final MutableClock clock = MutableClock.atEpochDay(20_000);
    private final StandbyLoadBudget budget = new StandbyLoadBudget(clock);

    @Test
    void nothingIsUsedBeforeTheFirstObservation() {
        clock.advance(DAY.multipliedBy(30));

        assertThat(budget.status()).isEqualTo(new LoadBudgetStatus.WithinBudget(Duration.ZERO, DAY.multipliedBy(5)));
        assertThat(budget.policy()).isEqualTo(LoadBudgetPolicy.DEFAULT);
    }

    @Test
    void fiveDaysUnderLoadAreAllowedAndOneSecondMoreIsNot() {
        budget.observe(UNDER_LOAD);
        clock.advance(DAY.multipliedBy(2));
        assertThat(budget.status()).isInstanceOf(LoadBudgetStatus.WithinBudget.class);

        clock.advance(DAY);
        assertThat(budget.status()).isEqualTo(new LoadBudgetStatus.Warning(DAY.multipliedBy(3), DAY.multipliedBy(2), DAY.multipliedBy(3)));

        clock.advance(DAY.multipliedBy(2));
        assertThat(budget.status()).isEqualTo(new LoadBudgetStatus.Warning(DAY.multipliedBy(5), Duration.ZERO, DAY.multipliedBy(4)));

        clock.advance(Duration.ofSeconds(1));
        assertThat(budget.status()).isEqualTo(new LoadBudgetStatus.Exceeded(DAY.multipliedBy(5).plusSeconds(1), Duration.ofSeconds(1)));
    }

    @Test
    void repeatedLoadObservationsDoNotCountTwice() {
        for (int hour = 0; hour < 48; hour++) {
            budget.observe(UNDER_LOAD);
            clock.advance(Duration.ofHours(1));
        }

        assertThat(budget.status().used()).isEqualTo(DAY.multipliedBy(2));
    }

    @Test
    void idleTimeShorterThanTheGapPausesTheStretch() {
        budget.observe(UNDER_LOAD);
        clock.advance(DAY.multipliedBy(3));
        budget.observe(IDLE);
        clock.advance(Duration.ofHours(23));
        assertThat(budget.status().used()).isEqualTo(DAY.multipliedBy(3));

        budget.observe(UNDER_LOAD);
        clock.advance(DAY.multipliedBy(2).plusMinutes(1));

        assertThat(budget.status()).isInstanceOf(LoadBudgetStatus.Exceeded.class);
        assertThat(((LoadBudgetStatus.Exceeded) budget.status()).over()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void anIdlePeriodAsLongAsTheGapEndsTheStretch() {
        budget.observe(UNDER_LOAD);
        clock.advance(DAY.multipliedBy(4));
        budget.observe(IDLE);
        clock.advance(Duration.ofHours(24).minusNanos(1));
        assertThat(budget.status().used()).isEqualTo(DAY.multipliedBy(4));

        clock.advance(Duration.ofNanos(1));
        assertThat(budget.status().used()).isZero();

        budget.observe(UNDER_LOAD);
        clock.advance(Duration.ofHours(5));
        assertThat(budget.status().used()).isEqualTo(Duration.ofHours(5));
    }

    @Test
    void theIdleGapSpansSeveralIdleObservations() {
        budget.observe(UNDER_LOAD);
        clock.advance(DAY);
        for (int i = 0; i < 4; i++) {
            budget.observe(IDLE);
            clock.advance(Duration.ofHours(6));
        }
        budget.observe(UNDER_LOAD);

        assertThat(budget.status().used()).isZero();
    }

    @Test
    void anIdleOnlyHistoryUsesNothing() {
        for (int i = 0; i < 10; i++) {
            budget.observe(IDLE);
            clock.advance(DAY);
        }

        assertThat(budget.status().used()).isZero();
    }

    @Test
    void anObservationFromTheRefusedPastChangesNothing() {
        budget.observe(UNDER_LOAD);
        clock.advance(DAY);
        budget.observe(UNDER_LOAD);
        clock.advance(Duration.ofHours(-2));

        assertThatThrownBy(() -> budget.observe(IDLE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is earlier than the previous observation")
                .hasMessageContaining("the clock went backwards");
        // A query in the past answers as of the last observation.
        assertThat(budget.status().used()).isEqualTo(DAY);
        clock.advance(Duration.ofHours(3));
        assertThat(budget.status().used()).isEqualTo(DAY.plusHours(1));
    }

    @Test
    void usesItsOwnPolicy() {
        LoadBudgetPolicy policy = new LoadBudgetPolicy(Duration.ofHours(10), List.of(Duration.ofHours(8)), Duration.ofHours(1));
        StandbyLoadBudget strict = new StandbyLoadBudget(clock, policy);

        strict.observe(UNDER_LOAD);
        clock.advance(Duration.ofHours(9));

        assertThat(strict.status()).isEqualTo(new LoadBudgetStatus.Warning(Duration.ofHours(9), Duration.ofHours(1), Duration.ofHours(8)));
        assertThat(strict.toString()).contains("PT10H");
    }

    @Test
    void concurrentObserversAndReadersSeeAConsistentBudget() throws Exception {
        // The clock stands still, so every interleaving must give zero load; torn updates would not.
        budget.observe(IDLE);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < 4; t++) {
                int worker = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 2_000; i++) {
                        budget.observe(worker % 2 == 0 ? UNDER_LOAD : IDLE);
                        assertThat(budget.status().used()).isZero();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(budget.status().used()).isZero();
    }
}
