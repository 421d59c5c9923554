package io.github.pbxredundancy.transport.ssh;

import io.github.pbxredundancy.core.TaskScheduler;
import io.github.pbxredundancy.core.spi.BundleHandler;
import io.github.pbxredundancy.core.spi.Transport;
import io.github.pbxredundancy.core.spi.TransportContract;
import io.github.pbxredundancy.core.spi.TransportOptions;
import io.github.pbxredundancy.core.transport.InboxWatcher;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The transport contract for {@link SshTransport} to the real OpenSSH {@code sshd}
 * ({@link OpenSshServer}, one for the class) with key login and a pinned host key; the inbox is an
 * absolute path below the kit's directory, watched by an {@link InboxWatcher}. Skipped, with a
 * message, where {@code /usr/sbin/sshd} is missing.
 */
@ExtendWith(OpenSshServer.Required.class)
class OpenSshContractTest extends TransportContract {
    private static OpenSshServer server;

    @RegisterExtension
    static final TestWatcher PRINT_LOG = OpenSshServer.printLogOnFailure(() -> server);

    @BeforeAll
    static void startServer() {
        OpenSshServer.assumeAvailable();
        server = OpenSshServer.start();
        server.assumeLoginWorks();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The standby side: the inbox watcher on a directory the shared sshd serves by its absolute path. */
    private record OpenSshStandby(Path inbox, InboxWatcher watcher, ScheduledExecutorService timer, ExecutorService work)
            implements Standby {
        @Override
        public Path endpointDirectory() {
            return inbox;
        }

        @Override
        public void close() throws Exception {
            watcher.stop();
            timer.shutdownNow();
            work.shutdown();
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
        return new OpenSshStandby(inbox, watcher, timer, work);
    }

    @Override
    protected Transport openTransport(Standby standby, TransportOptions options) {
        return SshTransport.builder()
                .target(server.target(standby.endpointDirectory()))
                .credentials(SshCredentials.privateKey(server.clientKey()))
                .hostKeyPolicy(new HostKeyPolicy.PinnedFingerprint(server.hostKeyFingerprint()))
                .options(options)
                .build();
    }

    @Override
    protected Transport openUnreachableTransport(Path root, TransportOptions options) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(OpenSshServer.HOST))) {
            closedPort = socket.getLocalPort();
        }
        return SshTransport.builder()
                .target(new SshTarget(server.user(), OpenSshServer.HOST, closedPort, server.inboxPathForClient()))
                .credentials(SshCredentials.privateKey(server.clientKey()))
                .hostKeyPolicy(new HostKeyPolicy.PinnedFingerprint(server.hostKeyFingerprint()))
                .options(options)
                .build();
    }
}
