package io.github.pbxredundancy.notifier.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.IntervalUnit;
import io.github.pbxredundancy.core.PreparedBundle;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.ReplicationSchedule;
import io.github.pbxredundancy.core.ReplicationSteps;
import io.github.pbxredundancy.core.Replicator;
import io.github.pbxredundancy.core.RetrySchedule;
import io.github.pbxredundancy.core.event.AttemptFailed;
import io.github.pbxredundancy.core.event.RedundancyEvent;
import io.github.pbxredundancy.core.event.RunFailed;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import io.github.pbxredundancy.core.spi.TransferListener;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real {@link Replicator} with the mail notifier in its notifier chain and a mail server
 * that accepts the connection and never answers: every run and retry still happens at its
 * scheduled instant on the manual clock, and every failure is handed over, while the mail
 * sender waits for a greeting that never comes.
 */
class MailNotifierReplicationTest {
    private final MutableClock clock = new MutableClock(Events.T0);
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final Outcomes outcomes = new Outcomes();
    private MailNotifier mail;
    private Replicator replicator;

    @AfterEach
    void close() {
        if (replicator != null) {
            replicator.stop();
        }
        if (mail != null) {
            mail.close(Duration.ZERO);
        }
    }

    @Test
    void aMailServerThatNeverAnswersLeavesEveryRunAndRetryOnTime() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            mail = TestMail.builder(clock, scheduler, outcomes)
                    .server(MailServer.startTls("127.0.0.1", silent.port()))
                    .trust(TestCertificates.mailServer().trusted())
                    .build();
            List<RedundancyEvent> handedOver = new CopyOnWriteArrayList<>();
            ReplicationSteps backupFails = new ReplicationSteps() {
                @Override
                public PreparedBundle prepare(long run) {
                    throw new RedundancyException(ReasonCode.BACKUP_FAILED, "the host's backup tool is missing");
                }

                @Override
                public DeliveryReceipt deliver(PreparedBundle bundle, TransferListener listener) {
                    throw new AssertionError("nothing to deliver");
                }
            };
            Instant firstRun = Events.T0.plus(Duration.ofHours(1));
            replicator = Replicator.builder()
                    .schedule(ReplicationSchedule.of(LocalDate.ofInstant(firstRun, ZoneOffset.UTC),
                            LocalTime.ofInstant(firstRun, ZoneOffset.UTC), ZoneOffset.UTC, IntervalUnit.HOUR, 1))
                    .retries(RetrySchedule.fixed(2, Duration.ofMinutes(5)))
                    .steps(backupFails)
                    .clock(clock)
                    .scheduler(scheduler)
                    .workExecutor(Runnable::run)
                    .notifier(event -> {
                        handedOver.add(event);
                        mail.notify(event);
                    })
                    .build();
            replicator.start();

            for (int run = 0; run < 3; run++) {
                Instant due = firstRun.plus(Duration.ofHours(run));
                scheduler.advanceTo(due);
                scheduler.advanceTo(due.plus(Duration.ofMinutes(5)));
                if (run == 0) {
                    assertThat(silent.awaitConnection(Outcomes.WAIT)).as("the mail sender connected and waits").isTrue();
                }
            }

            List<RunFailed> failed = handedOver.stream().filter(RunFailed.class::isInstance).map(RunFailed.class::cast).toList();
            assertThat(failed).extracting(RunFailed::at).containsExactly(firstRun.plus(Duration.ofMinutes(5)),
                    firstRun.plus(Duration.ofMinutes(65)), firstRun.plus(Duration.ofMinutes(125)));
            assertThat(handedOver.stream().filter(AttemptFailed.class::isInstance).count()).isEqualTo(6);
            assertThat(mail.stats().sent()).as("the silent server took no message").isZero();
        }
    }
}
