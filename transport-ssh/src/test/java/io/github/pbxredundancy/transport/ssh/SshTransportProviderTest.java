package io.github.pbxredundancy.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.InputProblem;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.TaskScheduler;
import io.github.pbxredundancy.core.Transports;
import io.github.pbxredundancy.core.spi.Delivery;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import io.github.pbxredundancy.core.spi.TransferListener;
import io.github.pbxredundancy.core.spi.Transport;
import io.github.pbxredundancy.core.spi.TransportOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SshTransportProvider}: found by scheme, configured by its properties. */
class SshTransportProviderTest {
    @TempDir
    Path dir;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final TransportOptions options = TransportOptions.defaults(Clock.systemUTC(), TaskScheduler.using(timer, Clock.systemUTC()));

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void theProviderIsFoundForTheSshScheme() {
        assertThat(Transports.schemes()).contains("ssh");
        assertThat(new SshTransportProvider().scheme()).isEqualTo("ssh");
    }

    @Test
    void withoutItsPropertiesTheProviderNamesWhatIsMissing() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> new SshTransportProvider(Map.<String, String>of()::get).open(URI.create("ssh://host/inbox"), options));

        assertThat(e.problems()).extracting(InputProblem::field).containsExactly(SshTransportProvider.IDENTITY_FILE,
                SshTransportProvider.KNOWN_HOSTS + " / " + SshTransportProvider.FINGERPRINT);
    }

    @Test
    void bothHostKeySettingsAtOnceAreRefused() {
        Map<String, String> properties = Map.of(SshTransportProvider.IDENTITY_FILE, "/k",
                SshTransportProvider.KNOWN_HOSTS, "/kh", SshTransportProvider.FINGERPRINT, "SHA256:" + "A".repeat(43));

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> new SshTransportProvider(properties::get).open(URI.create("ssh://host/inbox"), options));

        assertThat(e.problems()).extracting(InputProblem::rule).singleElement().asString().contains("exactly one");
    }

    @Test
    void aBandwidthLimitThatIsNoNumberOrTooSmallIsNamedWithItsRule() {
        for (String bad : new String[] {"2MB/s", "-1", "100", "99999999999999999999"}) {
            Map<String, String> properties = Map.of(SshTransportProvider.IDENTITY_FILE, "/k",
                    SshTransportProvider.FINGERPRINT, "SHA256:" + "A".repeat(43), SshTransportProvider.BANDWIDTH_LIMIT, bad);

            InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                    () -> new SshTransportProvider(properties::get).open(URI.create("ssh://host/inbox"), options));

            assertThat(e.problems()).as(bad).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo(SshTransportProvider.BANDWIDTH_LIMIT);
                assertThat(p.value()).isEqualTo("'" + bad + "'");
                assertThat(p.rule()).contains("bytes per second");
            });
        }
    }

    @Test
    void anInvalidTargetIsRefusedBeforeThePropertiesAreRead() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> new SshTransportProvider(Map.<String, String>of()::get).open(URI.create("ssh://host/inbox?q"), options));

        assertThat(e.problems()).extracting(InputProblem::field).containsExactly("ssh target query");
    }

    @Test
    void aTransportOpenedByUriDeliversWithTheConfiguredKeyAndPin() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("root").resolve("inbox"));
        try (TestSshd sshd = TestSshd.start(dir.resolve("root"));
             StandbyInbox standby = new StandbyInbox(inbox, Files.createDirectory(dir.resolve("copies")))) {
            Path key = sshd.writeUserKey(dir.resolve("id_ed25519"));
            Map<String, String> properties = Map.of(SshTransportProvider.IDENTITY_FILE, key.toString(),
                    SshTransportProvider.FINGERPRINT, sshd.hostKeyFingerprint());
            byte[] bytes = "a small bundle".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Path file = Files.write(dir.resolve("b"), bytes);
            Delivery delivery = new Delivery(BundleId.parse("uri-1"), file, bytes.length, StandbyInbox.sha256(file));

            try (Transport transport = new SshTransportProvider(properties::get)
                    .open(URI.create("ssh://" + TestSshd.USER + "@127.0.0.1:" + sshd.port() + "/inbox"), options)) {
                assertThat(transport).isInstanceOf(SshTransport.class);
                assertThat(transport.deliver(delivery, TransferListener.NONE))
                        .isEqualTo(new DeliveryReceipt.Accepted(delivery.bundleId(), delivery.sha256()));
            }
            assertThat(standby.received).hasSize(1);
        }
    }
}
