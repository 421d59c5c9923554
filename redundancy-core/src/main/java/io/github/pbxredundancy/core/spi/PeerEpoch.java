package io.github.pbxredundancy.core.spi;

import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.license.PrintableText;

/**
 * What a {@link PeerEpochQuery} found out: the peer's fencing epoch, or that the peer could not
 * be asked.
 *
 * <p>The texts come from the host and end up in log lines, e-mails and the audit trail, so
 * each record cleans them as {@link ProbeResult} does: printable ASCII of at most
 * {@value #MAX_TEXT_LENGTH} characters is kept, anything else quoted, escaped and cut, a missing
 * or blank text becomes {@code (no details)}.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface PeerEpoch permits PeerEpoch.Answered, PeerEpoch.Unreachable {
    /** The longest text kept unchanged; longer ones are quoted and cut. */
    int MAX_TEXT_LENGTH = 200;

    /**
     * Who was asked, for messages, e.g. {@code pbx-b (https://192.168.1.11)}.
     *
     * @return one line
     */
    String peer();

    /**
     * The peer answered with its epoch.
     *
     * @param peer who answered; cleaned
     * @param epoch the highest epoch the peer knows, 0 or more
     */
    record Answered(String peer, long epoch) implements PeerEpoch {
        /**
         * Cleans the peer's name and checks the epoch.
         *
         * @throws InvalidInputException on field {@code epoch} if it is negative
         */
        public Answered {
            peer = clean(peer);
            if (epoch < 0) {
                throw InvalidInputException.of("epoch", Long.toString(epoch), "must be 0 or more");
            }
        }
    }

    /**
     * The peer could not be asked, or its answer cannot be trusted.
     *
     * @param peer who was asked; cleaned
     * @param reason why not, e.g. {@code connection refused}; cleaned
     */
    record Unreachable(String peer, String reason) implements PeerEpoch {
        /** Cleans both texts. */
        public Unreachable {
            peer = clean(peer);
            reason = clean(reason);
        }
    }

    private static String clean(String raw) {
        if (raw == null || raw.isBlank()) {
            return "(no details)";
        }
        if (raw.length() <= MAX_TEXT_LENGTH && raw.chars().allMatch(c -> c >= ' ' && c <= '~')) {
            return raw;
        }
        return PrintableText.quote(raw);
    }
}
