package io.github.pbxredundancy.core;

import io.github.pbxredundancy.license.PrintableText;
import java.util.Arrays;

/**
 * A PBX software version such as {@code 7.3.1.5}: numeric components separated by dots,
 * totally ordered component by component.
 *
 * <p>Trailing zero components are insignificant: {@code 7.3} equals {@code 7.3.0.0} and both
 * print as they were written. Order and equality use the numbers only, so a leading zero
 * ({@code 7.03}) is the same component as {@code 7.3}. Only ASCII digits are accepted; a
 * component above {@link Integer#MAX_VALUE}, an empty component, a suffix such as
 * {@code -beta} and more than {@value #MAX_COMPONENTS} components are refused.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SoftwareVersion implements Comparable<SoftwareVersion> {
    /** More components than this are refused; no PBX vendor numbers that deep. */
    public static final int MAX_COMPONENTS = 8;
    private static final int MAX_TEXT_LENGTH = 64;
    private static final String FIELD = "software version";

    private final String text;
    /** Components without trailing zeros; the basis of equals, hashCode and compareTo. */
    private final int[] significant;

    private SoftwareVersion(String text, int[] significant) {
        this.text = text;
        this.significant = significant;
    }

    /**
     * Parses a dotted numeric version; blanks around it are stripped.
     *
     * @throws InvalidInputException naming the component that breaks a rule
     */
    public static SoftwareVersion parse(String input) {
        if (input == null || input.isBlank()) {
            throw InvalidInputException.of(FIELD, input, "must not be empty; expected digits separated by dots, e.g. 7.3.1.5");
        }
        String text = input.strip();
        if (text.length() > MAX_TEXT_LENGTH) {
            throw InvalidInputException.of(FIELD, input, "must be at most " + MAX_TEXT_LENGTH + " characters");
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length > MAX_COMPONENTS) {
            throw InvalidInputException.of(FIELD, input,
                    "has " + parts.length + " components, at most " + MAX_COMPONENTS + " are allowed");
        }
        int[] components = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            components[i] = parseComponent(input, parts[i], i + 1);
        }
        return new SoftwareVersion(text, stripTrailingZeros(components));
    }

    /** Builds a version from its components, e.g. {@code of(7, 3, 1, 5)}. */
    public static SoftwareVersion of(int... components) {
        if (components.length == 0 || components.length > MAX_COMPONENTS) {
            throw InvalidInputException.of(FIELD, Arrays.toString(components),
                    "needs 1 to " + MAX_COMPONENTS + " components");
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < components.length; i++) {
            if (components[i] < 0) {
                throw InvalidInputException.of(FIELD, Arrays.toString(components),
                        "component " + (i + 1) + " is negative");
            }
            text.append(i == 0 ? "" : ".").append(components[i]);
        }
        return new SoftwareVersion(text.toString(), stripTrailingZeros(components.clone()));
    }

    private static int parseComponent(String input, String part, int position) {
        if (part.isEmpty()) {
            throw InvalidInputException.of(FIELD, input,
                    "component " + position + " is empty; expected digits separated by single dots");
        }
        long value = 0;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c < '0' || c > '9') {
                throw InvalidInputException.of(FIELD, input, "component " + position + " contains "
                        + PrintableText.quote(String.valueOf(c)) + "; only the ASCII digits 0-9 are allowed");
            }
            value = value * 10 + (c - '0');
            if (value > Integer.MAX_VALUE) {
                throw InvalidInputException.of(FIELD, input,
                        "component " + position + " is larger than " + Integer.MAX_VALUE);
            }
        }
        return (int) value;
    }

    private static int[] stripTrailingZeros(int[] components) {
        int length = components.length;
        while (length > 1 && components[length - 1] == 0) {
            length--;
        }
        return Arrays.copyOf(components, length);
    }

    /**
     * The numeric components as written, trailing zeros included.
     */
    public int[] components() {
        String[] parts = text.split("\\.");
        int[] result = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            result[i] = Integer.parseInt(parts[i]);
        }
        return result;
    }

    /** Whether this version is older than {@code other}. */
    public boolean isOlderThan(SoftwareVersion other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(SoftwareVersion other) {
        int common = Math.max(significant.length, other.significant.length);
        for (int i = 0; i < common; i++) {
            int mine = i < significant.length ? significant[i] : 0;
            int theirs = i < other.significant.length ? other.significant[i] : 0;
            if (mine != theirs) {
                return Integer.compare(mine, theirs);
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SoftwareVersion other && Arrays.equals(significant, other.significant);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(significant);
    }

    /** The version as it was written (blanks stripped). */
    @Override
    public String toString() {
        return text;
    }
}
