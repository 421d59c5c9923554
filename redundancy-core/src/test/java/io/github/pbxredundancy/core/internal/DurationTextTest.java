package io.github.pbxredundancy.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void writesNonZeroPartsFromDaysDown() {
        assertThat(DurationText.of(Duration.ofMinutes(5))).isEqualTo("5 min");
        assertThat(DurationText.of(Duration.ofMinutes(90))).isEqualTo("1 h 30 min");
        assertThat(DurationText.of(Duration.ofHours(26))).isEqualTo("1 d 2 h");
        assertThat(DurationText.of(Duration.ofMillis(1500))).isEqualTo("1 s 500 ms");
        assertThat(DurationText.of(Duration.ofNanos(1_000_001))).isEqualTo("1 ms 1 ns");
    }

    @Test
    void writesZeroAndNegativeDurations() {
        assertThat(DurationText.of(Duration.ZERO)).isEqualTo("0 s");
        assertThat(DurationText.of(Duration.ofSeconds(-30))).isEqualTo("-30 s");
    }
}
