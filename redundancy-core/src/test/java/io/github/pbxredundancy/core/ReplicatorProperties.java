package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.event.AttemptFailed;
import io.github.pbxredundancy.core.event.AttemptFailure;
import io.github.pbxredundancy.core.event.RedundancyEvent;
import io.github.pbxredundancy.core.event.RunFailed;
import io.github.pbxredundancy.core.event.RunSkipped;
import io.github.pbxredundancy.core.event.RunStarted;
import io.github.pbxredundancy.core.event.RunSucceeded;
import io.github.pbxredundancy.core.spi.Delivery;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class ReplicatorProperties {
    private static final Instant FIRST_RUN = ReplicatorTest.FIRST_RUN;

    /** How one delivery attempt ends, in each of the ways the replicator tells apart. */
    enum Outcome {
        RETRYABLE_EXCEPTION(ScriptedSteps.failWith(ReasonCode.CONNECTION_FAILED)),
        RETRYABLE_REJECTION(ScriptedSteps.reject(ReasonCode.DISK_FULL)),
        HASH_MISMATCH(ScriptedSteps::wrongHash),
        UNKNOWN_EXCEPTION(delivery -> {
            throw new IllegalStateException("unknown");
        }),
        FATAL_EXCEPTION(ScriptedSteps.failWith(ReasonCode.AUTHENTICATION_FAILED)),
        FATAL_REJECTION(ScriptedSteps.reject(ReasonCode.STALE_EPOCH)),
        SUCCESS(ScriptedSteps::accept);

        final Function<Delivery, DeliveryReceipt> answer;

        Outcome(Function<Delivery, DeliveryReceipt> answer) {
            this.answer = answer;
        }

        boolean fatal() {
            return this == FATAL_EXCEPTION || this == FATAL_REJECTION;
        }
    }

    @Property
    void aRunsEventsFollowItsAttemptOutcomes(@ForAll @Size(min = 1, max = 12) List<Outcome> outcomes,
            @ForAll @IntRange(min = 1, max = 10) int maxAttempts) {
        MutableClock clock = new MutableClock(FIRST_RUN.minus(Duration.ofHours(1)));
        ManualScheduler scheduler = new ManualScheduler(clock);
        RecordingNotifier events = new RecordingNotifier();
        ScriptedSteps steps = new ScriptedSteps(clock).otherwise(Outcome.RETRYABLE_EXCEPTION.answer);
        outcomes.forEach(outcome -> steps.then(outcome.answer));
        Replicator.builder().schedule(ReplicatorTest.DAILY).retries(RetrySchedule.starfaceDefault(maxAttempts))
                .steps(steps).clock(clock).scheduler(scheduler).workExecutor(Runnable::run).notifier(events).build()
                .start();

        // The whole first run, and not the second.
        scheduler.advanceTo(FIRST_RUN.plus(Duration.ofHours(23)));

        int attempts = 0;
        Outcome last = null;
        while (attempts < maxAttempts && (last == null || !(last.fatal() || last == Outcome.SUCCESS))) {
            last = attempts < outcomes.size() ? outcomes.get(attempts) : Outcome.RETRYABLE_EXCEPTION;
            attempts++;
        }
        boolean succeeded = last == Outcome.SUCCESS;

        List<Instant> deliveries = steps.deliveryTimes();
        assertThat(deliveries).hasSize(attempts).hasSizeLessThanOrEqualTo(maxAttempts);
        for (int i = 1; i < deliveries.size(); i++) {
            assertThat(Duration.between(deliveries.get(i - 1), deliveries.get(i))).isEqualTo(Duration.ofMinutes(5));
        }
        List<RedundancyEvent> all = events.events();
        assertThat(all.get(0)).isInstanceOf(RunStarted.class);
        assertThat(all.get(all.size() - 1)).isInstanceOfAny(RunSucceeded.class, RunFailed.class);
        assertThat(events.ofType(RunSucceeded.class).size() + events.ofType(RunFailed.class).size()).isEqualTo(1);
        assertThat(events.ofType(RunFailed.class)).hasSize(succeeded ? 0 : 1);
        assertThat(events.ofType(AttemptFailed.class)).hasSize(succeeded ? attempts - 1 : attempts);
        if (succeeded) {
            assertThat(events.ofType(RunSucceeded.class).get(0).attempts()).isEqualTo(attempts);
        } else {
            RunFailed failed = events.ofType(RunFailed.class).get(0);
            assertThat(failed.failures()).extracting(AttemptFailure::at).containsExactlyElementsOf(deliveries);
            assertThat(failed.reason())
                    .isEqualTo(last.fatal() ? GiveUpReason.NOT_RETRYABLE : GiveUpReason.ATTEMPTS_EXHAUSTED);
        }
        assertThat(steps.preparedRuns()).containsExactly(1L);
        assertThat(steps.cleanedUp()).containsExactlyElementsOf(steps.deliveredBundles().subList(0, 1));
    }

    /** Fewer tries than the default: each simulates up to hundreds of runs, and the suite must stay fast. */
    @Property(tries = 300)
    void everyDueRunStartsOrIsSkippedExactlyOnceAndRunsNeverOverlap(
            @ForAll @IntRange(min = 1, max = 90) int everyMinutes,
            @ForAll @IntRange(min = 1, max = 6) int maxAttempts,
            @ForAll @IntRange(min = 0, max = 40) int delayMinutes,
            @ForAll @Size(min = 1, max = 8) List<Boolean> deliverySucceeds,
            @ForAll @IntRange(min = 1, max = 6) int hours) {
        ReplicationSchedule schedule = ReplicationSchedule.of(LocalDate.of(2016, 1, 26), LocalTime.of(5, 0),
                ZoneId.of("Europe/Berlin"), IntervalUnit.MINUTE, everyMinutes);
        MutableClock clock = new MutableClock(FIRST_RUN.minus(Duration.ofMinutes(1)));
        ManualScheduler scheduler = new ManualScheduler(clock);
        RecordingNotifier events = new RecordingNotifier();
        AtomicInteger deliveries = new AtomicInteger();
        ScriptedSteps steps = new ScriptedSteps(clock).otherwise(delivery ->
                deliverySucceeds.get(deliveries.getAndIncrement() % deliverySucceeds.size())
                        ? ScriptedSteps.accept(delivery) : Outcome.RETRYABLE_EXCEPTION.answer.apply(delivery));
        Replicator.builder().schedule(schedule).retries(RetrySchedule.fixed(maxAttempts, Duration.ofMinutes(delayMinutes)))
                .steps(steps).clock(clock).scheduler(scheduler).workExecutor(Runnable::run).notifier(events).build()
                .start();
        Instant horizon = FIRST_RUN.plus(Duration.ofHours(hours));

        scheduler.advanceTo(horizon);

        List<Instant> due = new ArrayList<>();
        for (Instant run = schedule.firstRun();
                !run.isAfter(horizon); run = schedule.nextRunAfter(run)) {
            due.add(run);
        }
        List<Instant> handled = events.events().stream().flatMap(event -> event instanceof RunStarted started
                ? Stream.of(started.scheduledFor())
                : event instanceof RunSkipped skipped ? Stream.of(skipped.scheduledFor()) : Stream.empty()).toList();
        assertThat(handled).containsExactlyElementsOf(due);
        ReplicatorTest.assertRunsNeverInterleave(events.events());
        assertThat(events.ofType(RunStarted.class)).extracting(RunStarted::run)
                .containsExactlyElementsOf(Stream.iterate(1L, n -> n + 1).limit(events.ofType(RunStarted.class).size())
                        .toList());
        assertThat(steps.maxConcurrentDeliveries()).isEqualTo(1);
        int ended = events.ofType(RunSucceeded.class).size() + events.ofType(RunFailed.class).size();
        assertThat(events.ofType(RunStarted.class).size() - ended).isBetween(0, 1);
        assertThat(steps.preparedRuns()).hasSize(events.ofType(RunStarted.class).size());
    }
}
