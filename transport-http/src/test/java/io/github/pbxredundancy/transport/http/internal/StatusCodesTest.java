package io.github.pbxredundancy.transport.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The table between HTTP status codes and reason codes, both ways. */
class StatusCodesTest {

    @ParameterizedTest(name = "{0} on {1} is {2}")
    @CsvSource({
        "401, CREATE, AUTHENTICATION_FAILED, false",
        "401, UPLOAD, AUTHENTICATION_FAILED, false",
        "403, CREATE, PERMISSION_DENIED, false",
        "404, CREATE, INVALID_INPUT, false",
        "404, UPLOAD, TRANSFER_INTERRUPTED, true",
        "408, UPLOAD, TIMEOUT, true",
        "409, UPLOAD, FOREIGN_PAIR, false",
        "413, CREATE, LIMIT_EXCEEDED, false",
        "422, UPLOAD, INTEGRITY_FAILED, true",
        "429, CREATE, CONNECTION_FAILED, true",
        "500, UPLOAD, UNEXPECTED, true",
        "502, CREATE, CONNECTION_FAILED, true",
        "503, CREATE, CONNECTION_FAILED, true",
        "504, UPLOAD, TIMEOUT, true",
        "507, CREATE, DISK_FULL, true",
        "599, UPLOAD, UNEXPECTED, true",
        "301, CREATE, INVALID_INPUT, false",
        "400, UPLOAD, INVALID_INPUT, false",
        "405, CREATE, INVALID_INPUT, false",
        "415, UPLOAD, INVALID_INPUT, false",
        "431, CREATE, INVALID_INPUT, false",
        "200, CREATE, INVALID_INPUT, false",
    })
    void aStatusWithoutAVerdictMapsToAReasonCode(int status, StatusCodes.Phase phase, ReasonCode reason, boolean retryable) {
        assertThat(StatusCodes.reasonOf(status, phase)).isEqualTo(reason);
        assertThat(reason.retryable()).isEqualTo(retryable);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ReasonCode.class)
    void everyRejectionHasAStatusThatMapsBackToTheSameRetryability(ReasonCode reason) {
        DeliveryReceipt.Rejected rejected = new DeliveryReceipt.Rejected(BundleId.parse("b"), reason, "why");

        int status = StatusCodes.ofVerdict(rejected);

        assertThat(status).isBetween(400, 599);
        switch (reason) {
            case STALE_EPOCH, FOREIGN_PAIR -> assertThat(status).isEqualTo(409);
            case LIMIT_EXCEEDED -> assertThat(status).isEqualTo(413);
            case DISK_FULL -> assertThat(status).isEqualTo(507);
            case INTEGRITY_FAILED -> assertThat(status).isEqualTo(422);
            default -> assertThat(status).isEqualTo(reason.retryable() ? 500 : 400);
        }
        assertThat(StatusCodes.reasonOf(status, StatusCodes.Phase.UPLOAD).retryable()).as("the status alone, if a proxy"
                + " dropped the verdict, gives the same retry decision").isEqualTo(reason.retryable());
    }

    @ParameterizedTest
    @CsvSource({"200, 200 OK", "409, 409 Conflict", "599, 599"})
    void statusesAreDescribedForMessages(int status, String text) {
        assertThat(StatusCodes.describe(status)).isEqualTo(text);
        assertThat(StatusCodes.ofVerdict(new DeliveryReceipt.Accepted(BundleId.parse("b"), "a".repeat(64)))).isEqualTo(200);
    }
}
