package io.github.pbxredundancy.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pbxredundancy.core.BundleId;
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

    private RedundancyException deliverFailing(SshTransport transport, Delivery delivery) {
        RedundancyException e = catchThrowableOfType(RedundancyException.class,
                () -> transport.deliver(delivery, TransferListener.NONE));
        assertThat(e).as("the delivery must fail").isNotNull();
        return e;
    }

    private SshTransport transport(SshCredentials credentials, HostKeyPolicy policy) {
        SshTransport transport = SshTransport.builder()
                .target(new SshTarget(TestSshd.USER, "127.0.0.1", sshd.port(), "/inbox"))
                .credentials(credentials)
                .hostKeyPolicy(policy)
                .options(options())
                .build();
        closeables.add(transport);
        return transport;
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
