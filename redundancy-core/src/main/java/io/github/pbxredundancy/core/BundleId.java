package io.github.pbxredundancy.core;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The name of one bundle, unique per pair. It becomes part of file names on the standby
 * ({@code <id>.part}, {@code <id>.bundle}, {@code <id>.ack}), so the syntax is narrow: 1–100
 * ASCII letters, digits, {@code .}, {@code _} and {@code -}, starting with a letter or digit,
 * never {@code .} or {@code ..}: an id from a hostile peer can never name another path.
 *
 * <p>Generated ids ({@link #generate}) sort by creation time:
 * {@code 20160126T050000Z-e7-3f9a1c0d2b4e6f80}.
 *
 * @param value the id
 */
public record BundleId(String value) implements Comparable<BundleId> {
    private static final Pattern SYNTAX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** Validates the syntax. */
    public BundleId {
        if (value == null || !SYNTAX.matcher(value).matches()) {
            throw InvalidInputException.of("bundle id", value,
                    "must be 1 to 100 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    /** Parses an id received from outside (a file name, a header). */
    public static BundleId parse(String value) {
        return new BundleId(value);
    }

    /**
     * A new id from the creation time, the epoch and 64 random bits.
     *
     * @param createdAt when the bundle is created
     * @param epoch the fencing epoch the bundle carries
     * @param random the source of the random suffix, injected so tests are repeatable
     */
    public static BundleId generate(Instant createdAt, long epoch, RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        return new BundleId(STAMP.format(createdAt) + "-e" + epoch + "-" + HexFormat.of().toHexDigits(random.nextLong()));
    }

    /** Orders by the id's text, which for generated ids is creation order. */
    @Override
    public int compareTo(BundleId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
