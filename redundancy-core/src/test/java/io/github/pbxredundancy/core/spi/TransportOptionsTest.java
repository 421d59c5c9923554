package io.github.pbxredundancy.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pbxredundancy.core.InputProblem;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.TaskScheduler;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransportOptionsTest {
    private static final TaskScheduler SCHEDULER = (at, task) -> () -> true;

    @Test
    void defaultsAndCopiesWithOneSettingChanged() {
        TransportOptions defaults = TransportOptions.defaults(Clock.systemUTC(), SCHEDULER);
        assertThat(defaults.ackTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(defaults.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(30));

        TransportOptions changed = defaults.withAckTimeout(Duration.ofMillis(200)).withPollInterval(Duration.ofMillis(10))
                .withConnectTimeout(Duration.ofSeconds(2));
        assertThat(changed).isEqualTo(new TransportOptions(Duration.ofMillis(200), Duration.ofMillis(10), Duration.ofSeconds(2),
                Clock.systemUTC(), SCHEDULER));
    }

    @Test
    void namesEveryMissingOrOutOfRangeSetting() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> new TransportOptions(Duration.ZERO, Duration.ofSeconds(-1), Duration.ofDays(366), null, null));

        assertThat(e.problems()).extracting(InputProblem::field)
                .containsExactly("ackTimeout", "pollInterval", "connectTimeout", "clock", "scheduler");
        assertThat(e.getMessage()).contains("ackTimeout '0 s': must be more than 0 and at most 365 d",
                "connectTimeout '366 d'");
    }
}
