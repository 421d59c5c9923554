package io.github.pbxredundancy.core;

import io.github.pbxredundancy.license.PrintableText;
import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * A static IPv4 address in dotted-decimal form ({@code 192.168.1.2}).
 *
 * <p>Parsing is strict because an address typed into a form ends up as the address phones
 * dial: exactly four decimal octets of ASCII digits, each 0–255, no leading zeros (which some
 * tools read as octal), no host names, no IPv6, no surrounding text except blanks.
 *
 * <p>Immutable and thread-safe.
 *
 * @param bits the address as an unsigned 32-bit value in network byte order
 */
public record Ipv4Address(int bits) {
    private static final String DEFAULT_FIELD = "IPv4 address";

    /** Parses a dotted-decimal address, reporting a problem under the field name "IPv4 address". */
    public static Ipv4Address parse(String input) {
        return parse(DEFAULT_FIELD, input);
    }

    /**
     * Parses a dotted-decimal address.
     *
     * @param field the name to report in an error, e.g. the settings key
     * @throws InvalidInputException naming the octet and the rule it breaks
     */
    public static Ipv4Address parse(String field, String input) {
        if (input == null || input.isBlank()) {
            throw InvalidInputException.of(field, input, "must not be empty; expected four numbers 0-255 separated by dots");
        }
        String text = input.strip();
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            throw InvalidInputException.of(field, input, "has " + octets.length
                    + " parts; expected four numbers 0-255 separated by dots (IPv4 only, no host names)");
        }
        for (int i = 0; i < 4; i++) {
            checkOctet(field, input, octets[i], i + 1);
        }
        // The checks above are the rules we promise; Guava does the conversion we trust.
        InetAddress address = InetAddresses.forString(text);
        if (!(address instanceof Inet4Address)) {
            throw InvalidInputException.of(field, input, "is not an IPv4 address");
        }
        return new Ipv4Address(InetAddresses.coerceToInteger(address));
    }

    private static void checkOctet(String field, String input, String octet, int position) {
        String where = "octet " + position;
        if (octet.isEmpty()) {
            throw InvalidInputException.of(field, input, where + " is empty");
        }
        for (int i = 0; i < octet.length(); i++) {
            char c = octet.charAt(i);
            if (c < '0' || c > '9') {
                throw InvalidInputException.of(field, input, where + " contains "
                        + PrintableText.quote(String.valueOf(c)) + "; only the ASCII digits 0-9 are allowed");
            }
        }
        if (octet.length() > 3) {
            throw InvalidInputException.of(field, input, where + " has more than three digits");
        }
        if (octet.length() > 1 && octet.charAt(0) == '0') {
            throw InvalidInputException.of(field, input, where + " has a leading zero, which some systems read as octal");
        }
        if (Integer.parseInt(octet) > 255) {
            throw InvalidInputException.of(field, input, where + " is larger than 255");
        }
    }

    /** The address with every host bit cleared for the given prefix length (0–32). */
    public Ipv4Address networkAddress(int prefixLength) {
        return new Ipv4Address(bits & mask(prefixLength));
    }

    /** The address with every host bit set for the given prefix length (0–32). */
    public Ipv4Address broadcastAddress(int prefixLength) {
        return new Ipv4Address(bits | ~mask(prefixLength));
    }

    /** Whether both addresses lie in the same network of the given prefix length. */
    public boolean sameNetwork(Ipv4Address other, int prefixLength) {
        return networkAddress(prefixLength).equals(other.networkAddress(prefixLength));
    }

    /**
     * Whether this can be a host's own static address: not 0.0.0.0, not loopback (127/8), not
     * link-local (169.254/16, which DHCP-less hosts assign themselves), not multicast or
     * reserved (224/3, including 255.255.255.255).
     */
    public boolean isAssignableHostAddress() {
        InetAddress address = toInetAddress();
        int firstOctet = bits >>> 24;
        return !address.isAnyLocalAddress() && !address.isLoopbackAddress() && !address.isLinkLocalAddress()
                && firstOctet != 0 && firstOctet < 224;
    }

    /** The JDK form, for sockets. */
    public InetAddress toInetAddress() {
        return InetAddresses.fromInteger(bits);
    }

    private static int mask(int prefixLength) {
        if (prefixLength < 0 || prefixLength > 32) {
            throw InvalidInputException.of("prefix length", Integer.toString(prefixLength), "must be between 0 and 32");
        }
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    /** Dotted-decimal form, e.g. {@code 192.168.1.2}. */
    @Override
    public String toString() {
        return InetAddresses.toAddrString(toInetAddress());
    }
}
