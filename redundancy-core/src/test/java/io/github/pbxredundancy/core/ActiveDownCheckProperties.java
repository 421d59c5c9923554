package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.promotion.ActiveDownCheck;
import io.github.pbxredundancy.core.promotion.DownVerdict;
import io.github.pbxredundancy.core.promotion.ProbeObservation;
import io.github.pbxredundancy.core.spi.LivenessProbe;
import io.github.pbxredundancy.core.spi.ProbeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link ActiveDownCheck} against a model of its rule: random scripts of what each probe finds in
 * each round, run on a manual clock with the probes on the test's thread (in order), so that the
 * model knows exactly which probe runs when.
 *
 * <p>In {@code io.github.pbxredundancy.core} for the package's test clock and scheduler.
 */
class ActiveDownCheckProperties {
    private static final Instant T0 = Instant.parse("2016-01-26T12:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final ProbeResult ALIVE = new ProbeResult.Alive("host answered: connection refused");
    private static final ProbeResult THREW = new ProbeResult.Unknown("the probe threw IllegalStateException: scripted");

    enum Outcome { ALIVE, NO_ANSWER, UNKNOWN, THROWS }

    /**
     * @param probes how many probes
     * @param periodSeconds the confirmation period
     * @param minimum the minimum of probes without an answer per round
     * @param script what each probe finds, by round, then by probe
     */
    record Scenario(int probes, int periodSeconds, int minimum, List<List<Outcome>> script) {
    }

    /**
     * The verdict is exactly the model's: ConfirmedDown iff no round had an answer and every
     * round had at least the minimum of probes without one, through the whole period;
     * SignOfLife names the first answer in the order the probes ran; Inconclusive names the first
     * round with too few. Each carries exactly the observations made, and no probe is run after
     * the verdict, nor any timer left.
     */
    @Property(tries = 400)
    void theVerdictFollowsTheRuleAndNoProbeRunsAfterIt(@ForAll("scenarios") Scenario scenario) {
        MutableClock clock = new MutableClock(T0);
        ManualScheduler scheduler = new ManualScheduler(clock);
        List<String> calls = new ArrayList<>();
        List<LivenessProbe> probes = new ArrayList<>();
        for (int p = 0; p < scenario.probes(); p++) {
            int probe = p;
            probes.add(new ScriptedProbe(name(p), clock, round -> {
                calls.add(round + "/" + probe);
                Outcome outcome = scenario.script().get(round).get(probe);
                if (outcome == Outcome.THROWS) {
                    throw new IllegalStateException("scripted");
                }
                return result(outcome);
            }));
        }
        List<ProbeObservation> heard = new ArrayList<>();
        ActiveDownCheck check = ActiveDownCheck.builder().probes(probes).clock(clock).scheduler(scheduler)
                .executor(Runnable::run).confirmationPeriod(Duration.ofSeconds(scenario.periodSeconds()))
                .probeInterval(INTERVAL).minimumNoAnswers(scenario.minimum()).listener(heard::add).build();

        CompletableFuture<DownVerdict> verdict = check.confirm();
        scheduler.advanceTo(T0.plus(Duration.ofMinutes(10)));

        List<String> expectedCalls = new ArrayList<>();
        DownVerdict expected = model(scenario, check.rounds(), expectedCalls);
        assertThat(verdict).isCompleted();
        assertThat(verdict.getNow(null)).isEqualTo(expected);
        assertThat(calls).containsExactlyElementsOf(expectedCalls);
        assertThat(heard).isEqualTo(expected.evidence());
        assertThat(scheduler.pending()).isZero();

        Statistics.label("verdict").collect(expected.getClass().getSimpleName());
        Statistics.label("verdict").coverage(coverage -> {
            coverage.check("ConfirmedDown").percentage(p -> p > 10);
            coverage.check("SignOfLife").percentage(p -> p > 10);
            coverage.check("Inconclusive").percentage(p -> p > 10);
        });
        Statistics.label("decided after round 1").collect(expected.evidence().size() > scenario.probes());
        Statistics.label("decided after round 1").coverage(coverage -> coverage.check(true).percentage(p -> p > 30));
    }

    /** The rule, written out independently of the check's code. */
    private static DownVerdict model(Scenario scenario, int rounds, List<String> calls) {
        assertThat(rounds).isEqualTo((scenario.periodSeconds() + 4) / 5 + 1);
        List<ProbeObservation> evidence = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Instant at = T0.plusSeconds(Math.min(5L * round, scenario.periodSeconds()));
            int noAnswers = 0;
            for (int p = 0; p < scenario.probes(); p++) {
                calls.add(round + "/" + p);
                Outcome outcome = scenario.script().get(round).get(p);
                ProbeObservation observation = new ProbeObservation(at, name(p),
                        outcome == Outcome.THROWS ? THREW : result(outcome));
                evidence.add(observation);
                if (outcome == Outcome.ALIVE) {
                    return new DownVerdict.SignOfLife(observation, evidence);
                }
                noAnswers += outcome == Outcome.NO_ANSWER ? 1 : 0;
            }
            if (noAnswers < scenario.minimum()) {
                return new DownVerdict.Inconclusive("in round " + (round + 1) + " of " + rounds + " only " + noAnswers
                        + " of " + scenario.probes() + " probes found no answer and " + (scenario.probes() - noAnswers)
                        + " could not decide; at least " + scenario.minimum() + " must find no answer", evidence);
            }
        }
        return new DownVerdict.ConfirmedDown(T0, T0.plusSeconds(scenario.periodSeconds()), rounds, evidence);
    }

    private static String name(int probe) {
        return "probe " + probe;
    }

    private static ProbeResult result(Outcome outcome) {
        switch (outcome) {
            case ALIVE:
                return ALIVE;
            case NO_ANSWER:
                return ScriptedProbe.SILENT;
            case UNKNOWN:
                return ScriptedProbe.CANNOT_TELL;
            default:
                throw new IllegalArgumentException(outcome.name());
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Integer> probes = Arbitraries.integers().between(2, 5);
        Arbitrary<Integer> periodSeconds = Arbitraries.integers().between(5, 45);
        // How noisy a scenario is: from a clean outage to an active that answers now and then.
        Arbitrary<Integer> alivePerMille = Arbitraries.of(0, 0, 5, 30);
        Arbitrary<Integer> unknownPerMille = Arbitraries.of(0, 30, 150);
        return Combinators.combine(probes, periodSeconds, alivePerMille, unknownPerMille).flatAs((n, period, alive, unknown) -> {
            int rounds = (period + 4) / 5 + 1;
            Arbitrary<Outcome> outcome = Arbitraries.frequencyOf(
                    Tuple.of(1000 - alive - unknown, Arbitraries.just(Outcome.NO_ANSWER)),
                    Tuple.of(alive, Arbitraries.just(Outcome.ALIVE)),
                    Tuple.of(unknown * 2 / 3, Arbitraries.just(Outcome.UNKNOWN)),
                    Tuple.of(unknown / 3, Arbitraries.just(Outcome.THROWS)));
            Arbitrary<List<List<Outcome>>> script = outcome.list().ofSize(n).list().ofSize(rounds);
            Arbitrary<Integer> minimum = Arbitraries.integers().between(2, n);
            return Combinators.combine(script, minimum).as((s, m) -> new Scenario(n, period, m, s));
        });
    }
}
