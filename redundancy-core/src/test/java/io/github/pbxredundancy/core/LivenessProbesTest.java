package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pbxredundancy.core.promotion.LivenessProbes;
import io.github.pbxredundancy.core.spi.LivenessProbe;
import io.github.pbxredundancy.core.spi.ProbeResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The library's probes against real sockets on 127.0.0.1 only. The "no answer" path of a TCP
 * probe needs an address that stays silent, which loopback never does; the check's handling of
 * silence is tested with scripted probes in {@link ActiveDownCheckTest}.
 *
 * <p>In {@code io.github.pbxredundancy.core} for the package's pair fixtures.
 */
class LivenessProbesTest {
    private static final Ipv4Address LOOPBACK = Ipv4Address.parse("127.0.0.1");
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Test
    void aListeningPortIsAlive() throws IOException {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = server.getLocalPort();
            LivenessProbe probe = LivenessProbes.tcp("SIP", LOOPBACK, port);

            assertThat(probe.name()).isEqualTo("tcp 127.0.0.1:" + port + " (SIP)");
            assertThat(probe.probe(TIMEOUT)).isEqualTo(new ProbeResult.Alive("port " + port + " accepted a TCP connection"));
        }
    }

    @Test
    void aRefusedConnectionIsAliveBecauseTheHostAnswered() throws IOException {
        int port;
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            port = server.getLocalPort();
        }
        // Nothing listens there any more: the kernel answers the connect with a reset.
        LivenessProbe probe = LivenessProbes.tcp("SSH", LOOPBACK, port);

        assertThat(probe.probe(TIMEOUT))
                .isEqualTo(new ProbeResult.Alive("host answered: connection refused on port " + port));
    }

    @Test
    void pingingTheLoopbackAddressIsAliveWithOrWithoutIcmpPrivileges() {
        // With privileges an ICMP echo is answered; without them the JDK's TCP echo-port connect is refused,
        // which counts as reachable.
        LivenessProbe probe = LivenessProbes.icmp(LOOPBACK);

        assertThat(probe.name()).isEqualTo("icmp 127.0.0.1");
        assertThat(probe.probe(TIMEOUT)).isInstanceOf(ProbeResult.Alive.class);
    }

    @Test
    void theStandardProbesAskSshSipHttpsAndIcmpAtTheActivesAddress() {
        Node active = PairFixtures.seedPair().active();

        assertThat(LivenessProbes.standardFor(active)).extracting(LivenessProbe::name).containsExactly(
                "tcp 192.168.1.1:22 (SSH)", "tcp 192.168.1.1:5060 (SIP)", "tcp 192.168.1.1:443 (HTTPS)",
                "icmp 192.168.1.1");
    }

    @Test
    void refusesABadLabelAndPortNamingBoth() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> LivenessProbes.tcp("SIP\r\n", LOOPBACK, 65536));

        assertThat(e.problems()).extracting(InputProblem::toString).containsExactly(
                "label 'SIP\\u000D\\u000A': must be 1 to 40 printable characters, not all blank (no line breaks or"
                        + " control characters)",
                "port '65536': must be from 1 to 65535");
        assertThatThrownBy(() -> LivenessProbes.tcp("", LOOPBACK, 0)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aTimeoutOfZeroIsAProgrammingErrorNotForeverForTheSocket() {
        LivenessProbe probe = LivenessProbes.tcp("SSH", LOOPBACK, 22);

        assertThatThrownBy(() -> probe.probe(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout PT0S: must be more than zero");
    }
}
