package io.github.pbxredundancy.core.transport;

import io.github.pbxredundancy.core.TaskScheduler;
import io.github.pbxredundancy.core.spi.BundleHandler;
import io.github.pbxredundancy.core.spi.Transport;
import io.github.pbxredundancy.core.spi.TransportContract;
import io.github.pbxredundancy.core.spi.TransportOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The transport contract for {@link FileTransport} into an {@link InboxWatcher}'s inbox, on real time. */
class FileTransportContractTest extends TransportContract {

    @Override
    protected Standby startStandby(Path root, BundleHandler handler) throws Exception {
        Path inbox = Files.createDirectory(root.resolve("inbox"));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        ExecutorService work = Executors.newSingleThreadExecutor();
        InboxWatcher watcher = InboxWatcher.builder()
                .inbox(inbox)
                .handler(handler)
                .clock(Clock.systemUTC())
                .scheduler(TaskScheduler.using(timer, Clock.systemUTC()))
                .workExecutor(work)
                .pollInterval(Duration.ofMillis(10))
                .build();
        watcher.start();
        return new Standby() {
            @Override
            public Path endpointDirectory() {
                return inbox;
            }

            @Override
            public void close() throws InterruptedException {
                watcher.stop();
                timer.shutdownNow();
                work.shutdown();
                if (!work.awaitTermination(BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError("the watcher's poll did not end within " + BOUND);
                }
            }
        };
    }

    @Override
    protected Transport openTransport(Standby standby, TransportOptions options) {
        return new FileTransport(standby.endpointDirectory().toUri(), options);
    }

    @Override
    protected Transport openUnreachableTransport(Path root, TransportOptions options) {
        // What an unmounted share looks like: the inbox directory is not there.
        return new FileTransport(root.resolve("not-mounted").resolve("inbox").toUri(), options);
    }
}
