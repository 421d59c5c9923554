package io.github.pbxredundancy.license;

import com.google.common.hash.Hashing;
import io.github.pbxredundancy.license.PrintableText;
import java.nio.charset.StandardCharsets;

/**
 * Identifies an installation to the license vendor (R22). The vendor derives it from the CPU
 * type and the core count; a changed id must be re-linked to the server license, and a
 * failover license records the standby's id when activated (R25).
 *
 * <p>The value is opaque: this library only compares ids. Immutable and thread-safe.
 *
 * @param value 1 to 128 printable ASCII characters, no whitespace
 */
public record HardwareId(String value) {
    /** Longest id accepted. */
    public static final int MAX_LENGTH = 128;

    /** Hex digits kept of the SHA-256 in {@link #derive}: 128 bits, plenty to tell machines apart. */
    private static final int DERIVED_HEX_DIGITS = 32;

    /**
     * Validates the value.
     *
     * @throws IllegalArgumentException naming the value and the rule
     */
    public HardwareId {
        if (!isValid(value)) {
            throw PrintableText.invalid("hardware id", value,
                    "must be 1 to " + MAX_LENGTH + " printable ASCII characters without whitespace");
        }
    }

    /**
     * The hardware id with this value.
     *
     * @param value 1 to 128 printable ASCII characters, no whitespace
     * @return the id
     * @throws IllegalArgumentException naming the value and the rule
     */
    public static HardwareId of(String value) {
        return new HardwareId(value);
    }

    /**
     * Our stand-in for the vendor's derivation (R22), for hosts and tests that have no vendor
     * id at hand: the first 32 hex digits of the SHA-256 of a canonical string made of the
     * CPU type (exactly as given) and the core count. The same inputs always give the same id;
     * a different CPU type or core count gives a different one. It is <em>not</em> the
     * vendor's algorithm, so never compare a derived id with one the vendor issued.
     *
     * @param cpuType the CPU type as the platform reports it; not blank, no control characters
     * @param cores the number of cores, at least 1
     * @return the derived id
     * @throws IllegalArgumentException naming the bad input and the rule
     */
    public static HardwareId derive(String cpuType, int cores) {
        if (cpuType == null || cpuType.isBlank() || cpuType.chars().anyMatch(Character::isISOControl)) {
            throw PrintableText.invalid("cpu type", cpuType, "must not be blank or contain control characters");
        }
        if (cores < 1) {
            throw PrintableText.invalid("cores", String.valueOf(cores), "must be at least 1");
        }
        // The length prefix keeps every (cpuType, cores) pair apart, whatever the CPU type contains.
        String canonical = "cpu:" + cpuType.length() + ":" + cpuType + ";cores:" + cores;
        String hex = Hashing.sha256().hashString(canonical, StandardCharsets.UTF_8).toString();
        return new HardwareId(hex.substring(0, DERIVED_HEX_DIGITS));
    }

    /**
     * The id.
     *
     * @return the value
     */
    @Override
    public String toString() {
        return value;
    }

    private static boolean isValid(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        return value.chars().allMatch(c -> c > ' ' && c <= '~');
    }
}
