package io.github.pbxredundancy.core.internal;

import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.spi.Delivery;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Why one attempt of a replication run failed: the code and message for the administrator, and
 * the throwable the {@link io.github.pbxredundancy.core.RetrySchedule}'s classifier judges.
 *
 * <p>Not part of the API. Immutable and thread-safe.
 *
 * @param reason the failure's code
 * @param message one line for the administrator
 * @param cause what the retry classifier sees; a {@link RedundancyException} carrying
 *     {@code reason} when the failure was not an exception
 */
public record AttemptOutcome(ReasonCode reason, String message, Throwable cause) {

    /** Validates that every part is present. */
    public AttemptOutcome {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(cause, "cause");
    }

    /**
     * A failure the library itself detected.
     *
     * @param reason the code
     * @param message one line for the administrator
     * @return the failure, its cause a {@link RedundancyException} with the same code and message
     */
    public static AttemptOutcome of(ReasonCode reason, String message) {
        return new AttemptOutcome(reason, message, new RedundancyException(reason, message));
    }

    /**
     * A failure thrown by a step: the code of the outermost {@link RedundancyException} in the
     * cause chain (the one that classified the failure most specifically, as the default retry
     * classifier reads it), else {@link ReasonCode#UNEXPECTED} with the exception's class and
     * message.
     *
     * @param thrown what the step threw
     * @return the failure, with {@code thrown} as its cause
     */
    public static AttemptOutcome thrown(Throwable thrown) {
        Objects.requireNonNull(thrown, "thrown");
        // A cause chain may loop (a badly written exception returns itself or an ancestor).
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable current = thrown; current != null && seen.add(current); current = current.getCause()) {
            if (current instanceof RedundancyException redundancy) {
                return new AttemptOutcome(redundancy.reason(), MessageText.oneLine(redundancy.getMessage()), thrown);
            }
        }
        String detail = thrown.getMessage() == null ? "" : ": " + MessageText.oneLine(thrown.getMessage());
        return new AttemptOutcome(ReasonCode.UNEXPECTED, thrown.getClass().getName() + detail, thrown);
    }

    /**
     * The failure a receipt stands for, if any: a rejection with its code and message, an
     * acceptance of another bundle or with another SHA-256 ({@link ReasonCode#INTEGRITY_FAILED}),
     * or no receipt at all.
     *
     * @param receipt what the delivery step returned, possibly {@code null}
     * @param delivery what was delivered
     * @return empty if the standby accepted exactly this bundle
     */
    public static Optional<AttemptOutcome> ofReceipt(DeliveryReceipt receipt, Delivery delivery) {
        if (receipt == null) {
            return Optional.of(of(ReasonCode.UNEXPECTED, "the delivery of bundle " + delivery.bundleId()
                    + " returned no receipt"));
        }
        if (receipt instanceof DeliveryReceipt.Rejected rejected) {
            return Optional.of(of(rejected.reason(), "the standby rejected bundle " + delivery.bundleId() + ": "
                    + MessageText.oneLine(rejected.message())));
        }
        return delivery.mismatchOf(receipt).map(mismatch -> of(ReasonCode.INTEGRITY_FAILED, mismatch));
    }
}

