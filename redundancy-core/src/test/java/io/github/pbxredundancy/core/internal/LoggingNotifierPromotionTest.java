package io.github.pbxredundancy.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.EmailAddress;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.UserContact;
import io.github.pbxredundancy.core.event.PhoneRestartRequested;
import io.github.pbxredundancy.core.event.PromotionCompleted;
import io.github.pbxredundancy.core.event.PromotionRefused;
import io.github.pbxredundancy.core.event.PromotionStepFailed;
import io.github.pbxredundancy.core.event.StandbyLicenseWarning;
import io.github.pbxredundancy.core.promotion.PreconditionCode;
import io.github.pbxredundancy.core.promotion.PromotionStep;
import io.github.pbxredundancy.core.promotion.UnmetPrecondition;
import io.github.pbxredundancy.license.LoadBudgetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class LoggingNotifierPromotionTest {
    private static final Instant AT = Instant.parse("2016-01-26T06:00:00Z");
    private static final String ID = "20160126T060000.000Z-e0";

    @Test
    void promotionEventsAreOneLineEachWithoutTheUsersAddresses() {
        UserContact anna = new UserContact("u1", "Anna", new EmailAddress("anna@example.de"), Locale.GERMAN);

        assertThat(LoggingNotifier.describe(new PromotionRefused(AT, "Jürgen", List.of(
                new UnmetPrecondition(PreconditionCode.HARDWARE_NOT_MOVED, "Move the lines."),
                new UnmetPrecondition(PreconditionCode.ACTIVE_NOT_CONFIRMED_DOWN, "Something answered.")), List.of())))
                .isEqualTo("Promotion requested by 'J\\u00FCrgen' REFUSED: HARDWARE_NOT_MOVED: Move the lines. |"
                        + " ACTIVE_NOT_CONFIRMED_DOWN: Something answered.");
        assertThat(LoggingNotifier.describe(new PromotionStepFailed(AT, ID, PromotionStep.NETWORK_TAKEOVER,
                ReasonCode.PROMOTION_STEP_FAILED, "NetworkTakeover failed: address in use", 1, "Jürgen", false)))
                .isEqualTo("Promotion " + ID + ": step network-takeover FAILED (PROMOTION_STEP_FAILED) at epoch 1:"
                        + " NetworkTakeover failed: address in use; retry the promotion (it cannot be aborted after the"
                        + " epoch raise)");
        assertThat(LoggingNotifier.describe(new PhoneRestartRequested(AT, ID, "pbx-b", 1, List.of(anna))))
                .isEqualTo("Promotion " + ID + ": pbx-b took over; the restart-your-phone message goes to 1 user")
                .doesNotContain("anna@");
        assertThat(LoggingNotifier.describe(new PromotionCompleted(AT, ID, "pbx-b", 1, "Jürgen", Duration.ofSeconds(75),
                3, true, List.of("summary")))).isEqualTo("Promotion " + ID + " completed: pbx-b is the active at epoch"
                + " 1, requested by 'J\\u00FCrgen', took 1 min 15 s, the liveness check was OVERRIDDEN, 3 users told to"
                + " restart their phones");
        assertThat(LoggingNotifier.describe(new StandbyLicenseWarning(AT, StandbyLicenseWarning.Cause.PROMOTED,
                Optional.empty(), "Standby only."))).isEqualTo("Standby licenses: Standby only.");
    }

    @Test
    void aFailedStepAndAnExceededBudgetAreErrorsARefusalAndALicenseWarningWarnings() {
        assertThat(LoggingNotifier.levelOf(new PromotionStepFailed(AT, ID, PromotionStep.MODULE_ACTIVATION,
                ReasonCode.PROMOTION_STEP_FAILED, "x", 1, "J", false))).isEqualTo(Level.ERROR);
        assertThat(LoggingNotifier.levelOf(new StandbyLicenseWarning(AT, StandbyLicenseWarning.Cause.BUDGET_CHANGED,
                Optional.of(new LoadBudgetStatus.Exceeded(Duration.ofDays(6), Duration.ofDays(1))), "x")))
                .isEqualTo(Level.ERROR);
        assertThat(LoggingNotifier.levelOf(new StandbyLicenseWarning(AT, StandbyLicenseWarning.Cause.PROMOTED,
                Optional.empty(), "x"))).isEqualTo(Level.WARN);
        assertThat(LoggingNotifier.levelOf(new PromotionRefused(AT, "J", List.of(
                new UnmetPrecondition(PreconditionCode.HARDWARE_NOT_MOVED, "x")), List.of()))).isEqualTo(Level.WARN);
        assertThat(LoggingNotifier.levelOf(new PromotionCompleted(AT, ID, "pbx-b", 1, "J", Duration.ZERO, 0, false,
                List.of()))).isEqualTo(Level.INFO);
    }
}
