package io.github.pbxredundancy.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.event.FailbackStepChanged;
import io.github.pbxredundancy.core.promotion.FailbackStatus;
import io.github.pbxredundancy.core.promotion.FailbackStep;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class LoggingNotifierFailbackTest {
    private static final Instant AT = Instant.parse("2016-01-27T08:10:00Z");
    private static final String PLAN = "failback-20160127T080000.000Z-e1";

    private static FailbackStepChanged changed(FailbackStep step, FailbackStatus status, FailbackStep next) {
        return new FailbackStepChanged(AT, PLAN, "pbx-b", step, status, Optional.ofNullable(next), 1, "Anna");
    }

    @Test
    void aDoneStepIsInformationAFailedOneAnErrorASkippedOneAWarning() {
        assertThat(LoggingNotifier.levelOf(changed(FailbackStep.RELEASE_ADDRESS, new FailbackStatus.Done(AT, "Anna",
                List.of()), FailbackStep.SHUT_DOWN_ACTIVE))).isEqualTo(Level.INFO);
        assertThat(LoggingNotifier.levelOf(changed(FailbackStep.IMPORT_BACKUP, new FailbackStatus.Failed(AT, "Anna",
                "import failed"), FailbackStep.IMPORT_BACKUP))).isEqualTo(Level.ERROR);
        assertThat(LoggingNotifier.levelOf(changed(FailbackStep.RECREATE_REDUNDANCY, new FailbackStatus.Skipped(AT,
                "Anna", "pbx-b is retired"), null))).isEqualTo(Level.WARN);
    }

    @Test
    void aStepChangeIsOneLineWithTheEvidenceOrReasonAndTheNextStep() {
        assertThat(LoggingNotifier.describe(changed(FailbackStep.RELEASE_ADDRESS, new FailbackStatus.Done(AT, "Anna",
                List.of("ip addr: 192.168.1.2", "arping: no answer")), FailbackStep.SHUT_DOWN_ACTIVE)))
                .isEqualTo("Failback " + PLAN + " from pbx-b: step 2 release-address DONE by 'Anna' (ip addr:"
                        + " 192.168.1.2; arping: no answer); next: step 3 shut-down-active (operator)");
        assertThat(LoggingNotifier.describe(changed(FailbackStep.IMPORT_BACKUP, new FailbackStatus.Failed(AT, "Anna",
                "the import of bundle x failed"), FailbackStep.IMPORT_BACKUP)))
                .isEqualTo("Failback " + PLAN + " from pbx-b: step 4 import-backup FAILED (asked by 'Anna'): the"
                        + " import of bundle x failed; next: step 4 import-backup (library)");
        assertThat(LoggingNotifier.describe(changed(FailbackStep.RECREATE_REDUNDANCY, new FailbackStatus.Skipped(AT,
                "Anna", "pbx-b is retired"), null))).isEqualTo("Failback " + PLAN + " from pbx-b: step 7"
                        + " recreate-redundancy SKIPPED by 'Anna': pbx-b is retired; next: none, the failback is"
                        + " complete");
    }
}
