package io.github.pbxredundancy.notifier.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Collects a notifier's outcomes; every wait is bounded. */
final class Outcomes implements Consumer<MailOutcome> {
    static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<MailOutcome> queue = new LinkedBlockingQueue<>();

    @Override
    public void accept(MailOutcome outcome) {
        queue.add(outcome);
    }

    /** The next outcome, which must be of the given type. */
    <T extends MailOutcome> T next(Class<T> type) throws InterruptedException {
        MailOutcome outcome = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(outcome).as("an outcome within " + WAIT).isNotNull();
        assertThat(outcome).isInstanceOf(type);
        return type.cast(outcome);
    }

    /** No outcome is waiting now. */
    boolean isEmpty() {
        return queue.isEmpty();
    }
}
