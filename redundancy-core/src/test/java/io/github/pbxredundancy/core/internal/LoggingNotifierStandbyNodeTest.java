package io.github.pbxredundancy.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.Initialization;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.event.InitializationFailed;
import io.github.pbxredundancy.core.event.StandbyInitialized;
import io.github.pbxredundancy.core.event.WatchdogAlarm;
import io.github.pbxredundancy.core.event.WatchdogRecovered;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** The log lines of the standby's own events: watchdog and initialisation. */
class LoggingNotifierStandbyNodeTest {
    private static final Instant ACCEPTED = Instant.parse("2016-01-26T04:03:00Z");
    private static final Instant DEADLINE = Instant.parse("2016-01-27T05:15:00Z");
    private static final Instant LATER = Instant.parse("2016-01-28T05:15:00Z");
    private static final String SHA = "0".repeat(64);
    private static final Initialization DONE = new Initialization(ACCEPTED, "Jürgen", "new standby", true,
            new Initialization.RawBackup("pbx.sfb", 1, 42, SHA));

    @Test
    void alarmsAndFailedInitialisationsAreErrorsTheRestInformation() {
        assertThat(LoggingNotifier.levelOf(new WatchdogAlarm(DEADLINE, Optional.empty(), DEADLINE, DEADLINE, 1)))
                .isEqualTo(Level.ERROR);
        assertThat(LoggingNotifier.levelOf(new InitializationFailed(ACCEPTED, "admin", "bundle file 'x'",
                ReasonCode.FOREIGN_PAIR, "another pair"))).isEqualTo(Level.ERROR);
        assertThat(LoggingNotifier.levelOf(new WatchdogRecovered(LATER, LATER, Optional.empty(), DEADLINE, 2)))
                .isEqualTo(Level.INFO);
        assertThat(LoggingNotifier.levelOf(new StandbyInitialized(DONE))).isEqualTo(Level.INFO);
    }

    @Test
    void everyLineSaysWhatHappenedAndHowOldTheDataIs() {
        assertThat(LoggingNotifier.describe(new WatchdogAlarm(LATER, Optional.of(ACCEPTED), DEADLINE, LATER, 2)))
                .isEqualTo("Standby watchdog ALARM: no valid bundle since the one accepted at 2016-01-26T04:03:00Z"
                        + " (the standby's data is at least 2 d 1 h 12 min old); 2 runs missed, the latest due by"
                        + " 2016-01-28T05:15:00Z, overdue since 2016-01-27T05:15:00Z: is the active down or is"
                        + " replication failing?");
        assertThat(LoggingNotifier.describe(new WatchdogAlarm(DEADLINE, Optional.empty(), DEADLINE, DEADLINE, 1)))
                .contains("no valid bundle accepted since the watchdog started", "1 run missed");
        assertThat(LoggingNotifier.describe(new WatchdogRecovered(LATER, LATER, Optional.of(ACCEPTED), DEADLINE, 1)))
                .isEqualTo("Standby watchdog: replication recovered, bundle accepted at 2016-01-28T05:15:00Z after 1"
                        + " missed run; it was overdue for 1 d");
        assertThat(LoggingNotifier.describe(new StandbyInitialized(DONE))).isEqualTo("Standby initialised by"
                + " 'J\\u00FCrgen' from raw backup 'pbx.sfb' (1 file, 42 bytes, SHA-256 " + SHA + "), forced over an"
                + " earlier initialisation; reason: 'new standby'");
        assertThat(LoggingNotifier.describe(new InitializationFailed(ACCEPTED, "admin", "bundle file 'x'",
                ReasonCode.FOREIGN_PAIR, "another pair"))).isEqualTo(
                "Standby initialisation by 'admin' from bundle file 'x' FAILED (FOREIGN_PAIR): another pair");
    }
}
