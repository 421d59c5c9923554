package io.github.pbxredundancy.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadBudgetPolicyTest {
    private static final Duration DAY = Duration.ofDays(1);

    @Test
    void defaultIsFiveDaysWarningAtThreeAndFourWithADayOfIdleGap() {
        assertThat(LoadBudgetPolicy.DEFAULT.limit()).isEqualTo(Duration.ofDays(5));
        assertThat(LoadBudgetPolicy.DEFAULT.warningThresholds()).containsExactly(Duration.ofDays(3), Duration.ofDays(4));
        assertThat(LoadBudgetPolicy.DEFAULT.idleGap()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void classifiesUsedLoad() {
        LoadBudgetPolicy policy = LoadBudgetPolicy.DEFAULT;

        assertThat(policy.statusFor(Duration.ZERO)).isEqualTo(new LoadBudgetStatus.WithinBudget(Duration.ZERO, DAY.multipliedBy(5)));
        assertThat(policy.statusFor(Duration.ofHours(71)))
                .isEqualTo(new LoadBudgetStatus.WithinBudget(Duration.ofHours(71), Duration.ofHours(49)));
        assertThat(policy.statusFor(DAY.multipliedBy(3)))
                .isEqualTo(new LoadBudgetStatus.Warning(DAY.multipliedBy(3), DAY.multipliedBy(2), DAY.multipliedBy(3)));
        assertThat(policy.statusFor(Duration.ofHours(100)))
                .isEqualTo(new LoadBudgetStatus.Warning(Duration.ofHours(100), Duration.ofHours(20), DAY.multipliedBy(4)));
        assertThat(policy.statusFor(DAY.multipliedBy(5)))
                .isEqualTo(new LoadBudgetStatus.Warning(DAY.multipliedBy(5), Duration.ZERO, DAY.multipliedBy(4)));
        assertThat(policy.statusFor(DAY.multipliedBy(5).plusSeconds(1)))
                .isEqualTo(new LoadBudgetStatus.Exceeded(DAY.multipliedBy(5).plusSeconds(1), Duration.ofSeconds(1)));
    }

    @Test
    void copiesTheThresholds() {
        List<Duration> thresholds = new ArrayList<>(List.of(DAY));
        LoadBudgetPolicy policy = new LoadBudgetPolicy(DAY.multipliedBy(2), thresholds, DAY);

        thresholds.add(Duration.ofHours(36));

        assertThat(policy.warningThresholds()).containsExactly(DAY);
    }

    @Test
    void refusesNonPositiveDurations() {
        assertThatThrownBy(() -> new LoadBudgetPolicy(Duration.ZERO, List.of(), DAY)).hasMessage("limit 'PT0S': must be positive");
        assertThatThrownBy(() -> new LoadBudgetPolicy(DAY, List.of(), Duration.ofHours(-1)))
                .hasMessage("idleGap 'PT-1H': must be positive");
        assertThatThrownBy(() -> new LoadBudgetPolicy(DAY, List.of(Duration.ZERO), DAY))
                .hasMessage("warningThresholds 'PT0S': must be positive");
    }

    @Test
    void refusesThresholdsAtOrAboveTheLimitOrUnsorted() {
        assertThatThrownBy(() -> new LoadBudgetPolicy(DAY, List.of(DAY), DAY))
                .hasMessage("warningThresholds 'PT24H': must be below the limit PT24H");
        assertThatThrownBy(() -> new LoadBudgetPolicy(DAY.multipliedBy(5), List.of(DAY.multipliedBy(4), DAY.multipliedBy(3)), DAY))
                .hasMessage("warningThresholds 'PT72H': must be greater than the threshold before it (PT96H); sort them");
        assertThatThrownBy(() -> new LoadBudgetPolicy(DAY.multipliedBy(5), List.of(DAY, DAY), DAY))
                .hasMessageContaining("must be greater than the threshold before it");
    }

    @Test
    void statusRecordsRefuseImpossibleValues() {
        assertThatThrownBy(() -> new LoadBudgetStatus.WithinBudget(Duration.ofSeconds(-1), DAY))
                .hasMessage("used 'PT-1S': must not be negative");
        assertThatThrownBy(() -> new LoadBudgetStatus.Exceeded(DAY, Duration.ZERO)).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> new LoadBudgetStatus.Warning(DAY, DAY, DAY.multipliedBy(2)))
                .hasMessageContaining("must not exceed used");
        assertThatThrownBy(() -> LoadBudgetPolicy.DEFAULT.statusFor(Duration.ofSeconds(-1)))
                .hasMessage("used 'PT-1S': must not be negative");
    }
}
