package io.github.pbxredundancy.transport.ssh;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.TaskScheduler;
import io.github.pbxredundancy.core.spi.Delivery;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import io.github.pbxredundancy.core.spi.TransferListener;
import io.github.pbxredundancy.core.spi.TransportOptions;
import io.github.pbxredundancy.core.transport.InboxWatcher;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The SSH side of a delivery benchmark against a real OpenSSH {@code sshd} on loopback: a
 * pseudo-random bundle file in the server's directory, the standby's {@link InboxWatcher} on the
 * server's inbox with a handler that accepts at once (it neither hashes nor verifies: the benchmark
 * measures the transfer), and the two ways of sending the file: {@link SshTransport} and OpenSSH's
 * own {@code scp -c aes128-gcm@openssh.com} (the reference).
 *
 * <p>Used by {@link SshDeliveryBenchmark} and by transport-http's benchmark (through this module's
 * test-jar). Not thread-safe: one sending at a time.
 */
public final class SshBench implements AutoCloseable {
    private final OpenSshServer server;
    private final Path file;
    private final long size;
    private final String sha256;
    private final Path scpTarget;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService work = Executors.newSingleThreadExecutor();
    private final InboxWatcher watcher;
    private int deliveries;

    /**
     * Writes the bundle file and starts the standby's inbox watcher.
     *
     * @param server the running server; the file lies in its directory and goes with it
     * @param size the file's size in bytes
     * @throws IOException if the file cannot be written or hashed
     */
    public SshBench(OpenSshServer server, long size) throws IOException {
        this.server = server;
        this.size = size;
        this.file = server.directory().resolve("bundle.bin");
        writeRandom(file, size);
        this.sha256 = StandbyInbox.sha256(file);
        this.scpTarget = server.createDirectory("scp").resolve("bundle.bin");
        Clock clock = Clock.systemUTC();
        // Accepts at once: the benchmark measures the transfer, not the standby's verification.
        watcher = InboxWatcher.builder().inbox(server.inboxDirectory())
                .handler((id, bundle, announced) -> new DeliveryReceipt.Accepted(id, announced))
                .clock(clock).scheduler(TaskScheduler.using(timer, clock)).workExecutor(work)
                .pollInterval(Duration.ofMillis(10)).build();
        watcher.start();
    }

    /** @return the bundle file */
    public Path file() {
        return file;
    }

    /** @return its size in bytes */
    public long size() {
        return size;
    }

    /** @return its SHA-256, 64 lower-case hex digits */
    public String sha256() {
        return sha256;
    }

    /** @return a timer for transport options, shut down by {@link #close()} */
    public ScheduledExecutorService timer() {
        return timer;
    }

    /**
     * Delivers the file once with a new {@link SshTransport} (host key pinned, the server's client
     * key, default options but a 10 ms poll interval), its connection included in the time.
     *
     * @param variant changes to the transport's settings; identity for the defaults
     * @return the nanoseconds from the start of the delivery to the standby's acceptance
     * @throws IllegalStateException if the standby does not accept
     */
    public long deliver(UnaryOperator<SshTransport.Builder> variant) {
        Clock clock = Clock.systemUTC();
        TransportOptions options = TransportOptions.defaults(clock, TaskScheduler.using(timer, clock))
                .withPollInterval(Duration.ofMillis(10));
        SshTransport.Builder builder = SshTransport.builder()
                .target(server.target(server.inboxDirectory()))
                .credentials(SshCredentials.privateKey(server.clientKey()))
                .hostKeyPolicy(new HostKeyPolicy.PinnedFingerprint(server.hostKeyFingerprint()))
                .options(options);
        try (SshTransport transport = variant.apply(builder).build()) {
            Delivery delivery = new Delivery(BundleId.parse("bench-" + ++deliveries), file, size, sha256);
            long start = System.nanoTime();
            DeliveryReceipt receipt = transport.deliver(delivery, TransferListener.NONE);
            long nanos = System.nanoTime() - start;
            if (!(receipt instanceof DeliveryReceipt.Accepted)) {
                throw new IllegalStateException("the standby refused the benchmark bundle: " + receipt);
            }
            return nanos;
        }
    }

    /**
     * Copies the file once with {@code scp -c aes128-gcm@openssh.com} to the same server (known_hosts
     * with strict checking, the same client key), then deletes the copy.
     *
     * @return the nanoseconds from starting scp to its end
     * @throws IOException if scp cannot be started or the copy not deleted
     * @throws InterruptedException if interrupted while waiting for scp
     * @throws IllegalStateException if scp fails
     */
    public long scp() throws IOException, InterruptedException {
        Files.deleteIfExists(scpTarget);
        List<String> command = List.of("scp", "-q", "-c", "aes128-gcm@openssh.com", "-i", server.clientKey().toString(),
                "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
                "-o", "UserKnownHostsFile=" + server.knownHostsFile(), "-P", Integer.toString(server.port()),
                file.toString(), server.user() + "@" + OpenSshServer.HOST + ":" + server.pathForClient(scpTarget.getParent())
                        + "/bundle.bin");
        long start = System.nanoTime();
        Process scp = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(scp.getInputStream().readAllBytes());
        if (!scp.waitFor(10, TimeUnit.MINUTES) || scp.exitValue() != 0 || Files.size(scpTarget) != size) {
            throw new IllegalStateException("scp failed: " + output);
        }
        long nanos = System.nanoTime() - start;
        Files.delete(scpTarget);
        return nanos;
    }

    /**
     * Writes {@code size} pseudo-random bytes (a fixed seed), 1 MiB on the heap at a time.
     *
     * @param file the file to write
     * @param size its size in bytes
     * @throws IOException if it cannot be written
     */
    public static void writeRandom(Path file, long size) throws IOException {
        SplittableRandom random = new SplittableRandom(20261123);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, size - written));
            }
        }
    }

    /** Stops the watcher and the threads; the server (and with it the file) is the caller's to close. */
    @Override
    public void close() throws InterruptedException {
        watcher.stop();
        timer.shutdownNow();
        work.shutdown();
        work.awaitTermination(1, TimeUnit.MINUTES);
    }
}
