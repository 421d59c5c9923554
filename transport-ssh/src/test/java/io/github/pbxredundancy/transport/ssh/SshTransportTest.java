package io.github.pbxredundancy.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.InputProblem;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.Secret;
import io.github.pbxredundancy.core.TaskScheduler;
import io.github.pbxredundancy.core.spi.Delivery;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import io.github.pbxredundancy.core.spi.TransferListener;
import io.github.pbxredundancy.core.spi.TransportOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.nio.file.AccessDeniedException;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authentication, host keys and resumption of {@link SshTransport} against an in-JVM MINA SSHD and core's inbox watcher. */
class SshTransportTest {
    @TempDir
    Path dir;

    private Path inboxDir;
    private ScheduledExecutorService timer;
    private StandbyInbox standby;
    private TestSshd sshd;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        Path root = Files.createDirectory(dir.resolve("sftp-root"));
        inboxDir = Files.createDirectory(root.resolve("inbox"));
        timer = Executors.newSingleThreadScheduledExecutor();
        standby = new StandbyInbox(inboxDir, Files.createDirectory(dir.resolve("copies")));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        standby.close();
        if (sshd != null) {
            sshd.close();
        }
        timer.shutdownNow();
    }

    @Test
    void passwordLoginDeliversAVerifiedBundle() throws Exception {
        sshd = TestSshd.start(dir.resolve("sftp-root"));
        Delivery delivery = bundle("pw-1", 100_000);

        DeliveryReceipt receipt = transport(password(TestSshd.PASSWORD), pinned()).deliver(delivery, TransferListener.NONE);

        assertThat(receipt).isEqualTo(new DeliveryReceipt.Accepted(delivery.bundleId(), delivery.sha256()));
        assertThat(standby.received).singleElement()
                .satisfies(r -> assertThat(Files.mismatch(r.copy(), delivery.file())).isEqualTo(-1));
        assertThat(inboxFiles()).isEmpty();
    }

    @Test
    void ed25519KeyLoginDeliversAVerifiedBundle() throws Exception {
        sshd = TestSshd.start(dir.resolve("sftp-root"));
        Path key = sshd.writeUserKey(dir.resolve("id_ed25519"));
        Delivery delivery = bundle("key-1", 50_000);

        DeliveryReceipt receipt = transport(SshCredentials.privateKey(key), pinned()).deliver(delivery, TransferListener.NONE);

        assertThat(receipt).isEqualTo(new DeliveryReceipt.Accepted(delivery.bundleId(), delivery.sha256()));
        assertThat(standby.received).hasSize(1);
        assertThat(sshd.passwordAttempts).hasValue(0);
    }

    @Test
    void anEncryptedKeyLogsInWithItsPassphraseAndNotWithAnotherOne() throws Exception {
        sshd = TestSshd.start(dir.resolve("sftp-root"));
        Path key = sshd.writeUserKey(dir.resolve("id_ed25519_encrypted"), "key passphrase 0815");

        DeliveryReceipt receipt = transport(SshCredentials.privateKey(key, Secret.of("key passphrase 0815")), pinned())
                .deliver(bundle("enc-1", 1_000), TransferListener.NONE);
        RedundancyException e = deliverFailing(transport(SshCredentials.privateKey(key, Secret.of("wrong passphrase 4711")),
                pinned()), bundle("enc-2", 1_000));

        assertThat(receipt).isInstanceOf(DeliveryReceipt.Accepted.class);
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(ReasonCode.AUTHENTICATION_FAILED);
        assertThat(e.getMessage()).doesNotContain("wrong passphrase 4711");
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailureThatIsNotRetried() throws Exception {
        sshd = TestSshd.start(dir.resolve("sftp-root"));
        String wrong = "not-the-password-4711";

        RedundancyException e = deliverFailing(transport(password(wrong), pinned()), bundle("pw-2", 1_000));

        assertThat(e.reason()).as(e.getMessage()).isEqualTo(ReasonCode.AUTHENTICATION_FAILED);
        assertThat(e.reason().retryable()).isFalse();
        assertThat(e.getMessage()).doesNotContain(wrong);
        assertThat(e.getCause()).isNotNull();
        assertThat(sshd.passwordAttempts).hasValue(1);
        assertThat(standby.received).isEmpty();
    }

    @Test
    void anUnknownHostKeyIsRefused() throws Exception {
        sshd = TestSshd.start(dir.resolve("sftp-root"));
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "");

        RedundancyException e = deliverFailing(transport(password(TestSshd.PASSWORD),
                new HostKeyPolicy.KnownHosts(knownHosts)), bundle("hk-1", 1_000));

        assertThat(e.reason()).as(e.getMessage()).isEqualTo(ReasonCode.HOST_KEY_UNKNOWN);
        assertThat(e.reason().retryable()).isFalse();
        assertThat(e.getMessage()).contains(sshd.hostKeyFingerprint());
        assertThat(sshd.passwordAttempts).as("no password is sent to an unverified server").hasValue(0);
        assertThat(Files.readString(knownHosts)).isEmpty();
    }

    @Test
    void aChangedHostKeyIsRefused() throws Exception {
        sshd = TestSshd.start(dir.resolve("sftp-root"));
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), sshd.knownHostsLine(TestSshd.ed25519()));

        RedundancyException e = deliverFailing(transport(password(TestSshd.PASSWORD),
                new HostKeyPolicy.KnownHosts(knownHosts)), bundle("hk-2", 1_000));

        assertThat(e.reason()).as(e.getMessage()).isEqualTo(ReasonCode.HOST_KEY_CHANGED);
        assertThat(e.reason().retryable()).isFalse();
        assertThat(sshd.passwordAttempts).hasValue(0);
    }

    @Test
    void aKnownHostKeyIsAccepted() throws Exception {
        sshd = TestSshd.start(dir.resolve("sftp-root"));
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), sshd.knownHostsLine(sshd.hostKey));
        Delivery delivery = bundle("hk-3", 1_000);

        DeliveryReceipt receipt = transport(password(TestSshd.PASSWORD), new HostKeyPolicy.KnownHosts(knownHosts))
                .deliver(delivery, TransferListener.NONE);

        assertThat(receipt).isInstanceOf(DeliveryReceipt.Accepted.class);
    }

    @Test
    void thePinnedFingerprintIsAcceptedAndAnotherRefused() throws Exception {
        sshd = TestSshd.start(dir.resolve("sftp-root"));
        String other = KeyUtils.getFingerPrint(BuiltinDigests.sha256, TestSshd.ed25519().getPublic());

        DeliveryReceipt receipt = transport(password(TestSshd.PASSWORD), pinned()).deliver(bundle("pin-1", 1_000), TransferListener.NONE);
        RedundancyException e = deliverFailing(transport(password(TestSshd.PASSWORD),
                new HostKeyPolicy.PinnedFingerprint(other)), bundle("pin-2", 1_000));

        assertThat(receipt).isInstanceOf(DeliveryReceipt.Accepted.class);
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(ReasonCode.HOST_KEY_CHANGED);
        assertThat(sshd.passwordAttempts).as("only the first connection logged in").hasValue(1);
    }

    @Test
    void trustOnFirstUseRecordsTheKeyAndThenHoldsToIt() throws Exception {
        sshd = TestSshd.start(dir.resolve("sftp-root"));
        Path knownHosts = dir.resolve("tofu_known_hosts");

        DeliveryReceipt first = transport(password(TestSshd.PASSWORD), new HostKeyPolicy.TrustOnFirstUse(knownHosts))
                .deliver(bundle("tofu-1", 1_000), TransferListener.NONE);

        assertThat(first).isInstanceOf(DeliveryReceipt.Accepted.class);
        assertThat(Files.readString(knownHosts)).isEqualToIgnoringNewLines(sshd.knownHostsLine(sshd.hostKey).strip());
        DeliveryReceipt second = transport(password(TestSshd.PASSWORD), new HostKeyPolicy.KnownHosts(knownHosts))
                .deliver(bundle("tofu-2", 1_000), TransferListener.NONE);
        assertThat(second).isInstanceOf(DeliveryReceipt.Accepted.class);

        // Another server on the recorded address and port is refused, not trusted again.
        int port = sshd.port();
        sshd.close();
        sshd = TestSshd.startOn(dir.resolve("sftp-root"), port);
        RedundancyException e = deliverFailing(transport(password(TestSshd.PASSWORD),
                new HostKeyPolicy.TrustOnFirstUse(knownHosts)), bundle("tofu-3", 1_000));
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(ReasonCode.HOST_KEY_CHANGED);
        assertThat(Files.readAllLines(knownHosts)).hasSize(1);
    }

    @Test
    void anInterruptedUploadResumesAndTheStandbyEndsWithExactlyOneVerifiedBundle() throws Exception {
        long cutAfter = 400_000;
        AtomicBoolean armed = new AtomicBoolean(true);
        AtomicLong written = new AtomicLong();
        SftpEventListener cutter = new SftpEventListener() {
            @Override
            public void written(ServerSession session, String remoteHandle, FileHandle localHandle, long offset,
                                byte[] data, int dataOffset, int dataLen, Throwable thrown) throws IOException {
                if (written.addAndGet(dataLen) >= cutAfter && armed.compareAndSet(true, false)) {
                    session.close(true);
                }
            }
        };
        sshd = TestSshd.start(dir.resolve("sftp-root"), cutter);
        Delivery delivery = bundle("resume-1", 1_500_000);
        SshTransport transport = transport(password(TestSshd.PASSWORD), pinned());

        RedundancyException cut = deliverFailing(transport, delivery);
        assertThat(cut.reason()).as(cut.getMessage()).isEqualTo(ReasonCode.TRANSFER_INTERRUPTED);
        assertThat(cut.reason().retryable()).isTrue();
        Path part = inboxDir.resolve(delivery.bundleId().value() + ".part");
        assertThat(part).exists();
        long left = Files.size(part);
        assertThat(left).isBetween(cutAfter, delivery.size() - 1);

        List<Long> progress = Collections.synchronizedList(new ArrayList<>());
        DeliveryReceipt receipt = transport.deliver(delivery, (id, transferred, total) -> progress.add(transferred));

        assertThat(receipt).isEqualTo(new DeliveryReceipt.Accepted(delivery.bundleId(), delivery.sha256()));
        assertThat(progress.get(0)).as("the second attempt starts where the first stopped").isEqualTo(left);
        assertThat(progress.get(progress.size() - 1)).isEqualTo(delivery.size());
        assertThat(standby.received).singleElement().satisfies(r -> {
            assertThat(r.sha256()).isEqualTo(delivery.sha256());
            assertThat(Files.mismatch(r.copy(), delivery.file())).isEqualTo(-1);
        });
        assertThat(inboxFiles()).isEmpty();
    }

    @Test
    void aServerThatRefusesTheFileIsPermissionDenied() throws Exception {
        SftpEventListener refuse = new SftpEventListener() {
            @Override
            public void opening(ServerSession session, String remoteHandle, Handle localHandle) throws IOException {
                if (localHandle.getFile().getFileName().toString().endsWith(".part")) {
                    throw new AccessDeniedException(localHandle.getFile().getFileName().toString());
                }
            }
        };
        sshd = TestSshd.start(dir.resolve("sftp-root"), refuse);

        RedundancyException e = deliverFailing(transport(password(TestSshd.PASSWORD), pinned()), bundle("perm-1", 1_000));

        assertThat(e.reason()).as(e.getMessage()).isEqualTo(ReasonCode.PERMISSION_DENIED);
        assertThat(e.reason().retryable()).isFalse();
        assertThat(e.getCause()).isNotNull();
        assertThat(standby.received).isEmpty();
    }

    @Test
    void aServerWithoutSpaceIsDiskFullAndThePartIsRemoved() throws Exception {
        SftpEventListener full = new SftpEventListener() {
            @Override
            public void writing(ServerSession session, String remoteHandle, FileHandle localHandle, long offset,
                                byte[] data, int dataOffset, int dataLen) throws IOException {
                if (offset >= 100_000) {
                    throw new SftpException(SftpConstants.SSH_FX_NO_SPACE_ON_FILESYSTEM, "No space left on device");
                }
            }
        };
        sshd = TestSshd.start(dir.resolve("sftp-root"), full);

        RedundancyException e = deliverFailing(transport(password(TestSshd.PASSWORD), pinned()), bundle("full-1", 300_000));

        assertThat(e.reason()).as(e.getMessage()).isEqualTo(ReasonCode.DISK_FULL);
        assertThat(e.reason().retryable()).isTrue();
        assertThat(inboxFiles()).as("a failed attempt leaves nothing but what it could resume").isEmpty();
        assertThat(standby.received).isEmpty();
    }

    @Test
    void closingTheTransportEndsADeliveryThatWaitsForItsAnswer() throws Exception {
        sshd = TestSshd.start(dir.resolve("sftp-root"));
        Path quiet = Files.createDirectory(dir.resolve("sftp-root").resolve("quiet"));
        Delivery delivery = bundle("close-1", 1_000);
        SshTransport transport = SshTransport.builder()
                .target(new SshTarget(TestSshd.USER, "127.0.0.1", sshd.port(), "/quiet"))
                .credentials(password(TestSshd.PASSWORD))
                .hostKeyPolicy(pinned())
                .options(options())
                .build();
        closeables.add(transport);
        CompletableFuture<RedundancyException> outcome = CompletableFuture.supplyAsync(() -> deliverFailing(transport, delivery));
        Path committed = quiet.resolve(delivery.bundleId().value() + ".bundle");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(committed) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(committed).as("the bundle was committed and the delivery waits").exists();

        transport.close();

        RedundancyException e = outcome.get(5, TimeUnit.SECONDS);
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(ReasonCode.TRANSFER_INTERRUPTED);
    }

    @Test
    void deliveringAfterAConnectTimeoutIsATimeoutOrConnectionFailure() throws Exception {
        // 192.0.2.1 (TEST-NET-1) is never routed: the connect either times out or is refused at once.
        SshTransport transport = SshTransport.builder()
                .target(new SshTarget(TestSshd.USER, "192.0.2.1", 22, "/inbox"))
                .credentials(password(TestSshd.PASSWORD))
                .hostKeyPolicy(new HostKeyPolicy.KnownHosts(dir.resolve("none")))
                .options(options().withConnectTimeout(Duration.ofMillis(300)))
                .build();
        closeables.add(transport);

        RedundancyException e = deliverFailing(transport, bundle("to-1", 1_000));

        assertThat(e.reason()).as(e.getMessage()).isIn(ReasonCode.TIMEOUT, ReasonCode.CONNECTION_FAILED);
        assertThat(e.reason().retryable()).isTrue();
    }

    @Test
    void theBulkCipherIsTheJdksAesGcmAndInteroperatesWithAnotherImplementation() throws Exception {
        sshd = TestSshd.startOn(dir.resolve("sftp-root"), 0, server -> server.setCipherFactoriesNameList("aes128-gcm@openssh.com"));
        Delivery delivery = bundle("gcm-1", 3_000_000);

        DeliveryReceipt receipt = transport(password(TestSshd.PASSWORD), pinned()).deliver(delivery, TransferListener.NONE);

        assertThat(receipt).isEqualTo(new DeliveryReceipt.Accepted(delivery.bundleId(), delivery.sha256()));
        assertThat(Algorithms.modern().getCipherFactories()).first()
                .satisfies(f -> assertThat(f.toString()).isEqualTo("aes128-gcm@openssh.com (JDK)"));
    }

    @Test
    void aBandwidthCapPacesEveryByteInSmallChunksAndAResumeOnlyTheRest() throws Exception {
        long cutAfter = 200_000;
        AtomicBoolean armed = new AtomicBoolean(true);
        AtomicLong written = new AtomicLong();
        SftpEventListener cutter = new SftpEventListener() {
            @Override
            public void written(ServerSession session, String remoteHandle, FileHandle localHandle, long offset,
                                byte[] data, int dataOffset, int dataLen, Throwable thrown) throws IOException {
                if (written.addAndGet(dataLen) >= cutAfter && armed.compareAndSet(true, false)) {
                    session.close(true);
                }
            }
        };
        sshd = TestSshd.start(dir.resolve("sftp-root"), cutter);
        List<Integer> acquired = Collections.synchronizedList(new ArrayList<>());
        SshTransport transport = builder(password(TestSshd.PASSWORD)).bandwidthLimit(64 * 1024).throttle(acquired::add).build();
        closeables.add(transport);
        Delivery delivery = bundle("cap-1", 600_000);

        deliverFailing(transport, delivery);
        long left = Files.size(inboxDir.resolve("cap-1.part"));
        int firstAttempt = acquired.size();
        DeliveryReceipt receipt = transport.deliver(delivery, TransferListener.NONE);

        assertThat(receipt).isInstanceOf(DeliveryReceipt.Accepted.class);
        assertThat(acquired).as("a cap of 64 KiB/s sends at most 8 KiB per request").allSatisfy(n -> assertThat(n).isBetween(1, 8192));
        assertThat(acquired.subList(firstAttempt, acquired.size()).stream().mapToLong(Integer::longValue).sum())
                .as("the second attempt paces exactly the bytes it sends").isEqualTo(delivery.size() - left);
    }

    @Test
    void aServerThatStopsAnsweringKeepalivesIsDroppedAfterAboutTheIdleTimeout() throws Exception {
        sshd = TestSshd.start(dir.resolve("sftp-root"));
        sshd.answerKeepAlives.set(false);
        Path quiet = Files.createDirectory(dir.resolve("sftp-root").resolve("quiet"));
        SshTransport transport = builder(password(TestSshd.PASSWORD)).target(new SshTarget(TestSshd.USER, "127.0.0.1",
                sshd.port(), "/quiet")).keepAliveInterval(Duration.ofSeconds(1)).idleTimeout(Duration.ofSeconds(2))
                .options(options().withAckTimeout(Duration.ofSeconds(30))).build();
        closeables.add(transport);

        RedundancyException e = deliverFailing(transport, bundle("silent-1", 1_000));

        assertThat(e.reason()).as("not the 30 s ack timeout: " + e.getMessage()).isEqualTo(ReasonCode.TRANSFER_INTERRUPTED);
        assertThat(sshd.keepAlives.get()).as("unanswered keepalives").isGreaterThanOrEqualTo(2);
    }

    @Test
    void keepalivesAnsweredKeepAQuietConnectionOpenUntilTheAnswer() throws Exception {
        sshd = TestSshd.start(dir.resolve("sftp-root"));
        standby.delay = Duration.ofMillis(2_500);
        SshTransport transport = builder(password(TestSshd.PASSWORD)).keepAliveInterval(Duration.ofSeconds(1))
                .idleTimeout(Duration.ofSeconds(2)).build();
        closeables.add(transport);
        Delivery delivery = bundle("patient-1", 1_000);

        DeliveryReceipt receipt = transport.deliver(delivery, TransferListener.NONE);

        assertThat(receipt).isEqualTo(new DeliveryReceipt.Accepted(delivery.bundleId(), delivery.sha256()));
        assertThat(sshd.keepAlives.get()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void anSftpRequestUnansweredForTheIdleTimeoutIsATimeoutAndThePartIsKeptForResuming() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        SftpEventListener stall = new SftpEventListener() {
            @Override
            public void writing(ServerSession session, String remoteHandle, FileHandle localHandle, long offset,
                                byte[] data, int dataOffset, int dataLen) throws IOException {
                if (offset >= 100_000) {
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        sshd = TestSshd.start(dir.resolve("sftp-root"), stall);
        SshTransport transport = builder(password(TestSshd.PASSWORD)).idleTimeout(Duration.ofMillis(700)).build();
        closeables.add(transport);
        try {
            RedundancyException e = deliverFailing(transport, bundle("stall-1", 400_000));

            assertThat(e.reason()).as(e.getMessage()).isEqualTo(ReasonCode.TIMEOUT);
            assertThat(e.reason().retryable()).isTrue();
        } finally {
            release.countDown();
        }
        assertThat(inboxDir.resolve("stall-1.part")).exists();
        assertThat(standby.received).isEmpty();
    }

    @Test
    void theBuilderNamesEveryBadTimingAndCapSetting() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> SshTransport.builder()
                .target(new SshTarget(TestSshd.USER, "127.0.0.1", 22, "/inbox"))
                .credentials(password(TestSshd.PASSWORD))
                .hostKeyPolicy(new HostKeyPolicy.PinnedFingerprint("SHA256:" + "A".repeat(43)))
                .options(options())
                .idleTimeout(Duration.ZERO)
                .keepAliveInterval(Duration.ofMillis(500))
                .bandwidthLimit(1_000)
                .build());

        assertThat(e.problems()).extracting(InputProblem::field)
                .containsExactlyInAnyOrder("idleTimeout", "keepAliveInterval", "bandwidthLimit");
        assertThat(e.getMessage()).contains("'1000'", "at least " + SshTransport.MIN_BANDWIDTH_LIMIT);
    }

    private RedundancyException deliverFailing(SshTransport transport, Delivery delivery) {
        RedundancyException e = catchThrowableOfType(RedundancyException.class,
                () -> transport.deliver(delivery, TransferListener.NONE));
        assertThat(e).as("the delivery must fail").isNotNull();
        return e;
    }

    private SshTransport transport(SshCredentials credentials, HostKeyPolicy policy) {
        SshTransport transport = builder(credentials).hostKeyPolicy(policy).build();
        closeables.add(transport);
        return transport;
    }

    /** A builder for the test server's inbox with a pinned host key; the caller closes what it builds. */
    private SshTransport.Builder builder(SshCredentials credentials) {
        return SshTransport.builder()
                .target(new SshTarget(TestSshd.USER, "127.0.0.1", sshd.port(), "/inbox"))
                .credentials(credentials)
                .hostKeyPolicy(pinned())
                .options(options());
    }

    private TransportOptions options() {
        return new TransportOptions(Duration.ofSeconds(10), Duration.ofMillis(10), Duration.ofSeconds(2),
                Clock.systemUTC(), TaskScheduler.using(timer, Clock.systemUTC()));
    }

    private HostKeyPolicy pinned() {
        return new HostKeyPolicy.PinnedFingerprint(sshd.hostKeyFingerprint());
    }

    private static SshCredentials password(String password) {
        return SshCredentials.password(Secret.of(password));
    }

    private Delivery bundle(String id, int size) throws IOException {
        byte[] bytes = new byte[size];
        new SplittableRandom(id.hashCode()).nextBytes(bytes);
        Path file = Files.write(dir.resolve("sent-" + id), bytes);
        return new Delivery(BundleId.parse(id), file, size, StandbyInbox.sha256(file));
    }

    private List<String> inboxFiles() throws IOException {
        try (Stream<Path> files = Files.list(inboxDir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
