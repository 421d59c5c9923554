package io.github.pbxredundancy.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pbxredundancy.core.BundleHeader;
import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.BundleWriter;
import io.github.pbxredundancy.core.PairIdentity;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.SoftwareVersion;
import io.github.pbxredundancy.core.TaskScheduler;
import io.github.pbxredundancy.core.WrittenBundle;
import io.github.pbxredundancy.license.LicenseKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link Transport} keeps, as tests a transport module inherits: extend this
 * class in the module's tests (it ships in {@code redundancy-core}'s test-jar) and supply the
 * transport and a standby side for it. The kit makes real bundles with {@link BundleWriter} and
 * judges them with its own {@link BundleHandler}, which the standby side must call for every
 * complete bundle.
 *
 * <p>The tests run on real time with short waits: a scheduler thread of the kit's own, the
 * system clock, the durations of {@link #ackTimeout()}, {@link #shortAckTimeout()},
 * {@link #pollInterval()} and {@link #connectTimeout()}. Every wait is bounded.
 */
public abstract class TransportContract {
    /** The longest the kit waits for anything to happen on the standby. */
    protected static final Duration BOUND = Duration.ofSeconds(10);

    private static final LicenseKey KEY = LicenseKey.parse("XXXXX-YYYYY-ZZZZZ-11111");
    private static final String REJECTION =
            "a backup made by version 7.4 cannot be imported on version 7.3.1.5: update the standby to 7.4 or newer";

    @TempDir
    private Path contractDir;

    private Path sandbox;
    private Path active;
    private ScheduledExecutorService timer;
    private TransportContractHandler handler;
    private Standby standby;
    private final List<Transport> transports = Collections.synchronizedList(new ArrayList<>());

    /**
     * The standby side of the transport under test, running until closed.
     */
    protected interface Standby extends AutoCloseable {
        /**
         * @return the directory, below the root the kit gave, that the standby receives into (an
         *     inbox, a staging directory); deliveries must change nothing else below the root
         */
        Path endpointDirectory();

        /** Stops the standby side and releases its threads; the kit calls it after each test. */
        @Override
        void close() throws Exception;
    }

    /**
     * Starts the standby side, receiving below {@code root}.
     *
     * @param root an empty directory of the test's own
     * @param handler judges each complete bundle; the standby side must call it for every bundle
     *     and answer the sender with its verdict
     * @return the running standby side
     * @throws Exception if it cannot start
     */
    protected abstract Standby startStandby(Path root, BundleHandler handler) throws Exception;

    /**
     * @param standby the standby side started for this test
     * @param options the options to use
     * @return a transport to it; the kit closes it
     * @throws Exception if it cannot be opened
     */
    protected abstract Transport openTransport(Standby standby, TransportOptions options) throws Exception;

    /**
     * @param root a directory of the test's own
     * @param options the options to use
     * @return a transport to an endpoint where nothing answers and nothing can be reached (a
     *     missing directory, a closed port); opening it must succeed, delivering must fail
     * @throws Exception if it cannot be opened
     */
    protected abstract Transport openUnreachableTransport(Path root, TransportOptions options) throws Exception;

    /** @return the ack timeout of every test but the timeout test */
    protected Duration ackTimeout() {
        return BOUND;
    }

    /** @return the ack timeout of the timeout test, which the handler outlasts */
    protected Duration shortAckTimeout() {
        return Duration.ofMillis(200);
    }

    /** @return the poll interval */
    protected Duration pollInterval() {
        return Duration.ofMillis(10);
    }

    /** @return the connect timeout */
    protected Duration connectTimeout() {
        return Duration.ofSeconds(2);
    }

    @BeforeEach
    final void startContractStandby() throws Exception {
        sandbox = Files.createDirectory(contractDir.resolve("standby"));
        active = Files.createDirectory(contractDir.resolve("active"));
        timer = Executors.newSingleThreadScheduledExecutor();
        handler = new TransportContractHandler(Files.createDirectory(contractDir.resolve("seen")), BOUND);
        standby = startStandby(sandbox, handler);
    }

    @AfterEach
    final void stopContractStandby() throws Exception {
        handler.releaseAll();
        try {
            for (Transport transport : transports) {
                transport.close();
            }
            if (standby != null) {
                standby.close();
            }
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void anAcceptedBundleCarriesItsHashAndArrivesByteIdentical() throws Exception {
        WrittenBundle bundle = bundle("20160126T050000Z-e5-0123456789abcdef", 300_000);

        DeliveryReceipt receipt = transport(ackTimeout()).deliver(bundle.delivery(), TransferListener.NONE);

        assertThat(receipt).isEqualTo(accepted(bundle));
        TransportContractHandler.Call call = handler.nextCall();
        assertThat(call.id()).isEqualTo(bundle.manifest().bundleId());
        assertThat(call.announcedSha256()).isEqualTo(bundle.sha256());
        assertThat(Files.mismatch(call.copy(), bundle.file())).as("the handler's file differs from the bundle").isEqualTo(-1);
        assertThat(handler.callCount()).isEqualTo(1);
    }

    @Test
    void aRejectionComesBackWithItsReasonAndMessage() throws Exception {
        WrittenBundle bundle = bundle("20160126T050000Z-e5-00000000000000aa", 10_000);
        handler.script(TransportContractHandler.reject(ReasonCode.VERSION_INCOMPATIBLE, REJECTION, 5));

        DeliveryReceipt receipt = transport(ackTimeout()).deliver(bundle.delivery(), TransferListener.NONE);

        assertThat(receipt).isEqualTo(new DeliveryReceipt.Rejected(bundle.manifest().bundleId(),
                ReasonCode.VERSION_INCOMPATIBLE, REJECTION, 5));
    }

    @Test
    void theStandbysEpochComesBackInEveryVerdict() throws Exception {
        Transport transport = transport(ackTimeout());
        WrittenBundle stale = bundle("20160126T050000Z-e5-00000000000000a1", 4_000);
        WrittenBundle large = bundle("20160126T050000Z-e5-00000000000000a2", 4_000);
        WrittenBundle unknown = bundle("20160126T050000Z-e5-00000000000000a3", 4_000);
        handler.script(TransportContractHandler.reject(ReasonCode.STALE_EPOCH, "epoch 5 is lower than 6", 6));
        handler.script(TransportContractHandler.acceptAt(Long.MAX_VALUE));
        handler.script(TransportContractHandler.acceptAt(0));

        assertThat(transport.deliver(stale.delivery(), TransferListener.NONE)).isEqualTo(new DeliveryReceipt.Rejected(
                stale.manifest().bundleId(), ReasonCode.STALE_EPOCH, "epoch 5 is lower than 6", 6));
        assertThat(transport.deliver(large.delivery(), TransferListener.NONE)).isEqualTo(new DeliveryReceipt.Accepted(
                large.manifest().bundleId(), large.sha256(), Long.MAX_VALUE));
        assertThat(transport.deliver(unknown.delivery(), TransferListener.NONE)).isEqualTo(new DeliveryReceipt.Accepted(
                unknown.manifest().bundleId(), unknown.sha256(), 0));
    }

    @Test
    void severalBundlesArriveInSequence() throws Exception {
        Transport transport = transport(ackTimeout());
        List<BundleId> sent = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            WrittenBundle bundle = bundle("20160126T05000" + i + "Z-e5-000000000000000" + i, 5_000 * i);
            handler.script(i == 2 ? TransportContractHandler.reject(ReasonCode.STALE_EPOCH, "epoch 5 is lower than 6", 6)
                    : TransportContractHandler.ACCEPT);

            DeliveryReceipt receipt = transport.deliver(bundle.delivery(), TransferListener.NONE);

            assertThat(receipt).isEqualTo(i == 2
                    ? new DeliveryReceipt.Rejected(bundle.manifest().bundleId(), ReasonCode.STALE_EPOCH, "epoch 5 is lower than 6", 6)
                    : accepted(bundle));
            TransportContractHandler.Call call = handler.nextCall();
            assertThat(Files.mismatch(call.copy(), bundle.file())).isEqualTo(-1);
            sent.add(call.id());
        }
        assertThat(sent).extracting(BundleId::value).containsExactly("20160126T050001Z-e5-0000000000000001",
                "20160126T050002Z-e5-0000000000000002", "20160126T050003Z-e5-0000000000000003");
    }

    @Test
    void progressRisesMonotonicallyToTheSizeInStepsOfAtMostOneMebibyte() throws Exception {
        WrittenBundle bundle = bundle("20160126T050000Z-e5-00000000000000bb", 2_600_000);
        List<long[]> reports = Collections.synchronizedList(new ArrayList<>());

        transport(ackTimeout()).deliver(bundle.delivery(), (id, transferred, total) -> {
            assertThat(id).isEqualTo(bundle.manifest().bundleId());
            reports.add(new long[] {transferred, total});
        });

        assertThat(reports).isNotEmpty().allSatisfy(r -> assertThat(r[1]).isEqualTo(bundle.size()));
        long previous = 0;
        for (long[] report : reports) {
            assertThat(report[0]).isBetween(previous, bundle.size());
            assertThat(report[0] - previous).as("bytes between two reports").isLessThanOrEqualTo(1L << 20);
            previous = report[0];
        }
        assertThat(previous).isEqualTo(bundle.size());
    }

    @Test
    void anUnreachableEndpointFailsRetryably() throws Exception {
        WrittenBundle bundle = bundle("20160126T050000Z-e5-00000000000000cc", 10_000);
        Transport transport = openUnreachableTransport(contractDir.resolve("elsewhere"), options(ackTimeout()));
        transports.add(transport);

        RedundancyException e = catchThrowableOfType(RedundancyException.class,
                () -> transport.deliver(bundle.delivery(), TransferListener.NONE));

        assertThat(e).as("delivering to an unreachable endpoint must fail").isNotNull();
        assertThat(e.reason().retryable()).as(e.reason() + ": " + e.getMessage()).isTrue();
        assertThat(handler.callCount()).isZero();
    }

    @Test
    void noAnswerWithinTheAckTimeoutIsATimeout() throws Exception {
        WrittenBundle bundle = bundle("20160126T050000Z-e5-00000000000000dd", 10_000);
        handler.script(TransportContractHandler.HOLD);
        Transport transport = transport(shortAckTimeout());
        long start = System.nanoTime();

        RedundancyException e = catchThrowableOfType(RedundancyException.class,
                () -> transport.deliver(bundle.delivery(), TransferListener.NONE));

        assertThat(e).as("a delivery without an answer must fail").isNotNull();
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(ReasonCode.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited for the answer")
                .isGreaterThanOrEqualTo(shortAckTimeout().dividedBy(2));
    }

    @Test
    void aBundleDeliveredAgainAfterItsAnswerWasLostIsAccepted() throws Exception {
        WrittenBundle bundle = bundle("20160126T050000Z-e5-00000000000000ee", 50_000);
        handler.script(TransportContractHandler.HOLD);
        RedundancyException lost = catchThrowableOfType(RedundancyException.class,
                () -> transport(shortAckTimeout()).deliver(bundle.delivery(), TransferListener.NONE));
        assertThat(lost).isNotNull();
        assertThat(lost.reason()).as(lost.getMessage()).isEqualTo(ReasonCode.TIMEOUT);
        handler.awaitHeld();
        handler.releaseAll();

        DeliveryReceipt receipt = transport(ackTimeout()).deliver(bundle.delivery(), TransferListener.NONE);

        assertThat(receipt).as("the remembered acceptance repeats the standby's epoch").isEqualTo(accepted(bundle));
        // The standby judged the first copy late, and maybe the second one too.
        assertThat(handler.callCount()).isBetween(1, 2);
        assertThat(Files.mismatch(handler.nextCall().copy(), bundle.file())).isEqualTo(-1);
    }

    @Test
    void hostileLookingIdsNeverReachBeyondTheEndpoint() throws Exception {
        for (String sentinel : List.of("a", "b", "a..b", "x", "x.bundle")) {
            Files.writeString(sandbox.resolve(sentinel), "sentinel " + sentinel);
        }
        List<WrittenBundle> bundles = new ArrayList<>();
        for (String id : List.of("a..b", "x.part", "y.sha256", "z.bundle", "q.ack", "A-._z")) {
            bundles.add(bundle(id, 2_000));
        }
        Map<String, String> before = snapshotOutsideEndpoint();
        Transport transport = transport(ackTimeout());

        for (WrittenBundle bundle : bundles) {
            DeliveryReceipt receipt = transport.deliver(bundle.delivery(), TransferListener.NONE);

            assertThat(receipt).isEqualTo(accepted(bundle));
            TransportContractHandler.Call call = handler.nextCall();
            assertThat(call.id()).isEqualTo(bundle.manifest().bundleId());
            assertThat(Files.mismatch(call.copy(), bundle.file())).isEqualTo(-1);
        }
        assertThat(snapshotOutsideEndpoint()).isEqualTo(before);
    }

    @Test
    void deliveringAfterCloseFails() throws Exception {
        WrittenBundle bundle = bundle("20160126T050000Z-e5-00000000000000ff", 1_000);
        Transport transport = transport(ackTimeout());
        transport.close();

        Throwable e = catchThrowableOfType(RuntimeException.class,
                () -> transport.deliver(bundle.delivery(), TransferListener.NONE));

        assertThat(e).isInstanceOfAny(IllegalStateException.class, RedundancyException.class);
        assertThat(handler.callCount()).isZero();
    }

    /**
     * @param ackTimeout the ack timeout
     * @return the options the kit's transports use: the system clock and the kit's scheduler
     */
    protected TransportOptions options(Duration ackTimeout) {
        return new TransportOptions(ackTimeout, pollInterval(), connectTimeout(), Clock.systemUTC(),
                TaskScheduler.using(timer, Clock.systemUTC()));
    }

    /** The kit handler's acceptance of a bundle, at its epoch {@link TransportContractHandler#EPOCH}. */
    private static DeliveryReceipt accepted(WrittenBundle bundle) {
        return new DeliveryReceipt.Accepted(bundle.manifest().bundleId(), bundle.sha256(), TransportContractHandler.EPOCH);
    }

    private Transport transport(Duration ackTimeout) throws Exception {
        Transport transport = openTransport(standby, options(ackTimeout));
        transports.add(transport);
        return transport;
    }

    /** A real bundle with {@code payloadSize} bytes of pseudo-random backup. */
    private WrittenBundle bundle(String id, int payloadSize) {
        byte[] payload = new byte[payloadSize];
        new SplittableRandom(id.hashCode()).nextBytes(payload);
        BundleHeader header = new BundleHeader(BundleId.parse(id), PairIdentity.of(KEY), "pbx-a",
                SoftwareVersion.parse("7.3.1.5"), 5, Instant.parse("2016-01-26T05:00:00Z"));
        Backup backup = new Backup.Stream("backup.sfb", payloadSize, () -> new ByteArrayInputStream(payload));
        return new BundleWriter().write(backup, header, active.resolve("sent-" + id + ".tar"));
    }

    /** Every file and directory below the kit's directory except the endpoint and the handler's copies. */
    private Map<String, String> snapshotOutsideEndpoint() throws IOException {
        Path endpoint = standby.endpointDirectory().toAbsolutePath().normalize();
        Path seen = contractDir.resolve("seen");
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(contractDir)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                Path normal = path.toAbsolutePath().normalize();
                if (normal.startsWith(endpoint) || normal.startsWith(seen)) {
                    continue;
                }
                String name = contractDir.relativize(path).toString();
                files.put(name, Files.isRegularFile(path) ? TransportContractHandler.sha256(path)
                        : Files.isDirectory(path) ? "dir" : "other");
            }
        }
        return files;
    }
}
