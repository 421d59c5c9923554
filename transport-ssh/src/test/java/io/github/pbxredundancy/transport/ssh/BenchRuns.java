package io.github.pbxredundancy.transport.ssh;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The timed runs of a benchmark, by contender in the order they were added, and how the
 * benchmarks print them: each contender's median time and throughput, its ratio to a reference
 * (the reference's median time divided by the contender's, above 1.0 faster) and the throughput of
 * every run; also the JVM's heap peaks.
 *
 * <p>Used by {@link SshDeliveryBenchmark} and by transport-http's benchmark. Not thread-safe.
 */
public final class BenchRuns {
    /** Bytes in a MiB. */
    public static final long MIB = 1024 * 1024;

    private final long size;
    private final Map<String, List<Long>> runs = new LinkedHashMap<>();

    /** @param size the bytes each run moves */
    public BenchRuns(long size) {
        this.size = size;
    }

    /**
     * Adds a contender; the report lists them in this order.
     *
     * @param name its name, at most 40 characters for aligned columns
     */
    public void add(String name) {
        runs.putIfAbsent(name, new ArrayList<>());
    }

    /**
     * @param name a contender added before
     * @param nanos the time of one run
     * @param counted false for a warm-up run, which is dropped
     */
    public void record(String name, long nanos, boolean counted) {
        List<Long> list = runs.get(name);
        if (list == null) {
            throw new IllegalArgumentException("no contender " + name);
        }
        if (counted) {
            list.add(nanos);
        }
    }

    /**
     * @param name a contender added before
     * @return the median of its counted runs in nanoseconds
     */
    public long median(String name) {
        return median(runs.get(name));
    }

    /**
     * Prints one line per contender, with its ratio to the reference.
     *
     * @param reference the name of the reference contender
     */
    public void print(String reference) {
        long referenceMedian = median(reference);
        runs.forEach((name, nanos) -> report(name, nanos, referenceMedian));
    }

    private void report(String name, List<Long> nanos, long reference) {
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

    /** Forgets the heap pools' peaks so far: call before the first run. */
    public static void resetPeakHeap() {
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** @return the heap pools' peak usages since {@link #resetPeakHeap()}, each at its own moment, added up */
    public static long peakHeap() {
        return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    /** @return the heap limit (-Xmx) in MiB */
    public static long maxHeapMib() {
        return Runtime.getRuntime().maxMemory() / MIB;
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }
}
