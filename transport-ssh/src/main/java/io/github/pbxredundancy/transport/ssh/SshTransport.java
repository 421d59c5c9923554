package io.github.pbxredundancy.transport.ssh;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.InputProblem;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.spi.Delivery;
import io.github.pbxredundancy.core.spi.ScheduledPoll;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import io.github.pbxredundancy.core.spi.InboxCodec;
import io.github.pbxredundancy.core.spi.InboxFile;
import io.github.pbxredundancy.core.spi.TransferListener;
import io.github.pbxredundancy.core.spi.Transport;
import io.github.pbxredundancy.core.spi.TransportOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.keepalive.KeepAliveRunner;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.FileMode;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.Response;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.SFTPException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.password.PasswordUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers bundles to the standby over SFTP (SSHJ): the sender side of the inbox protocol
 * ({@code docs/inbox-protocol.md}); the standby runs core's {@code InboxWatcher} on the inbox
 * directory the SFTP account writes to. Works with a locked-down account
 * ({@code ForceCommand internal-sftp}, {@code ChrootDirectory}): it needs nothing but SFTP.
 *
 * <p>Each delivery opens one connection: it verifies the server's host key by the
 * {@link HostKeyPolicy} (always; no policy accepts any key), logs in with the
 * {@link SshCredentials}, and then follows the protocol. If {@code <id>.bundle} is still in the
 * inbox from an earlier attempt, it only waits for its answer; otherwise it deletes answers left
 * from an earlier attempt, uploads the bundle to {@code <id>.part} (continuing after the size of an
 * {@code <id>.part} an interrupted attempt left; the standby's hash check proves the result),
 * writes {@code <id>.sha256} through {@code <id>.sha256.part} and a rename, renames
 * {@code <id>.part} to {@code <id>.bundle} (the commit point), then looks for {@code <id>.ack} or
 * {@code <id>.nack} every poll interval until the ack timeout, reads the answer strictly
 * ({@link InboxCodec#parseAnswer}), deletes it and returns it. Only modern algorithms are offered
 * (curve25519/ECDH/DH group 16+, AES-GCM/ChaCha20/AES-CTR, SHA-2 MACs, Ed25519/ECDSA/rsa-sha2).
 *
 * <p>Waiting for the answer never sleeps: each pause is a task on the options' scheduler and each
 * deadline is on the options' clock. The connect timeout bounds the TCP connection and each step
 * of the key exchange and login; the idle timeout bounds each SFTP request and each wait for the
 * server to take more data; keepalives every {@link Builder#keepAliveInterval keepalive interval}
 * keep the connection open through NAT and firewalls while the standby works, and close it when
 * the server stops answering them for about the idle timeout. An optional
 * {@link Builder#bandwidthLimit bandwidth cap} paces the upload (the one wait on real time).
 *
 * <p>Failures are {@link RedundancyException}s with the cause kept and no secret in the message:
 * credentials refused: {@link ReasonCode#AUTHENTICATION_FAILED}; a host key not known:
 * {@link ReasonCode#HOST_KEY_UNKNOWN}; a host key other than the known or pinned one:
 * {@link ReasonCode#HOST_KEY_CHANGED} (these three are not retryable); connection refused or
 * unreachable: {@link ReasonCode#CONNECTION_FAILED}; connect, request or ack timeout:
 * {@link ReasonCode#TIMEOUT}; the connection lost during the delivery or {@link #close()}:
 * {@link ReasonCode#TRANSFER_INTERRUPTED}; SFTP permission denied:
 * {@link ReasonCode#PERMISSION_DENIED}; no space or quota, where the server says so:
 * {@link ReasonCode#DISK_FULL}; a malformed answer, an answer about another bundle or with another
 * SHA-256: {@link ReasonCode#INTEGRITY_FAILED}; a missing inbox directory or key file:
 * {@link ReasonCode#INVALID_INPUT}; anything else {@link ReasonCode#UNEXPECTED}. A failed attempt
 * removes the {@code .sha256} files it wrote, and the {@code .part} too unless the transfer was
 * cut short (then the next attempt resumes it).
 *
 * <p>Thread-safe in the sense of {@link Transport}: one {@link #deliver} at a time;
 * {@link #close()} from any thread, which ends a running delivery.
 */
public final class SshTransport implements Transport {
    /** The URI scheme this transport serves. */
    public static final String SCHEME = SshTarget.SCHEME;
    /** The idle timeout unless set otherwise. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(1);
    /** The keepalive interval unless set otherwise. */
    public static final Duration DEFAULT_KEEP_ALIVE_INTERVAL = Duration.ofSeconds(15);
    /** The smallest bandwidth cap, in bytes per second: below it a delivery would hardly move. */
    public static final long MIN_BANDWIDTH_LIMIT = 8 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(SshTransport.class);
    /**
     * Bytes per SFTP write request: the 32 KiB OpenSSH's own client uses. Smaller ones pay the
     * per-request cost more often, larger ones are split into 32 KiB channel packets anyway (the
     * benchmark in the README measures both).
     */
    private static final int CHUNK = 32 * 1024;
    /** The smallest write request under a bandwidth cap. */
    private static final int MIN_THROTTLED_CHUNK = 1024;
    /**
     * Write requests sent before the first of them must be answered: enough to hide the round trip
     * (one at a time is a quarter of the speed), no more than the server's channel window holds.
     */
    private static final int OUTSTANDING_WRITES = 16;
    private static final long REPORT_EVERY = 256 * 1024;

    private final SshTarget target;
    private final SshCredentials credentials;
    private final HostKeyPolicy hostKeyPolicy;
    private final TransportOptions options;
    private final Duration idleTimeout;
    private final Duration keepAliveInterval;
    private final long bandwidthLimit;
    private final Throttle throttle;
    private final int chunk;
    private final int outstandingWrites;
    private final Config config;
    private final ScheduledPoll poll;
    private volatile SSHClient current;
    private volatile boolean closed;

    private SshTransport(Builder builder) {
        this.target = builder.target;
        this.credentials = builder.credentials;
        this.hostKeyPolicy = builder.hostKeyPolicy;
        this.options = builder.options;
        this.idleTimeout = builder.idleTimeout;
        this.keepAliveInterval = builder.keepAliveInterval;
        this.bandwidthLimit = builder.bandwidthLimit;
        this.throttle = builder.throttle != null ? builder.throttle
                : bandwidthLimit == 0 ? Throttle.NONE : Throttle.of(bandwidthLimit);
        // Under a cap, smaller requests keep each wait short (about 1/8 s), so close() is prompt.
        this.chunk = bandwidthLimit == 0 ? builder.requestSize
                : (int) Math.max(MIN_THROTTLED_CHUNK, Math.min(builder.requestSize, bandwidthLimit / 8));
        this.outstandingWrites = builder.outstandingWrites;
        this.config = Algorithms.modern(builder.jdkAesGcm);
        this.config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
        this.poll = new ScheduledPoll(options.clock(), options.scheduler());
    }

    /**
     * @return a builder; target, credentials, host key policy and options are required
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the standby's inbox */
    public SshTarget target() {
        return target;
    }

    /** @return how the server's host key is verified */
    public HostKeyPolicy hostKeyPolicy() {
        return hostKeyPolicy;
    }

    /**
     * Delivers a bundle and waits for the standby's answer; see the class comment.
     *
     * @throws IllegalStateException if the transport is closed
     */
    @Override
    public DeliveryReceipt deliver(Delivery delivery, TransferListener listener) {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(listener, "listener");
        if (closed) {
            throw new IllegalStateException("the SSH transport to " + target + " is closed");
        }
        BundleId id = delivery.bundleId();
        SSHClient client = connect();
        try (SFTPClient sftp = openSftp(client)) {
            requireInbox(sftp);
            if (exists(sftp, InboxFile.BUNDLE, id)) {
                LOG.info("Bundle {} is still in the inbox {} from an earlier attempt; waiting for its answer", id, target);
            } else {
                send(sftp, client, delivery, listener);
            }
            DeliveryReceipt receipt = delivery.requireAnsweredBy(awaitAnswer(sftp, id));
            LOG.info("Bundle {} delivered to {}: {}", id, target, receipt instanceof DeliveryReceipt.Rejected rejected
                    ? "rejected, " + rejected.reason() : "accepted");
            return receipt;
        } catch (IOException e) {
            throw failure("cannot deliver bundle " + id + " to " + target, e, SshFailures.Phase.TRANSFER, client.isConnected());
        } catch (RedundancyException e) {
            if (closed && e.reason() != ReasonCode.TRANSFER_INTERRUPTED) {
                throw new RedundancyException(ReasonCode.TRANSFER_INTERRUPTED, "the SSH transport to " + target
                        + " was closed during the delivery of bundle " + id, e);
            }
            throw e;
        } finally {
            disconnect(client);
        }
    }

    /** Ends a running delivery (it fails with {@link ReasonCode#TRANSFER_INTERRUPTED}); later deliveries fail. Idempotent. */
    @Override
    public void close() {
        closed = true;
        poll.cancel();
        SSHClient client = current;
        if (client != null) {
            disconnect(client);
        }
    }

    @Override
    public String toString() {
        return "SshTransport[" + target + "]";
    }

    private SSHClient connect() {
        SSHClient client = new SSHClient(config);
        int connectMillis = millis(options.connectTimeout());
        client.setConnectTimeout(connectMillis);
        client.getTransport().setTimeoutMs(connectMillis);
        // A channel waiting for the server to take more data waits as long as an SFTP request may.
        client.getConnection().setTimeoutMs(millis(idleTimeout));
        // Keepalives hold NAT and firewall state open while the standby verifies and imports, and
        // end a connection whose peer went silent after about the idle timeout.
        KeepAliveRunner keepAlive = (KeepAliveRunner) client.getConnection().getKeepAlive();
        int intervalSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, keepAliveInterval.toSeconds()));
        keepAlive.setKeepAliveInterval(intervalSeconds);
        keepAlive.setMaxAliveCount((int) Math.max(2, Math.min(1000, idleTimeout.toSeconds() / intervalSeconds)));
        HostKeyCheck hostKeys;
        try {
            hostKeys = HostKeyCheck.of(hostKeyPolicy);
        } catch (IOException e) {
            throw new RedundancyException(ReasonCode.INVALID_INPUT, "cannot read the host key file of " + target + ": "
                    + SshFailures.describe(e), e);
        }
        client.addHostKeyVerifier(hostKeys);
        current = client;
        try {
            if (closed) {
                throw new RedundancyException(ReasonCode.TRANSFER_INTERRUPTED, "the SSH transport to " + target + " was closed");
            }
            client.connect(target.host(), target.port());
            // SFTP is request and answer: with Nagle's algorithm the tail of a request waits for the
            // peer's delayed acknowledgement (up to 40 ms on Linux), which made unpipelined writes
            // and every small request (stat, rename, the answer's poll) crawl.
            client.getSocket().setTcpNoDelay(true);
            authenticate(client);
            LOG.debug("Connected to {} as {}", target, target.user());
            return client;
        } catch (IOException | RuntimeException e) {
            disconnect(client);
            if (e instanceof RedundancyException redundancy) {
                throw redundancy;
            }
            if (closed) {
                throw new RedundancyException(ReasonCode.TRANSFER_INTERRUPTED, "the SSH transport to " + target
                        + " was closed while connecting", e);
            }
            throw SshFailures.of("cannot connect to " + target, e, SshFailures.Phase.CONNECT, hostKeys);
        }
    }

    private void authenticate(SSHClient client) throws IOException {
        if (credentials instanceof SshCredentials.Password password) {
            char[] clear = password.password().reveal();
            try {
                client.authPassword(target.user(), clear);
            } finally {
                Arrays.fill(clear, '\0');
            }
            return;
        }
        SshCredentials.PrivateKey key = (SshCredentials.PrivateKey) credentials;
        KeyProvider keys;
        try {
            keys = key.passphrase().isPresent()
                    ? client.loadKeys(key.keyFile().toString(), PasswordUtils.createOneOff(key.passphrase().get().reveal()))
                    : client.loadKeys(key.keyFile().toString());
        } catch (IOException e) {
            throw new RedundancyException(ReasonCode.INVALID_INPUT, "cannot read the private key file '" + key.keyFile()
                    + "' for " + target + ": " + SshFailures.describe(e), e);
        }
        client.authPublickey(target.user(), keys);
    }

    private SFTPClient openSftp(SSHClient client) {
        try {
            SFTPClient sftp = client.newSFTPClient();
            sftp.getSFTPEngine().setTimeoutMs(millis(idleTimeout));
            return sftp;
        } catch (IOException e) {
            throw failure("cannot start SFTP on " + target + " (is the SFTP subsystem enabled for the account?)", e,
                    SshFailures.Phase.CONNECT, client.isConnected());
        }
    }

    private void requireInbox(SFTPClient sftp) throws IOException {
        FileAttributes attributes;
        try {
            attributes = sftp.stat(target.path());
        } catch (SFTPException e) {
            if (e.getStatusCode() == Response.StatusCode.NO_SUCH_FILE || e.getStatusCode() == Response.StatusCode.NO_SUCH_PATH) {
                throw new RedundancyException(ReasonCode.INVALID_INPUT, "the inbox directory '" + target.path()
                        + "' does not exist on " + target.host() + ":" + target.port() + " (below the account's chroot, if any)", e);
            }
            throw e;
        }
        if (attributes.getType() != FileMode.Type.DIRECTORY) {
            throw InvalidInputException.of("ssh target path", target.toString(), "must name a directory on the standby, the inbox");
        }
    }

    private void send(SFTPClient sftp, SSHClient client, Delivery delivery, TransferListener listener) throws IOException {
        BundleId id = delivery.bundleId();
        String part = remote(InboxFile.PART, id);
        String sha256Part = remote(InboxFile.SHA256_PART, id);
        String sha256 = remote(InboxFile.SHA256, id);
        try {
            // An answer left from an earlier attempt must not be taken for the answer to this one.
            removeIfPresent(sftp, remote(InboxFile.ACK, id));
            removeIfPresent(sftp, remote(InboxFile.NACK, id));
            upload(sftp, delivery, part, listener);
            removeIfPresent(sftp, sha256Part);
            RemoteFile hashFile = sftp.open(sha256Part, EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.EXCL));
            try {
                byte[] bytes = InboxCodec.renderSha256(delivery.sha256());
                hashFile.write(0, bytes, 0, bytes.length);
            } catch (IOException | RuntimeException e) {
                closeAfterFailure(hashFile, e);
                throw e;
            }
            hashFile.close();
            removeIfPresent(sftp, sha256);
            sftp.rename(sha256Part, sha256);
            sftp.rename(part, remote(InboxFile.BUNDLE, id));
        } catch (IOException | RuntimeException e) {
            RedundancyException failure = e instanceof RedundancyException redundancy ? redundancy
                    : failure("cannot write bundle " + id + " into the inbox " + target, e, SshFailures.Phase.TRANSFER,
                            client.isConnected());
            if (failure.reason() == ReasonCode.UNEXPECTED && RemoteFreeSpace.isGenericFailure(e) && client.isConnected()) {
                failure = diskFullOr(failure, sftp, delivery, part);
            }
            boolean resumable = failure.reason() == ReasonCode.TRANSFER_INTERRUPTED || failure.reason() == ReasonCode.TIMEOUT;
            if (client.isConnected() && !closed) {
                removeAfter(sftp, failure, resumable ? List.of(sha256Part, sha256) : List.of(sha256Part, sha256, part));
            }
            throw failure;
        }
    }

    private void upload(SFTPClient sftp, Delivery delivery, String part, TransferListener listener) throws IOException {
        long size = delivery.size();
        long offset = resumeOffset(sftp, part, size);
        requireRoom(sftp, delivery, offset);
        EnumSet<OpenMode> mode = offset == 0 ? EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.EXCL) : EnumSet.of(OpenMode.WRITE);
        try (FileChannel source = openSource(delivery)) {
            RemoteFile file = sftp.open(part, mode);
            try {
                if (offset > 0) {
                    LOG.info("Resuming bundle {} on {} after {} of {} bytes", delivery.bundleId(), target, offset, size);
                }
                report(listener, delivery, offset);
                stream(source, file.new RemoteFileOutputStream(offset, outstandingWrites), delivery, offset, listener);
            } catch (IOException | RuntimeException e) {
                closeAfterFailure(file, e);
                throw e;
            }
            file.close();
        }
    }

    private void stream(FileChannel source, RemoteFile.RemoteFileOutputStream out, Delivery delivery, long offset,
                        TransferListener listener) throws IOException {
        long size = delivery.size();
        ByteBuffer buffer = ByteBuffer.allocate(chunk);
        long position = offset;
        long reported = offset;
        while (position < size) {
            buffer.clear().limit((int) Math.min(chunk, size - position));
            int read = source.read(buffer, position);
            if (read <= 0) {
                throw new RedundancyException(ReasonCode.INTEGRITY_FAILED, "the bundle file '" + delivery.file()
                        + "' ended after " + position + " of " + size + " bytes: it changed since it was written");
            }
            throttle.acquire(read);
            out.write(buffer.array(), 0, read);
            position += read;
            if (position - reported >= REPORT_EVERY && position < size) {
                report(listener, delivery, position);
                reported = position;
            }
        }
        out.flush();
        report(listener, delivery, size);
    }

    /**
     * Stops before the first byte if the server says the rest cannot fit (a bundle is not sent for
     * an hour to fail at its end).
     */
    private void requireRoom(SFTPClient sftp, Delivery delivery, long offset) {
        long needed = delivery.size() - offset;
        OptionalLong free = RemoteFreeSpace.of(sftp.getSFTPEngine(), target.path());
        if (free.isPresent() && free.getAsLong() < needed) {
            throw new RedundancyException(ReasonCode.DISK_FULL, "the standby's inbox file system is full: "
                    + free.getAsLong() + " bytes free in " + target + ", " + needed + " needed for bundle " + delivery.bundleId());
        }
    }

    /** OpenSSH answers a write into a full file system with a bare failure: the free space tells. */
    private RedundancyException diskFullOr(RedundancyException failure, SFTPClient sftp, Delivery delivery, String part) {
        OptionalLong free = RemoteFreeSpace.of(sftp.getSFTPEngine(), target.path());
        long written;
        try {
            written = lstat(sftp, part).map(FileAttributes::getSize).orElse(0L);
        } catch (IOException e) {
            written = 0;
        }
        long needed = Math.max(1, delivery.size() - written);
        if (free.isEmpty() || free.getAsLong() >= needed) {
            return failure;
        }
        RedundancyException full = new RedundancyException(ReasonCode.DISK_FULL, "the standby's inbox file system is full:"
                + " bundle " + delivery.bundleId() + " stopped after " + written + " of " + delivery.size() + " bytes with "
                + free.getAsLong() + " bytes free in " + target + "; the partial file is removed", failure.getCause());
        return full;
    }

    /** The size of an {@code <id>.part} an earlier attempt left, or 0 after removing anything else with the name. */
    private long resumeOffset(SFTPClient sftp, String part, long size) throws IOException {
        Optional<FileAttributes> attributes = lstat(sftp, part);
        if (attributes.isEmpty()) {
            return 0;
        }
        FileAttributes found = attributes.get();
        if (found.getType() == FileMode.Type.REGULAR && found.getSize() <= size) {
            return found.getSize();
        }
        sftp.rm(part);
        return 0;
    }

    private static FileChannel openSource(Delivery delivery) {
        try {
            return FileChannel.open(delivery.file(), StandardOpenOption.READ);
        } catch (IOException e) {
            throw new RedundancyException(ReasonCode.UNEXPECTED, "cannot read the bundle file '" + delivery.file()
                    + "': " + SshFailures.describe(e), e);
        }
    }

    private static void report(TransferListener listener, Delivery delivery, long transferred) {
        try {
            listener.transferred(delivery.bundleId(), transferred, delivery.size());
        } catch (RuntimeException e) {
            LOG.warn("A transfer listener failed; the delivery goes on", e);
        }
    }

    private DeliveryReceipt awaitAnswer(SFTPClient sftp, BundleId id) throws IOException {
        String what = "the standby's answer to bundle " + id;
        try {
            return poll.poll(() -> lookForAnswer(sftp, id), options.ackTimeout(), options.pollInterval(), what)
                    .orElseThrow(() -> new RedundancyException(ReasonCode.TIMEOUT, "no answer from the standby to bundle "
                            + id + " in the inbox " + target + " within " + options.ackTimeout()
                            + ": is the standby's inbox watcher running?"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedundancyException(ReasonCode.TRANSFER_INTERRUPTED, "interrupted while waiting for " + what, e);
        }
    }

    private Optional<DeliveryReceipt> lookForAnswer(SFTPClient sftp, BundleId id) throws IOException {
        Optional<DeliveryReceipt> accepted = answer(sftp, InboxFile.ACK, id);
        return accepted.isPresent() ? accepted : answer(sftp, InboxFile.NACK, id);
    }

    private Optional<DeliveryReceipt> answer(SFTPClient sftp, InboxFile kind, BundleId id) throws IOException {
        String file = remote(kind, id);
        Optional<FileAttributes> attributes = lstat(sftp, file);
        if (attributes.isEmpty()) {
            return Optional.empty();
        }
        // Read before the try: an answer that cannot be read is not deleted unread.
        byte[] bytes = attributes.get().getType() == FileMode.Type.REGULAR ? readAtMost(sftp, file, InboxCodec.MAX_ANSWER_BYTES) : null;
        try {
            if (bytes == null) {
                throw new RedundancyException(ReasonCode.INTEGRITY_FAILED, "the answer " + kind.nameFor(id)
                        + " in the inbox " + target + " is not a regular file");
            }
            return Optional.of(InboxCodec.parseAnswer(bytes));
        } catch (RedundancyException e) {
            throw new RedundancyException(e.reason(), "answer " + kind.nameFor(id) + " in the inbox " + target + ": "
                    + e.getMessage(), e);
        } finally {
            try {
                removeIfPresent(sftp, file);
            } catch (IOException e) {
                // The verdict stands; the next delivery of this id deletes the answer before it commits.
                LOG.warn("Cannot delete the answer {} in {}", kind.nameFor(id), target, e);
            }
        }
    }

    /** At most {@code limit} + 1 bytes, so that a larger file is seen as too large. */
    private static byte[] readAtMost(SFTPClient sftp, String path, int limit) throws IOException {
        byte[] bytes = new byte[limit + 1];
        int total = 0;
        RemoteFile file = sftp.open(path, EnumSet.of(OpenMode.READ));
        try {
            while (total < bytes.length) {
                int read = file.read(total, bytes, total, bytes.length - total);
                if (read < 0) {
                    break;
                }
                total += read;
            }
        } catch (IOException | RuntimeException e) {
            closeAfterFailure(file, e);
            throw e;
        }
        file.close();
        return Arrays.copyOf(bytes, total);
    }

    /**
     * Closes a remote file after {@code failure} without losing it. Once the connection is gone,
     * SSHJ throws from {@code close()} the very exception the failed request threw, and
     * try-with-resources would replace it by an {@link IllegalArgumentException} ("Self-suppression
     * not permitted") that hides the lost connection from the message and the reason code.
     */
    private static void closeAfterFailure(RemoteFile file, Exception failure) {
        try {
            file.close();
        } catch (IOException | RuntimeException e) {
            if (e != failure) {
                failure.addSuppressed(e);
            }
        }
    }

    private boolean exists(SFTPClient sftp, InboxFile kind, BundleId id) throws IOException {
        return lstat(sftp, remote(kind, id)).isPresent();
    }

    private static Optional<FileAttributes> lstat(SFTPClient sftp, String path) throws IOException {
        try {
            return Optional.of(sftp.lstat(path));
        } catch (SFTPException e) {
            if (e.getStatusCode() == Response.StatusCode.NO_SUCH_FILE || e.getStatusCode() == Response.StatusCode.NO_SUCH_PATH) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static void removeIfPresent(SFTPClient sftp, String path) throws IOException {
        if (lstat(sftp, path).isPresent()) {
            try {
                sftp.rm(path);
            } catch (SFTPException e) {
                if (e.getStatusCode() != Response.StatusCode.NO_SUCH_FILE) {
                    throw e;
                }
            }
        }
    }

    private static void removeAfter(SFTPClient sftp, RedundancyException failure, List<String> paths) {
        for (String path : paths) {
            try {
                removeIfPresent(sftp, path);
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

    private RedundancyException failure(String context, Exception e, SshFailures.Phase phase, boolean stillConnected) {
        if (closed) {
            return new RedundancyException(ReasonCode.TRANSFER_INTERRUPTED, "the SSH transport to " + target
                    + " was closed: " + context, e);
        }
        return SshFailures.of(context, e, phase, null, stillConnected);
    }

    private String remote(InboxFile kind, BundleId id) {
        return target.inboxFile(kind.nameFor(id));
    }

    private void disconnect(SSHClient client) {
        try {
            client.disconnect();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Disconnecting from {} failed", target, e);
        }
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
    }

    /**
     * Collects the settings of an {@link SshTransport}. Not thread-safe; {@link #build()} returns
     * an immutable, thread-safe transport.
     */
    public static final class Builder {
        private SshTarget target;
        private SshCredentials credentials;
        private HostKeyPolicy hostKeyPolicy;
        private TransportOptions options;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration keepAliveInterval = DEFAULT_KEEP_ALIVE_INTERVAL;
        private long bandwidthLimit;
        private Throttle throttle;
        private int requestSize = CHUNK;
        private int outstandingWrites = OUTSTANDING_WRITES;
        private boolean jdkAesGcm = true;

        private Builder() {
        }

        /**
         * @param target the standby's inbox; required
         * @return this builder
         */
        public Builder target(SshTarget target) {
            this.target = target;
            return this;
        }

        /**
         * @param target the standby's inbox as {@code ssh://user@host:port/inbox/path}; required
         * @return this builder
         * @throws InvalidInputException if the URI is not a valid target, see {@link SshTarget#parse}
         */
        public Builder target(URI target) {
            this.target = SshTarget.parse(target);
            return this;
        }

        /**
         * @param credentials how to log in; required
         * @return this builder
         */
        public Builder credentials(SshCredentials credentials) {
            this.credentials = credentials;
            return this;
        }

        /**
         * @param hostKeyPolicy how to verify the server's host key; required, there is no default
         * @return this builder
         */
        public Builder hostKeyPolicy(HostKeyPolicy hostKeyPolicy) {
            this.hostKeyPolicy = hostKeyPolicy;
            return this;
        }

        /**
         * @param options ack timeout, poll interval, connect timeout, clock and scheduler; required
         * @return this builder
         */
        public Builder options(TransportOptions options) {
            this.options = options;
            return this;
        }

        /**
         * @param idleTimeout the longest one SFTP request may wait for its reply; default
         *     {@link #DEFAULT_IDLE_TIMEOUT}
         * @return this builder
         */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        /**
         * @param keepAliveInterval how often to ask a quiet server whether it is still there
         *     ({@code keepalive@openssh.com}), whole seconds; default
         *     {@link #DEFAULT_KEEP_ALIVE_INTERVAL}. A connection whose server leaves the questions
         *     unanswered for about the idle timeout (at least two of them) is closed.
         * @return this builder
         */
        public Builder keepAliveInterval(Duration keepAliveInterval) {
            this.keepAliveInterval = keepAliveInterval;
            return this;
        }

        /**
         * @param bytesPerSecond the most the upload may send per second, e.g. {@code 1_000_000}
         *     for about 8 Mbit/s, so that replication leaves room for calls on a small uplink;
         *     {@code 0} (the default) for no cap, else at least {@value #MIN_BANDWIDTH_LIMIT}
         * @return this builder
         */
        public Builder bandwidthLimit(long bytesPerSecond) {
            this.bandwidthLimit = bytesPerSecond;
            return this;
        }

        /**
         * For the benchmark: the bytes per SFTP write request and how many requests may await
         * their answer at once.
         */
        Builder sftpRequests(int requestSize, int outstandingWrites) {
            this.requestSize = Math.max(1024, Math.min(256 * 1024, requestSize));
            this.outstandingWrites = Math.max(0, Math.min(256, outstandingWrites));
            return this;
        }

        /** For the benchmark: false for SSHJ's own AES-GCM instead of the JDK's. */
        Builder jdkAesGcm(boolean jdkAesGcm) {
            this.jdkAesGcm = jdkAesGcm;
            return this;
        }

        /** For tests: what paces the upload, instead of the one the bandwidth limit makes. */
        Builder throttle(Throttle throttle) {
            this.throttle = throttle;
            return this;
        }

        /**
         * @return the transport
         * @throws InvalidInputException naming every missing setting, an idle timeout that is not
         *     more than zero, a keepalive interval under a second and a bandwidth limit that is
         *     neither 0 nor at least {@value #MIN_BANDWIDTH_LIMIT}
         */
        public SshTransport build() {
            List<InputProblem> problems = new ArrayList<>();
            if (target == null) {
                problems.add(InputProblem.of("target", null, "is required, e.g. ssh://root@192.168.1.20/var/spool/pbx-inbox"));
            }
            if (credentials == null) {
                problems.add(InputProblem.of("credentials", null, "is required: a password or a private key file"));
            }
            if (hostKeyPolicy == null) {
                problems.add(InputProblem.of("hostKeyPolicy", null,
                        "is required: a known_hosts file, a pinned SHA256: fingerprint or explicit trust-on-first-use"));
            }
            if (options == null) {
                problems.add(InputProblem.of("options", null, "is required"));
            }
            if (idleTimeout == null || idleTimeout.compareTo(Duration.ZERO) <= 0) {
                problems.add(InputProblem.of("idleTimeout", idleTimeout == null ? null : idleTimeout.toString(),
                        "must be more than 0"));
            }
            if (keepAliveInterval == null || keepAliveInterval.compareTo(Duration.ofSeconds(1)) < 0) {
                problems.add(InputProblem.of("keepAliveInterval", keepAliveInterval == null ? null
                        : keepAliveInterval.toString(), "must be at least 1 second"));
            }
            if (bandwidthLimit != 0 && bandwidthLimit < MIN_BANDWIDTH_LIMIT) {
                problems.add(InputProblem.of("bandwidthLimit", Long.toString(bandwidthLimit), "must be 0 (no cap) or at least "
                        + MIN_BANDWIDTH_LIMIT + " bytes per second"));
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            return new SshTransport(this);
        }
    }
}
