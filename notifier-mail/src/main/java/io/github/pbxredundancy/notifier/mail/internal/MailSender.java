package io.github.pbxredundancy.notifier.mail.internal;

import io.github.pbxredundancy.core.EmailAddress;
import io.github.pbxredundancy.core.GiveUpReason;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RetryDecision;
import io.github.pbxredundancy.core.RetrySchedule;
import io.github.pbxredundancy.core.TaskScheduler;
import io.github.pbxredundancy.core.UserContact;
import io.github.pbxredundancy.core.event.PhoneRestartRequested;
import io.github.pbxredundancy.core.event.RedundancyEvent;
import io.github.pbxredundancy.notifier.mail.MailOutcome;
import io.github.pbxredundancy.notifier.mail.MailStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier's outbox and its one sender: a bounded queue of messages, worked off one message
 * at a time on the sender's executor, paced, and retried per a {@link RetrySchedule}; every wait
 * (the pacing interval, a retry's delay) is a task on the injected {@link TaskScheduler}, never a
 * sleep, so tests drive it on a manual clock.
 *
 * <p>Order: the administrator's messages go before the users' restart messages still waiting;
 * each kind in the order offered. A message that fails waits for its retry at the head of the
 * queue, so a mail server that is down is asked once per retry delay, not once per queued message,
 * and no message overtakes another. Between the starts of two attempts lies at least the pacing
 * interval, so a broadcast to a large company stays within the server's rate limits.
 *
 * <p>Offering never blocks and never throws: a full queue or a closed outbox drops the message,
 * counted and logged.
 *
 * <p>Not part of the API. Thread-safe; the state is guarded by one lock that is never held while
 * sending or calling the listener.
 */
public final class MailSender<M> {
    private static final Logger LOG = LoggerFactory.getLogger("io.github.pbxredundancy.notifier.mail.MailNotifier");
    /** How many promotions' broadcasts are remembered to ignore a repeated event. */
    private static final int REMEMBERED_PROMOTIONS = 64;

    /**
     * Everything the sender needs.
     *
     * @param <M> the sink's prepared message
     */
    public record Setup<M>(Letters letters, Language language, Optional<EmailAddress> administrator, MailSink<M> sink,
                        RetrySchedule retries, Duration pacing, int capacity, Clock clock, TaskScheduler scheduler,
                        Executor executor, Consumer<MailOutcome> listener) {
        /** Validates that every part is present. */
        public Setup {
            Objects.requireNonNull(letters, "letters");
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(administrator, "administrator");
            Objects.requireNonNull(sink, "sink");
            Objects.requireNonNull(retries, "retries");
            Objects.requireNonNull(pacing, "pacing");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(scheduler, "scheduler");
            Objects.requireNonNull(executor, "executor");
            Objects.requireNonNull(listener, "listener");
        }
    }

    private final Setup<M> setup;
    private final Object lock = new Object();
    private final ArrayDeque<Outgoing> adminQueue = new ArrayDeque<>();
    private final ArrayDeque<Broadcast> broadcasts = new ArrayDeque<>();
    private final Set<String> promotions = new LinkedHashSet<>();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private int queued;
    private Attempt<M> current;
    /** Whether {@code current} is being tried right now, outside the lock. */
    private boolean inFlight;
    private boolean running;
    private TaskScheduler.ScheduledTask wakeUp;
    private Instant nextSlot = Instant.MIN;
    private boolean closing;
    private boolean stopped;
    private long sent;
    private long failed;
    private long dropped;
    private long retried;

    /**
     * @param setup the sender's parts
     */
    public MailSender(Setup<M> setup) {
        this.setup = Objects.requireNonNull(setup, "setup");
    }

    /** One message: the event, and the user for a restart message. */
    private record Outgoing(RedundancyEvent event, Optional<UserContact> user, Broadcast broadcast) {
        String describe() {
            return user.map(u -> "restart message of promotion " + ((PhoneRestartRequested) event).promotionId()
                            + " to user " + HeaderText.oneLine(u.userId(), 80))
                    .orElse(event.getClass().getSimpleName() + " message to the administrator");
        }

        Optional<String> userId() {
            return user.map(UserContact::userId);
        }
    }

    /** The users of one restart broadcast still to take from, and its tally. */
    private static final class Broadcast {
        final PhoneRestartRequested event;
        final List<UserContact> users;
        int next;
        int sent;
        int failed;
        int dropped;

        Broadcast(PhoneRestartRequested event, List<UserContact> users) {
            this.event = event;
            this.users = users;
        }

        boolean finished() {
            return sent + failed + dropped == users.size();
        }
    }

    /** The message at the head, with its attempts so far. */
    private static final class Attempt<M> {
        final Outgoing message;
        M prepared;
        int attempts;
        Instant firstAt;
        Instant notBefore = Instant.MIN;

        Attempt(Outgoing message) {
            this.message = message;
        }
    }

    /**
     * Queues the administrator's message for an event.
     *
     * @param event an event the administrator gets a message for
     */
    public void offerAdministrator(RedundancyEvent event) {
        Outgoing message = new Outgoing(event, Optional.empty(), null);
        String why;
        synchronized (lock) {
            if (closing) {
                why = "the notifier is closed";
            } else if (queued >= setup.capacity()) {
                why = "the mail queue of " + setup.capacity() + " messages is full";
            } else {
                adminQueue.add(message);
                queued++;
                kick();
                return;
            }
            dropped++;
        }
        reportDropped(event, Optional.empty(), 1, why);
    }

    /**
     * Queues one restart message per user of the broadcast, as many as the queue has room for; a
     * promotion's broadcast offered again is ignored.
     *
     * @param event the broadcast
     */
    public void offerBroadcast(PhoneRestartRequested event) {
        int users = event.users().size();
        int taken;
        String why = null;
        synchronized (lock) {
            if (!promotions.add(event.promotionId())) {
                LOG.warn("The restart messages of promotion {} were handed over already; not sent again",
                        HeaderText.oneLine(event.promotionId(), 80));
                return;
            }
            if (promotions.size() > REMEMBERED_PROMOTIONS) {
                Iterator<String> oldest = promotions.iterator();
                oldest.next();
                oldest.remove();
            }
            if (users == 0) {
                return;
            }
            taken = closing ? 0 : Math.min(users, setup.capacity() - queued);
            if (taken > 0) {
                broadcasts.add(new Broadcast(event, event.users().subList(0, taken)));
                queued += taken;
                kick();
            }
            if (taken < users) {
                dropped += users - taken;
                why = closing ? "the notifier is closed" : "the mail queue of " + setup.capacity()
                        + " messages has room for " + taken + " of the " + users + " users";
            }
        }
        if (why != null) {
            reportDropped(event, Optional.empty(), users - taken, why);
        }
    }

    /** Starts the sender if it is neither running nor waiting for a scheduled wake-up. Under the lock. */
    private void kick() {
        if (!running && wakeUp == null && !stopped) {
            running = true;
            submit();
        }
    }

    /** Hands the pump to the executor. Under the lock, with {@code running} set. */
    private void submit() {
        try {
            setup.executor().execute(this::pump);
        } catch (RejectedExecutionException e) {
            running = false;
            LOG.error("The mail notifier's sender thread is gone; {} queued messages dropped", stopLocked());
        }
    }

    /** The scheduled wake-up: pacing or a retry delay is over. */
    private void wake() {
        synchronized (lock) {
            wakeUp = null;
            if (stopped || running) {
                return;
            }
            running = true;
            submit();
        }
    }

    /** Sends messages while they are due; schedules a wake-up for the next one otherwise. */
    private void pump() {
        while (true) {
            Attempt<M> attempt;
            Instant started;
            synchronized (lock) {
                if (stopped) {
                    running = false;
                    return;
                }
                if (current == null && adminQueue.isEmpty() && broadcasts.isEmpty()) {
                    running = false;
                    if (closing) {
                        drained.complete(null);
                    }
                    return;
                }
                started = setup.clock().instant();
                // A message is taken from the queue only when its attempt starts, so that the
                // administrator's message that arrives during a pacing wait still goes first.
                Instant due = current == null || current.notBefore.isBefore(nextSlot) ? nextSlot : current.notBefore;
                if (started.isBefore(due)) {
                    running = false;
                    try {
                        wakeUp = setup.scheduler().schedule(due, this::wake);
                    } catch (RejectedExecutionException e) {
                        LOG.error("The scheduler refused the mail notifier's next wake-up; {} queued messages dropped",
                                stopLocked());
                    }
                    return;
                }
                if (current == null) {
                    current = new Attempt<>(takeNext());
                }
                nextSlot = started.plus(setup.pacing());
                inFlight = true;
                attempt = current;
                attempt.attempts++;
                if (attempt.firstAt == null) {
                    attempt.firstAt = started;
                }
            }
            MailOutcome outcome = attempt(attempt, started);
            report(attempt.message, outcome);
        }
    }

    /** The next message to try, administrator's first. Under the lock. */
    private Outgoing takeNext() {
        Outgoing admin = adminQueue.poll();
        if (admin != null) {
            return admin;
        }
        Broadcast broadcast = broadcasts.peek();
        if (broadcast == null) {
            return null;
        }
        UserContact user = broadcast.users.get(broadcast.next++);
        if (broadcast.next == broadcast.users.size()) {
            broadcasts.poll();
        }
        return new Outgoing(broadcast.event, Optional.of(user), broadcast);
    }

    /** One attempt of the head message, outside the lock; then the bookkeeping under it. */
    private MailOutcome attempt(Attempt<M> attempt, Instant started) {
        SendFailure failure;
        try {
            if (attempt.prepared == null) {
                attempt.prepared = compose(attempt.message);
            }
            setup.sink().send(attempt.prepared);
            failure = null;
        } catch (SendFailure e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new SendFailure(ReasonCode.UNEXPECTED, e.getClass().getSimpleName() + ": "
                    + HeaderText.forLog(e.getMessage()), e);
        }
        Instant now = setup.clock().instant();
        synchronized (lock) {
            inFlight = false;
            Outgoing message = attempt.message;
            if (failure == null) {
                sent++;
                finish(message, true);
                return new MailOutcome.Sent(now, message.event().getClass(), message.userId(), attempt.attempts);
            }
            RetryDecision decision = stopped
                    ? new RetryDecision.GiveUp(GiveUpReason.NOT_RETRYABLE, "the notifier was closed")
                    : decide(attempt, now, failure);
            if (decision instanceof RetryDecision.RetryAfter retry) {
                retried++;
                attempt.notBefore = now.plus(retry.delay());
                return new MailOutcome.RetryScheduled(now, message.event().getClass(), message.userId(), attempt.attempts,
                        failure.reason(), failure.getMessage(), attempt.notBefore);
            }
            failed++;
            finish(message, false);
            return new MailOutcome.GaveUp(now, message.event().getClass(), message.userId(), attempt.attempts,
                    failure.reason(), ((RetryDecision.GiveUp) decision).reason(), failure.getMessage());
        }
    }

    private RetryDecision decide(Attempt<M> attempt, Instant now, SendFailure failure) {
        if (attempt.prepared == null) {
            // The message could not even be built: a bug, not a server problem; repeating cannot help.
            return new RetryDecision.GiveUp(GiveUpReason.NOT_RETRYABLE, "the message cannot be built");
        }
        Duration elapsed = Duration.between(attempt.firstAt, now);
        return setup.retries().decide(attempt.attempts, elapsed.isNegative() ? Duration.ZERO : elapsed, failure);
    }

    /** The head message is done. Under the lock. */
    private void finish(Outgoing message, boolean wasSent) {
        if (current != null && current.message == message) {
            current = null;
            queued--;
        }
        Broadcast broadcast = message.broadcast();
        if (broadcast != null) {
            if (wasSent) {
                broadcast.sent++;
            } else {
                broadcast.failed++;
            }
        }
    }

    private M compose(Outgoing message) {
        Optional<UserContact> user = message.user();
        if (user.isPresent()) {
            UserContact contact = user.get();
            Language language = Language.of(contact.locale()).orElse(setup.language());
            Letter letter = setup.letters().forUser((PhoneRestartRequested) message.event(), contact, language);
            return setup.sink().compose(letter, contact.email(), Optional.of(contact.displayName()));
        }
        EmailAddress administrator = setup.administrator().orElseThrow(
                () -> new IllegalStateException("an administrator message without an administrator address"));
        Letter letter = setup.letters().forAdministrator(message.event(), setup.language());
        return setup.sink().compose(letter, administrator, Optional.empty());
    }

    private void report(Outgoing message, MailOutcome outcome) {
        String what = message.describe();
        if (outcome instanceof MailOutcome.Sent sentOutcome) {
            LOG.debug("Mail sent: {} (attempt {})", what, sentOutcome.attempts());
        } else if (outcome instanceof MailOutcome.RetryScheduled retry) {
            LOG.warn("Mail not sent yet: {}, attempt {} failed ({}: {}); next attempt at {}", what, retry.attempt(),
                    retry.reason(), retry.message(), retry.nextAttemptAt());
        } else if (outcome instanceof MailOutcome.GaveUp gaveUp) {
            LOG.error("Mail NOT sent: {}, given up after {} ({}; {}: {})", what,
                    gaveUp.attempts() == 1 ? "1 attempt" : gaveUp.attempts() + " attempts", gaveUp.giveUp(),
                    gaveUp.reason(), gaveUp.message());
        }
        Broadcast broadcast = message.broadcast();
        if (broadcast != null && !(outcome instanceof MailOutcome.RetryScheduled)) {
            boolean finished;
            int sentCount;
            int failedCount;
            int droppedCount;
            synchronized (lock) {
                finished = broadcast.finished();
                sentCount = broadcast.sent;
                failedCount = broadcast.failed;
                droppedCount = broadcast.dropped;
            }
            if (finished) {
                LOG.info("Restart messages of promotion {}: {} sent, {} not sent, {} dropped",
                        HeaderText.oneLine(broadcast.event.promotionId(), 80), sentCount, failedCount, droppedCount);
            }
        }
        tell(outcome);
    }

    private void reportDropped(RedundancyEvent event, Optional<String> userId, int count, String why) {
        long total;
        synchronized (lock) {
            total = dropped;
        }
        if (closingNow()) {
            LOG.debug("Mail dropped: {} message(s) about {}: {}", count, event.getClass().getSimpleName(), why);
        } else {
            LOG.warn("Mail dropped: {} message(s) about {}: {} ({} dropped so far)", count, event.getClass().getSimpleName(),
                    why, total);
        }
        tell(new MailOutcome.Dropped(setup.clock().instant(), event.getClass(), userId, count, why));
    }

    private boolean closingNow() {
        synchronized (lock) {
            return closing;
        }
    }

    private void tell(MailOutcome outcome) {
        try {
            setup.listener().accept(outcome);
        } catch (RuntimeException e) {
            LOG.warn("The mail notifier's listener failed on {}", outcome.getClass().getSimpleName(), e);
        }
    }

    /** @return the counters now */
    public MailStats stats() {
        synchronized (lock) {
            return new MailStats(sent, failed, dropped, retried, queued);
        }
    }

    /**
     * Accepts no further messages; the queued ones are still sent, paced and retried as usual.
     *
     * @return completes when the queue is empty and nothing is being sent
     */
    public CompletableFuture<Void> shutdown() {
        synchronized (lock) {
            closing = true;
            if (!running && current == null && adminQueue.isEmpty() && broadcasts.isEmpty()) {
                if (wakeUp != null) {
                    wakeUp.cancel();
                    wakeUp = null;
                }
                drained.complete(null);
            }
        }
        return drained;
    }

    /**
     * Gives up everything still queued (counted as dropped) and cancels a scheduled wake-up; an
     * attempt that is running ends when its client is closed.
     *
     * @return how many messages were dropped
     */
    public int stop() {
        int left;
        synchronized (lock) {
            left = stopLocked();
        }
        if (left > 0) {
            LOG.warn("The mail notifier was closed with {} message(s) not sent; they are dropped", left);
        }
        return left;
    }

    /**
     * Drops every queued message except one being tried right now, which its attempt finishes
     * (sent, or given up because the client is closed). Under the lock.
     *
     * @return how many were dropped
     */
    private int stopLocked() {
        closing = true;
        stopped = true;
        int keep = inFlight ? 1 : 0;
        int left = queued - keep;
        dropped += left;
        for (Broadcast broadcast : broadcasts) {
            broadcast.dropped += broadcast.users.size() - broadcast.next;
        }
        if (!inFlight && current != null && current.message.broadcast() != null) {
            current.message.broadcast().dropped++;
        }
        queued = keep;
        adminQueue.clear();
        broadcasts.clear();
        if (!inFlight) {
            current = null;
        }
        if (wakeUp != null) {
            wakeUp.cancel();
            wakeUp = null;
        }
        drained.complete(null);
        return left;
    }
}
