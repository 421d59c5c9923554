package io.github.pbxredundancy.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.GiveUpReason;
import io.github.pbxredundancy.core.Notifiers;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.event.AttemptFailed;
import io.github.pbxredundancy.core.event.AttemptFailure;
import io.github.pbxredundancy.core.event.BundlePrepared;
import io.github.pbxredundancy.core.event.RunFailed;
import io.github.pbxredundancy.core.event.RunSkipped;
import io.github.pbxredundancy.core.event.RunStarted;
import io.github.pbxredundancy.core.event.RunSucceeded;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class LoggingNotifierTest {
    private static final Instant AT = Instant.parse("2016-01-26T04:00:00Z");
    private static final Instant NEXT = Instant.parse("2016-01-26T04:05:00Z");
    private static final BundleId BUNDLE = BundleId.parse("b-1");
    private static final AttemptFailure FAILURE = new AttemptFailure(1, AT, ReasonCode.CONNECTION_FAILED, "refused");

    @Test
    void levelFollowsSeverity() {
        assertThat(LoggingNotifier.levelOf(new RunFailed(AT, 1, GiveUpReason.ATTEMPTS_EXHAUSTED, "x", List.of())))
                .isEqualTo(Level.ERROR);
        assertThat(LoggingNotifier.levelOf(new AttemptFailed(AT, 1, FAILURE, 10, Optional.of(NEXT))))
                .isEqualTo(Level.WARN);
        assertThat(LoggingNotifier.levelOf(new RunSkipped(AT, 1, AT))).isEqualTo(Level.WARN);
        assertThat(LoggingNotifier.levelOf(new RunStarted(AT, 1, AT))).isEqualTo(Level.INFO);
        assertThat(LoggingNotifier.levelOf(new BundlePrepared(AT, 1, BUNDLE, 5))).isEqualTo(Level.INFO);
        assertThat(LoggingNotifier.levelOf(new RunSucceeded(AT, 1, BUNDLE, 1))).isEqualTo(Level.INFO);
    }

    @Test
    void everyEventIsOneReadableLine() {
        assertThat(LoggingNotifier.describe(new RunStarted(AT, 7, AT)))
                .isEqualTo("Replication run 7 started (scheduled for 2016-01-26T04:00:00Z)");
        assertThat(LoggingNotifier.describe(new RunSkipped(AT, 7, NEXT))).isEqualTo(
                "Replication run scheduled for 2016-01-26T04:05:00Z skipped: run 7 is still in progress");
        assertThat(LoggingNotifier.describe(new BundlePrepared(AT, 7, BUNDLE, 5)))
                .isEqualTo("Replication run 7: bundle b-1 prepared (5 bytes)");
        assertThat(LoggingNotifier.describe(new AttemptFailed(AT, 7, FAILURE, 10, Optional.of(NEXT)))).isEqualTo(
                "Replication run 7: attempt 1 of 10 failed (CONNECTION_FAILED): refused;"
                        + " next attempt at 2016-01-26T04:05:00Z");
        assertThat(LoggingNotifier.describe(new AttemptFailed(AT, 7, FAILURE, 1, Optional.empty())))
                .endsWith("; no further attempt");
        assertThat(LoggingNotifier.describe(new RunSucceeded(AT, 7, BUNDLE, 2)))
                .isEqualTo("Replication run 7: the standby accepted bundle b-1 after 2 attempts");
        assertThat(LoggingNotifier.describe(new RunFailed(AT, 7, GiveUpReason.ATTEMPTS_EXHAUSTED,
                "attempt 1 of 1 failed; no attempts left", List.of(FAILURE)))).isEqualTo(
                "Replication run 7 FAILED (ATTEMPTS_EXHAUSTED): attempt 1 of 1 failed; no attempts left;"
                        + " attempts: 1 at 2016-01-26T04:00:00Z CONNECTION_FAILED");
        assertThat(LoggingNotifier.describe(new RunStarted(AT, 7, AT))).doesNotContain("\n");
    }

    @Test
    void theDefaultNotifierLogsWithoutThrowing() {
        Notifiers.logging().notify(new RunFailed(AT, 1, GiveUpReason.NOT_RETRYABLE, "x", List.of(FAILURE)));

        assertThat(Notifiers.logging()).isSameAs(LoggingNotifier.INSTANCE);
    }
}
