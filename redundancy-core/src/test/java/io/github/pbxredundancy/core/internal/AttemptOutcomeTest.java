package io.github.pbxredundancy.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.RetryClassifier;
import io.github.pbxredundancy.core.spi.Delivery;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AttemptOutcomeTest {
    private static final Delivery DELIVERY = new Delivery(BundleId.parse("b-1"), Path.of("b-1.bundle"), 3, "c".repeat(64));

    @Test
    void theOutermostRedundancyExceptionInTheCauseChainGivesTheCode() {
        RedundancyException inner = new RedundancyException(ReasonCode.CONNECTION_FAILED, "inner");
        RedundancyException outer = new RedundancyException(ReasonCode.HOST_KEY_CHANGED, "host key changed", inner);
        Exception wrapper = new IllegalStateException("wrapper", outer);

        AttemptOutcome outcome = AttemptOutcome.thrown(wrapper);

        assertThat(outcome.reason()).isEqualTo(ReasonCode.HOST_KEY_CHANGED);
        assertThat(outcome.message()).isEqualTo("host key changed");
        assertThat(outcome.cause()).isSameAs(wrapper);
        assertThat(RetryClassifier.byReasonCode().isRetryable(outcome.cause())).isFalse();
    }

    @Test
    void anyOtherExceptionIsUnexpectedWithItsClassAndAOneLineMessage() {
        AttemptOutcome outcome = AttemptOutcome.thrown(new UncheckedIOException(new IOException("a\nforged line")));

        assertThat(outcome.reason()).isEqualTo(ReasonCode.UNEXPECTED);
        assertThat(outcome.message()).startsWith("java.io.UncheckedIOException: ").doesNotContain("\n")
                .contains("a\\u000aforged line");
        assertThat(AttemptOutcome.thrown(new IllegalStateException()).message())
                .isEqualTo("java.lang.IllegalStateException");
    }

    @Test
    void onlyAnAcceptanceOfThisBundleWithItsHashIsASuccess() {
        assertThat(AttemptOutcome.ofReceipt(new DeliveryReceipt.Accepted(DELIVERY.bundleId(), DELIVERY.sha256()),
                DELIVERY)).isEmpty();
        assertThat(AttemptOutcome.ofReceipt(new DeliveryReceipt.Accepted(DELIVERY.bundleId(), "d".repeat(64)), DELIVERY))
                .hasValueSatisfying(failure -> assertThat(failure.reason()).isEqualTo(ReasonCode.INTEGRITY_FAILED));
        assertThat(AttemptOutcome.ofReceipt(new DeliveryReceipt.Accepted(BundleId.parse("other"), DELIVERY.sha256()),
                DELIVERY)).hasValueSatisfying(failure -> {
                    assertThat(failure.reason()).isEqualTo(ReasonCode.INTEGRITY_FAILED);
                    assertThat(failure.message()).contains("other").contains("b-1");
                });
        assertThat(AttemptOutcome.ofReceipt(null, DELIVERY))
                .hasValueSatisfying(failure -> assertThat(failure.reason()).isEqualTo(ReasonCode.UNEXPECTED));
    }

    @Test
    void aRejectionKeepsItsCodeForTheClassifier() {
        AttemptOutcome outcome = AttemptOutcome.ofReceipt(
                new DeliveryReceipt.Rejected(DELIVERY.bundleId(), ReasonCode.STALE_EPOCH, "epoch 3 < 4"), DELIVERY)
                .orElseThrow();

        assertThat(outcome.reason()).isEqualTo(ReasonCode.STALE_EPOCH);
        assertThat(outcome.message()).isEqualTo("the standby rejected bundle b-1: epoch 3 < 4");
        assertThat(outcome.cause()).isInstanceOfSatisfying(RedundancyException.class,
                e -> assertThat(e.reason()).isEqualTo(ReasonCode.STALE_EPOCH));
    }
}
