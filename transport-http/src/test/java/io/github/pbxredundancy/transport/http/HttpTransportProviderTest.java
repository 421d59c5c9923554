package io.github.pbxredundancy.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.InputProblem;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.Transports;
import io.github.pbxredundancy.core.spi.Delivery;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import io.github.pbxredundancy.core.spi.TransferListener;
import io.github.pbxredundancy.core.spi.Transport;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HttpTransportProvider}: found by scheme, configured by its properties, secrets only from a file. */
class HttpTransportProviderTest {
    @TempDir
    Path dir;

    private TestStandby standby;

    @BeforeEach
    void start() throws Exception {
        standby = TestStandby.start(dir.resolve("uploads"), new RecordingHandler(Files.createDirectory(dir.resolve("copies"))));
    }

    @AfterEach
    void stop() {
        standby.close();
    }

    @Test
    void theProviderIsFoundForTheHttpsScheme() {
        assertThat(Transports.schemes()).contains("https");
        assertThat(new HttpTransportProvider().scheme()).isEqualTo("https");
    }

    @Test
    void withoutItsPropertiesTheProviderNamesWhatIsMissing() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> new HttpTransportProvider(Map.<String, String>of()::get).open(URI.create("https://host/x"), standby.options()));

        assertThat(e.problems()).extracting(InputProblem::field).containsExactly(HttpTransportProvider.TOKEN_FILE,
                HttpTransportProvider.TRUST_STORE + " / " + HttpTransportProvider.CERTIFICATE_SHA256 + " / "
                        + HttpTransportProvider.PUBLIC_KEY_SHA256);
    }

    @Test
    void twoTrustsAtOnceAPlainTargetAndABadPinAreRefused() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), TestStandby.TOKEN + "\n");
        Map<String, String> two = Map.of(HttpTransportProvider.TOKEN_FILE, token.toString(),
                HttpTransportProvider.TRUST_STORE, "/t.p12", HttpTransportProvider.CERTIFICATE_SHA256, "ab".repeat(32));
        Map<String, String> badPin = Map.of(HttpTransportProvider.TOKEN_FILE, token.toString(),
                HttpTransportProvider.PUBLIC_KEY_SHA256, "abc");

        InvalidInputException both = catchThrowableOfType(InvalidInputException.class,
                () -> new HttpTransportProvider(two::get).open(URI.create("http://host/x"), standby.options()));
        InvalidInputException pin = catchThrowableOfType(InvalidInputException.class,
                () -> new HttpTransportProvider(badPin::get).open(URI.create("https://host/x"), standby.options()));

        assertThat(both.problems()).extracting(InputProblem::rule).anySatisfy(rule -> assertThat(rule).contains("must be https"))
                .anySatisfy(rule -> assertThat(rule).contains("exactly one"));
        assertThat(pin.problems()).extracting(InputProblem::field).containsExactly(HttpTransportProvider.PUBLIC_KEY_SHA256);
    }

    @Test
    void anUnreadableOrEmptyTokenFileIsNamedWithoutItsContent() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        Path invalid = Files.writeString(dir.resolve("invalid"), "token with blanks\n");
        for (Path file : new Path[] {dir.resolve("missing"), empty, invalid}) {
            Map<String, String> properties = Map.of(HttpTransportProvider.TOKEN_FILE, file.toString(),
                    HttpTransportProvider.CERTIFICATE_SHA256, "ab".repeat(32));

            InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                    () -> new HttpTransportProvider(properties::get).open(URI.create("https://host/x"), standby.options()));

            assertThat(e).as(file.toString()).isNotNull();
            assertThat(e.getMessage()).doesNotContain("token with blanks");
        }
    }

    @Test
    void aTransportOpenedByUriDeliversWithTheTokenFileAndThePin() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), TestStandby.TOKEN + "\n", StandardCharsets.UTF_8);
        Map<String, String> properties = Map.of(HttpTransportProvider.TOKEN_FILE, token.toString(),
                HttpTransportProvider.CERTIFICATE_SHA256,
                ((HttpTrust.PinnedCertificate) TestCertificates.standby().pinnedCertificate()).sha256().toUpperCase());
        byte[] bytes = "a small bundle".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(dir.resolve("b"), bytes);
        Delivery delivery = new Delivery(BundleId.parse("uri-1"), file, bytes.length, RecordingHandler.sha256(file));

        try (Transport transport = new HttpTransportProvider(properties::get).open(standby.uri(), standby.options())) {
            assertThat(transport).isInstanceOf(HttpTransport.class);
            assertThat(transport.deliver(delivery, TransferListener.NONE))
                    .isEqualTo(new DeliveryReceipt.Accepted(delivery.bundleId(), delivery.sha256()));
        }
    }
}
