package io.github.pbxredundancy.transport.ssh;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.TaskScheduler;
import io.github.pbxredundancy.core.spi.BundleHandler;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import io.github.pbxredundancy.core.transport.InboxWatcher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The standby side for the tests: core's {@link InboxWatcher} on an inbox, with a handler that verifies the hash and keeps a copy. */
final class StandbyInbox implements AutoCloseable {
    /** What the handler saw. */
    record Received(BundleId id, Path copy, String sha256) {
    }

    final Path inbox;
    final List<Received> received = new CopyOnWriteArrayList<>();
    /** How long the handler works on a bundle before it answers, like a standby importing it. */
    volatile Duration delay = Duration.ZERO;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService work = Executors.newSingleThreadExecutor();
    private final InboxWatcher watcher;

    StandbyInbox(Path inbox, Path copies) {
        this.inbox = inbox;
        BundleHandler handler = (id, bundle, announced) -> {
            pause(delay);
            String actual = sha256(bundle);
            if (!actual.equals(announced)) {
                return new DeliveryReceipt.Rejected(id, ReasonCode.INTEGRITY_FAILED, "hash mismatch");
            }
            try {
                Path copy = copies.resolve(id.value() + "-" + received.size());
                Files.copy(bundle, copy);
                received.add(new Received(id, copy, actual));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return new DeliveryReceipt.Accepted(id, actual);
        };
        watcher = InboxWatcher.builder().inbox(inbox).handler(handler).clock(Clock.systemUTC())
                .scheduler(TaskScheduler.using(timer, Clock.systemUTC())).workExecutor(work)
                .pollInterval(Duration.ofMillis(10)).build();
        watcher.start();
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStreamSink.INSTANCE);
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        watcher.stop();
        timer.shutdownNow();
        work.shutdown();
        work.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
