package io.github.pbxredundancy.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class StandbyLoadBudgetProperties {

    /** Observe {@code state}, then let {@code after} pass. */
    record Step(LoadState state, Duration after) {
    }

    @Property
    void usedLoadMatchesAReplayOfTheWholeHistory(@ForAll("histories") List<Step> history, @ForAll("policies") LoadBudgetPolicy policy) {
        MutableClock clock = MutableClock.atEpochDay(19_000);
        StandbyLoadBudget budget = new StandbyLoadBudget(clock, policy);
        List<Instant> times = new ArrayList<>();
        List<LoadState> states = new ArrayList<>();

        for (Step step : history) {
            budget.observe(step.state());
            times.add(clock.instant());
            states.add(step.state());
            clock.advance(step.after());

            assertThat(budget.status().used()).isEqualTo(replay(times, states, clock.instant(), policy.idleGap()));
        }
    }

    @Property
    void usedNeverExceedsTheLoadTimeObserved(@ForAll("histories") List<Step> history) {
        MutableClock clock = MutableClock.atEpochDay(19_000);
        StandbyLoadBudget budget = new StandbyLoadBudget(clock);
        Duration loadObserved = Duration.ZERO;

        for (Step step : history) {
            budget.observe(step.state());
            clock.advance(step.after());
            if (step.state() == LoadState.UNDER_LOAD) {
                loadObserved = loadObserved.plus(step.after());
            }

            assertThat(budget.status().used()).isLessThanOrEqualTo(loadObserved);
        }
    }

    @Property
    void idleOnlyHistoriesStayAtZero(@ForAll("histories") List<Step> history) {
        MutableClock clock = MutableClock.atEpochDay(19_000);
        StandbyLoadBudget budget = new StandbyLoadBudget(clock);

        for (Step step : history) {
            budget.observe(LoadState.IDLE);
            clock.advance(step.after());
            assertThat(budget.status()).isEqualTo(new LoadBudgetStatus.WithinBudget(Duration.ZERO, Duration.ofDays(5)));
        }
    }

    @Property
    void anIdlePeriodOfAtLeastTheGapResets(@ForAll("histories") List<Step> history, @ForAll("policies") LoadBudgetPolicy policy,
            @ForAll @LongRange(min = 0, max = 3 * 24 * 60) long extraMinutes, @ForAll @IntRange(min = 1, max = 4) int idleObservations,
            @ForAll @LongRange(min = 0, max = 10 * 24 * 60) long laterLoadMinutes) {
        MutableClock clock = MutableClock.atEpochDay(19_000);
        StandbyLoadBudget budget = new StandbyLoadBudget(clock, policy);
        for (Step step : history) {
            budget.observe(step.state());
            clock.advance(step.after());
        }
        Duration idle = policy.idleGap().plusMinutes(extraMinutes);

        // The idle period may be observed in several pieces; only its total length counts.
        for (int i = 0; i < idleObservations; i++) {
            budget.observe(LoadState.IDLE);
            clock.advance(i == 0 ? idle.minus(idle.dividedBy(idleObservations).multipliedBy(idleObservations - 1))
                    : idle.dividedBy(idleObservations));
        }
        assertThat(budget.status().used()).isZero();

        budget.observe(LoadState.UNDER_LOAD);
        clock.advance(Duration.ofMinutes(laterLoadMinutes));
        assertThat(budget.status().used()).isEqualTo(Duration.ofMinutes(laterLoadMinutes));
    }

    @Property
    void statusTypeFollowsTheThresholds(@ForAll("policies") LoadBudgetPolicy policy,
            @ForAll @LongRange(min = 0, max = 10 * 24 * 60) long usedMinutes) {
        Duration used = Duration.ofMinutes(usedMinutes);
        MutableClock clock = MutableClock.atEpochDay(19_000);
        StandbyLoadBudget budget = new StandbyLoadBudget(clock, policy);
        budget.observe(LoadState.UNDER_LOAD);
        clock.advance(used);

        LoadBudgetStatus status = budget.status();

        assertThat(status.used()).isEqualTo(used);
        List<Duration> reached = policy.warningThresholds().stream().filter(t -> t.compareTo(used) <= 0).toList();
        if (used.compareTo(policy.limit()) > 0) {
            assertThat(status).isEqualTo(new LoadBudgetStatus.Exceeded(used, used.minus(policy.limit())));
        } else if (reached.isEmpty()) {
            assertThat(status).isEqualTo(new LoadBudgetStatus.WithinBudget(used, policy.limit().minus(used)));
        } else {
            assertThat(status).isEqualTo(new LoadBudgetStatus.Warning(used, policy.limit().minus(used),
                    reached.get(reached.size() - 1)));
        }
    }

    @Property
    void anObservationFromThePastIsRefusedAndChangesNothing(@ForAll("histories") List<Step> history,
            @ForAll @LongRange(min = 1, max = 24 * 60) long backMinutes, @ForAll LoadState state) {
        MutableClock clock = MutableClock.atEpochDay(19_000);
        StandbyLoadBudget budget = new StandbyLoadBudget(clock);
        budget.observe(LoadState.UNDER_LOAD);
        for (Step step : history) {
            clock.advance(step.after());
            budget.observe(step.state());
        }
        LoadBudgetStatus before = budget.status();
        clock.advance(Duration.ofMinutes(-backMinutes));

        assertThatThrownBy(() -> budget.observe(state)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the clock went backwards");
        clock.advance(Duration.ofMinutes(backMinutes));
        assertThat(budget.status()).isEqualTo(before);
    }

    /**
     * The rule stated directly over the whole history: walk the segments, add load, count
     * consecutive idle time, and end the stretch once that reaches the gap.
     */
    private static Duration replay(List<Instant> times, List<LoadState> states, Instant now, Duration idleGap) {
        Duration used = Duration.ZERO;
        Duration idleRun = Duration.ZERO;
        for (int i = 0; i < times.size(); i++) {
            Instant end = i + 1 < times.size() ? times.get(i + 1) : now;
            Duration length = Duration.between(times.get(i), end);
            if (states.get(i) == LoadState.UNDER_LOAD) {
                used = used.plus(length);
                idleRun = Duration.ZERO;
            } else {
                idleRun = idleRun.plus(length);
                if (idleRun.compareTo(idleGap) >= 0) {
                    used = Duration.ZERO;
                }
            }
        }
        return used;
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        // Steps from zero (two observations at one instant) to three days, in minutes.
        Arbitrary<Duration> after = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(Duration.ZERO)),
                Tuple.of(6, Arbitraries.longs().between(1, 3 * 24 * 60).map(Duration::ofMinutes)));
        return Combinators.combine(Arbitraries.of(LoadState.class), after).as(Step::new).list().ofMaxSize(25);
    }

    @Provide
    Arbitrary<LoadBudgetPolicy> policies() {
        Arbitrary<Long> limitHours = Arbitraries.longs().between(2, 8 * 24);
        Arbitrary<Long> gapHours = Arbitraries.longs().between(1, 48);
        Arbitrary<Integer> thresholdCount = Arbitraries.integers().between(0, 3);
        // Thresholds spread evenly below the limit; the added minutes keep them distinct and positive.
        return Combinators.combine(limitHours, gapHours, thresholdCount).as((limit, gap, count) -> {
            List<Duration> thresholds = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                thresholds.add(Duration.ofHours(limit * i / (count + 1)).plusMinutes(i));
            }
            return new LoadBudgetPolicy(Duration.ofHours(limit), thresholds, Duration.ofHours(gap));
        });
    }
}
