package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class BackupWindowTest {

    @Test
    void ofUsesThirtyMinutesOfMarginOnEachSide() {
        BackupWindow window = BackupWindow.of(LocalTime.of(5, 0), Duration.ofHours(1));

        assertThat(window.margin()).isEqualTo(Duration.ofMinutes(30));
        assertThat(window.widenedStart()).isEqualTo(LocalTime.of(4, 30));
        assertThat(window.widenedEnd()).isEqualTo(LocalTime.of(6, 30));
        assertThat(window.widenedLength()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void containsTheWidenedWindowStartInclusiveEndExclusive() {
        BackupWindow window = BackupWindow.of(LocalTime.of(5, 0), Duration.ofHours(1));

        assertThat(window.contains(LocalTime.of(4, 29, 59))).isFalse();
        assertThat(window.contains(LocalTime.of(4, 30))).isTrue();
        assertThat(window.contains(LocalTime.of(5, 30))).isTrue();
        assertThat(window.contains(LocalTime.of(6, 29, 59))).isTrue();
        assertThat(window.contains(LocalTime.of(6, 30))).isFalse();
    }

    @Test
    void wrapsPastMidnight() {
        BackupWindow window = BackupWindow.of(LocalTime.of(23, 30), Duration.ofHours(1));

        assertThat(window.widenedStart()).isEqualTo(LocalTime.of(23, 0));
        assertThat(window.widenedEnd()).isEqualTo(LocalTime.of(1, 0));
        assertThat(window.contains(LocalTime.of(22, 59))).isFalse();
        assertThat(window.contains(LocalTime.of(23, 0))).isTrue();
        assertThat(window.contains(LocalTime.MIDNIGHT)).isTrue();
        assertThat(window.contains(LocalTime.of(0, 59))).isTrue();
        assertThat(window.contains(LocalTime.of(1, 0))).isFalse();
        assertThat(window.contains(LocalTime.NOON)).isFalse();
    }

    @Test
    void marginCanWrapBackwardsPastMidnight() {
        BackupWindow window = new BackupWindow(LocalTime.of(0, 10), Duration.ofMinutes(20), Duration.ofMinutes(30));

        assertThat(window.contains(LocalTime.of(23, 40))).isTrue();
        assertThat(window.contains(LocalTime.of(23, 39))).isFalse();
        assertThat(window.contains(LocalTime.of(0, 59))).isTrue();
        assertThat(window.contains(LocalTime.of(1, 0))).isFalse();
    }

    @Test
    void describesItselfForMessages() {
        assertThat(BackupWindow.of(LocalTime.of(5, 0), Duration.ofHours(1)))
                .hasToString("04:30\u201306:30 (backup 05:00 for 1 h, margin 30 min)");
    }

    @Test
    void rejectsADurationOfZeroOrAFullDay() {
        assertRejected(LocalTime.NOON, Duration.ZERO, Duration.ZERO, "backup-duration");
        assertRejected(LocalTime.NOON, Duration.ofHours(24), Duration.ZERO, "backup-duration");
        assertRejected(LocalTime.NOON, Duration.ofMinutes(-5), Duration.ZERO, "backup-duration");
    }

    @Test
    void rejectsANegativeMarginOrOneThatLeavesNoTimeFree() {
        assertRejected(LocalTime.NOON, Duration.ofHours(1), Duration.ofMinutes(-1), "backup-margin");
        assertRejected(LocalTime.NOON, Duration.ofHours(22), Duration.ofHours(1), "backup-margin");
        assertRejected(LocalTime.NOON, Duration.ofHours(1), Duration.ofSeconds(Long.MAX_VALUE), "backup-margin");
    }

    @Test
    void acceptsTheLargestWindowThatLeavesSomeTimeFree() {
        BackupWindow window = new BackupWindow(LocalTime.NOON, Duration.ofHours(22),
                Duration.ofHours(1).minusNanos(1));

        assertThat(window.contains(window.widenedEnd())).isFalse();
    }

    @Test
    void reportsEveryMissingPartAtOnce() {
        assertThatThrownBy(() -> new BackupWindow(null, null, null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(InputProblem::field)
                        .containsExactly("backup-start", "backup-duration", "backup-margin"));
    }

    private static void assertRejected(LocalTime start, Duration duration, Duration margin, String field) {
        assertThatThrownBy(() -> new BackupWindow(start, duration, margin))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(InputProblem::field)
                        .containsExactly(field));
    }
}
