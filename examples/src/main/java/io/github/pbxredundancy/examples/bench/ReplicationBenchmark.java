package io.github.pbxredundancy.examples.bench;

import io.github.pbxredundancy.core.BundleDeliverySteps;
import io.github.pbxredundancy.core.BundleExpectations;
import io.github.pbxredundancy.core.BundleHeader;
import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.BundleLimits;
import io.github.pbxredundancy.core.BundleVerifier;
import io.github.pbxredundancy.core.BundleWriter;
import io.github.pbxredundancy.core.PairIdentity;
import io.github.pbxredundancy.core.PreparedBundle;
import io.github.pbxredundancy.core.Receiver;
import io.github.pbxredundancy.core.SoftwareVersion;
import io.github.pbxredundancy.core.TaskScheduler;
import io.github.pbxredundancy.core.WrittenBundle;
import io.github.pbxredundancy.core.spi.Backup;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import io.github.pbxredundancy.core.spi.TransferListener;
import io.github.pbxredundancy.core.spi.TransportOptions;
import io.github.pbxredundancy.core.transport.FileTransport;
import io.github.pbxredundancy.core.transport.InboxWatcher;
import io.github.pbxredundancy.license.LicenseKey;
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
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;

/**
 * Measures the replication pipeline on a generated backup against a reference measured in the
 * same run on the same data: {@code tar cf} followed by {@code sha256sum} of the archive.
 *
 * <p>Two of our figures, each interleaved with the reference: <em>bundle + verify</em> (write
 * the bundle, verify it as a standby would) and the <em>full pipeline</em> (write, deliver over
 * {@code file:} into an inbox, the inbox watcher hands it to the receiver, which stages,
 * verifies, keeps and extracts it for a no-op importer). Peak heap is read from the JVM's
 * heap pools; run with {@code -Xmx64m} to see it stay flat.
 *
 * <p>Not a unit test. Run: {@code mvn -B -q -Pbenchmarks -DskipTests package} (see the examples
 * pom), or directly with {@code -Dbench.size=1024} (MiB), {@code -Dbench.dir=/tmp},
 * {@code -Dbench.rounds=3}.
 */
public final class ReplicationBenchmark {
    private static final LicenseKey KEY = LicenseKey.parse("XXXXX-YYYYY-ZZZZZ-11111");
    private static final SoftwareVersion VERSION = SoftwareVersion.parse("7.3.1.5");
    private static final Clock CLOCK = Clock.systemUTC();
    private static final long MIB = 1L << 20;

    private ReplicationBenchmark() {
    }

    /** Runs the benchmark and prints a table. */
    public static void main(String[] args) throws Exception {
        long size = Long.getLong("bench.size", 1024) * MIB;
        int rounds = Integer.getInteger("bench.rounds", 3);
        Path base = Files.createTempDirectory(Path.of(System.getProperty("bench.dir",
                System.getProperty("java.io.tmpdir"))), "pbx-bench-");
        try {
            Path backup = BackupTree.generate(base.resolve("backup"), size);
            System.out.printf(Locale.ROOT, "backup: %d MiB in %d files at %s; max heap %d MiB; %d rounds%n",
                    size / MIB, BackupTree.count(backup), backup, Runtime.getRuntime().maxMemory() / MIB, rounds);
            List<Long> reference = new ArrayList<>();
            List<Long> bundleVerify = new ArrayList<>();
            List<Long> pipeline = new ArrayList<>();
            resetPeakHeap();
            for (int round = 1; round <= rounds; round++) {
                reference.add(reference(backup, base.resolve("ref-" + round + ".tar")));
                bundleVerify.add(bundleAndVerify(backup, base.resolve("bundle-" + round)));
                reference.add(reference(backup, base.resolve("ref-b-" + round + ".tar")));
                pipeline.add(fullPipeline(backup, base.resolve("pipeline-" + round), round));
            }
            report("tar cf + sha256sum (reference)", size, reference, median(reference));
            report("bundle + verify", size, bundleVerify, median(reference));
            report("full pipeline over file:", size, pipeline, median(reference));
            System.out.printf(Locale.ROOT, "peak heap used: %d MiB (max heap %d MiB)%n", peakHeap() / MIB,
                    Runtime.getRuntime().maxMemory() / MIB);
        } finally {
            deleteTree(base);
        }
    }

    private static long reference(Path backup, Path tar) throws IOException, InterruptedException {
        long start = System.nanoTime();
        run(List.of("tar", "cf", tar.toString(), "-C", backup.toString(), "."));
        run(List.of("sha256sum", tar.toString()));
        long elapsed = System.nanoTime() - start;
        Files.delete(tar);
        return elapsed;
    }

    private static long bundleAndVerify(Path backup, Path target) throws IOException {
        long start = System.nanoTime();
        BundleHeader header = new BundleHeader(BundleId.parse("bench"), PairIdentity.of(KEY), "pbx-a", VERSION, 1,
                CLOCK.instant());
        WrittenBundle written = new BundleWriter().write(new Backup.Files(backup), header, target);
        new BundleVerifier().verify(written.file(), new BundleExpectations(KEY, VERSION, 0, BundleLimits.DEFAULTS));
        long elapsed = System.nanoTime() - start;
        Files.delete(target);
        return elapsed;
    }

    private static long fullPipeline(Path backup, Path dir, int round) throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        ExecutorService work = Executors.newSingleThreadExecutor();
        TaskScheduler scheduler = TaskScheduler.using(timer, CLOCK);
        Receiver receiver = Receiver.builder().root(dir.resolve("store")).activeServerKey(KEY).ownVersion(VERSION)
                .importer(request -> { }).clock(CLOCK).notifier(event -> { }).freeSpaceReserve(64 * MIB).build();
        InboxWatcher watcher = InboxWatcher.builder().inbox(inbox).handler(receiver::receiveFile).clock(CLOCK)
                .scheduler(scheduler).workExecutor(work).pollInterval(Duration.ofMillis(5)).build();
        FileTransport transport = new FileTransport(inbox.toUri(), TransportOptions.defaults(CLOCK, scheduler)
                .withAckTimeout(Duration.ofMinutes(10)).withPollInterval(Duration.ofMillis(5)));
        BundleDeliverySteps steps = BundleDeliverySteps.builder().source(() -> new Backup.Files(backup))
                .transport(transport).staging(dir.resolve("outgoing")).activeServerKey(KEY).sourceNode("pbx-a")
                .softwareVersion(() -> VERSION).epoch(() -> round).clock(CLOCK).build();
        watcher.start();
        try {
            long start = System.nanoTime();
            PreparedBundle prepared = steps.prepare(round);
            DeliveryReceipt receipt = steps.deliver(prepared, TransferListener.NONE);
            long elapsed = System.nanoTime() - start;
            if (!(receipt instanceof DeliveryReceipt.Accepted)) {
                throw new IllegalStateException("the standby did not accept the bundle: " + receipt);
            }
            prepared.cleanup().cleanUp();
            return elapsed;
        } finally {
            transport.close();
            watcher.stop();
            timer.shutdownNow();
            work.shutdownNow();
            deleteTree(dir);
        }
    }

    private static void report(String name, long size, List<Long> nanos, long referenceMedian) {
        long median = median(nanos);
        System.out.printf(Locale.ROOT, "%-32s median %7.2f s  %7.1f MiB/s  ratio to reference %.2f  (runs: %s)%n",
                name, median / 1e9, size / (double) MIB / (median / 1e9), median / (double) referenceMedian,
                nanos.stream().map(n -> String.format(Locale.ROOT, "%.2f", n / 1e9)).toList());
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (process.waitFor() != 0) {
            throw new IOException("command failed: " + command);
        }
    }

    private static void resetPeakHeap() {
        System.gc();
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        return heapPools().stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** A backup that looks like a PBX's: a database dump, many voicemails and faxes. */
    static final class BackupTree {
        private BackupTree() {
        }

        static Path generate(Path root, long size) throws IOException {
            SplittableRandom random = new SplittableRandom(42);
            long dump = size / 5;
            write(Files.createDirectories(root.resolve("db")).resolve("pbx.sql"), dump, random, true);
            long left = size - dump;
            int file = 0;
            while (left > 0) {
                long length = Math.min(left, MIB + random.nextLong(2 * MIB));
                String folder = file % 4 == 0 ? "fax" : "voicemail/user" + (file % 40);
                Path dir = Files.createDirectories(root.resolve(folder));
                write(dir.resolve(String.format(Locale.ROOT, "msg-%05d.%s", file, file % 4 == 0 ? "tif" : "wav")),
                        length, random, false);
                left -= length;
                file++;
            }
            return root;
        }

        static long count(Path root) throws IOException {
            try (Stream<Path> paths = Files.walk(root)) {
                return paths.filter(Files::isRegularFile).count();
            }
        }

        private static void write(Path file, long length, SplittableRandom random, boolean text) throws IOException {
            byte[] block = new byte[64 * 1024];
            try (OutputStream out = Files.newOutputStream(file)) {
                for (long written = 0; written < length; written += block.length) {
                    if (text) {
                        for (int i = 0; i < block.length; i++) {
                            block[i] = (byte) ('a' + random.nextInt(26));
                        }
                    } else {
                        random.nextBytes(block);
                    }
                    out.write(block, 0, (int) Math.min(block.length, length - written));
                }
            }
        }
    }
}
