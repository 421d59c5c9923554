package io.github.pbxredundancy.transport.http;

import io.github.pbxredundancy.core.spi.BundleHandler;
import io.github.pbxredundancy.core.spi.Transport;
import io.github.pbxredundancy.core.spi.TransportContract;
import io.github.pbxredundancy.core.spi.TransportOptions;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** The transport contract for {@link HttpTransport} to an {@link HttpReceiver} over TLS on loopback. */
class HttpTransportContractTest extends TransportContract {

    /** The standby side: the receiver with its own HTTPS server. */
    private record HttpStandby(TestStandby standby) implements Standby {
        @Override
        public Path endpointDirectory() {
            return standby.uploads;
        }

        @Override
        public void close() {
            standby.close();
        }
    }

    @Override
    protected Standby startStandby(Path root, BundleHandler handler) {
        return new HttpStandby(TestStandby.start(root.resolve("uploads"), handler));
    }

    @Override
    protected Transport openTransport(Standby standby, TransportOptions options) {
        TestStandby http = ((HttpStandby) standby).standby();
        return HttpTransport.builder()
                .target(http.uri())
                .trust(TestCertificates.standby().pinnedCertificate())
                .credentials(TestStandby.CREDENTIALS)
                .options(options)
                .build();
    }

    @Override
    protected Transport openUnreachableTransport(Path root, TransportOptions options) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        return HttpTransport.builder()
                .target(URI.create("https://127.0.0.1:" + closedPort + "/pbx-redundancy"))
                .trust(TestCertificates.standby().trusted())
                .credentials(TestStandby.CREDENTIALS)
                .options(options)
                .build();
    }

    /** The verdict's bound is the connect timeout plus the ack timeout: a short one keeps the timeout tests quick. */
    @Override
    protected Duration connectTimeout() {
        return Duration.ofMillis(500);
    }
}
