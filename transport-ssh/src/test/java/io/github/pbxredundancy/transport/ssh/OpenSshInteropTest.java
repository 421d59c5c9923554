package io.github.pbxredundancy.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.TaskScheduler;
import io.github.pbxredundancy.core.WrittenBundle;
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
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import net.schmizz.sshj.common.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SshTransport} against the real OpenSSH {@code sshd} ({@link OpenSshServer}), the standby
 * side being the library's own {@code InboxWatcher} and {@code Receiver} ({@link ReceiverStandby}):
 * delivery with key logins and verified host keys, the refusals, a connection the server drops
 * mid-way, and a locked-down account. Skipped, with a message, where {@code /usr/sbin/sshd} is
 * missing; {@code .ci/run} installs it.
 */
@ExtendWith(OpenSshServer.Required.class)
class OpenSshInteropTest {
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static OpenSshServer server;

    @RegisterExtension
    static final TestWatcher PRINT_LOG = OpenSshServer.printLogOnFailure(() -> server);

    @TempDir
    Path dir;

    private ScheduledExecutorService timer;
    private ReceiverStandby standby;
    private Path inbox;
    private final List<SshTransport> transports = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        OpenSshServer.assumeAvailable();
        server = OpenSshServer.start();
        server.assumeLoginWorks();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @BeforeEach
    void startStandby(TestInfo test) throws Exception {
        timer = Executors.newSingleThreadScheduledExecutor();
        inbox = server.createDirectory("inbox-" + test.getTestMethod().orElseThrow().getName());
        standby = new ReceiverStandby(inbox, dir.resolve("store"));
    }

    @AfterEach
    void stopStandby() throws Exception {
        transports.forEach(SshTransport::close);
        standby.close();
        timer.shutdownNow();
    }

    @Test
    void theProjectsFingerprintIsTheOneSshKeygenPrints() {
        assertThat(HostKeyCheck.fingerprint(server.hostPublicKey())).isEqualTo(server.hostKeyFingerprint());
    }

    @Test
    void bundlesOfSeveralSizesArriveVerifiedWithThePinnedFingerprintOrTheKnownHostsFile() throws Exception {
        List<WrittenBundle> bundles = List.of(
                bundle("20160126T050001Z-e5-0000000000000001", 1, 1),
                bundle("20160126T050002Z-e5-0000000000000002", 1 << 20, 2),
                bundle("20160126T050003Z-e5-0000000000000003", 20 << 20, 3));
        SshTransport pinned = transport(server.clientKey(), new HostKeyPolicy.PinnedFingerprint(server.hostKeyFingerprint()));
        SshTransport known = transport(server.clientKey(), new HostKeyPolicy.KnownHosts(server.knownHostsFile()));

        for (int i = 0; i < bundles.size(); i++) {
            Delivery delivery = bundles.get(i).delivery();

            DeliveryReceipt receipt = (i % 2 == 0 ? pinned : known).deliver(delivery, TransferListener.NONE);

            assertThat(receipt).isEqualTo(new DeliveryReceipt.Accepted(delivery.bundleId(), delivery.sha256(), ReceiverStandby.EPOCH));
            assertThat(standby.kept()).last().isEqualTo(delivery.bundleId());
            assertThat(StandbyInbox.sha256(standby.keptFile(delivery.bundleId()))).isEqualTo(delivery.sha256());
        }
        assertThat(standby.kept()).containsExactlyElementsOf(bundles.stream().map(b -> b.manifest().bundleId()).toList());
        assertThat(standby.imported).containsExactlyElementsOf(standby.kept());
        assertThat(standby.awaitEmptyInbox(BOUND)).isEmpty();
    }

    @Test
    void anRsaKeyLogsInWithAnRsaSha2Signature() throws Exception {
        // The server takes no SHA-1 "ssh-rsa" signature (PubkeyAcceptedAlgorithms), so the login is rsa-sha2.
        Delivery delivery = bundle("20160126T050000Z-e5-00000000000000a1", 10_000, 1).delivery();

        DeliveryReceipt receipt = transport(server.rsaClientKey(), pinned()).deliver(delivery, TransferListener.NONE);

        assertThat(receipt).isEqualTo(new DeliveryReceipt.Accepted(delivery.bundleId(), delivery.sha256(), ReceiverStandby.EPOCH));
        assertThat(server.log()).containsPattern("Accepted publickey for " + server.user() + " from 127\\.0\\.0\\.1 port \\d+ ssh2: RSA SHA256:");
    }

    @Test
    void aWrongPinnedFingerprintIsRefusedBeforeLoggingInAndNothingIsWritten() throws Exception {
        Path otherKey = server.generateKey("other_host_key", "ed25519");
        String other = fingerprintOf(otherKey);
        long loginsBefore = logins();

        RedundancyException e = deliverFailing(transport(server.clientKey(), new HostKeyPolicy.PinnedFingerprint(other)),
                bundle("20160126T050000Z-e5-00000000000000a2", 10_000, 1).delivery());

        assertThat(e.reason()).as(e.getMessage()).isEqualTo(ReasonCode.HOST_KEY_CHANGED);
        assertThat(e.reason().retryable()).isFalse();
        assertThat(e.getMessage()).contains(server.hostKeyFingerprint()).contains(other);
        assertThat(logins()).as("no login to a server with another key").isEqualTo(loginsBefore);
        assertThat(standby.inboxFiles()).isEmpty();
        assertThat(standby.kept()).isEmpty();
    }

    @Test
    void aHostMissingFromKnownHostsIsUnknownAndAnotherKeyForItIsChanged() throws Exception {
        String key = server.knownHostsLine().substring(server.knownHostsLine().indexOf(' ') + 1);
        Path otherPort = Files.writeString(dir.resolve("known_hosts_other_port"), "[127.0.0.1]:" + (server.port() == 65535
                ? 65534 : server.port() + 1) + " " + key);
        Path otherKey = Files.writeString(dir.resolve("known_hosts_other_key"), "[127.0.0.1]:" + server.port() + " "
                + Files.readString(server.generateKey("impostor_key", "ed25519").resolveSibling("impostor_key.pub")));

        RedundancyException unknown = deliverFailing(transport(server.clientKey(), new HostKeyPolicy.KnownHosts(otherPort)),
                bundle("20160126T050000Z-e5-00000000000000a3", 1_000, 1).delivery());
        RedundancyException changed = deliverFailing(transport(server.clientKey(), new HostKeyPolicy.KnownHosts(otherKey)),
                bundle("20160126T050000Z-e5-00000000000000a4", 1_000, 2).delivery());

        assertThat(unknown.reason()).as(unknown.getMessage()).isEqualTo(ReasonCode.HOST_KEY_UNKNOWN);
        assertThat(unknown.getMessage()).contains(server.hostKeyFingerprint());
        assertThat(changed.reason()).as(changed.getMessage()).isEqualTo(ReasonCode.HOST_KEY_CHANGED);
        assertThat(standby.inboxFiles()).isEmpty();
    }

    @Test
    void aClientKeyTheServerDoesNotAuthorizeIsAnAuthenticationFailure() throws Exception {
        Path stranger = server.generateKey("id_ed25519_stranger", "ed25519");

        RedundancyException e = deliverFailing(transport(stranger, pinned()),
                bundle("20160126T050000Z-e5-00000000000000a5", 1_000, 1).delivery());

        assertThat(e.reason()).as(e.getMessage()).isEqualTo(ReasonCode.AUTHENTICATION_FAILED);
        assertThat(e.reason().retryable()).isFalse();
        assertThat(standby.inboxFiles()).isEmpty();
    }

    @Test
    void aMissingInboxIsInvalidInputNamingThePath() throws Exception {
        String missing = server.pathForClient(inbox) + "-missing";
        SshTransport transport = SshTransport.builder()
                .target(new SshTarget(server.user(), OpenSshServer.HOST, server.port(), missing))
                .credentials(SshCredentials.privateKey(server.clientKey()))
                .hostKeyPolicy(pinned())
                .options(options())
                .build();
        transports.add(transport);

        RedundancyException e = deliverFailing(transport, bundle("20160126T050000Z-e5-00000000000000a6", 1_000, 1).delivery());

        assertThat(e.reason()).as(e.getMessage()).isEqualTo(ReasonCode.INVALID_INPUT);
        assertThat(e.getMessage()).contains(missing);
    }

    @Test
    void aTransferTheServerDropsMidwayResumesAndTheStandbyEndsWithExactlyOneVerifiedBundle() throws Exception {
        WrittenBundle bundle = bundle("20160126T050000Z-e5-00000000000000b1", 32 << 20, 1);
        Delivery delivery = bundle.delivery();
        SshTransport transport = transport(server.clientKey(), pinned());
        AtomicBoolean armed = new AtomicBoolean(true);
        AtomicInteger killed = new AtomicInteger();
        TransferListener dropAt40Percent = (id, transferred, total) -> {
            if (transferred >= total * 4 / 10 && armed.compareAndSet(true, false)) {
                killed.set(server.dropConnections());
            }
        };

        RedundancyException cut = catchThrowableOfType(RedundancyException.class, () -> transport.deliver(delivery, dropAt40Percent));

        assertThat(cut).as("the first attempt must fail").isNotNull();
        assertThat(killed).as("sshd processes of the dropped connection").hasPositiveValue();
        assertThat(cut.reason()).as(cut.getMessage()).isEqualTo(ReasonCode.TRANSFER_INTERRUPTED);
        assertThat(cut.reason().retryable()).isTrue();
        assertThat(cut.getCause()).as("the lost connection is the cause, not a failure closing the remote file")
                .isInstanceOf(IOException.class);
        assertThat(cut.getMessage()).doesNotContain("Self-suppression");
        String part = delivery.bundleId().value() + ".part";
        assertThat(standby.inboxFiles()).as("the interrupted attempt leaves only what it can resume").containsExactly(part);
        long left = Files.size(inbox.resolve(part));
        assertThat(left).isBetween(1L, delivery.size() - 1);
        assertThat(standby.kept()).isEmpty();

        List<Long> progress = Collections.synchronizedList(new ArrayList<>());
        DeliveryReceipt receipt = transport.deliver(delivery, (id, transferred, total) -> progress.add(transferred));

        assertThat(receipt).isEqualTo(new DeliveryReceipt.Accepted(delivery.bundleId(), delivery.sha256(), ReceiverStandby.EPOCH));
        assertThat(progress.get(0)).as("the second attempt starts where the first stopped, not at 0").isPositive().isEqualTo(left);
        assertThat(progress.get(progress.size() - 1)).isEqualTo(delivery.size());
        assertThat(standby.kept()).containsExactly(delivery.bundleId());
        assertThat(StandbyInbox.sha256(standby.keptFile(delivery.bundleId()))).isEqualTo(delivery.sha256());
        assertThat(Files.mismatch(standby.keptFile(delivery.bundleId()), bundle.file())).isEqualTo(-1);
        assertThat(standby.imported).containsExactly(delivery.bundleId());
        assertThat(standby.awaitEmptyInbox(BOUND)).as("no .part, .sha256 or answer left").isEmpty();
    }

    @Test
    void aConnectionDroppedWhileWaitingForTheAnswerIsRetriedByWaitingForTheCommittedBundle(@TempDir Path store)
            throws Exception {
        Path quiet = server.createDirectory("quiet");
        Delivery delivery = bundle("20160126T050000Z-e5-00000000000000b2", 1 << 20, 1).delivery();
        SshTransport transport = SshTransport.builder()
                .target(server.target(quiet))
                .credentials(SshCredentials.privateKey(server.clientKey()))
                .hostKeyPolicy(pinned())
                .options(options())
                .build();
        transports.add(transport);
        CompletableFuture<DeliveryReceipt> first = CompletableFuture.supplyAsync(() -> transport.deliver(delivery, TransferListener.NONE));
        Path committed = quiet.resolve(delivery.bundleId().value() + ".bundle");
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!Files.exists(committed) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        assertThat(committed).as("the bundle was committed and the delivery waits for its answer").exists();

        assertThat(server.dropConnections()).isPositive();

        Throwable failure = catchThrowable(() -> first.get(BOUND.toMillis(), TimeUnit.MILLISECONDS));
        assertThat(failure).isInstanceOf(ExecutionException.class);
        assertThat(failure.getCause()).as("the transport fails with its own exception").isInstanceOf(RedundancyException.class);
        RedundancyException e = (RedundancyException) failure.getCause();
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(ReasonCode.TRANSFER_INTERRUPTED);
        assertThat(e.getMessage()).doesNotContain("Self-suppression");
        try (ReceiverStandby late = new ReceiverStandby(quiet, store)) {
            DeliveryReceipt receipt = transport.deliver(delivery, TransferListener.NONE);

            assertThat(receipt).isEqualTo(new DeliveryReceipt.Accepted(delivery.bundleId(), delivery.sha256(), ReceiverStandby.EPOCH));
            assertThat(late.kept()).containsExactly(delivery.bundleId());
            assertThat(late.awaitEmptyInbox(BOUND)).isEmpty();
        }
    }

    @Test
    void aWriteTheServerCannotDoIsAGenericRetryableFailureThatLeavesNothingBehind(@TempDir Path store) throws Exception {
        // OpenSSH's SFTP server (protocol 3) answers a write that fails with ENOSPC, EDQUOT or, here,
        // EFBIG with the generic SSH_FX_FAILURE "Failure". The transport asks for the free space to
        // tell a full disk (OpenSshDiskFullTest); with plenty free, as here, it stays UNEXPECTED.
        try (OpenSshServer limited = OpenSshServer.startWithFileSizeLimit(1 << 20);
             ReceiverStandby full = new ReceiverStandby(limited.inboxDirectory(), store)) {
            limited.printingLogOnFailure(() -> {
                Delivery delivery = bundle("20160126T050000Z-e5-00000000000000d1", 3 << 20, 1).delivery();
                SshTransport transport = SshTransport.builder()
                        .target(limited.target(limited.inboxDirectory()))
                        .credentials(SshCredentials.privateKey(limited.clientKey()))
                        .hostKeyPolicy(new HostKeyPolicy.PinnedFingerprint(limited.hostKeyFingerprint()))
                        .options(options())
                        .build();
                transports.add(transport);

                RedundancyException e = deliverFailing(transport, delivery);

                assertThat(e.reason()).as(e.getMessage()).isEqualTo(ReasonCode.UNEXPECTED);
                assertThat(e.reason().retryable()).isTrue();
                assertThat(e.getMessage()).contains("SFTPException: Failure");
                assertThat(full.inboxFiles()).as("a failed attempt removes its .part and .sha256").isEmpty();
                assertThat(full.kept()).isEmpty();
            });
        }
    }

    @Test
    void aLockedDownAccountWithForcedInternalSftpInAChrootWorksAndHasNoShell(@TempDir Path store) throws Exception {
        OpenSshServer.assumeChrootPossible();
        try (OpenSshServer locked = OpenSshServer.startLockedDown();
             ReceiverStandby chrooted = new ReceiverStandby(locked.inboxDirectory(), store)) {
            locked.printingLogOnFailure(() -> {
                Delivery delivery = bundle("20160126T050000Z-e5-00000000000000c1", 1 << 20, 1).delivery();
                SshTransport transport = SshTransport.builder()
                        .target(locked.target(locked.inboxDirectory()))
                        .credentials(SshCredentials.privateKey(locked.clientKey()))
                        .hostKeyPolicy(new HostKeyPolicy.KnownHosts(locked.knownHostsFile()))
                        .options(options())
                        .build();
                transports.add(transport);

                DeliveryReceipt receipt = transport.deliver(delivery, TransferListener.NONE);

                assertThat(locked.inboxPathForClient()).isEqualTo("/inbox");
                assertThat(receipt).isEqualTo(new DeliveryReceipt.Accepted(delivery.bundleId(), delivery.sha256(), ReceiverStandby.EPOCH));
                assertThat(chrooted.kept()).containsExactly(delivery.bundleId());
                assertThat(chrooted.awaitEmptyInbox(BOUND)).isEmpty();
                assertThat(locked.log()).contains("forced-command (config) 'internal-sftp'")
                        .contains("Changed root directory to \"" + locked.directory().resolve("chroot") + "\"");

                // No shell: a command is answered by the forced internal-sftp, which refuses it.
                Path marker = locked.directory().resolve("a-shell-ran");
                OpenSshServer.Execution execution = locked.execute("touch " + marker);
                assertThat(marker).doesNotExist();
                assertThat(execution.output()).contains("This service allows sftp connections only.");
                assertThat(execution.exitStatus()).isNotEqualTo(0);
            });
        }
    }

    private long logins() {
        return server.log().lines().filter(line -> line.startsWith("Accepted publickey for ")).count();
    }

    private static String fingerprintOf(Path privateKey) throws Exception {
        String[] fields = Files.readString(privateKey.resolveSibling(privateKey.getFileName() + ".pub")).strip().split("\\s+");
        return HostKeyCheck.fingerprint(new Buffer.PlainBuffer(Base64.getDecoder().decode(fields[1])).readPublicKey());
    }

    private RedundancyException deliverFailing(SshTransport transport, Delivery delivery) {
        RedundancyException e = catchThrowableOfType(RedundancyException.class,
                () -> transport.deliver(delivery, TransferListener.NONE));
        assertThat(e).as("the delivery must fail").isNotNull();
        return e;
    }

    private SshTransport transport(Path key, HostKeyPolicy policy) {
        SshTransport transport = SshTransport.builder()
                .target(server.target(inbox))
                .credentials(SshCredentials.privateKey(key))
                .hostKeyPolicy(policy)
                .options(options())
                .build();
        transports.add(transport);
        return transport;
    }

    private TransportOptions options() {
        return new TransportOptions(BOUND, Duration.ofMillis(10), Duration.ofSeconds(5), Clock.systemUTC(),
                TaskScheduler.using(timer, Clock.systemUTC()));
    }

    private static HostKeyPolicy pinned() {
        return new HostKeyPolicy.PinnedFingerprint(server.hostKeyFingerprint());
    }

    private WrittenBundle bundle(String id, long payloadBytes, int sequence) throws Exception {
        return ReceiverStandby.bundle(Files.createDirectories(dir.resolve("active")), id, payloadBytes, sequence);
    }
}
