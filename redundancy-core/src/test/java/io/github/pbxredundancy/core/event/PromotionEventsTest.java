package io.github.pbxredundancy.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pbxredundancy.core.EmailAddress;
import io.github.pbxredundancy.core.UserContact;
import io.github.pbxredundancy.core.promotion.PreconditionCode;
import io.github.pbxredundancy.core.promotion.UnmetPrecondition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class PromotionEventsTest {
    private static final Instant AT = Instant.parse("2016-01-26T06:00:00Z");

    @Test
    void aRefusalNamesAtLeastOneUnmetPrecondition() {
        assertThatThrownBy(() -> new PromotionRefused(AT, "Jürgen", List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        UnmetPrecondition unmet = new UnmetPrecondition(PreconditionCode.HARDWARE_NOT_MOVED, "move\nthem");
        assertThat(unmet.message()).isEqualTo("move\\u000athem");
        assertThat(unmet).hasToString("HARDWARE_NOT_MOVED: move\\u000athem");
    }

    @Test
    void theRestartMessageCarriesACopyOfTheUsers() {
        List<UserContact> users = new ArrayList<>(List.of(new UserContact("u1", "Anna",
                new EmailAddress("anna@example.de"), Locale.GERMAN)));
        PhoneRestartRequested event = new PhoneRestartRequested(AT, "p1", "pbx-b", 1, users);
        users.clear();

        assertThat(event.users()).hasSize(1);
        assertThatThrownBy(() -> new PhoneRestartRequested(AT, "p1", "pbx-b", 0, users))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epoch");
    }

    @Test
    void aSummaryNeedsARaisedEpochAndNoNegativeFigures() {
        assertThatThrownBy(() -> new PromotionCompleted(AT, "p1", "pbx-b", 1, "Jürgen", Duration.ofSeconds(-1), 0,
                false, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PromotionCompleted(AT, "p1", "pbx-b", 0, "Jürgen", Duration.ZERO, 0, false,
                List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
