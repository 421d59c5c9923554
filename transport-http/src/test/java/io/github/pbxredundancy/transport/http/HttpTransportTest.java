package io.github.pbxredundancy.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.InputProblem;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.Secret;
import io.github.pbxredundancy.core.spi.Delivery;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import io.github.pbxredundancy.core.spi.TransferListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link HttpTransport} against an {@link HttpReceiver} on loopback: round trips, resumption and every refusal. */
class HttpTransportTest {
    @TempDir
    Path dir;

    private Path uploads;
    private RecordingHandler handler;
    private TestStandby standby;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void startStandby() throws IOException {
        uploads = dir.resolve("uploads");
        handler = new RecordingHandler(Files.createDirectory(dir.resolve("copies")));
        standby = TestStandby.start(uploads, handler);
    }

    @AfterEach
    void stop() throws Exception {
        handler.open();
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        standby.close();
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 65_535, 65_536, 65_537, 1_000_003, 3 * 1024 * 1024 + 17})
    void bundlesOfEverySizeArriveByteIdentical(int size) throws Exception {
        Delivery delivery = bundle("size-" + size, size);
        List<Long> progress = Collections.synchronizedList(new ArrayList<>());

        DeliveryReceipt receipt = transport().deliver(delivery, (id, transferred, total) -> {
            assertThat(total).isEqualTo(size);
            progress.add(transferred);
        });

        assertThat(receipt).isEqualTo(new DeliveryReceipt.Accepted(delivery.bundleId(), delivery.sha256()));
        assertThat(handler.received).singleElement().satisfies(r ->
                assertThat(Files.mismatch(r.copy(), delivery.file())).isEqualTo(-1));
        assertThat(progress).isSorted().isNotEmpty().last().isEqualTo((long) size);
        assertThat(parts()).as("nothing but the acceptance record stays").isEmpty();
    }

    @Test
    void anUploadCutAtARandomByteResumesWhereTheStandbyStopped() throws Exception {
        long seed = System.nanoTime();
        int size = 3 * 1024 * 1024;
        Delivery delivery = bundle("cut-1", size);
        long cutAt = 64 * 1024 + new SplittableRandom(seed).nextLong(size - 128 * 1024);
        CuttingProxy proxy = new CuttingProxy(standby.port(), cutAt);
        closeables.add(proxy);
        HttpTransport transport = standby.transport().target(URI.create("https://127.0.0.1:" + proxy.port() + "/pbx-redundancy"))
                .build();
        closeables.add(transport);

        RedundancyException cut = catchThrowableOfType(RedundancyException.class,
                () -> transport.deliver(delivery, TransferListener.NONE));

        assertThat(cut).as("seed " + seed + ", cut at " + cutAt).isNotNull();
        assertThat(proxy.cut).isTrue();
        assertThat(cut.reason()).as(cut.getMessage()).isEqualTo(ReasonCode.TRANSFER_INTERRUPTED);
        assertThat(cut.reason().retryable()).isTrue();
        assertThat(handler.received).isEmpty();

        List<Long> progress = Collections.synchronizedList(new ArrayList<>());
        DeliveryReceipt receipt = transport.deliver(delivery, (id, transferred, total) -> progress.add(transferred));

        assertThat(receipt).isEqualTo(new DeliveryReceipt.Accepted(delivery.bundleId(), delivery.sha256()));
        assertThat(progress.get(0)).as("the second attempt starts where the standby stopped (seed " + seed + ")")
                .isGreaterThan(0).isLessThan(cutAt);
        assertThat(progress).isSorted().last().isEqualTo((long) size);
        assertThat(handler.received).singleElement().satisfies(r ->
                assertThat(Files.mismatch(r.copy(), delivery.file())).isEqualTo(-1));
    }

    @Test
    void aWrongTokenIsRefusedWithoutRetryAndWritesNothing() throws Exception {
        HttpTransport transport = track(standby.transport().credentials(HttpCredentials.bearer(Secret.of("not-the-token")))
                .build());

        RedundancyException e = deliverFailing(transport, bundle("auth-1", 100_000));

        assertThat(e.reason()).as(e.getMessage()).isEqualTo(ReasonCode.AUTHENTICATION_FAILED);
        assertThat(e.reason().retryable()).isFalse();
        assertThat(e.getMessage()).contains("401").doesNotContain("not-the-token").doesNotContain(TestStandby.TOKEN);
        assertThat(files(uploads)).isEmpty();
        assertThat(handler.received).isEmpty();
    }

    @Test
    void basicCredentialsAreAcceptedWhereTheReceiverAcceptsThem() throws Exception {
        standby.close();
        HttpCredentials basic = HttpCredentials.basic("pbxsync", Secret.of("pässword with spaces"));
        standby = TestStandby.start(uploads, handler, b -> b.accept(basic));

        Delivery delivery = bundle("basic-1", 10_000);
        DeliveryReceipt receipt = track(standby.transport().credentials(basic).build()).deliver(delivery, TransferListener.NONE);

        assertThat(receipt).isInstanceOf(DeliveryReceipt.Accepted.class);
        RedundancyException e = deliverFailing(track(standby.transport()
                .credentials(HttpCredentials.basic("pbxsync", Secret.of("wrong"))).build()), bundle("basic-2", 10_000));
        assertThat(e.reason()).isEqualTo(ReasonCode.AUTHENTICATION_FAILED);
    }

    @Test
    void aCertificateOtherThanThePinnedOneIsAnImpostor() throws Exception {
        for (HttpTrust pin : List.of(TestCertificates.impostor().pinnedCertificate(), TestCertificates.impostor().pinnedPublicKey())) {
            RedundancyException e = deliverFailing(track(standby.transport().trust(pin).build()), bundle("pin-1", 10_000));

            assertThat(e.reason()).as(e.getMessage()).isEqualTo(ReasonCode.HOST_KEY_CHANGED);
            assertThat(e.reason().retryable()).isFalse();
            assertThat(e.getMessage()).contains("pinned");
        }
        assertThat(files(uploads)).isEmpty();
    }

    @Test
    void thePinnedPublicKeyAndTheTruststoreAreTrusted() throws Exception {
        for (HttpTrust trust : List.of(TestCertificates.standby().pinnedPublicKey(), TestCertificates.standby().trusted())) {
            Delivery delivery = bundle("trust-" + trust.getClass().getSimpleName(), 5_000);

            assertThat(track(standby.transport().trust(trust).build()).deliver(delivery, TransferListener.NONE))
                    .isEqualTo(new DeliveryReceipt.Accepted(delivery.bundleId(), delivery.sha256()));
        }
    }

    @Test
    void aTruststoreWithoutTheStandbysCertificateRefusesIt() throws Exception {
        RedundancyException e = deliverFailing(track(standby.transport().trust(TestCertificates.impostor().trusted()).build()),
                bundle("untrusted-1", 10_000));

        assertThat(e.reason()).as(e.getMessage()).isEqualTo(ReasonCode.HOST_KEY_UNKNOWN);
        assertThat(e.reason().retryable()).isFalse();
        assertThat(files(uploads)).isEmpty();
    }

    @Test
    void aCertificateForAnotherHostNameIsRefusedWhicheverTheTrust() throws Exception {
        standby.close();
        standby = TestStandby.start(uploads, handler, standby.clock, TestCertificates.elsewhere(), b -> b);
        TestCertificates.Identity elsewhere = TestCertificates.elsewhere();

        for (HttpTrust trust : List.of(elsewhere.trusted(), elsewhere.pinnedCertificate(), elsewhere.pinnedPublicKey())) {
            RedundancyException e = deliverFailing(track(standby.transport().trust(trust).build()), bundle("name-1", 1_000));

            assertThat(e.reason()).as(trust + ": " + e.getMessage()).isEqualTo(ReasonCode.HOST_KEY_UNKNOWN);
            assertThat(e.getMessage()).contains("127.0.0.1");
        }
        assertThat(files(uploads)).isEmpty();
        assertThat(handler.received).isEmpty();
    }

    @Test
    void aBundleOverTheReceiversLimitIsRefusedBeforeAByteIsSent() throws Exception {
        standby.close();
        standby = TestStandby.start(uploads, handler, b -> b.maxBodyBytes(50_000));

        RedundancyException e = deliverFailing(transport(), bundle("big-1", 50_001));

        assertThat(e.reason()).as(e.getMessage()).isEqualTo(ReasonCode.LIMIT_EXCEEDED);
        assertThat(e.reason().retryable()).isFalse();
        assertThat(e.getMessage()).contains("413").contains("50000");
        assertThat(files(uploads)).isEmpty();
    }

    @Test
    void aStandbyWithoutRoomIsDiskFullBeforeAByteIsSent() throws Exception {
        standby.close();
        standby = TestStandby.start(uploads, handler, b -> b.freeSpace(directory -> 1_000));

        RedundancyException e = deliverFailing(transport(), bundle("full-1", 5_000));

        assertThat(e.reason()).as(e.getMessage()).isEqualTo(ReasonCode.DISK_FULL);
        assertThat(e.reason().retryable()).isTrue();
        assertThat(files(uploads)).isEmpty();
    }

    @Test
    void aHashMismatchIsRejectedByTheReceiverAndLeavesNothing() throws Exception {
        Delivery real = bundle("hash-1", 70_000);
        Delivery lying = new Delivery(real.bundleId(), real.file(), real.size(), "0".repeat(64));

        DeliveryReceipt receipt = transport().deliver(lying, TransferListener.NONE);

        assertThat(receipt).isInstanceOfSatisfying(DeliveryReceipt.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(ReasonCode.INTEGRITY_FAILED);
            assertThat(r.message()).contains("differs from the announced");
        });
        assertThat(handler.received).as("the handler never sees a bundle whose hash is wrong").isEmpty();
        assertThat(files(uploads)).isEmpty();
    }

    @Test
    void aRejectionIsAReceiptNotAFailure() throws Exception {
        standby.close();
        standby = TestStandby.start(uploads, (id, bundle, sha256) -> new DeliveryReceipt.Rejected(id, ReasonCode.STALE_EPOCH,
                "epoch 4 is lower than 6\nsecond line"));

        DeliveryReceipt receipt = transport().deliver(bundle("stale-1", 1_000), TransferListener.NONE);

        assertThat(receipt).isEqualTo(new DeliveryReceipt.Rejected(BundleId.parse("stale-1"), ReasonCode.STALE_EPOCH,
                "epoch 4 is lower than 6 second line"));
        assertThat(files(uploads)).as("a rejected upload is deleted").isEmpty();
    }

    @Test
    void aHandlerThatFailsIsAnsweredAsARejection() throws Exception {
        standby.close();
        standby = TestStandby.start(uploads, (id, bundle, sha256) -> {
            throw new IllegalStateException("the importer's database is down");
        });

        DeliveryReceipt receipt = transport().deliver(bundle("fail-1", 1_000), TransferListener.NONE);

        assertThat(receipt).isInstanceOfSatisfying(DeliveryReceipt.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(ReasonCode.UNEXPECTED);
            assertThat(r.message()).contains("database is down");
        });
    }

    @Test
    void closingTheTransportEndsADeliveryThatWaitsForItsVerdict() throws Exception {
        handler.close();
        HttpTransport transport = transport();
        Delivery delivery = bundle("close-1", 10_000);
        CompletableFuture<RedundancyException> outcome = CompletableFuture.supplyAsync(() -> deliverFailing(transport, delivery));
        assertThat(handler.entered.await(10, TimeUnit.SECONDS)).as("the handler was reached").isTrue();

        transport.close();

        RedundancyException e = outcome.get(10, TimeUnit.SECONDS);
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(ReasonCode.TRANSFER_INTERRUPTED);
        Throwable after = catchThrowableOfType(IllegalStateException.class, () -> transport.deliver(delivery, TransferListener.NONE));
        assertThat(after).hasMessageContaining("closed");
    }

    @Test
    void aVerdictLostOnTheWayIsAnsweredAgainWithoutSendingTheBundleAgain() throws Exception {
        handler.close();
        Delivery delivery = bundle("lost-1", 200_000);
        HttpTransport impatient = track(standby.transport().options(standby.options().withAckTimeout(java.time.Duration.ofMillis(100)).withConnectTimeout(java.time.Duration.ofMillis(300)))
                .build());
        RedundancyException lost = deliverFailing(impatient, delivery);
        assertThat(lost.reason()).as(lost.getMessage()).isEqualTo(ReasonCode.TIMEOUT);
        handler.open();

        List<Long> progress = Collections.synchronizedList(new ArrayList<>());
        DeliveryReceipt receipt = transport().deliver(delivery, (id, transferred, total) -> progress.add(transferred));

        assertThat(receipt).isEqualTo(new DeliveryReceipt.Accepted(delivery.bundleId(), delivery.sha256()));
        assertThat(progress).as("nothing was sent again").containsExactly(200_000L);
        assertThat(handler.received).hasSize(1);
    }

    @Test
    void plainHttpNeedsAnExplicitOptInAndThenWorksWithTheHandlerMountedInTheHostsServer() throws Exception {
        HttpServer host = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        host.createContext(standby.receiver.basePath(), standby.receiver.handler());
        host.start();
        closeables.add(() -> host.stop(0));
        URI plain = URI.create("http://127.0.0.1:" + host.getAddress().getPort() + "/pbx-redundancy");

        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class,
                () -> standby.transport().target(plain).build());
        assertThat(refused.problems()).extracting(InputProblem::field).containsExactly("target");
        assertThat(refused.getMessage()).contains("allowPlainHttp");

        Delivery delivery = bundle("plain-1", 100_000);
        HttpTransport transport = track(HttpTransport.builder().target(plain).allowPlainHttp(true)
                .credentials(TestStandby.CREDENTIALS).options(standby.options()).build());
        assertThat(transport.trust()).isEmpty();
        assertThat(transport.deliver(delivery, TransferListener.NONE))
                .isEqualTo(new DeliveryReceipt.Accepted(delivery.bundleId(), delivery.sha256()));
    }

    @Test
    void aReceiverThatStopsTakingBytesEndsTheUploadAfterTheIdleTimeout() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        HttpServer stuck = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        stuck.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        stuck.createContext("/pbx-redundancy", exchange -> {
            if ("POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Upload-Offset", "0");
                exchange.sendResponseHeaders(201, -1);
            } else {
                try {
                    release.await(10, TimeUnit.SECONDS);   // never reads the body
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.close();
        });
        stuck.start();
        closeables.add(() -> {
            release.countDown();
            stuck.stop(0);
            ((java.util.concurrent.ExecutorService) stuck.getExecutor()).shutdownNow();
        });
        HttpTransport transport = track(HttpTransport.builder()
                .target(URI.create("http://127.0.0.1:" + stuck.getAddress().getPort() + "/pbx-redundancy")).allowPlainHttp(true)
                .credentials(TestStandby.CREDENTIALS).options(standby.options()).idleTimeout(java.time.Duration.ofMillis(300))
                .build());
        List<Long> progress = Collections.synchronizedList(new ArrayList<>());

        RedundancyException e = catchThrowableOfType(RedundancyException.class,
                () -> transport.deliver(bundle("stuck-1", 48 << 20), (id, transferred, total) -> progress.add(transferred)));

        assertThat(e).isNotNull();
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(ReasonCode.TIMEOUT);
        assertThat(e.getMessage()).contains("idle timeout");
        assertThat(progress).as("some bytes went before the receiver stopped").isNotEmpty().last()
                .satisfies(last -> assertThat(last).isLessThan(48L << 20));
    }

    @Test
    void theBuilderNamesEveryMissingOrInvalidSetting() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> HttpTransport.builder().idleTimeout(java.time.Duration.ZERO).minimumThroughput(0).build());

        assertThat(e.problems()).extracting(InputProblem::field)
                .containsExactly("target", "trust", "credentials", "options", "idleTimeout", "minimumThroughput");
    }

    @Test
    void aMissingTruststoreIsInvalidInput() throws Exception {
        HttpTransport transport = track(standby.transport()
                .trust(new HttpTrust.TrustStore(dir.resolve("missing.p12"))).build());

        RedundancyException e = deliverFailing(transport, bundle("store-1", 100));

        assertThat(e.reason()).isEqualTo(ReasonCode.INVALID_INPUT);
        assertThat(e.getMessage()).contains("missing.p12");
    }

    @Test
    void aWrongBasePathIsInvalidInput() throws Exception {
        HttpTransport transport = track(standby.transport()
                .target(URI.create("https://127.0.0.1:" + standby.port() + "/elsewhere")).build());

        RedundancyException e = deliverFailing(transport, bundle("path-1", 100));

        assertThat(e.reason()).as(e.getMessage()).isEqualTo(ReasonCode.INVALID_INPUT);
        assertThat(e.getMessage()).contains("404");
    }

    private HttpTransport transport() {
        return track(standby.transport().build());
    }

    private HttpTransport track(HttpTransport transport) {
        closeables.add(transport);
        return transport;
    }

    private static RedundancyException deliverFailing(HttpTransport transport, Delivery delivery) {
        RedundancyException e = catchThrowableOfType(RedundancyException.class,
                () -> transport.deliver(delivery, TransferListener.NONE));
        assertThat(e).as("the delivery must fail").isNotNull();
        return e;
    }

    private Delivery bundle(String id, int size) throws IOException {
        byte[] bytes = new byte[size];
        new SplittableRandom(id.hashCode()).nextBytes(bytes);
        Path file = Files.write(dir.resolve("sent-" + id), bytes);
        return new Delivery(BundleId.parse(id), file, size, RecordingHandler.sha256(file));
    }

    private List<String> parts() throws IOException {
        return files(uploads).stream().filter(name -> !name.endsWith(".upload")).toList();
    }

    static List<String> files(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
