package io.github.pbxredundancy.transport.ssh;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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
    private static final long MIB = BenchRuns.MIB;
    private static final String SCP = "scp -c aes128-gcm (reference)";

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
        try (OpenSshServer server = OpenSshServer.start(); SshBench bench = new SshBench(server, size)) {
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
                    size / MIB, OpenSshServer.version(), OpenSshServer.HOST, server.port(), BenchRuns.maxHeapMib(), rounds);
            BenchRuns runs = new BenchRuns(size);
            runs.add(SCP);
            contenders.keySet().forEach(runs::add);
            BenchRuns.resetPeakHeap();
            for (int round = 0; round <= rounds; round++) {
                boolean counted = round > 0;
                boolean scpFirst = round % 2 == 0;
                if (scpFirst) {
                    runs.record(SCP, bench.scp(), counted);
                }
                for (Map.Entry<String, UnaryOperator<SshTransport.Builder>> contender : contenders.entrySet()) {
                    runs.record(contender.getKey(), bench.deliver(contender.getValue()), counted);
                }
                if (!scpFirst) {
                    runs.record(SCP, bench.scp(), counted);
                }
            }
            runs.print(SCP);
            System.out.printf(Locale.ROOT, "ratio above 1.0: faster than scp. Heap limit %d MiB (-Xmx); the heap pools'"
                    + " peaks, each at its own moment, add up to %d MiB%n", BenchRuns.maxHeapMib(), BenchRuns.peakHeap() / MIB);
        }
    }
}
