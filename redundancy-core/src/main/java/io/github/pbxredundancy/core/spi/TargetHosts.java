package io.github.pbxredundancy.core.spi;

import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.Ipv4Address;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one rule for the host and port of a transport's target URI, so that every transport
 * accepts and refuses the same: an IPv4 address in the library's strict form (the message names a
 * bad octet) or a DNS host name (labels of letters, digits and inner hyphens, at most 253
 * characters, not all-numeric at the end), and a port from 1 to 65535. IPv6 literals are not
 * accepted: the pair is an IPv4 pair (R4).
 *
 * <p>Stateless and thread-safe.
 */
public final class TargetHosts {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern DOTTED_DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+){3}");
    private static final String HOST_RULE = "must be an IPv4 address like 192.168.1.20 or a host name like"
            + " standby.example.com";

    private TargetHosts() {
    }

    /**
     * @param field the field to name in a refusal, e.g. {@code "ssh target host"}
     * @param host the host as given
     * @return the host in lower case
     * @throws InvalidInputException if it is neither a valid IPv4 address nor a host name
     */
    public static String host(String field, String host) {
        String lower = host == null ? null : host.toLowerCase(Locale.ROOT);
        if (lower != null && DOTTED_DECIMAL.matcher(lower).matches()) {
            Ipv4Address.parse(field, lower);
        } else if (lower == null || !validHostName(lower)) {
            throw InvalidInputException.of(field, host, HOST_RULE);
        }
        return lower;
    }

    /**
     * @param field the field to name in a refusal
     * @param port the port
     * @return the port
     * @throws InvalidInputException unless it is from 1 to 65535
     */
    public static int port(String field, int port) {
        if (port < 1 || port > 65535) {
            throw InvalidInputException.of(field, Integer.toString(port), "must be from 1 to 65535");
        }
        return port;
    }

    /**
     * The refusal of a URI in which the JDK found no host (it gives up on an out-of-range dotted
     * quad, an underscore, an empty authority): names the bad octet where there is one.
     *
     * @param field the field to name
     * @param shownUri the URI as it may be shown (without secrets)
     * @param rawAuthority the URI's raw authority, possibly null
     * @return the exception to throw
     */
    public static InvalidInputException unreadableHost(String field, String shownUri, String rawAuthority) {
        String authority = rawAuthority == null ? "" : rawAuthority.substring(rawAuthority.lastIndexOf('@') + 1);
        int colon = authority.lastIndexOf(':');
        String authorityHost = colon < 0 || authority.contains("]") ? authority : authority.substring(0, colon);
        if (DOTTED_DECIMAL.matcher(authorityHost).matches()) {
            try {
                Ipv4Address.parse(field, authorityHost);
            } catch (InvalidInputException e) {
                return e;
            }
        }
        return InvalidInputException.of(field, shownUri, HOST_RULE);
    }

    private static boolean validHostName(String host) {
        if (host.isEmpty() || host.length() > 253) {
            return false;
        }
        String[] labels = host.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        // A name whose last label is all digits would be a malformed address, not a name.
        return !labels[labels.length - 1].chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
