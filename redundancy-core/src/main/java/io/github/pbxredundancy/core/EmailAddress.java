package io.github.pbxredundancy.core;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Exactly one e-mail address in plain {@code local@domain} form (R7: "only one e-mail
 * address can be entered").
 *
 * <p>Deliberately narrower than RFC 5322, because the value ends up in a mail header: no display
 * names, no lists (comma, semicolon, blank), no quoted local parts, no IP literals, no control
 * characters (CR/LF would allow header injection), ASCII only (write an internationalised
 * domain in its {@code xn--} form). The domain needs at least two labels.
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the address, blanks stripped, domain in lower case
 */
public record EmailAddress(String value) {
    private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern DOMAIN_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final String DEFAULT_FIELD = "e-mail address";

    /** Validates the address; use {@link #parse} for input with blanks or upper-case domains. */
    public EmailAddress {
        String rule = violation(value);
        if (rule != null) {
            throw InvalidInputException.of(DEFAULT_FIELD, value, rule);
        }
    }

    /** Parses an address, reporting a problem under the given field name. */
    public static EmailAddress parse(String field, String input) {
        if (input == null || input.isBlank()) {
            throw InvalidInputException.of(field, input, "must not be empty");
        }
        String text = input.strip();
        int at = text.lastIndexOf('@');
        String normalised = at < 0 ? text : text.substring(0, at + 1) + text.substring(at + 1).toLowerCase(Locale.ROOT);
        String rule = violation(normalised);
        if (rule != null) {
            throw InvalidInputException.of(field, input, rule);
        }
        return new EmailAddress(normalised);
    }

    /** The rule the value breaks, or {@code null} when it is a valid address. */
    private static String violation(String value) {
        if (value == null || value.isEmpty()) {
            return "must not be empty";
        }
        if (value.chars().anyMatch(c -> c < ' ' || c == 0x7f)) {
            return "must not contain control characters such as line breaks";
        }
        if (value.chars().anyMatch(c -> c > 0x7e)) {
            return "must be ASCII; write an internationalised domain in its xn-- form";
        }
        if (value.chars().anyMatch(c -> c == ',' || c == ';' || c == ' ' || c == '\t')) {
            return "must be exactly one address, not a list";
        }
        if (value.chars().anyMatch(c -> c == '<' || c == '>' || c == '"' || c == '(' || c == ')')) {
            return "must be a bare address like admin@example.com, without a display name, quotes or comments";
        }
        if (value.length() > 254) {
            return "must be at most 254 characters";
        }
        int at = value.indexOf('@');
        if (at < 0 || at != value.lastIndexOf('@')) {
            return "must contain exactly one @";
        }
        String local = value.substring(0, at);
        String domain = value.substring(at + 1);
        if (local.isEmpty() || local.length() > 64 || !LOCAL_PART.matcher(local).matches()) {
            return "the part before @ must be 1 to 64 letters, digits or !#$%&'*+/=?^_`{|}~- separated by single dots";
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return "the domain must have at least two labels, e.g. example.com";
        }
        for (String label : labels) {
            if (!DOMAIN_LABEL.matcher(label).matches()) {
                return "the domain must be lower-case labels of letters, digits and inner hyphens, 1 to 63 characters each";
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}
