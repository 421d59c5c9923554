package io.github.pbxredundancy.transport.http;

import io.github.pbxredundancy.core.Secret;
import io.github.pbxredundancy.core.TaskScheduler;
import io.github.pbxredundancy.core.spi.BundleHandler;
import io.github.pbxredundancy.core.spi.TransportOptions;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;

/** An {@link HttpReceiver} on 127.0.0.1 with the standby's test certificate, and transports to it. */
final class TestStandby implements AutoCloseable {
    static final String TOKEN = "c3RhbmRieS10b2tlbi0wMTIzNDU2Nzg5YWJjZGVm";
    static final HttpCredentials CREDENTIALS = HttpCredentials.bearer(Secret.of(TOKEN));

    final HttpReceiver receiver;
    final Path uploads;
    final ScheduledExecutorService timer;
    final Clock clock;

    private TestStandby(HttpReceiver receiver, Path uploads, ScheduledExecutorService timer, Clock clock) {
        this.receiver = receiver;
        this.uploads = uploads;
        this.timer = timer;
        this.clock = clock;
    }

    static TestStandby start(Path uploads, BundleHandler handler) {
        return start(uploads, handler, UnaryOperator.identity());
    }

    static TestStandby start(Path uploads, BundleHandler handler, UnaryOperator<HttpReceiver.Builder> settings) {
        return start(uploads, handler, Clock.systemUTC(), TestCertificates.standby(), settings);
    }

    static TestStandby start(Path uploads, BundleHandler handler, Clock clock, TestCertificates.Identity identity,
                             UnaryOperator<HttpReceiver.Builder> settings) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        HttpReceiver.Builder builder = HttpReceiver.builder()
                .handler(handler)
                .uploadDirectory(uploads)
                .accept(CREDENTIALS)
                .clock(clock)
                .scheduler(TaskScheduler.using(timer, clock))
                .bindAddress(new InetSocketAddress("127.0.0.1", 0))
                .sslContext(identity.serverContext());
        HttpReceiver receiver = settings.apply(builder).build();
        receiver.start();
        return new TestStandby(receiver, uploads, timer, clock);
    }

    int port() {
        return receiver.address().getPort();
    }

    URI uri() {
        return URI.create("https://127.0.0.1:" + port() + receiver.basePath());
    }

    TransportOptions options() {
        return new TransportOptions(Duration.ofSeconds(10), Duration.ofMillis(10), Duration.ofSeconds(2), clock,
                TaskScheduler.using(timer, clock));
    }

    HttpTransport.Builder transport() {
        return HttpTransport.builder().target(uri()).trust(TestCertificates.standby().pinnedCertificate())
                .credentials(CREDENTIALS).options(options());
    }

    @Override
    public void close() {
        receiver.close();
        timer.shutdownNow();
    }
}
