package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pbxredundancy.core.promotion.ActiveDownCheck;
import io.github.pbxredundancy.core.promotion.DownVerdict;
import io.github.pbxredundancy.core.promotion.ProbeObservation;
import io.github.pbxredundancy.core.spi.LivenessProbe;
import io.github.pbxredundancy.core.spi.ProbeResult;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ActiveDownCheck} on a manual clock with scripted probes. Most tests run the probes on
 * the test's thread (a direct executor), so every round is decided inside
 * {@link ManualScheduler#advanceTo}; the tests of hanging and late probes use a small pool and
 * wait, bounded, for the observations before they move the clock.
 *
 * <p>In {@code io.github.pbxredundancy.core} rather than beside the check, for the package's test
 * clock and scheduler; it uses only the check's public API.
 */
class ActiveDownCheckTest {
    private static final Instant T0 = Instant.parse("2016-01-26T12:00:00Z");
    private static final String SSH = "tcp 192.168.1.10:22 (SSH)";
    private static final String SIP = "tcp 192.168.1.10:5060 (SIP)";
    private static final String HTTPS = "tcp 192.168.1.10:443 (HTTPS)";
    private static final String ICMP = "icmp 192.168.1.10";
    private static final ProbeResult REFUSED = new ProbeResult.Alive("host answered: connection refused on port 5060");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MutableClock clock = new MutableClock(T0);
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final Executor direct = Runnable::run;
    private final List<ProbeObservation> heard = new CopyOnWriteArrayList<>();
    private final Semaphore heardPermits = new Semaphore(0);
    private int awaited;
    private ExecutorService pool;
    private CountDownLatch release;

    @AfterEach
    void stopPool() throws InterruptedException {
        if (release != null) {
            release.countDown();
        }
        if (pool != null) {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private ActiveDownCheck.Builder builder(LivenessProbe... probes) {
        return ActiveDownCheck.builder().probes(List.of(probes)).clock(clock).scheduler(scheduler).executor(direct)
                .listener(observation -> {
                    heard.add(observation);
                    heardPermits.release();
                });
    }

    private ScriptedProbe silent(String name) {
        return ScriptedProbe.always(name, clock, ScriptedProbe.SILENT);
    }

    /** Waits, bounded, until the listener has heard {@code total} observations in all. */
    private void awaitHeard(int total) throws InterruptedException {
        assertThat(heardPermits.tryAcquire(total - awaited, WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .as("%d observations heard within %s; heard %s", total, WAIT, heard).isTrue();
        awaited = total;
        assertThat(heard).hasSize(total);
    }

    private static List<Instant> everyFiveSecondsUpTo(int seconds) {
        return IntStream.rangeClosed(0, seconds / 5).mapToObj(i -> at(5L * i)).toList();
    }

    private static void blockUntil(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the probe");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Test
    void isConfirmedDownWhenNothingAnswersInThirteenRoundsOverTheWholeMinute() {
        ScriptedProbe ssh = silent(SSH);
        ScriptedProbe sip = silent(SIP);
        ScriptedProbe https = silent(HTTPS);
        ScriptedProbe icmp = silent(ICMP);
        ActiveDownCheck check = builder(ssh, sip, https, icmp).build();
        assertThat(check.rounds()).isEqualTo(13);

        CompletableFuture<DownVerdict> verdict = check.confirm();
        scheduler.advanceTo(at(60).minusMillis(1));
        assertThat(verdict).isNotDone();
        scheduler.advanceTo(at(60));

        DownVerdict.ConfirmedDown down = (DownVerdict.ConfirmedDown) verdict.getNow(null);
        assertThat(down.from()).isEqualTo(T0);
        assertThat(down.until()).isEqualTo(at(60));
        assertThat(down.rounds()).isEqualTo(13);
        assertThat(down.duration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(down.confirmedDown()).isTrue();
        assertThat(down.evidence()).hasSize(52).allMatch(o -> o.result().equals(ScriptedProbe.SILENT));
        assertThat(down.evidence().subList(0, 4)).extracting(ProbeObservation::probe).containsExactly(SSH, SIP, HTTPS, ICMP);
        assertThat(heard).isEqualTo(down.evidence());
        for (ScriptedProbe probe : List.of(ssh, sip, https, icmp)) {
            assertThat(probe.calls()).containsExactlyElementsOf(everyFiveSecondsUpTo(60));
            assertThat(probe.timeouts()).containsOnly(Duration.ofSeconds(2));
        }
        assertThat(scheduler.pending()).isZero();
        assertThat(down.summary()).containsExactly(
                "The active is confirmed down: in 13 rounds from 2016-01-26T12:00:00Z to 2016-01-26T12:01:00Z (1 min)"
                        + " nothing answered any probe; the promotion may go ahead.",
                SSH + ": no answer 13 times; last: no answer (no answer to a TCP connect within 2 s)",
                SIP + ": no answer 13 times; last: no answer (no answer to a TCP connect within 2 s)",
                HTTPS + ": no answer 13 times; last: no answer (no answer to a TCP connect within 2 s)",
                ICMP + ": no answer 13 times; last: no answer (no answer to a TCP connect within 2 s)");
    }

    @Test
    void theLastRoundFallsExactlyOnTheEndOfAPeriodThatIsNoMultipleOfTheInterval() {
        ScriptedProbe ssh = silent(SSH);
        ActiveDownCheck check = builder(ssh, silent(SIP)).probeInterval(Duration.ofSeconds(7)).build();
        assertThat(check.rounds()).isEqualTo(10);

        CompletableFuture<DownVerdict> verdict = check.confirm();
        scheduler.advanceTo(at(120));

        assertThat(ssh.calls()).containsExactly(at(0), at(7), at(14), at(21), at(28), at(35), at(42), at(49), at(56),
                at(60));
        assertThat(verdict.getNow(null)).isInstanceOfSatisfying(DownVerdict.ConfirmedDown.class,
                down -> assertThat(down.until()).isEqualTo(at(60)));
    }

    @Test
    void aSignOfLifeInTheFourthRoundEndsTheCheckAtOnceWithThatEvidence() {
        ScriptedProbe ssh = silent(SSH);
        ScriptedProbe sip = ScriptedProbe.silentUntil(SIP, clock, 3, REFUSED);
        ScriptedProbe https = silent(HTTPS);
        ScriptedProbe icmp = silent(ICMP);
        CompletableFuture<DownVerdict> verdict = builder(ssh, sip, https, icmp).build().confirm();

        scheduler.advanceTo(at(15));

        DownVerdict.SignOfLife life = (DownVerdict.SignOfLife) verdict.getNow(null);
        ProbeObservation answer = new ProbeObservation(at(15), SIP, REFUSED);
        assertThat(life.observation()).isEqualTo(answer);
        assertThat(life.confirmedDown()).isFalse();
        assertThat(life.evidence()).hasSize(14).endsWith(new ProbeObservation(at(15), SSH, ScriptedProbe.SILENT), answer);
        // The round's remaining probes are not started, and no round follows.
        assertThat(https.calls()).containsExactly(at(0), at(5), at(10));
        scheduler.advanceTo(at(300));
        assertThat(ssh.calls()).hasSize(4);
        assertThat(sip.calls()).hasSize(4);
        assertThat(icmp.calls()).hasSize(3);
        assertThat(scheduler.pending()).isZero();
        assertThat(life.summary()).containsExactly(
                SIP + " answered at 2016-01-26T12:00:15Z: host answered: connection refused on port 5060. The active is"
                        + " not down; the promotion is refused.",
                SSH + ": no answer 4 times; last: no answer (no answer to a TCP connect within 2 s)",
                SIP + ": answered once, no answer 3 times; last: alive (host answered: connection refused on port 5060)",
                HTTPS + ": no answer 3 times; last: no answer (no answer to a TCP connect within 2 s)",
                ICMP + ": no answer 3 times; last: no answer (no answer to a TCP connect within 2 s)");
        assertThat(life.summary(ZoneId.of("Europe/Berlin")).get(0)).contains("answered at 2016-01-26T13:00:15+01:00");
    }

    @Test
    void aSignOfLifeInTheFirstRoundIsTheVerdictBeforeConfirmReturns() {
        ScriptedProbe sip = ScriptedProbe.always(SIP, clock, REFUSED);
        CompletableFuture<DownVerdict> verdict = builder(silent(SSH), sip).build().confirm();

        assertThat(verdict.getNow(null)).isInstanceOf(DownVerdict.SignOfLife.class);
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void aRoundInWhichTooFewProbesCanDecideMakesTheCheckInconclusive() {
        ScriptedProbe ssh = silent(SSH);
        ScriptedProbe sip = ScriptedProbe.silentUntil(SIP, clock, 2, ScriptedProbe.CANNOT_TELL);
        ScriptedProbe https = ScriptedProbe.silentUntil(HTTPS, clock, 2, ScriptedProbe.CANNOT_TELL);
        ScriptedProbe icmp = ScriptedProbe.always(ICMP, clock, ScriptedProbe.CANNOT_TELL);
        CompletableFuture<DownVerdict> verdict = builder(ssh, sip, https, icmp).build().confirm();

        scheduler.advanceTo(at(300));

        DownVerdict.Inconclusive inconclusive = (DownVerdict.Inconclusive) verdict.getNow(null);
        assertThat(inconclusive.reason()).isEqualTo("in round 3 of 13 only 1 of 4 probes found no answer and 3 could"
                + " not decide; at least 2 must find no answer");
        assertThat(inconclusive.evidence()).hasSize(12);
        assertThat(ssh.calls()).containsExactly(at(0), at(5), at(10));
        assertThat(scheduler.pending()).isZero();
        assertThat(inconclusive.summary().get(0)).isEqualTo("Could not confirm that the active is down: in round 3 of 13"
                + " only 1 of 4 probes found no answer and 3 could not decide; at least 2 must find no answer. The"
                + " promotion is refused unless an operator overrides it with a reason.");
        assertThat(inconclusive.summary()).contains(
                SIP + ": no answer 2 times, could not decide once; last: unknown (ICMP not permitted)",
                ICMP + ": could not decide 3 times; last: unknown (ICMP not permitted)");
    }

    @Test
    void unknownsAreToleratedWhileTwoProbesStillFindNoAnswer() {
        ScriptedProbe icmp = ScriptedProbe.always(ICMP, clock, ScriptedProbe.CANNOT_TELL);
        CompletableFuture<DownVerdict> verdict = builder(silent(SSH), silent(SIP), icmp).build().confirm();

        scheduler.advanceTo(at(60));

        DownVerdict.ConfirmedDown down = (DownVerdict.ConfirmedDown) verdict.getNow(null);
        assertThat(down.summary()).contains(ICMP + ": could not decide 13 times; last: unknown (ICMP not permitted)");
    }

    @Test
    void aMinimumOfAllProbesAcceptsNoUnknownAtAll() {
        ScriptedProbe icmp = ScriptedProbe.always(ICMP, clock, ScriptedProbe.CANNOT_TELL);
        CompletableFuture<DownVerdict> verdict = builder(silent(SSH), silent(SIP), icmp).minimumNoAnswers(3).build()
                .confirm();

        assertThat(verdict.getNow(null)).isInstanceOfSatisfying(DownVerdict.Inconclusive.class, inconclusive -> assertThat(
                inconclusive.reason()).isEqualTo("in round 1 of 13 only 2 of 3 probes found no answer and 1 could not"
                + " decide; at least 3 must find no answer"));
    }

    @Test
    void aProbeThatThrowsOrReturnsNothingCountsAsUnknownNeverAsDown() {
        ScriptedProbe thrower = new ScriptedProbe(HTTPS, clock, call -> {
            throw new IllegalStateException("socket factory\nbroken");
        });
        ScriptedProbe nothing = new ScriptedProbe(ICMP, clock, call -> null);
        CompletableFuture<DownVerdict> verdict = builder(silent(SSH), silent(SIP), thrower, nothing).build().confirm();
        scheduler.advanceTo(at(60));

        DownVerdict.ConfirmedDown down = (DownVerdict.ConfirmedDown) verdict.getNow(null);
        assertThat(down.evidence().subList(0, 4)).extracting(ProbeObservation::result).containsExactly(
                ScriptedProbe.SILENT, ScriptedProbe.SILENT,
                new ProbeResult.Unknown("the probe threw IllegalStateException: socket factory\\u000abroken"),
                new ProbeResult.Unknown("the probe returned no result"));

        // With only one other probe, a throwing probe leaves too little evidence.
        ScriptedProbe alone = silent(SSH);
        CompletableFuture<DownVerdict> second = builder(alone, thrower).build().confirm();
        assertThat(second.getNow(null)).isInstanceOf(DownVerdict.Inconclusive.class);
    }

    @Test
    void aProbeThatThrowsAnErrorIsUnknownForThatRoundAndAskedAgainInTheNext() {
        ScriptedProbe missingClass = new ScriptedProbe(HTTPS, clock, call -> {
            if (call == 0) {
                throw new NoClassDefFoundError("com/example/HypervisorClient");
            }
            return ScriptedProbe.SILENT;
        });
        CompletableFuture<DownVerdict> verdict = builder(silent(SSH), silent(SIP), missingClass).build().confirm();
        scheduler.advanceTo(at(60));

        DownVerdict.ConfirmedDown down = (DownVerdict.ConfirmedDown) verdict.getNow(null);
        assertThat(down.evidence().get(2).result()).isEqualTo(
                new ProbeResult.Unknown("the probe threw NoClassDefFoundError: com/example/HypervisorClient"));
        assertThat(missingClass.calls()).containsExactlyElementsOf(everyFiveSecondsUpTo(60));
    }

    @Test
    void aHangingProbeIsUnknownAfterItsRoundAndIsNotCalledAgainWhileTheOthersConfirmOnABoundedPool() throws Exception {
        pool = Executors.newFixedThreadPool(4);
        release = new CountDownLatch(1);
        CountDownLatch gate = release;
        CountDownLatch started = new CountDownLatch(1);
        ScriptedProbe hanging = new ScriptedProbe(HTTPS, clock, call -> {
            started.countDown();
            blockUntil(gate);
            return ScriptedProbe.SILENT;
        });
        ScriptedProbe ssh = silent(SSH);
        CompletableFuture<DownVerdict> verdict = builder(ssh, silent(SIP), hanging, silent(ICMP)).executor(pool).build()
                .confirm();

        awaitHeard(3);
        // The pool may start the hanging call late; the clock must not move before it did.
        assertThat(started.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        for (int round = 1; round <= 12; round++) {
            scheduler.advanceTo(at(5L * round));
            // The deadline of round 0 adds the hanging probe's "no result"; each round adds 4.
            awaitHeard(4 * round + 4);
        }

        DownVerdict.ConfirmedDown down = (DownVerdict.ConfirmedDown) verdict.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(down.rounds()).isEqualTo(13);
        assertThat(down.until()).isEqualTo(at(60));
        List<ProbeObservation> ofHanging = down.evidence().stream().filter(o -> o.probe().equals(HTTPS)).toList();
        assertThat(ofHanging).hasSize(13);
        assertThat(ofHanging.get(0)).isEqualTo(new ProbeObservation(at(5), HTTPS,
                new ProbeResult.Unknown("no result within 5 s (its timeout is 2 s)")));
        assertThat(ofHanging.subList(1, 13)).allSatisfy(o -> assertThat(o.result().text())
                .startsWith("its call of an earlier round has not returned yet, so it was not called again"));
        assertThat(hanging.calls()).containsExactly(T0);
        assertThat(ssh.calls()).containsExactlyElementsOf(everyFiveSecondsUpTo(60));
    }

    @Test
    void aLateSignOfLifeStillRefusesThePromotion() throws Exception {
        pool = Executors.newFixedThreadPool(3);
        release = new CountDownLatch(1);
        CountDownLatch gate = release;
        CountDownLatch started = new CountDownLatch(1);
        ScriptedProbe late = new ScriptedProbe(SIP, clock, call -> {
            started.countDown();
            blockUntil(gate);
            return REFUSED;
        });
        CompletableFuture<DownVerdict> verdict = builder(silent(SSH), late, silent(HTTPS)).executor(pool).build().confirm();
        awaitHeard(2);
        assertThat(started.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        for (int round = 1; round <= 3; round++) {
            scheduler.advanceTo(at(5L * round));
            awaitHeard(3 * round + 3);
        }

        release.countDown();

        DownVerdict.SignOfLife life = (DownVerdict.SignOfLife) verdict.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(life.observation()).isEqualTo(new ProbeObservation(at(15), SIP, REFUSED));
        assertThat(life.evidence()).hasSize(13);
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void anExecutorThatRefusesLeavesEveryProbeUnknown() {
        CompletableFuture<DownVerdict> verdict = builder(silent(SSH), silent(SIP)).executor(task -> {
            throw new RejectedExecutionException("shut down");
        }).build().confirm();

        DownVerdict.Inconclusive inconclusive = (DownVerdict.Inconclusive) verdict.getNow(null);
        assertThat(inconclusive.evidence()).extracting(ProbeObservation::result)
                .containsOnly(new ProbeResult.Unknown("the executor refused to run the probe: shut down"));
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void aSchedulerThatRefusesEndsTheCheckInconclusiveBeforeAnyProbeRuns() {
        ScriptedProbe ssh = silent(SSH);
        CompletableFuture<DownVerdict> verdict = ActiveDownCheck.builder().probes(List.of(ssh, silent(SIP))).clock(clock)
                .scheduler((at, task) -> {
                    throw new RejectedExecutionException("shut down");
                }).executor(direct).build().confirm();

        assertThat(verdict.getNow(null)).isEqualTo(new DownVerdict.Inconclusive("the task scheduler refused to schedule"
                + " the next step of the check: is it shut down?", List.of()));
        assertThat(ssh.calls()).isEmpty();
    }

    @Test
    void cancellingEndsEveryRunWithoutFurtherProbesOrTimers() {
        ScriptedProbe ssh = silent(SSH);
        ActiveDownCheck check = builder(ssh, silent(SIP)).build();
        CompletableFuture<DownVerdict> first = check.confirm();
        CompletableFuture<DownVerdict> second = check.confirm();
        scheduler.advanceTo(at(10));

        check.cancel();

        assertThat(first).isCancelled();
        assertThat(second).isCancelled();
        assertThat(scheduler.pending()).isZero();
        scheduler.advanceTo(at(300));
        assertThat(ssh.calls()).hasSize(6);

        // Cancelling the future does the same.
        CompletableFuture<DownVerdict> third = check.confirm();
        assertThat(scheduler.pending()).isOne();
        third.cancel(false);
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void aTimerFiredEarlyByTheClockWaitsForItsRound() {
        ScriptedProbe ssh = silent(SSH);
        builder(ssh, silent(SIP)).build().confirm();

        scheduler.runEarliestEarly();

        assertThat(ssh.calls()).containsExactly(T0);
        assertThat(scheduler.nextDue()).contains(at(5));
        scheduler.advanceTo(at(5));
        assertThat(ssh.calls()).containsExactly(T0, at(5));
    }

    @Test
    void noRoundIsSkippedWhenTheClockJumpsForward() {
        ScriptedProbe ssh = silent(SSH);
        CompletableFuture<DownVerdict> verdict = builder(ssh, silent(SIP)).build().confirm();

        clock.set(at(3600));
        scheduler.advanceTo(at(3700));

        assertThat(ssh.calls()).hasSize(13).startsWith(T0, at(3600), at(3605)).endsWith(at(3655));
        assertThat(verdict.getNow(null)).isEqualTo(new DownVerdict.ConfirmedDown(T0, at(3655), 13,
                ((DownVerdict.ConfirmedDown) verdict.getNow(null)).evidence()));
    }

    @Test
    void aListenerThatThrowsChangesNothing() {
        CompletableFuture<DownVerdict> verdict = builder(silent(SSH), silent(SIP)).listener(observation -> {
            throw new IllegalStateException("listener broken");
        }).build().confirm();
        scheduler.advanceTo(at(60));

        assertThat(verdict.getNow(null)).isInstanceOf(DownVerdict.ConfirmedDown.class);
    }

    @Test
    void hasTheDocumentedDefaults() {
        ActiveDownCheck check = builder(silent(SSH), silent(SIP)).build();

        assertThat(check.confirmationPeriod()).isEqualTo(Duration.ofSeconds(60));
        assertThat(check.probeInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(check.probeTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(check.minimumNoAnswers()).isEqualTo(2);
        assertThat(check.probeNames()).containsExactly(SSH, SIP);
        assertThat(check).hasToString("ActiveDownCheck[" + SSH + ", " + SIP + "] for 1 min, every 5 s, timeout 2 s, at"
                + " least 2 without an answer per round");
    }

    @Test
    void reportsEveryMissingSettingAtOnce() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> ActiveDownCheck.builder().listener(null).build());

        assertThat(e.problems()).extracting(InputProblem::field)
                .containsExactly("probes", "clock", "scheduler", "executor", "listener");
        assertThat(e.problems().get(0).rule()).isEqualTo("must be at least 2 probes: one probe's silence is not"
                + " independent evidence that the active is down");
    }

    @Test
    void refusesBadRepeatedOrFailingProbeNames() {
        LivenessProbe failing = new LivenessProbe() {
            @Override
            public String name() {
                throw new IllegalStateException("no name");
            }

            @Override
            public ProbeResult probe(Duration timeout) {
                return ScriptedProbe.SILENT;
            }
        };
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> builder(silent(SSH),
                silent(SSH), silent("tcp\n10.0.0.1:22"), failing).probe(null).build());

        assertThat(e.problems()).extracting(InputProblem::toString).containsExactly(
                "probes[1].name() '" + SSH + "': is the name of an earlier probe; each probe must be a different one,"
                        + " with its own name",
                "probes[2].name() 'tcp\\u000A10.0.0.1:22': must be 1 to 100 printable characters, not all blank (no line"
                        + " breaks or control characters)",
                "probes[3] '" + failing.getClass().getName() + "': name() threw IllegalStateException: no name",
                "probes[4] (none): must not be null");
    }

    @Test
    void refusesTimingsThatBreakTheirRulesNamingFieldValueAndRule() {
        InvalidInputException timeout = catchThrowableOfType(InvalidInputException.class,
                () -> builder(silent(SSH), silent(SIP)).probeTimeout(Duration.ofSeconds(5)).build());
        assertThat(timeout.problems()).extracting(InputProblem::toString).containsExactly("probeTimeout 'PT5S': must be"
                + " at least 1 ms and less than the probe interval (5 s), so that each probe can answer before the next"
                + " round");

        InvalidInputException period = catchThrowableOfType(InvalidInputException.class,
                () -> builder(silent(SSH), silent(SIP)).confirmationPeriod(Duration.ofSeconds(4)).build());
        assertThat(period.problems()).extracting(InputProblem::toString).containsExactly("confirmationPeriod 'PT4S':"
                + " must be from the probe interval (5 s) to 1 h");

        InvalidInputException rounds = catchThrowableOfType(InvalidInputException.class,
                () -> builder(silent(SSH), silent(SIP)).confirmationPeriod(Duration.ofHours(1))
                        .probeInterval(Duration.ofSeconds(1)).probeTimeout(Duration.ofMillis(500)).build());
        assertThat(rounds.problems()).extracting(InputProblem::toString).containsExactly("probeInterval 'PT1S': makes"
                + " 3601 rounds in the confirmation period of 1 h; at most 1000 are allowed");

        InvalidInputException interval = catchThrowableOfType(InvalidInputException.class,
                () -> builder(silent(SSH), silent(SIP)).probeInterval(Duration.ofMillis(50)).probeTimeout(null)
                        .confirmationPeriod(Duration.ofHours(2)).build());
        assertThat(interval.problems()).extracting(InputProblem::toString).containsExactly(
                "probeInterval 'PT0.05S': must be from 100 ms to 1 h",
                "probeTimeout (none): must be at least 1 ms and less than the probe interval, so that each probe can"
                        + " answer before the next round",
                "confirmationPeriod 'PT2H': must be from the probe interval to 1 h");
    }

    @Test
    void refusesAMinimumBelowTwoOrAboveTheNumberOfProbes() {
        for (int minimum : new int[] {1, 3}) {
            InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                    () -> builder(silent(SSH), silent(SIP)).minimumNoAnswers(minimum).build());
            assertThat(e.problems()).extracting(InputProblem::toString).containsExactly("minimumNoAnswers '" + minimum
                    + "': must be from 2 to the number of probes (2)");
        }
    }
}
