package io.github.pbxredundancy.core.spi;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One bundle to deliver: a complete, closed file on the active's disk.
 *
 * @param bundleId the bundle's id, used for the names on the receiving side
 * @param file the bundle file
 * @param size the file's size in bytes
 * @param sha256 the file's SHA-256, lower-case hex, which the standby's receipt must repeat
 */
public record Delivery(BundleId bundleId, Path file, long size, String sha256) {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    /** Checks a SHA-256 in lower-case hex, as deliveries and receipts carry it. */
    static void requireSha256(String sha256) {
        if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
            throw InvalidInputException.of("sha256", sha256, "must be 64 lower-case hex digits");
        }
    }

    /** Validates every part. */
    public Delivery {
        Objects.requireNonNull(bundleId, "bundleId");
        Objects.requireNonNull(file, "file");
        if (size < 0) {
            throw InvalidInputException.of("size", Long.toString(size), "must be zero or more");
        }
        requireSha256(sha256);
    }

    /**
     * Why a receipt does not answer this delivery: it names another bundle, or accepts this one
     * with another SHA-256 than it was sent with (the bytes changed on the way). Every transport
     * and the replicator judge receipts by this one rule.
     *
     * @param receipt the standby's verdict
     * @return the mismatch as a sentence, or empty if the receipt answers this delivery
     */
    public Optional<String> mismatchOf(DeliveryReceipt receipt) {
        if (!receipt.bundleId().equals(bundleId)) {
            return Optional.of("the answer to bundle " + bundleId + " is about bundle " + receipt.bundleId());
        }
        if (receipt instanceof DeliveryReceipt.Accepted accepted && !accepted.sha256().equals(sha256)) {
            return Optional.of("the standby accepted bundle " + bundleId + " with SHA-256 " + accepted.sha256()
                    + ", but it was sent with " + sha256);
        }
        return Optional.empty();
    }

    /**
     * The receipt, if it answers this delivery.
     *
     * @param receipt the standby's verdict as a transport received it
     * @return the receipt
     * @throws RedundancyException {@link ReasonCode#INTEGRITY_FAILED} naming the {@linkplain #mismatchOf mismatch}
     */
    public DeliveryReceipt requireAnsweredBy(DeliveryReceipt receipt) {
        Optional<String> mismatch = mismatchOf(receipt);
        if (mismatch.isPresent()) {
            throw new RedundancyException(ReasonCode.INTEGRITY_FAILED, mismatch.get());
        }
        return receipt;
    }
}
