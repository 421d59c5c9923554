package io.github.pbxredundancy.core;

import static io.github.pbxredundancy.core.BundleFixtures.KEY;
import static io.github.pbxredundancy.core.BundleFixtures.VERSION;
import static io.github.pbxredundancy.core.ReceiverFixtures.NOW;
import static io.github.pbxredundancy.core.ReceiverFixtures.bundle;
import static io.github.pbxredundancy.core.ReceiverFixtures.deliver;
import static io.github.pbxredundancy.core.ReceiverFixtures.header;
import static io.github.pbxredundancy.core.ReceiverFixtures.keptState;
import static io.github.pbxredundancy.core.ReceiverFixtures.names;
import static io.github.pbxredundancy.core.ReceiverFixtures.unreadable;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.event.BundleRefused;
import io.github.pbxredundancy.core.spi.Backup;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full standby disk refuses the bundle with DISK_FULL and loses nothing it keeps. */
class ReceiverDiskFullTest {
    private static final long RESERVE = 64 * 1024;

    @TempDir
    Path dir;

    private final RecordingNotifier events = new RecordingNotifier();
    private final RecordingImporter importer = new RecordingImporter();

    private Receiver.Builder builder(Path root) {
        return Receiver.builder().root(root).activeServerKey(KEY).ownVersion(VERSION).importer(importer)
                .clock(new MutableClock(NOW)).notifier(events).freeSpaceReserve(RESERVE);
    }

    private static void assertDiskFull(DeliveryReceipt receipt) {
        assertThat(receipt).isInstanceOfSatisfying(DeliveryReceipt.Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(ReasonCode.DISK_FULL);
            assertThat(rejected.message()).startsWith("standby disk full: ").contains(" bytes free, ").contains(" needed");
        });
    }

    @Test
    void tooLittleFreeSpaceIsRefusedBeforeAByteIsReadOrWritten() {
        AtomicLong free = new AtomicLong(Long.MAX_VALUE);
        Path root = dir.resolve("receiver");
        Receiver receiver = builder(root).freeSpace(directory -> free.get()).build();
        WrittenBundle kept = bundle(dir, "b1", 5, BundleFixtures.CREATED);
        deliver(receiver, kept);
        Map<String, String> before = keptState(root);
        WrittenBundle next = bundle(dir, "b2", 5, BundleFixtures.CREATED.plus(Duration.ofHours(1)));
        // One byte short of the bundle twice over plus the reserve.
        free.set(2 * next.size() + RESERVE - 1);

        DeliveryReceipt receipt = receiver.receive(next.manifest().bundleId(), unreadable(), next.size(), next.sha256());

        assertDiskFull(receipt);
        assertThat(((DeliveryReceipt.Rejected) receipt).message())
                .contains((2 * next.size() + RESERVE - 1) + " bytes free, " + (2 * next.size() + RESERVE) + " needed");
        assertThat(events.ofType(BundleRefused.class)).singleElement()
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo(ReasonCode.DISK_FULL));
        assertThat(names(root.resolve("staging"))).isEmpty();
        assertThat(keptState(root)).isEqualTo(before);
        assertThat(receiver.keptBundles()).extracting(BundleId::value).containsExactly("b1");

        free.set(2 * next.size() + RESERVE);
        assertThat(deliver(receiver, next)).isInstanceOf(DeliveryReceipt.Accepted.class);
    }

    @Test
    void aProbeThatCannotTellDoesNotBlockDeliveries() {
        Receiver receiver = builder(dir.resolve("receiver")).freeSpace(directory -> {
            throw new IOException("statvfs not supported");
        }).build();

        assertThat(deliver(receiver, bundle(dir, "b1", 5, BundleFixtures.CREATED)))
                .isInstanceOf(DeliveryReceipt.Accepted.class);
    }

    /** A real, tiny file system: the receiver's root on a 2 MiB tmpfs receiving a 3 MB bundle. */
    @Test
    void aRealFullFileSystemIsDiskFullBeforeWriting() throws Exception {
        Path mount = mountTmpfs();
        try {
            Receiver receiver = builder(mount).build();
            WrittenBundle small = bundle(dir, "b1", 5, BundleFixtures.CREATED);
            assertThat(deliver(receiver, small)).isInstanceOf(DeliveryReceipt.Accepted.class);
            Map<String, String> before = keptState(mount);

            assertDiskFull(deliver(receiver, threeMegabytes("b2")));

            assertThat(names(mount.resolve("staging"))).isEmpty();
            assertThat(keptState(mount)).isEqualTo(before);
            assertThat(receiver.status().current().orElseThrow().bundleId().value()).isEqualTo("b1");
        } finally {
            unmount(mount);
        }
    }

    /**
     * The probe lets the bundle through (say, another process filled the disk after it was asked):
     * the write itself fails, the receiver asks again, sees the disk full and says so.
     */
    @Test
    void aRealWriteFailingOnAFullFileSystemIsDiskFullAndLosesNothing() throws Exception {
        Path mount = mountTmpfs();
        try {
            AtomicInteger lies = new AtomicInteger();
            FreeSpace real = FreeSpace.fileStore();
            Receiver receiver = builder(mount)
                    .freeSpace(directory -> lies.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? Long.MAX_VALUE
                            : real.usableBytes(directory))
                    .build();
            deliver(receiver, bundle(dir, "b1", 5, BundleFixtures.CREATED));
            Map<String, String> before = keptState(mount);
            lies.set(1);

            assertDiskFull(deliver(receiver, threeMegabytes("b2")));

            assertThat(names(mount.resolve("staging"))).isEmpty();
            assertThat(keptState(mount)).isEqualTo(before);
            assertThat(importer.importedIds()).extracting(BundleId::value).containsExactly("b1");
        } finally {
            unmount(mount);
        }
    }

    /** A write failure while the probe still reports room is not blamed on the disk. */
    @Test
    void aRealWriteFailureWithRoomReportedIsUnexpected() throws Exception {
        Path mount = mountTmpfs();
        try {
            Receiver receiver = builder(mount).freeSpace(directory -> Long.MAX_VALUE).build();

            DeliveryReceipt receipt = deliver(receiver, threeMegabytes("b2"));

            assertThat(receipt).isInstanceOfSatisfying(DeliveryReceipt.Rejected.class,
                    rejected -> assertThat(rejected.reason()).isEqualTo(ReasonCode.UNEXPECTED));
            assertThat(names(mount.resolve("staging"))).isEmpty();
        } finally {
            unmount(mount);
        }
    }

    private WrittenBundle threeMegabytes(String id) {
        byte[] content = new byte[3_000_000];
        // Random bytes: a file system that compresses must not make room for them.
        new Random(42).nextBytes(content);
        return new BundleWriter().write(new Backup.Stream("db/backup.sfb", content.length,
                () -> new ByteArrayInputStream(content)), header(id, KEY, VERSION, 5,
                BundleFixtures.CREATED.plus(Duration.ofHours(1))), dir.resolve(id + ".bundle"));
    }

    private Path mountTmpfs() throws IOException, InterruptedException {
        Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux"),
                "real tmpfs test skipped: needs Linux, runs on " + System.getProperty("os.name"));
        Path mount = Files.createDirectory(dir.resolve("tmpfs"));
        int exit = run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mount.toString());
        if (exit != 0) {
            Assumptions.abort("real tmpfs test skipped: 'mount -t tmpfs' failed (exit " + exit
                    + "); it needs root and a kernel that allows mounting here");
        }
        return mount;
    }

    private static void unmount(Path mount) throws IOException, InterruptedException {
        assertThat(run("umount", mount.toString())).as("umount " + mount).isZero();
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            // No such program: treated like a failing one.
            return 127;
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
