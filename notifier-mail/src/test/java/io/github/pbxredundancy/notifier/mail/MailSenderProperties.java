package io.github.pbxredundancy.notifier.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.EmailAddress;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RetrySchedule;
import io.github.pbxredundancy.notifier.mail.internal.Language;
import io.github.pbxredundancy.notifier.mail.internal.Letter;
import io.github.pbxredundancy.notifier.mail.internal.Letters;
import io.github.pbxredundancy.notifier.mail.internal.MailSender;
import io.github.pbxredundancy.notifier.mail.internal.MailSink;
import io.github.pbxredundancy.notifier.mail.internal.SendFailure;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The outbox's rules for any mix of offers, clock advances and server answers: nothing is lost
 * uncounted, attempts keep the pacing interval and the retry delays, no message is tried more
 * often than the schedule allows or again after a final failure, and the queue drains. Runs the
 * sender on the test's thread (a direct executor and the manual scheduler).
 */
class MailSenderProperties {
    enum Answer { OK, RETRYABLE, FINAL }

    sealed interface Action permits Admin, Broadcast, Advance {
    }

    record Admin() implements Action {
    }

    record Broadcast(int users) implements Action {
    }

    record Advance(Duration by) implements Action {
    }

    /** One prepared message and what happened to its attempts. */
    static final class Prepared {
        final EmailAddress to;
        final List<Instant> attempts = new ArrayList<>();
        final List<Answer> answers = new ArrayList<>();

        Prepared(EmailAddress to) {
            this.to = to;
        }
    }

    /** Answers from the script, then OK; notes every attempt. */
    static final class ScriptedSink implements MailSink<Prepared> {
        final MutableClock clock;
        final Iterator<Answer> script;
        final List<Prepared> prepared = new ArrayList<>();
        final List<Instant> starts = new ArrayList<>();

        ScriptedSink(MutableClock clock, List<Answer> script) {
            this.clock = clock;
            this.script = script.iterator();
        }

        @Override
        public Prepared compose(Letter letter, EmailAddress to, Optional<String> personal) {
            Prepared message = new Prepared(to);
            prepared.add(message);
            return message;
        }

        @Override
        public void send(Prepared message) {
            Answer answer = script.hasNext() ? script.next() : Answer.OK;
            message.attempts.add(clock.instant());
            message.answers.add(answer);
            starts.add(clock.instant());
            switch (answer) {
                case RETRYABLE -> throw new SendFailure(ReasonCode.CONNECTION_FAILED, "connection refused", null);
                case FINAL -> throw new SendFailure(ReasonCode.AUTHENTICATION_FAILED, "login refused", null);
                default -> { }
            }
        }
    }

    @Property(tries = 300)
    void nothingIsLostUncountedAndEveryWaitIsKept(@ForAll("actions") @Size(max = 25) List<Action> actions,
                                                 @ForAll("answers") @Size(max = 30) List<Answer> script,
                                                 @ForAll @IntRange(min = 0, max = 3) int pacingTenths,
                                                 @ForAll @IntRange(min = 1, max = 4) int maxAttempts,
                                                 @ForAll @IntRange(min = 0, max = 3) int delayMinutes,
                                                 @ForAll @IntRange(min = 1, max = 12) int capacity) {
        MutableClock clock = new MutableClock(Events.T0);
        ManualScheduler scheduler = new ManualScheduler(clock);
        ScriptedSink sink = new ScriptedSink(clock, script);
        Duration pacing = Duration.ofMillis(100L * pacingTenths);
        Duration delay = Duration.ofMinutes(delayMinutes);
        List<MailOutcome> outcomes = new ArrayList<>();
        MailSender<Prepared> sender = new MailSender<>(new MailSender.Setup<>(new Letters(Optional.empty(), ZoneOffset.UTC),
                Language.ENGLISH, Optional.of(new EmailAddress(TestMail.ADMIN)), sink,
                RetrySchedule.fixed(maxAttempts, delay), pacing, capacity, clock, scheduler, Runnable::run, outcomes::add));

        int offered = 0;
        int broadcasts = 0;
        for (Action action : actions) {
            if (action instanceof Admin) {
                sender.offerAdministrator(Events.runFailed(ReasonCode.TIMEOUT));
                offered++;
            } else if (action instanceof Broadcast broadcast) {
                sender.offerBroadcast(Events.broadcast("p-" + broadcasts++, Events.users(broadcast.users())));
                offered += broadcast.users();
            } else if (action instanceof Advance advance) {
                scheduler.advanceTo(clock.instant().plus(advance.by()));
            }
            MailStats stats = sender.stats();
            assertThat(stats.sent() + stats.failed() + stats.dropped() + stats.queued()).isEqualTo(offered);
            assertThat(stats.queued()).isLessThanOrEqualTo(capacity);
        }
        for (int i = 0; i < 1000 && scheduler.pending() > 0; i++) {
            scheduler.advanceTo(clock.instant().plus(Duration.ofMinutes(10)));
        }

        MailStats stats = sender.stats();
        assertThat(stats.queued()).as("the queue drains").isZero();
        assertThat(stats.sent() + stats.failed() + stats.dropped()).isEqualTo(offered);
        assertThat(stats.sent()).isEqualTo(outcomes.stream().filter(MailOutcome.Sent.class::isInstance).count());
        assertThat(stats.failed()).isEqualTo(outcomes.stream().filter(MailOutcome.GaveUp.class::isInstance).count());
        assertThat(stats.retried()).isEqualTo(outcomes.stream().filter(MailOutcome.RetryScheduled.class::isInstance).count());
        for (int i = 1; i < sink.starts.size(); i++) {
            assertThat(Duration.between(sink.starts.get(i - 1), sink.starts.get(i))).as("pacing").isGreaterThanOrEqualTo(pacing);
        }
        for (Prepared message : sink.prepared) {
            assertThat(message.attempts).hasSizeBetween(1, maxAttempts);
            for (int i = 0; i + 1 < message.answers.size(); i++) {
                assertThat(message.answers.get(i)).as("only a retryable failure is tried again").isEqualTo(Answer.RETRYABLE);
                assertThat(Duration.between(message.attempts.get(i), message.attempts.get(i + 1))).as("retry delay")
                        .isGreaterThanOrEqualTo(delay);
            }
        }
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Action> action = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(new Admin())),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 6).map(Broadcast::new)),
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(0, 300_000).map(ms -> new Advance(Duration.ofMillis(ms)))));
        return action.list();
    }

    @Provide
    Arbitrary<List<Answer>> answers() {
        return Arbitraries.of(Answer.class).list();
    }
}
