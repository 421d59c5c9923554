package io.github.pbxredundancy.core.promotion;

import io.github.pbxredundancy.core.InputProblem;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.Ipv4Address;
import io.github.pbxredundancy.core.Node;
import io.github.pbxredundancy.core.internal.AuditText;
import io.github.pbxredundancy.core.internal.DurationText;
import io.github.pbxredundancy.core.internal.MessageText;
import io.github.pbxredundancy.core.spi.LivenessProbe;
import io.github.pbxredundancy.core.spi.ProbeResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The library's own {@link LivenessProbe}s: TCP connects to the active's service ports and an
 * ICMP echo, and the standard set of them for an active node (B2). A host adds its own probes
 * by implementing {@link LivenessProbe}.
 *
 * <h2>What counts as alive: a refused connection does</h2>
 * The question before a promotion is not "does the PBX service answer" but "is anything still
 * running at the active's address" (R15: promote only when the active has failed completely or
 * is shut down), because the promoted standby takes that address over. A TCP connection that is
 * <em>refused</em> was answered: a network stack at that address received the request and sent
 * a reset (or an ICMP port-unreachable). The PBX service may have crashed, but the machine, or
 * something else holding its address, is up; promoting now would put two hosts on one address.
 * So {@link #tcp} reports a refusal as {@link ProbeResult.Alive} ({@code host answered:
 * connection refused on port 5060}), just like an accepted connection. The price: a firewall in
 * between that rejects on behalf of a dead host makes the check refuse the promotion; the
 * operator sees that evidence and can override it with a reason. The other way round (refused
 * counted as down) the price would be a split brain.
 *
 * <p>Only silence counts as {@link ProbeResult.NoAnswer}: the connect timed out, or the network
 * reported no route to the host (on the active's own subnet: nobody answered the ARP request).
 * Errors that say something about the standby rather than the active are
 * {@link ProbeResult.Unknown}: the standby's network unreachable (its own link or route is
 * down), not permitted (a local firewall), any other socket error.
 *
 * <p>Thread-safe: the probes keep no state between calls.
 */
public final class LivenessProbes {
    /** The SSH port, on which the active's administrators and the replication log in. */
    public static final int SSH_PORT = 22;
    /** The SIP port, probed over TCP; a PBX that serves SIP over UDP only still refuses it, which counts as alive. */
    public static final int SIP_PORT = 5060;
    /** The HTTPS port of the active's web interface. */
    public static final int HTTPS_PORT = 443;
    /** The longest label accepted by {@link #tcp}. */
    public static final int MAX_LABEL_LENGTH = 40;

    private LivenessProbes() {
    }

    /**
     * A TCP connect to one port of the active, with the timeout each call is given. A connection
     * accepted (closed again at once) or refused is {@link ProbeResult.Alive}; see the class
     * comment for why a refusal is. A connect that times out, or a host or route reported
     * unreachable, is {@link ProbeResult.NoAnswer}. A local error (network unreachable from the
     * standby, not permitted, anything else) is {@link ProbeResult.Unknown}. Sends nothing but
     * the connection handshake; never throws.
     *
     * @param label what listens on the port, for the name, e.g. {@code SIP}: 1 to
     *     {@value #MAX_LABEL_LENGTH} printable characters
     * @param address the active's address
     * @param port 1 to 65535
     * @return the probe, named e.g. {@code tcp 192.168.1.10:5060 (SIP)}
     * @throws InvalidInputException naming {@code label} or {@code port}
     */
    public static LivenessProbe tcp(String label, Ipv4Address address, int port) {
        List<InputProblem> problems = new ArrayList<>();
        String labelProblem = AuditText.problem(label, MAX_LABEL_LENGTH, false);
        if (labelProblem != null) {
            problems.add(InputProblem.of("label", label, labelProblem));
        }
        if (port < 1 || port > 65535) {
            problems.add(InputProblem.of("port", Integer.toString(port), "must be from 1 to 65535"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Objects.requireNonNull(address, "address");
        return new TcpProbe("tcp " + address + ":" + port + " (" + label + ")", address, port);
    }

    /**
     * An ICMP echo request ("ping") through {@link java.net.InetAddress#isReachable(int)}, with
     * the timeout each call is given. An answer is {@link ProbeResult.Alive}, none
     * {@link ProbeResult.NoAnswer}, an I/O error {@link ProbeResult.Unknown}.
     *
     * <p>Sending ICMP needs privileges (root or {@code CAP_NET_RAW} on Linux). Without them the
     * JDK falls back to a TCP connect to the echo port 7, where a refused connection counts as
     * reachable, which matches the rule of {@link #tcp}. The JDK's answer is a plain yes or no, so
     * where neither ICMP nor port 7 gets through a firewall the probe reports no answer even for
     * a running host; that is why it is one probe among several, and why one sign of life from any
     * other probe outweighs it.
     *
     * @param address the active's address
     * @return the probe, named e.g. {@code icmp 192.168.1.10}
     */
    public static LivenessProbe icmp(Ipv4Address address) {
        Objects.requireNonNull(address, "address");
        return new IcmpProbe("icmp " + address, address);
    }

    /**
     * The standard probes for an active node: TCP to SSH ({@value #SSH_PORT}), SIP
     * ({@value #SIP_PORT}) and HTTPS ({@value #HTTPS_PORT}), and ICMP, all at the node's address.
     * A PBX that runs at all answers at least one of them.
     *
     * @param active the node to be confirmed down
     * @return four probes, in that order
     */
    public static List<LivenessProbe> standardFor(Node active) {
        return standardFor(Objects.requireNonNull(active, "active").address());
    }

    /**
     * The standard probes of {@link #standardFor(Node)} for an address.
     *
     * @param address the active's address
     * @return four probes: TCP to SSH, SIP and HTTPS, and ICMP
     */
    public static List<LivenessProbe> standardFor(Ipv4Address address) {
        return List.of(tcp("SSH", address, SSH_PORT), tcp("SIP", address, SIP_PORT),
                tcp("HTTPS", address, HTTPS_PORT), icmp(address));
    }

    /** The timeout in whole milliseconds for the socket API, at least 1 (0 would mean forever). */
    private static int millis(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout " + timeout + ": must be more than zero");
        }
        if (timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) >= 0) {
            return Integer.MAX_VALUE;
        }
        return (int) Math.max(1, timeout.toMillis());
    }

    private static String message(Exception e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return MessageText.oneLine(text);
    }

    /** A TCP connect; see {@link LivenessProbes#tcp}. */
    private static final class TcpProbe implements LivenessProbe {
        private final String name;
        private final Ipv4Address address;
        private final int port;

        TcpProbe(String name, Ipv4Address address, int port) {
            this.name = name;
            this.address = address;
            this.port = port;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public ProbeResult probe(Duration timeout) {
            int millis = millis(timeout);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address.toInetAddress(), port), millis);
                return new ProbeResult.Alive("port " + port + " accepted a TCP connection");
            } catch (SocketTimeoutException e) {
                return new ProbeResult.NoAnswer("no answer to a TCP connect to port " + port + " within "
                        + DurationText.of(timeout));
            } catch (NoRouteToHostException e) {
                return new ProbeResult.NoAnswer("host unreachable (" + message(e) + ")");
            } catch (ConnectException e) {
                // The JDK reports a refusal and the kernel's own connect timeout with this type.
                String text = message(e);
                if (text.toLowerCase(Locale.ROOT).contains("timed out")) {
                    return new ProbeResult.NoAnswer("no answer to a TCP connect to port " + port + " (" + text + ")");
                }
                return new ProbeResult.Alive("host answered: connection refused on port " + port);
            } catch (SocketException e) {
                // Network unreachable, not permitted, ...: the standby's side, not the active's.
                return new ProbeResult.Unknown("cannot probe from this node: " + message(e));
            } catch (IOException | RuntimeException e) {
                return new ProbeResult.Unknown("probe failed: " + e.getClass().getSimpleName() + ": " + message(e));
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** An ICMP echo or the JDK's fallback; see {@link LivenessProbes#icmp}. */
    private static final class IcmpProbe implements LivenessProbe {
        private final String name;
        private final Ipv4Address address;

        IcmpProbe(String name, Ipv4Address address) {
            this.name = name;
            this.address = address;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public ProbeResult probe(Duration timeout) {
            int millis = millis(timeout);
            try {
                if (address.toInetAddress().isReachable(millis)) {
                    return new ProbeResult.Alive("answered a ping (ICMP echo, or TCP port 7 where ICMP is not permitted)");
                }
                return new ProbeResult.NoAnswer("no answer to a ping (ICMP echo, or TCP port 7 where ICMP is not"
                        + " permitted) within " + DurationText.of(timeout));
            } catch (IOException | RuntimeException e) {
                return new ProbeResult.Unknown("cannot ping from this node: " + e.getClass().getSimpleName() + ": "
                        + message(e));
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
