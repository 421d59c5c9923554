package io.github.pbxredundancy.transport.ssh;

import io.github.pbxredundancy.core.Secret;
import io.github.pbxredundancy.core.TaskScheduler;
import io.github.pbxredundancy.core.spi.BundleHandler;
import io.github.pbxredundancy.core.spi.Transport;
import io.github.pbxredundancy.core.spi.TransportContract;
import io.github.pbxredundancy.core.spi.TransportOptions;
import io.github.pbxredundancy.core.transport.InboxWatcher;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The transport contract for {@link SshTransport} to an in-JVM MINA SSHD whose SFTP root holds an {@link InboxWatcher}'s inbox. */
class SshTransportContractTest extends TransportContract {

    /** The standby side: the SSH server and the inbox watcher. */
    private record SshStandby(TestSshd sshd, Path inbox, InboxWatcher watcher, ScheduledExecutorService timer,
                              ExecutorService work) implements Standby {
        @Override
        public Path endpointDirectory() {
            return inbox;
        }

        @Override
        public void close() throws Exception {
            watcher.stop();
            timer.shutdownNow();
            work.shutdown();
            sshd.close();
            if (!work.awaitTermination(BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the watcher's poll did not end within " + BOUND);
            }
        }
    }

    @Override
    protected Standby startStandby(Path root, BundleHandler handler) throws Exception {
        Path inbox = Files.createDirectory(root.resolve("inbox"));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        ExecutorService work = Executors.newSingleThreadExecutor();
        InboxWatcher watcher = InboxWatcher.builder().inbox(inbox).handler(handler).clock(Clock.systemUTC())
                .scheduler(TaskScheduler.using(timer, Clock.systemUTC())).workExecutor(work)
                .pollInterval(Duration.ofMillis(10)).build();
        watcher.start();
        return new SshStandby(TestSshd.start(root), inbox, watcher, timer, work);
    }

    @Override
    protected Transport openTransport(Standby standby, TransportOptions options) {
        TestSshd sshd = ((SshStandby) standby).sshd();
        return SshTransport.builder()
                .target(new SshTarget(TestSshd.USER, "127.0.0.1", sshd.port(), "/inbox"))
                .credentials(SshCredentials.password(Secret.of(TestSshd.PASSWORD)))
                .hostKeyPolicy(new HostKeyPolicy.PinnedFingerprint(sshd.hostKeyFingerprint()))
                .options(options)
                .build();
    }

    @Override
    protected Transport openUnreachableTransport(Path root, TransportOptions options) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        return SshTransport.builder()
                .target(new SshTarget(TestSshd.USER, "127.0.0.1", closedPort, "/inbox"))
                .credentials(SshCredentials.password(Secret.of(TestSshd.PASSWORD)))
                .hostKeyPolicy(new HostKeyPolicy.KnownHosts(root.resolve("known_hosts")))
                .options(options)
                .build();
    }
}
