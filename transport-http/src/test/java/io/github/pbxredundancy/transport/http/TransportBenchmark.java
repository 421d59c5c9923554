package io.github.pbxredundancy.transport.http;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.TaskScheduler;
import io.github.pbxredundancy.core.spi.Delivery;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import io.github.pbxredundancy.core.spi.TransferListener;
import io.github.pbxredundancy.core.spi.TransportOptions;
import io.github.pbxredundancy.transport.http.internal.TlsTrust;
import io.github.pbxredundancy.transport.ssh.BenchRuns;
import io.github.pbxredundancy.transport.ssh.OpenSshServer;
import io.github.pbxredundancy.transport.ssh.SshBench;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.net.ssl.SSLSession;

/**
 * Delivers one bundle file over loopback with {@link HttpTransport} to an {@link HttpReceiver},
 * interleaved in the same run with {@code SshTransport} to a real OpenSSH {@code sshd} and with
 * OpenSSH's own {@code scp -c aes128-gcm@openssh.com} of the same file to the same sshd (the
 * reference), and prints each run, the medians, each one's ratio to scp and HTTPS's to SSH, the
 * TLS version and cipher suite, and the JVM's peak heap. Run by
 * {@code mvn -B -q -Pbenchmarks -DskipTests -Dbench.ssh.skip package -pl transport-http -am} with
 * {@code -Xmx64m} (without {@code -Dbench.ssh.skip}, {@code -am} also runs transport-ssh's own
 * benchmark first).
 *
 * <p>Both standbys answer at once, without judging the bundle, so every contender measures the
 * transfer; but they do not do the same work. The {@link HttpReceiver} still does what it always
 * does: it computes the SHA-256 of the bytes as they arrive and checks it against the announced
 * one at the finish, forces the part file to disk at the end of the upload, and records the
 * acceptance durably. The SSH side's standby (core's {@code InboxWatcher}, whose handler accepts
 * at once) does not hash, and OpenSSH's SFTP server and {@code scp} do not force anything to
 * disk. HTTPS thus does strictly more work than either. Each transport is built afresh for every
 * delivery, so its connection and handshake are in the time, as {@code scp}'s are; the SSH
 * transport's time includes its renames and the answer's round trip (at most one 10 ms poll), the
 * HTTPS transport's the create and finish requests. Certificates and host keys are checked
 * everywhere: HTTPS pins the receiver's self-signed certificate (host name checked too), the SSH
 * transport pins the host key's fingerprint, {@code scp} uses a known_hosts file with strict
 * checking. The order of the three alternates from round to round (forwards, then backwards), and
 * a first round warms up the JIT and the page cache and is not counted.
 *
 * <p>Properties: {@code bench.size} (MiB, default 1024), {@code bench.rounds} (default 5).
 */
public final class TransportBenchmark {
    private static final long MIB = BenchRuns.MIB;
    private static final String SCP = "scp -c aes128-gcm (reference)";
    private static final String SSH = "SshTransport (defaults)";
    private static final String HTTPS = "HttpTransport (defaults)";

    private TransportBenchmark() {
    }

    /** One way of sending the file once, timed in nanoseconds. */
    @FunctionalInterface
    private interface Contender {
        long send() throws Exception;
    }

    /**
     * @param args none; see the class comment for the properties
     * @throws Exception whatever fails; the benchmark stops at the first failure
     */
    public static void main(String[] args) throws Exception {
        long size = Long.getLong("bench.size", 1024) * MIB;
        int rounds = Integer.getInteger("bench.rounds", 5);
        if (OpenSshServer.unavailableReason().isPresent()) {
            System.out.println("Transport benchmark skipped (it needs OpenSSH for the reference): "
                    + OpenSshServer.unavailableReason().get());
            return;
        }
        Path target = Path.of("target").toAbsolutePath();
        Files.createDirectories(target);
        Path work = Files.createTempDirectory(target, "transport-benchmark-");
        try (OpenSshServer server = OpenSshServer.start(); SshBench ssh = new SshBench(server, size);
             HttpsSide https = new HttpsSide(work.resolve("uploads"), ssh)) {
            System.out.printf(Locale.ROOT, "bundle: %d MiB; OpenSSH %s on %s:%d; HttpReceiver on %s (%s); max heap %d MiB;"
                    + " %d rounds after one warm-up%n", size / MIB, OpenSshServer.version(), OpenSshServer.HOST, server.port(),
                    https.standby.uri(), https.negotiated(), BenchRuns.maxHeapMib(), rounds);
            System.out.println("The HTTPS receiver hashes (SHA-256, checked at the finish) and forces the upload to disk;"
                    + " the SSH standby accepts without hashing and nothing on the SSH side forces to disk.");
            List<String> order = List.of(SCP, SSH, HTTPS);
            List<Contender> contenders = List.of(ssh::scp, () -> ssh.deliver(b -> b), https::deliver);
            BenchRuns runs = new BenchRuns(size);
            order.forEach(runs::add);
            BenchRuns.resetPeakHeap();
            for (int round = 0; round <= rounds; round++) {
                boolean counted = round > 0;
                boolean forwards = round % 2 == 0;
                for (int i = 0; i < order.size(); i++) {
                    int which = forwards ? i : order.size() - 1 - i;
                    runs.record(order.get(which), contenders.get(which).send(), counted);
                }
            }
            runs.print(SCP);
            System.out.printf(Locale.ROOT, "HttpTransport / SshTransport: ratio %.2f (SshTransport's median time over"
                    + " HttpTransport's; above 1.0: HTTPS faster)%n", runs.median(SSH) / (double) runs.median(HTTPS));
            System.out.printf(Locale.ROOT, "ratio above 1.0: faster than scp. Heap limit %d MiB (-Xmx); the heap pools'"
                    + " peaks, each at its own moment, add up to %d MiB%n", BenchRuns.maxHeapMib(), BenchRuns.peakHeap() / MIB);
        } finally {
            deleteTree(work);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The HTTPS side: an {@link HttpReceiver} that accepts at once, and deliveries to it. */
    private static final class HttpsSide implements AutoCloseable {
        private final SshBench bench;
        private final TestStandby standby;
        private int deliveries;

        HttpsSide(Path uploads, SshBench bench) {
            this.bench = bench;
            // Accepts at once; the receiver still computes the SHA-256 while receiving and checks it before asking.
            this.standby = TestStandby.start(uploads, (id, bundle, announced) -> new DeliveryReceipt.Accepted(id, announced));
        }

        /** Delivers the file once with a new transport: pinned certificate, the builder's and the options' defaults. */
        long deliver() {
            Clock clock = Clock.systemUTC();
            TransportOptions options = TransportOptions.defaults(clock, TaskScheduler.using(standby.timer, clock));
            try (HttpTransport transport = standby.transport().options(options).build()) {
                Delivery delivery = new Delivery(BundleId.parse("https-" + ++deliveries), bench.file(), bench.size(),
                        bench.sha256());
                long start = System.nanoTime();
                DeliveryReceipt receipt = transport.deliver(delivery, TransferListener.NONE);
                long nanos = System.nanoTime() - start;
                if (!(receipt instanceof DeliveryReceipt.Accepted)) {
                    throw new IllegalStateException("the HTTPS standby refused the benchmark bundle: " + receipt);
                }
                return nanos;
            }
        }

        /**
         * The TLS version and cipher suite the transport's client gets: one request by a JDK client
         * with the transport's own TLS context (the pin) and parameters.
         */
        String negotiated() throws IOException, InterruptedException {
            TlsTrust tls = TlsTrust.of(TestCertificates.standby().pinnedCertificate());
            tls.reload();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .sslContext(tls.context()).sslParameters(TlsTrust.parameters()).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(standby.uri() + "/uploads/tls-probe"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .header("Authorization", TestStandby.CREDENTIALS.authorization()).build();
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            return response.sslSession().map(TransportBenchmark::describe).orElse("no TLS session reported");
        }

        @Override
        public void close() {
            standby.close();
        }
    }

    private static String describe(SSLSession session) {
        return session.getProtocol() + ", " + session.getCipherSuite();
    }
}
