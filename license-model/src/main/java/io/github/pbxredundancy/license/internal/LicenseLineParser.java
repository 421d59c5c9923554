package io.github.pbxredundancy.license.internal;

import io.github.pbxredundancy.license.PrintableText;
import io.github.pbxredundancy.license.HardwareId;
import io.github.pbxredundancy.license.License;
import io.github.pbxredundancy.license.LicenseEdition;
import io.github.pbxredundancy.license.LicenseKey;
import io.github.pbxredundancy.license.LicenseKind;
import io.github.pbxredundancy.license.ModuleId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads one license line, {@code <kind> <edition> <key> [quantity=N] [module=ID]
 * [hardware=ID] [base=KEY]}, and reports every problem of the line rather than the first.
 *
 * <p>Stateless and thread-safe.
 */
public final class LicenseLineParser {
    /** Largest quantity: nine digits can never overflow an {@code int}. */
    private static final int MAX_QUANTITY_DIGITS = 9;
    private static final List<String> ATTRIBUTES = List.of("quantity", "module", "hardware", "base");

    private LicenseLineParser() {
    }

    /**
     * The outcome for one line: a license, or the problems (then no license).
     *
     * @param license the license if the line is good
     * @param problems the problems, each {@code field 'value': rule}
     */
    public record Result(Optional<License> license, List<String> problems) {
        /** Copies the problems. */
        public Result {
            Objects.requireNonNull(license, "license");
            problems = List.copyOf(problems);
        }
    }

    /**
     * Parses a line that is neither blank nor a comment.
     *
     * @param line the line, surrounding blanks already stripped
     * @return the license or the line's problems
     */
    public static Result parse(String line) {
        String[] tokens = line.split("[ \t]+");
        List<String> problems = new ArrayList<>();
        if (tokens.length < 3) {
            // The line itself is not quoted: it may hold a well-formed key, which must not leak.
            problems.add("line has " + tokens.length + (tokens.length == 1 ? " field" : " fields")
                    + ", expected <kind> <edition> <key> followed by optional attributes");
            return new Result(Optional.empty(), problems);
        }
        LicenseKind kind = attempt(problems, () -> LicenseKind.of(tokens[0]));
        LicenseEdition edition = edition(tokens[1], problems);
        LicenseKey key = attempt(problems,
                () -> new LicenseKey(KeySyntax.canonical("license key", tokens[2], true)));
        int quantity = 1;
        Optional<ModuleId> module = Optional.empty();
        Optional<HardwareId> hardware = Optional.empty();
        Optional<LicenseKey> base = Optional.empty();
        Set<String> seen = new HashSet<>();
        for (int i = 3; i < tokens.length; i++) {
            String token = tokens[i];
            int eq = token.indexOf('=');
            if (eq <= 0) {
                problems.add(strayField(token));
                continue;
            }
            String name = token.substring(0, eq);
            String value = token.substring(eq + 1);
            if (!ATTRIBUTES.contains(name)) {
                problems.add("attribute " + PrintableText.quote(name) + ": unknown, expected one of "
                        + String.join(", ", ATTRIBUTES));
                continue;
            }
            if (!seen.add(name)) {
                problems.add("attribute " + PrintableText.quote(name) + ": given more than once, give it once");
                continue;
            }
            switch (name) {
                case "quantity" -> quantity = quantity(value, problems);
                case "module" -> module = optional(attempt(problems, () -> ModuleId.of(value)));
                case "hardware" -> hardware = optional(attempt(problems, () -> HardwareId.of(value)));
                default -> base = optional(attempt(problems,
                        () -> new LicenseKey(KeySyntax.canonical("base", value, true))));
            }
        }
        if (!problems.isEmpty()) {
            return new Result(Optional.empty(), problems);
        }
        for (Violation v : LicenseRules.violations(key, kind, edition, quantity, module, base)) {
            problems.add(v.inFileTerms());
        }
        if (!problems.isEmpty()) {
            return new Result(Optional.empty(), problems);
        }
        return new Result(Optional.of(new License(key, kind, edition, quantity, module, hardware, base)),
                problems);
    }

    private static LicenseEdition edition(String token, List<String> problems) {
        for (LicenseEdition e : LicenseEdition.values()) {
            if (e.id().equals(token)) {
                return e;
            }
        }
        problems.add("edition " + PrintableText.quote(token) + ": must be one of regular, redundancy, failover");
        return null;
    }

    /** The quantity, or 0 after adding a problem; ASCII digits only, as parseInt would take others. */
    private static int quantity(String value, List<String> problems) {
        boolean digits = !value.isEmpty() && value.length() <= MAX_QUANTITY_DIGITS
                && value.chars().allMatch(c -> c >= '0' && c <= '9');
        int q = digits ? Integer.parseInt(value) : 0;
        if (q < 1) {
            problems.add("quantity " + PrintableText.quote(value)
                    + ": must be a whole number from 1 to 999999999 written in ASCII digits");
        }
        return q;
    }

    private static String strayField(String token) {
        String expected = ": expected an attribute name=value, one of " + String.join(", ", ATTRIBUTES);
        try {
            // A stray well-formed key is shown masked, like every other key.
            LicenseKey key = new LicenseKey(KeySyntax.canonical("field", token, true));
            return "field " + PrintableText.quote(key.masked()) + expected + " (one license per line)";
        } catch (IllegalArgumentException notAKey) {
            return "field " + PrintableText.quote(token) + expected;
        }
    }

    /** Runs a value constructor, turning its refusal into a problem and a {@code null}. */
    private static <T> T attempt(List<String> problems, Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private static <T> Optional<T> optional(T value) {
        return Optional.ofNullable(value);
    }
}
