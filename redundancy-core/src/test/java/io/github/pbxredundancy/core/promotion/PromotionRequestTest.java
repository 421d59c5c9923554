package io.github.pbxredundancy.core.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pbxredundancy.core.InputProblem;
import io.github.pbxredundancy.core.InvalidInputException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PromotionRequestTest {
    @Test
    void aRequestWithoutOverrideLetsTheCheckDecide() {
        PromotionRequest request = PromotionRequest.of("Jürgen Admin", "Aktive abgebrannt", true);

        assertThat(request.override()).isEmpty();
        assertThat(request.hardwareMoved()).isTrue();
        DownOverride override = new DownOverride("Anna Weber", "the active is switched off");
        assertThat(request.withOverride(override)).isEqualTo(new PromotionRequest("Jürgen Admin", "Aktive abgebrannt",
                true, Optional.of(override)));
    }

    @Test
    void theOperatorIsRequiredAndTextsFollowTheFreeTextRule() {
        assertThatThrownBy(() -> new PromotionRequest(" ", "a\nb", false, null))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems()).extracting(InputProblem::field)
                        .containsExactly("operator", "reason", "override"));
        assertThatThrownBy(() -> PromotionRequest.of("x".repeat(101), "", true))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("operator");
    }
}
