package io.github.pbxredundancy.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.TaskScheduler;
import io.github.pbxredundancy.core.spi.Delivery;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import io.github.pbxredundancy.core.spi.TransferListener;
import io.github.pbxredundancy.core.spi.TransportOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full standby disk behind real OpenSSH, whose SFTP server reports it only as a bare "Failure":
 * the inbox lies on a 4 MiB tmpfs of the test's own. Needs root's right to mount (skipped with a
 * message otherwise) besides {@code /usr/sbin/sshd}.
 */
@ExtendWith(OpenSshServer.Required.class)
class OpenSshDiskFullTest {
    private static final long DISK = 4L << 20;

    @TempDir
    Path dir;

    private OpenSshServer server;
    private Path disk;
    private Path inbox;
    private ReceiverStandby standby;
    private ScheduledExecutorService timer;
    private SshTransport transport;

    @BeforeEach
    void start() throws Exception {
        server = OpenSshServer.start();
        disk = server.createDirectory("small-disk");
        String refusal = mount(disk);
        if (refusal != null) {
            server.close();
            System.err.println("OpenSSH disk-full test skipped: cannot mount a tmpfs here: " + refusal);
            Assumptions.abort("cannot mount a tmpfs: " + refusal);
        }
        inbox = Files.createDirectory(disk.resolve("inbox"));
        standby = new ReceiverStandby(inbox, dir.resolve("store"));
        timer = Executors.newSingleThreadScheduledExecutor();
        transport = SshTransport.builder()
                .target(server.target(inbox))
                .credentials(SshCredentials.privateKey(server.clientKey()))
                .hostKeyPolicy(new HostKeyPolicy.PinnedFingerprint(server.hostKeyFingerprint()))
                .options(new TransportOptions(Duration.ofSeconds(10), Duration.ofMillis(10), Duration.ofSeconds(5),
                        Clock.systemUTC(), TaskScheduler.using(timer, Clock.systemUTC())))
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        if (transport != null) {
            transport.close();
            standby.close();
            timer.shutdownNow();
            run("umount", disk.toString());
        }
        server.close();
    }

    @Test
    void aBundleLargerThanTheFreeSpaceIsDiskFullBeforeItsFirstByte() throws Exception {
        Delivery delivery = ReceiverStandby.bundle(Files.createDirectories(dir.resolve("active")), "20160126T050000Z-e5-00000000000000f1",
                6L << 20, 1).delivery();

        RedundancyException e = deliverFailing(delivery, TransferListener.NONE);

        assertThat(e.reason()).as(e.getMessage()).isEqualTo(ReasonCode.DISK_FULL);
        assertThat(e.reason().retryable()).isTrue();
        assertThat(e.getMessage()).contains("bytes free", delivery.size() + " needed");
        assertThat(standby.inboxFiles()).isEmpty();
    }

    @Test
    void aDiskThatFillsDuringTheTransferIsDiskFullAndTheNextAttemptSucceedsOnceThereIsRoom() throws Exception {
        Delivery delivery = ReceiverStandby.bundle(Files.createDirectories(dir.resolve("active")), "20160126T050000Z-e5-00000000000000f2",
                3L << 20, 1).delivery();
        Path filler = disk.resolve("other-files");
        AtomicBoolean armed = new AtomicBoolean(true);
        // Something else on the standby takes the space while the bundle is on its way.
        TransferListener fillTheDisk = (id, transferred, total) -> {
            if (transferred >= total / 4 && armed.compareAndSet(true, false)) {
                fill(filler);
            }
        };

        RedundancyException e = deliverFailing(delivery, fillTheDisk);

        assertThat(e.reason()).as(e.getMessage()).isEqualTo(ReasonCode.DISK_FULL);
        assertThat(e.getMessage()).contains("inbox file system is full", "the partial file is removed");
        assertThat(standby.inboxFiles()).as("the .part is removed to give the space back").isEmpty();

        Files.delete(filler);
        DeliveryReceipt receipt = transport.deliver(delivery, TransferListener.NONE);

        assertThat(receipt).isEqualTo(new DeliveryReceipt.Accepted(delivery.bundleId(), delivery.sha256(), ReceiverStandby.EPOCH));
        assertThat(standby.kept()).containsExactly(delivery.bundleId());
    }

    private RedundancyException deliverFailing(Delivery delivery, TransferListener listener) {
        RedundancyException e = catchThrowableOfType(RedundancyException.class, () -> transport.deliver(delivery, listener));
        assertThat(e).as("the delivery must fail").isNotNull();
        return e;
    }

    /** Writes until the disk is full. */
    private static void fill(Path file) {
        byte[] block = new byte[64 * 1024];
        try (var out = Files.newOutputStream(file)) {
            for (long written = 0; written < DISK; written += block.length) {
                out.write(block);
            }
        } catch (IOException expected) {
            // no space left: that was the point
        }
    }

    /** @return null if mounted, else why not */
    private static String mount(Path at) throws IOException, InterruptedException {
        return run("mount", "-t", "tmpfs", "-o", "size=" + DISK + ",mode=0755", "tmpfs", at.toString());
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        } catch (IOException e) {
            return e.getMessage();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return String.join(" ", command) + " did not end";
        }
        return process.exitValue() == 0 ? null : String.join(" ", command) + ": " + output;
    }
}
