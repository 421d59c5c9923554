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
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Delivers one bundle file to a real OpenSSH {@code sshd} on loopback with {@link SshTransport},
 * interleaved in the same run with OpenSSH's own {@code scp -c aes128-gcm@openssh.com} of the same
 * file to the same server (the reference), and prints each run, the medians and their ratio, and
 * the JVM's peak heap. Run by {@code mvn -B -q -Pbenchmarks -DskipTests package -pl transport-ssh -am}
 * with {@code -Xmx64m}; see the README's Benchmarks section.
 *
 * <p>The standby answers at once, without verifying, so both sides measure the transfer (for the
 * transport also its renames and the answer's round trip, at most one 10 ms poll). Host keys are
 * verified on both sides: the transport pins the fingerprint, {@code scp} uses a known_hosts file
 * with strict checking. The order of the two alternates from round to round, and a first round of
 * each warms up the JIT and the page cache and is not counted.
 *
 * <p>{@code -Dbench.variants=true} also runs the transport with other SFTP request sizes and
 * numbers of outstanding requests, to show what limits the SFTP path.
 *
 * <p>Properties: {@code bench.size} (MiB, default 1024), {@code bench.rounds} (default 5),
 * {@code bench.variants} (default false).
 */
public final class SshDeliveryBenchmark {
    private static final long MIB = 1024 * 1024;

    private SshDeliveryBenchmark() {
    }

    /**
     * @param args none; see the class comment for the properties
     * @throws Exception whatever fails; the benchmark stops at the first failure
     */
    public static void main(String[] args) throws Exception {
        long size = Long.getLong("bench.size", 1024) * MIB;
        int rounds = Integer.getInteger("bench.rounds", 5);
        boolean variants = Boolean.getBoolean("bench.variants");
        if (OpenSshServer.unavailableReason().isPresent()) {
            System.out.println("SSH benchmark skipped: " + OpenSshServer.unavailableReason().get());
            return;
        }
        try (OpenSshServer server = OpenSshServer.start(); Bench bench = new Bench(server, size)) {
            Map<String, UnaryOperator<SshTransport.Builder>> contenders = new LinkedHashMap<>();
            contenders.put("SshTransport (32 KiB x 16 outstanding)", b -> b);
            if (variants) {
                contenders.put("  variant: SSHJ's AES-GCM (Bouncy Castle)", b -> b.jdkAesGcm(false));
                contenders.put("  variant: 32 KiB, 1 at a time", b -> b.sftpRequests(32 * 1024, 0));
                contenders.put("  variant: 32 KiB x 4 outstanding", b -> b.sftpRequests(32 * 1024, 4));
                contenders.put("  variant: 32 KiB x 64 outstanding", b -> b.sftpRequests(32 * 1024, 64));
                contenders.put("  variant: 8 KiB x 16 outstanding", b -> b.sftpRequests(8 * 1024, 16));
                contenders.put("  variant: 128 KiB x 16 outstanding", b -> b.sftpRequests(128 * 1024, 16));
            }
            System.out.printf(Locale.ROOT, "bundle: %d MiB; OpenSSH %s on %s:%d; max heap %d MiB; %d rounds after one warm-up%n",
                    size / MIB, OpenSshServer.version(), OpenSshServer.HOST, server.port(),
                    Runtime.getRuntime().maxMemory() / MIB, rounds);
            Map<String, List<Long>> runs = new LinkedHashMap<>();
            runs.put("scp -c aes128-gcm (reference)", new ArrayList<>());
            contenders.keySet().forEach(name -> runs.put(name, new ArrayList<>()));
            resetPeakHeap();
            for (int round = 0; round <= rounds; round++) {
                boolean counted = round > 0;
                boolean scpFirst = round % 2 == 0;
                if (scpFirst) {
                    record(runs, "scp -c aes128-gcm (reference)", bench.scp(), counted);
                }
                for (Map.Entry<String, UnaryOperator<SshTransport.Builder>> contender : contenders.entrySet()) {
                    record(runs, contender.getKey(), bench.deliver(contender.getValue()), counted);
                }
                if (!scpFirst) {
                    record(runs, "scp -c aes128-gcm (reference)", bench.scp(), counted);
                }
            }
            long reference = median(runs.get("scp -c aes128-gcm (reference)"));
            runs.forEach((name, nanos) -> report(name, size, nanos, reference));
            System.out.printf(Locale.ROOT, "ratio above 1.0: faster than scp. Heap limit %d MiB (-Xmx); the heap pools'"
                    + " peaks, each at its own moment, add up to %d MiB%n", Runtime.getRuntime().maxMemory() / MIB, peakHeap() / MIB);
        }
    }

    private static void record(Map<String, List<Long>> runs, String name, long nanos, boolean counted) {
        if (counted) {
            runs.get(name).add(nanos);
        }
    }

    private static void report(String name, long size, List<Long> nanos, long reference) {
        long median = median(nanos);
        StringBuilder each = new StringBuilder();
        nanos.forEach(n -> each.append(String.format(Locale.ROOT, " %.0f", size / 1e6 / (n / 1e9))));
        System.out.printf(Locale.ROOT, "%-40s median %6.2f s %6.0f MB/s  ratio %.2f  (MB/s per run:%s)%n", name,
                median / 1e9, size / 1e6 / (median / 1e9), reference / (double) median, each);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void resetPeakHeap() {
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    /** The file, the standby's inbox watcher and the two ways of sending. */
    private static final class Bench implements AutoCloseable {
        private final OpenSshServer server;
        private final Path file;
        private final long size;
        private final String sha256;
        private final Path scpTarget;
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        private final ExecutorService work = Executors.newSingleThreadExecutor();
        private final InboxWatcher watcher;
        private int deliveries;

        Bench(OpenSshServer server, long size) throws IOException {
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

        long deliver(UnaryOperator<SshTransport.Builder> variant) {
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

        long scp() throws IOException, InterruptedException {
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

        private static void writeRandom(Path file, long size) throws IOException {
            SplittableRandom random = new SplittableRandom(20261123);
            byte[] block = new byte[1 << 20];
            try (OutputStream out = Files.newOutputStream(file)) {
                for (long written = 0; written < size; written += block.length) {
                    random.nextBytes(block);
                    out.write(block, 0, (int) Math.min(block.length, size - written));
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            watcher.stop();
            timer.shutdownNow();
            work.shutdown();
            work.awaitTermination(1, TimeUnit.MINUTES);
        }
    }
}
