package io.github.pbxredundancy.transport.ssh;

import io.github.pbxredundancy.core.BundleHeader;
import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.BundleWriter;
import io.github.pbxredundancy.core.PairIdentity;
import io.github.pbxredundancy.core.Receiver;
import io.github.pbxredundancy.core.SoftwareVersion;
import io.github.pbxredundancy.core.TaskScheduler;
import io.github.pbxredundancy.core.WrittenBundle;
import io.github.pbxredundancy.core.spi.Backup;
import io.github.pbxredundancy.core.transport.InboxWatcher;
import io.github.pbxredundancy.license.LicenseKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The standby side made of the library's own parts: core's {@link InboxWatcher} on an inbox,
 * judging every bundle with a real {@link Receiver} (hashes, archive safety, pair, version, epoch;
 * keeps the good ones and imports the newest into a recording importer). Also makes real bundles
 * for it with {@link BundleWriter}.
 */
final class ReceiverStandby implements AutoCloseable {
    /** The active's server license key: the pair the receiver serves. */
    static final LicenseKey ACTIVE_KEY = LicenseKey.parse("XXXXX-YYYYY-ZZZZZ-11111");
    /** The version both nodes run. */
    static final SoftwareVersion VERSION = SoftwareVersion.parse("7.3.1.5");
    private static final Instant CREATED = Instant.parse("2016-01-26T05:00:00Z");

    final Path inbox;
    final Path store;
    final Receiver receiver;
    /** The bundles the importer was given, in order. */
    final List<BundleId> imported = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService work = Executors.newSingleThreadExecutor();
    private final InboxWatcher watcher;

    /**
     * @param inbox the inbox the sender writes into, on disk
     * @param store the receiver's root (created if missing)
     */
    ReceiverStandby(Path inbox, Path store) {
        this.inbox = inbox;
        this.store = store;
        Clock clock = Clock.systemUTC();
        this.receiver = Receiver.builder().root(store).activeServerKey(ACTIVE_KEY).ownVersion(VERSION)
                .importer(request -> imported.add(request.manifest().bundleId()))
                .clock(clock).notifier(event -> { }).keep(10).freeSpaceReserve(1 << 20).build();
        this.watcher = InboxWatcher.builder().inbox(inbox).handler(receiver::receiveFile).clock(clock)
                .scheduler(TaskScheduler.using(timer, clock)).workExecutor(work).pollInterval(Duration.ofMillis(10))
                .build();
        watcher.start();
    }

    /** @return the bundles the receiver keeps, oldest first */
    List<BundleId> kept() {
        return receiver.keptBundles();
    }

    /** @return where the receiver keeps a bundle */
    Path keptFile(BundleId id) {
        return store.resolve("bundles").resolve(id.value() + ".bundle");
    }

    /** @return the names in the inbox */
    List<String> inboxFiles() {
        try (Stream<Path> files = Files.list(inbox)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits, at most {@code bound}, until the inbox is empty: the sender returns as soon as it has
     * read the answer, and the watcher deletes the bundle and its hash file only after writing it.
     *
     * @return what is left in the inbox, empty if it emptied in time
     */
    List<String> awaitEmptyInbox(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        List<String> left = inboxFiles();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            left = inboxFiles();
        }
        return left;
    }

    @Override
    public void close() throws InterruptedException {
        watcher.stop();
        timer.shutdownNow();
        work.shutdown();
        if (!work.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the inbox watcher's work did not end within 10 s");
        }
    }

    /** The epoch of every bundle made here, and so of the receiver's acceptances. */
    static final long EPOCH = 5;

    /**
     * A real bundle of this pair whose backup is {@code payloadBytes} pseudo-random bytes.
     *
     * @param dir where to write it
     * @param id the bundle id
     * @param payloadBytes the backup's size
     * @param sequence orders the bundles' creation times, so that a later one is the newer
     * @return the written bundle
     */
    static WrittenBundle bundle(Path dir, String id, long payloadBytes, int sequence) {
        BundleHeader header = new BundleHeader(BundleId.parse(id), PairIdentity.of(ACTIVE_KEY), "pbx-a", VERSION, EPOCH,
                CREATED.plusSeconds(sequence));
        Backup backup = new Backup.Stream("db/backup.sfb", payloadBytes, () -> pseudoRandom(id.hashCode(), payloadBytes));
        return new BundleWriter().write(backup, header, dir.resolve("sent-" + id + ".bundle"));
    }

    /** {@code size} bytes from a seeded generator, without holding them in memory. */
    private static InputStream pseudoRandom(long seed, long size) {
        return new InputStream() {
            private final SplittableRandom random = new SplittableRandom(seed);
            private long left = size;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                for (int i = 0; i < n; i += 8) {
                    long bits = random.nextLong();
                    for (int j = 0; j < 8 && i + j < n; j++) {
                        buffer[offset + i + j] = (byte) (bits >>> (8 * j));
                    }
                }
                left -= n;
                return n;
            }
        };
    }
}
