package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.internal.bundle.BundleFields;
import io.github.pbxredundancy.core.internal.bundle.Sha256;
import io.github.pbxredundancy.license.LicenseKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Which pair a bundle belongs to (R12), without the key that identifies the pair: the active's
 * server license key is reduced to a fingerprint, the SHA-256 of the UTF-8 text
 * {@code pbx-redundancy-pair:} followed by the key. The prefix keeps the fingerprint from
 * matching a hash of the bare key computed for any other purpose.
 *
 * <p>Nothing else about the key is stored: with the masked form beside it (half the key in
 * clear) the remaining 36<sup>10</sup> candidates could be tried against the fingerprint in
 * days, so a copied bundle would give the key away. The full 36<sup>20</sup> space cannot be
 * searched.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows the start of the fingerprint only.
 *
 * @param fingerprint the fingerprint, 64 lower-case hex digits
 */
public record PairIdentity(String fingerprint) {
    private static final String DOMAIN = "pbx-redundancy-pair:";
    private static final int SHOWN_DIGITS = 12;

    /**
     * Validates the fingerprint.
     *
     * @throws InvalidInputException if it is not 64 lower-case hex digits
     */
    public PairIdentity {
        BundleFields.requireSha256("pair fingerprint", fingerprint);
    }

    /**
     * The identity of the pair whose active has this server license key.
     *
     * @param activeServerKey the active's server license key
     * @return the identity
     */
    public static PairIdentity of(LicenseKey activeServerKey) {
        Objects.requireNonNull(activeServerKey, "activeServerKey");
        return new PairIdentity(Sha256.of((DOMAIN + activeServerKey.value()).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Whether this is the pair of the given key, compared in constant time.
     *
     * @param key an active server license key, e.g. the one the standby is configured with
     * @return true iff the fingerprints are equal
     */
    public boolean matches(LicenseKey key) {
        byte[] expected = of(key).fingerprint().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(fingerprint.getBytes(StandardCharsets.US_ASCII), expected);
    }

    /** The first digits of the fingerprint, enough to tell pairs apart in a message. */
    public String shortFingerprint() {
        return fingerprint.substring(0, SHOWN_DIGITS);
    }

    /** {@code pair 3f9a1c0d2b4e...}. */
    @Override
    public String toString() {
        return "pair " + shortFingerprint() + "...";
    }
}
