package io.github.pbxredundancy.core.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pbxredundancy.core.MutableClock;
import io.github.pbxredundancy.core.RecordingNotifier;
import io.github.pbxredundancy.core.event.StandbyLicenseWarning;
import io.github.pbxredundancy.license.LoadBudgetPolicy;
import io.github.pbxredundancy.license.LoadBudgetStatus;
import io.github.pbxredundancy.license.LoadState;
import io.github.pbxredundancy.license.StandbyLoadBudget;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandbyLoadWatchTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2016-01-26T06:00:00Z"));
    private final RecordingNotifier events = new RecordingNotifier();
    private final StandbyLoadWatch watch = new StandbyLoadWatch(new StandbyLoadBudget(clock), events, clock);

    private List<StandbyLicenseWarning> warnings() {
        return events.ofType(StandbyLicenseWarning.class);
    }

    @Test
    void aPromotionAlwaysWarnsAndStartsTheStretch() {
        StandbyLicenseWarning warning = watch.promoted();

        assertThat(warnings()).containsExactly(warning);
        assertThat(warning.cause()).isEqualTo(StandbyLicenseWarning.Cause.PROMOTED);
        assertThat(warning.at()).isEqualTo(clock.instant());
        assertThat(warning.budget()).contains(new LoadBudgetStatus.WithinBudget(Duration.ZERO, Duration.ofDays(5)));
        assertThat(warning.message()).isEqualTo("This node serves on standby licenses, which are for standby and test"
                + " use only (R28) and allow at most 5 d under load in a row (R29); used 0 s, 5 d left.");
        clock.advance(Duration.ofHours(2));
        assertThat(watch.status().used()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void eachThresholdTheLimitAndTheEndOfAStretchWarnOnce() {
        watch.observe(LoadState.UNDER_LOAD);
        assertThat(warnings()).isEmpty();

        clock.advance(Duration.ofDays(2));
        watch.check();
        assertThat(warnings()).isEmpty();

        clock.advance(Duration.ofDays(1).plusHours(1));
        watch.check();
        watch.observe(LoadState.UNDER_LOAD);
        assertThat(warnings()).hasSize(1);
        assertThat(warnings().get(0).message()).isEqualTo("This node has served on standby licenses under load for 3 d"
                + " 1 h (warning at 3 d); 1 d 23 h left of the 5 d in a row they allow (R29): plan the failback or"
                + " install regular licenses.");

        clock.advance(Duration.ofDays(1));
        watch.check();
        clock.advance(Duration.ofDays(1));
        watch.check();
        assertThat(warnings()).extracting(w -> w.budget().orElseThrow().getClass().getSimpleName())
                .containsExactly("Warning", "Warning", "Exceeded");
        assertThat(warnings().get(2).message()).isEqualTo("This node has served on standby licenses under load for 5 d"
                + " 1 h, 1 h more than the 5 d in a row they allow (R29): fail back to the original active or install"
                + " regular licenses now.");

        watch.observe(LoadState.IDLE);
        clock.advance(LoadBudgetPolicy.DEFAULT.idleGap());
        watch.check();
        assertThat(warnings()).hasSize(4);
        assertThat(warnings().get(3).budget()).containsInstanceOf(LoadBudgetStatus.WithinBudget.class);
        assertThat(warnings()).allMatch(w -> w.cause() == StandbyLicenseWarning.Cause.BUDGET_CHANGED);
    }

    @Test
    void aClockGoingBackIsRefusedAndSendsNothing() {
        watch.observe(LoadState.UNDER_LOAD);
        clock.advance(Duration.ofMinutes(-5));

        assertThatThrownBy(() -> watch.observe(LoadState.IDLE)).isInstanceOf(IllegalArgumentException.class);
        assertThat(warnings()).isEmpty();
    }

    @Test
    void aFailingNotifierDoesNotStopTheWatch() {
        StandbyLoadWatch failing = new StandbyLoadWatch(new StandbyLoadBudget(clock), event -> {
            throw new IllegalStateException("mail server down");
        }, clock);

        assertThat(failing.promoted().cause()).isEqualTo(StandbyLicenseWarning.Cause.PROMOTED);
        clock.advance(Duration.ofDays(6));
        assertThat(failing.check()).isInstanceOf(LoadBudgetStatus.Exceeded.class);
    }
}
