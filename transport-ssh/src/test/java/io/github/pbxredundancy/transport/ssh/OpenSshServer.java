package io.github.pbxredundancy.transport.ssh;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.connection.channel.direct.Session;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * A real OpenSSH {@code sshd} on loopback for interop tests and benchmarks.
 *
 * <p>Started from {@code /usr/sbin/sshd} in the foreground ({@code -D}) on a free port of
 * {@code 127.0.0.1}, with everything of its own in a fresh directory below the module's
 * {@code target/} (a chrooted server's below {@code /run} when {@code target/}'s parents are
 * writable by others, see {@link #chrootBase()}): {@code sshd_config}, an Ed25519 host key, an Ed25519 client key (and on demand
 * an RSA one) in {@code authorized_keys}, the pid file and a {@code VERBOSE} log ({@link #log()}).
 * The system's sshd, {@code /etc/ssh} and port 22 are never touched; the only thing outside that
 * directory it may create is Debian's privilege separation directory {@code /run/sshd}, which sshd
 * needs when it runs as root.
 *
 * <p>The account is the one the JVM runs as ({@link #user()}): sshd started by root lets root log in
 * with a key ({@code PermitRootLogin prohibit-password}); sshd started by anyone else can only let
 * that user in, and cannot chroot. {@link #startLockedDown()} gives the account the standby of a
 * careful administrator: {@code ForceCommand internal-sftp}, a {@code ChrootDirectory} (no shell,
 * no forwarding, nothing but SFTP below the chroot); it needs root, see
 * {@link #assumeChrootPossible()}.
 *
 * <p>{@link #close()} ends the daemon and every connection and deletes the directory. Not
 * thread-safe, except {@link #dropConnections()}, which may be called from any thread, e.g. a
 * transfer listener.
 */
public final class OpenSshServer implements AutoCloseable {
    /**
     * The sshd binary: {@code /usr/sbin/sshd}, or the system property {@code openssh.sshd} (an
     * absolute path, which sshd needs to re-execute itself for each connection).
     */
    public static final Path SSHD = Path.of(System.getProperty("openssh.sshd", "/usr/sbin/sshd"));
    /** The address the server listens on, and nothing else. */
    public static final String HOST = "127.0.0.1";

    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final int PORT_ATTEMPTS = 5;
    private static final Set<String> TOLD = ConcurrentHashMap.newKeySet();
    private static final Set<PosixFilePermission> RWX_R_X = PosixFilePermissions.fromString("rwxr-xr-x");

    private final Path dir;
    private final Path served;
    private final Path inbox;
    private final boolean lockedDown;
    private final Path sshKeygen;
    private final Path hostPublicKey;
    private final Path clientKey;
    private final Path authorizedKeys;
    private final Path logFile;
    private final Path outputFile;
    private final Process daemon;
    private final int port;
    private final String fingerprint;
    private final Thread reaper;
    private Path rsaClientKey;
    private boolean closed;

    private OpenSshServer(Layout layout, Process daemon, int port, String fingerprint) {
        this.dir = layout.dir;
        this.served = layout.served;
        this.inbox = layout.inbox;
        this.lockedDown = layout.lockedDown;
        this.sshKeygen = layout.sshKeygen;
        this.hostPublicKey = layout.hostPublicKey;
        this.clientKey = layout.clientKey;
        this.authorizedKeys = layout.authorizedKeys;
        this.logFile = layout.log;
        this.outputFile = layout.output;
        this.daemon = daemon;
        this.port = port;
        this.fingerprint = fingerprint;
        // A JVM that ends without close() (a crashed test run) must not leave a daemon behind.
        this.reaper = new Thread(this::kill, "openssh-server-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    // ---- availability -------------------------------------------------------------------------

    /**
     * @return why no server can be started here, or empty if one can
     */
    public static Optional<String> unavailableReason() {
        if (!SSHD.isAbsolute()) {
            return Optional.of("OpenSSH interop tests skipped: sshd must be given by its absolute path, not " + SSHD);
        }
        if (!Files.isExecutable(SSHD)) {
            return Optional.of("OpenSSH interop tests skipped: " + SSHD + " not found (apt-get install openssh-server)");
        }
        if (findSshKeygen().isEmpty()) {
            return Optional.of("OpenSSH interop tests skipped: ssh-keygen not found on the PATH (apt-get install openssh-client)");
        }
        return Optional.empty();
    }

    /** @return what {@code sshd -V} prints of its version, e.g. {@code OpenSSH_9.2p1 Debian-2, OpenSSL 3.0.19} */
    public static String version() {
        try {
            Process sshd = new ProcessBuilder(SSHD.toString(), "-V").redirectErrorStream(true).start();
            String output = new String(sshd.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            sshd.waitFor(10, TimeUnit.SECONDS);
            return output.lines().findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** @return whether {@code /usr/sbin/sshd} and {@code ssh-keygen} are there */
    public static boolean available() {
        return unavailableReason().isEmpty();
    }

    /**
     * Skips the calling test (or, from {@code @BeforeAll}, the class) with a message on
     * {@code System.err} unless a server can be started here.
     */
    public static void assumeAvailable() {
        unavailableReason().ifPresent(OpenSshServer::skip);
    }

    /**
     * Disables a test class, each test counted as skipped, with a message on {@code System.err},
     * unless a server can be started here: {@code @ExtendWith(OpenSshServer.Required.class)}.
     */
    public static final class Required implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            Optional<String> reason = unavailableReason();
            if (reason.isEmpty()) {
                return ConditionEvaluationResult.enabled("OpenSSH sshd and ssh-keygen are installed");
            }
            if (TOLD.add(reason.get())) {
                System.err.println(reason.get());
            }
            return ConditionEvaluationResult.disabled(reason.get());
        }
    }

    /** @return whether the JVM runs as root, which sshd needs to chroot and to let root in */
    public static boolean runningAsRoot() {
        return new UnixSystem().getUid() == 0;
    }

    /**
     * Skips the calling test with a message on {@code System.err} unless a
     * {@linkplain #startLockedDown() locked-down} server can be started: it needs root, and a
     * {@code ChrootDirectory} every component of which is owned by root and not writable by group
     * or others, which the directory below the module's {@code target/} is only if its parents are.
     */
    public static void assumeChrootPossible() {
        assumeAvailable();
        if (!runningAsRoot()) {
            skip("OpenSSH chroot test skipped: ChrootDirectory needs sshd to run as root, and this JVM runs as user "
                    + new UnixSystem().getUsername());
        }
        if (chrootBase().isEmpty()) {
            skip("OpenSSH chroot test skipped: " + chrootProblem(targetDirectory()).orElse("")
                    + "; and no root-owned directory below /run could be used instead");
        }
    }

    // ---- starting ----------------------------------------------------------------------------

    /**
     * @return a running server for the JVM's user, serving absolute paths
     * @throws IllegalStateException if it cannot start; the message holds sshd's log
     */
    public static OpenSshServer start() {
        return start(false, 0);
    }

    /**
     * A server whose processes may not write files larger than {@code bytes} ({@code RLIMIT_FSIZE},
     * with {@code SIGXFSZ} ignored): a write beyond fails with {@code EFBIG}, which OpenSSH's SFTP
     * server reports as it reports a full disk, as a generic failure. The log file counts too.
     *
     * @param bytes the largest file size, a multiple of 512
     * @return a running server for the JVM's user, serving absolute paths
     * @throws IllegalStateException if it cannot start
     */
    public static OpenSshServer startWithFileSizeLimit(long bytes) {
        if (bytes <= 0 || bytes % 512 != 0) {
            throw new IllegalArgumentException("the file size limit must be a positive multiple of 512 bytes: " + bytes);
        }
        return start(false, bytes);
    }

    /**
     * @return a running server whose account may only use SFTP, chrooted to a directory whose
     *     {@code inbox} is {@link #inboxDirectory()} ({@code /inbox} for the client)
     * @throws IllegalStateException if it cannot start, e.g. not as root
     */
    public static OpenSshServer startLockedDown() {
        if (!runningAsRoot()) {
            throw new IllegalStateException("ChrootDirectory needs sshd to run as root");
        }
        return start(true, 0);
    }

    private static OpenSshServer start(boolean lockedDown, long fileSizeLimit) {
        unavailableReason().ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
        Layout layout;
        try {
            layout = Layout.create(lockedDown);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the OpenSSH server's directory", e);
        }
        try {
            if (runningAsRoot() && !Files.isDirectory(Path.of("/run/sshd"))) {
                // Debian's privilege separation directory; sshd refuses to start as root without it.
                Files.createDirectories(Path.of("/run/sshd"), PosixFilePermissions.asFileAttribute(RWX_R_X));
            }
            String fingerprint = fingerprintOf(layout.sshKeygen, layout.hostPublicKey, layout.dir);
            for (int attempt = 1; ; attempt++) {
                int port = freePort();
                layout.writeConfig(port);
                validate(layout);
                List<String> command = new ArrayList<>(List.of(SSHD.toString(), "-D", "-e", "-f",
                        layout.config.toString(), "-E", layout.log.toString()));
                if (fileSizeLimit > 0) {
                    // An ignored signal stays ignored across exec; ulimit -f counts 512-byte blocks (POSIX).
                    command.addAll(0, List.of("/bin/sh", "-c", "trap '' XFSZ; ulimit -f " + fileSizeLimit / 512
                            + " && exec \"$0\" \"$@\""));
                }
                Process daemon = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.output.toFile()))
                        .start();
                daemon.getOutputStream().close();
                Startup startup = awaitListening(daemon, layout, port);
                if (startup == Startup.LISTENING) {
                    return new OpenSshServer(layout, daemon, port, fingerprint);
                }
                if (startup != Startup.PORT_TAKEN || attempt == PORT_ATTEMPTS) {
                    throw new IllegalStateException("sshd did not start on " + HOST + ":" + port + " (" + startup
                            + "):\n" + layout.logText());
                }
            }
        } catch (IOException | RuntimeException e) {
            deleteTree(layout.dir);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot start the OpenSSH server", io);
            }
            throw (RuntimeException) e;
        }
    }

    private enum Startup { LISTENING, PORT_TAKEN, EXITED, TIMED_OUT }

    private static Startup awaitListening(Process daemon, Layout layout, int port) throws IOException {
        String listening = "Server listening on " + HOST + " port " + port + ".";
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (true) {
            boolean exited = waitFor(daemon, Duration.ofMillis(5));
            String log = layout.logText();
            if (log.contains(listening) && !exited) {
                return Startup.LISTENING;
            }
            if (exited) {
                return log.contains("Address already in use") ? Startup.PORT_TAKEN : Startup.EXITED;
            }
            if (System.nanoTime() > deadline) {
                daemon.destroyForcibly();
                waitFor(daemon, BOUND);
                return Startup.TIMED_OUT;
            }
        }
    }

    /** {@code sshd -t}: a configuration error is reported with sshd's own words, not as a daemon that never listens. */
    private static void validate(Layout layout) throws IOException {
        Command test = Command.run(layout.dir, SSHD.toString(), "-t", "-f", layout.config.toString());
        if (test.exitCode() != 0) {
            throw new IllegalStateException("sshd -t refuses the test configuration " + layout.config + " (exit "
                    + test.exitCode() + "):\n" + test.output() + "\n" + Files.readString(layout.config));
        }
    }

    private static String fingerprintOf(Path sshKeygen, Path publicKey, Path workDir) throws IOException {
        Command listing = Command.run(workDir, sshKeygen.toString(), "-l", "-E", "sha256", "-f", publicKey.toString());
        String[] fields = listing.output().strip().split("\\s+");
        if (listing.exitCode() != 0 || fields.length < 2 || !fields[1].startsWith("SHA256:")) {
            throw new IllegalStateException("ssh-keygen -lf " + publicKey + " printed no fingerprint: " + listing.output());
        }
        return fields[1];
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    // ---- what the tests use --------------------------------------------------------------------

    /** @return the port on {@link #HOST} */
    public int port() {
        return port;
    }

    /** @return the account to log in as: the JVM's user */
    public String user() {
        return runningAsRoot() ? "root" : new UnixSystem().getUsername();
    }

    /** @return whether the account is locked down: forced internal-sftp in a chroot */
    public boolean lockedDown() {
        return lockedDown;
    }

    /** @return the host key's {@code SHA256:} fingerprint as {@code ssh-keygen -lf} prints it */
    public String hostKeyFingerprint() {
        return fingerprint;
    }

    /** @return the host key, read from its {@code .pub} file */
    public PublicKey hostPublicKey() {
        String[] fields = publicKeyFields(hostPublicKey);
        try {
            return new Buffer.PlainBuffer(Base64.getDecoder().decode(fields[1])).readPublicKey();
        } catch (Buffer.BufferException e) {
            throw new IllegalStateException("cannot read the host key " + hostPublicKey, e);
        }
    }

    /** @return a {@code known_hosts} line for this server: {@code [127.0.0.1]:port ssh-ed25519 AAAA…} */
    public String knownHostsLine() {
        String[] fields = publicKeyFields(hostPublicKey);
        return "[" + HOST + "]:" + port + " " + fields[0] + " " + fields[1] + "\n";
    }

    /** @return a {@code known_hosts} file that knows this server and nothing else */
    public Path knownHostsFile() {
        try {
            return Files.writeString(dir.resolve("known_hosts"), knownHostsLine());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the authorized Ed25519 client key (OpenSSH format, no passphrase) */
    public Path clientKey() {
        return clientKey;
    }

    /** @return an authorized RSA client key (3072 bits, OpenSSH format), made on the first call */
    public synchronized Path rsaClientKey() {
        if (rsaClientKey == null) {
            Path key = generateKey("id_rsa", "rsa");
            try {
                Files.writeString(authorizedKeys, Files.readString(key.resolveSibling("id_rsa.pub")),
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            rsaClientKey = key;
        }
        return rsaClientKey;
    }

    /**
     * @param name the file name, unique for this server
     * @param type {@code ed25519}, {@code ecdsa} or {@code rsa}
     * @return a fresh private key (public part beside it as {@code .pub}) that the server does not authorize
     */
    public Path generateKey(String name, String type) {
        try {
            return generateKey(sshKeygen, dir.resolve(name), type, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the inbox made at start, on disk: the directory the standby's watcher watches */
    public Path inboxDirectory() {
        return inbox;
    }

    /** @return the inbox made at start as the SFTP client names it: {@code /inbox} in the chroot, else its absolute path */
    public String inboxPathForClient() {
        return pathForClient(inbox);
    }

    /**
     * @param name a directory name
     * @return a fresh directory the account can write, on disk (below the chroot, if any)
     */
    public Path createDirectory(String name) {
        try {
            return Files.createDirectory(served.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param onDisk a directory the server serves
     * @return the path the SFTP client uses for it
     */
    public String pathForClient(Path onDisk) {
        Path absolute = onDisk.toAbsolutePath().normalize();
        if (!lockedDown) {
            return absolute.toString();
        }
        if (!absolute.startsWith(served)) {
            throw new IllegalArgumentException(onDisk + " is outside the chroot " + served);
        }
        return "/" + served.relativize(absolute).toString().replace('\\', '/');
    }

    /**
     * @param onDisk the inbox on disk
     * @return an SSH target for it on this server
     */
    public SshTarget target(Path onDisk) {
        return new SshTarget(user(), HOST, port, pathForClient(onDisk));
    }

    /** @return this server's own directory (configuration, keys, log, served files) */
    public Path directory() {
        return dir;
    }

    /**
     * Drops every open connection the way a crashing or rebooting server does: kills each
     * per-connection sshd process (the daemon's descendants) and waits until they are gone. The
     * listening daemon stays, so the next connection works.
     *
     * @return how many processes were killed
     */
    public int dropConnections() {
        List<ProcessHandle> children = daemon.toHandle().descendants().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + BOUND.toNanos();
        for (ProcessHandle child : children) {
            // Polled, not onExit(): the JDK checks a process that is not its child only every 300 ms.
            while (!dead(child) && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            }
            if (!dead(child)) {
                throw new IllegalStateException("sshd connection process " + child.pid() + " outlived SIGKILL by " + BOUND);
            }
        }
        return children.size();
    }

    /**
     * Whether a process has ended: gone, or a zombie. A killed connection's processes are orphans
     * whose zombies wait for init, which in a container may reap them late or never; the JDK counts
     * a zombie as alive.
     */
    private static boolean dead(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // "pid (command) state ...": the command may hold blanks and parentheses, the state follows the last ')'.
            return stat.substring(stat.lastIndexOf(')') + 1).strip().startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return !process.isAlive();
        }
    }

    /** What a command sent over SSH got: its exit status (null if none was sent) and its output. */
    public record Execution(Integer exitStatus, String output) {
    }

    /**
     * Runs a command over SSH as {@link #user()} with the client key and the pinned host key, not
     * through the transport: for tests that check what else the account may do.
     *
     * @param command the command line
     * @return its exit status and its output, stdout then stderr
     * @throws IOException if the connection or login fails
     */
    public Execution execute(String command) throws IOException {
        try (SSHClient client = new SSHClient()) {
            client.setConnectTimeout((int) BOUND.toMillis());
            client.setTimeout((int) BOUND.toMillis());
            client.addHostKeyVerifier(fingerprint);
            client.connect(HOST, port);
            client.authPublickey(user(), clientKey.toString());
            try (Session session = client.startSession()) {
                Session.Command run = session.exec(command);
                String out = readAll(run.getInputStream());
                String err = readAll(run.getErrorStream());
                run.join(BOUND.toMillis(), TimeUnit.MILLISECONDS);
                return new Execution(run.getExitStatus(), out + err);
            }
        }
    }

    /**
     * Fails fast with sshd's log if the account cannot log in; run as a user other than root, where
     * the account's own settings decide (a locked account is refused without PAM), it skips instead.
     */
    public void assumeLoginWorks() {
        try (SSHClient client = new SSHClient()) {
            client.setConnectTimeout((int) BOUND.toMillis());
            client.setTimeout((int) BOUND.toMillis());
            client.addHostKeyVerifier(fingerprint);
            client.connect(HOST, port);
            client.authPublickey(user(), clientKey.toString());
        } catch (IOException e) {
            String message = "cannot log in to the OpenSSH test server as " + user() + ": " + e + "\n" + log();
            if (runningAsRoot()) {
                throw new IllegalStateException(message, e);
            }
            skip("OpenSSH interop tests skipped: sshd running as " + user() + " cannot let that account in"
                    + " (sshd without PAM refuses a locked account): " + e.getMessage() + "\n" + log());
        }
    }

    /** @return sshd's log: the {@code -E} log file and anything it wrote to its output before logging started */
    public String log() {
        try {
            return Layout.logText(logFile, outputFile);
        } catch (IOException e) {
            return "(cannot read the sshd log " + logFile + ": " + e + ")";
        }
    }

    /**
     * @param server the server of the running test class, null before it starts
     * @return a JUnit extension that prints the server's log when a test fails
     */
    public static TestWatcher printLogOnFailure(Supplier<OpenSshServer> server) {
        return new TestWatcher() {
            @Override
            public void testFailed(ExtensionContext context, Throwable cause) {
                OpenSshServer running = server.get();
                if (running != null && !running.closed) {
                    System.err.println("sshd log at the failure of " + context.getDisplayName() + ":\n" + running.log());
                }
            }
        };
    }

    /** Test code for {@link #printingLogOnFailure}. */
    @FunctionalInterface
    public interface Body {
        /** @throws Exception as the test code does */
        void run() throws Exception;
    }

    /**
     * Runs test code and prints this server's log if it fails: for a server the test starts and
     * closes itself, whose log is gone when a {@link #printLogOnFailure} watcher would print it.
     *
     * @param body the test code
     * @throws Exception what the body throws
     */
    public void printingLogOnFailure(Body body) throws Exception {
        try {
            body.run();
        } catch (Exception | Error e) {
            System.err.println("sshd log of " + this + " at the failure:\n" + log());
            throw e;
        }
    }

    /** Ends every connection and the daemon, and deletes the server's directory. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // The JVM is shutting down; the hook runs anyway.
        }
        deleteTree(dir);
    }

    @Override
    public String toString() {
        return "OpenSshServer[" + HOST + ":" + port + (lockedDown ? ", locked down" : "") + ", " + dir + "]";
    }

    private void kill() {
        // Connections first: a connection's processes outlive the listening daemon.
        daemon.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        daemon.destroyForcibly();
        waitFor(daemon, BOUND);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static void skip(String message) {
        if (TOLD.add(message)) {
            System.err.println(message);
        }
        Assumptions.abort(message);
    }

    private static Optional<Path> findSshKeygen() {
        String path = System.getenv().getOrDefault("PATH", "");
        List<Path> candidates = new ArrayList<>();
        for (String entry : path.split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty()) {
                candidates.add(Path.of(entry, "ssh-keygen"));
            }
        }
        candidates.add(Path.of("/usr/bin/ssh-keygen"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** The module's {@code target/}: Surefire's {@code basedir}, else the working directory. */
    static Path targetDirectory() {
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        return base.resolve("target").toAbsolutePath().normalize();
    }

    /**
     * Where a chrooted server's directory can go: the module's {@code target/} if sshd accepts a
     * chroot below it, else (as root, for a checkout below a world-writable {@code /tmp}) a
     * directory of the tests' own below {@code /run}, which is root's and {@code rwxr-xr-x}.
     */
    static Optional<Path> chrootBase() {
        Path target = targetDirectory();
        if (chrootProblem(target).isEmpty()) {
            return Optional.of(target);
        }
        Path run = Path.of("/run/pbxredundancy-openssh-tests");
        if (runningAsRoot() && Files.isDirectory(Path.of("/run")) && chrootProblem(run).isEmpty()) {
            return Optional.of(run);
        }
        return Optional.empty();
    }

    /** Why sshd would refuse a ChrootDirectory below {@code parent}: a component not root's, or writable by group or others. */
    static Optional<String> chrootProblem(Path parent) {
        try {
            Files.createDirectories(parent);
            for (Path p = parent.toRealPath(); p != null; p = p.getParent()) {
                int uid = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                Set<PosixFilePermission> modes = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
                if (uid != 0 || modes.contains(PosixFilePermission.GROUP_WRITE) || modes.contains(PosixFilePermission.OTHERS_WRITE)) {
                    return Optional.of("sshd accepts a ChrootDirectory only if every component is owned by root and"
                            + " not writable by group or others, and " + p + " is owned by uid " + uid + " with mode "
                            + PosixFilePermissions.toString(modes));
                }
            }
            return Optional.empty();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of("cannot check the owners of " + parent + ": " + e);
        }
    }

    private static Path generateKey(Path sshKeygen, Path file, String type, Path workDir) throws IOException {
        List<String> command = new ArrayList<>(List.of(sshKeygen.toString(), "-q", "-t", type, "-N", "", "-C",
                "openssh-server-test", "-f", file.toString()));
        if ("rsa".equals(type)) {
            command.addAll(List.of("-b", "3072"));
        }
        Command generated = Command.run(workDir, command.toArray(String[]::new));
        if (generated.exitCode() != 0 || !Files.isRegularFile(file)) {
            throw new IllegalStateException("ssh-keygen -t " + type + " failed: " + generated.output());
        }
        return file;
    }

    private static String[] publicKeyFields(Path publicKey) {
        try {
            String[] fields = Files.readString(publicKey).strip().split("\\s+");
            if (fields.length < 2) {
                throw new IllegalStateException("not an OpenSSH public key: " + publicKey);
            }
            return fields;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean waitFor(Process process, Duration bound) {
        try {
            return process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            // walkFileTree never follows links: a link the server's client made is deleted, not its target.
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the OpenSSH server's directory " + root, e);
        }
    }

    /** A short command (ssh-keygen, sshd -t) run to completion within the bound, its output through a file. */
    private record Command(int exitCode, String output) {
        static Command run(Path workDir, String... command) throws IOException {
            Path output = Files.createTempFile(workDir, "command-", ".out");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                process.getOutputStream().close();
                if (!waitFor(process, BOUND)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not end within " + BOUND);
                }
                return new Command(process.exitValue(), Files.readString(output));
            } finally {
                Files.deleteIfExists(output);
            }
        }
    }

    /** The server's files. */
    private static final class Layout {
        final Path dir;
        final Path served;
        final Path inbox;
        final boolean lockedDown;
        final Path sshKeygen;
        final Path hostKey;
        final Path hostPublicKey;
        final Path clientKey;
        final Path authorizedKeys;
        final Path config;
        final Path pidFile;
        final Path log;
        final Path output;

        private Layout(Path dir, boolean lockedDown, Path sshKeygen) {
            this.dir = dir;
            this.lockedDown = lockedDown;
            this.sshKeygen = sshKeygen;
            this.served = dir.resolve(lockedDown ? "chroot" : "files");
            this.inbox = served.resolve("inbox");
            this.hostKey = dir.resolve("ssh_host_ed25519_key");
            this.hostPublicKey = dir.resolve("ssh_host_ed25519_key.pub");
            this.clientKey = dir.resolve("id_ed25519");
            this.authorizedKeys = dir.resolve("authorized_keys");
            this.config = dir.resolve("sshd_config");
            this.pidFile = dir.resolve("sshd.pid");
            this.log = dir.resolve("sshd.log");
            this.output = dir.resolve("sshd.out");
        }

        static Layout create(boolean lockedDown) throws IOException {
            Path target = lockedDown ? chrootBase().orElse(targetDirectory()) : targetDirectory();
            Files.createDirectories(target);
            Path dir = Files.createTempDirectory(target, "openssh-", PosixFilePermissions.asFileAttribute(RWX_R_X));
            Layout layout = new Layout(dir.toRealPath(), lockedDown, findSshKeygen().orElseThrow());
            try {
                // The chroot must be root's and not writable by group or others: rwxr-xr-x.
                Files.createDirectory(layout.served, PosixFilePermissions.asFileAttribute(RWX_R_X));
                Files.createDirectory(layout.inbox);
                generateKey(layout.sshKeygen, layout.hostKey, "ed25519", dir);
                generateKey(layout.sshKeygen, layout.clientKey, "ed25519", dir);
                Files.copy(layout.clientKey.resolveSibling("id_ed25519.pub"), layout.authorizedKeys);
                return layout;
            } catch (IOException | RuntimeException e) {
                deleteTree(dir);
                throw e;
            }
        }

        void writeConfig(int port) throws IOException {
            List<String> lines = new ArrayList<>(List.of(
                    "# An sshd for one test run (OpenSshServer); not the system's.",
                    "ListenAddress " + HOST,
                    "Port " + port,
                    "HostKey " + quoted(hostKey),
                    "PidFile " + quoted(pidFile),
                    "AuthorizedKeysFile " + quoted(authorizedKeys),
                    "# The files lie below the build's target/, whose parents' owners and modes vary by checkout.",
                    "StrictModes no",
                    "UsePAM no",
                    "PubkeyAuthentication yes",
                    "# No SHA-1 signatures (OpenSSH's default since 8.8, said here): an RSA key logs in with rsa-sha2 only.",
                    "PubkeyAcceptedAlgorithms -ssh-rsa,ssh-rsa-cert-v01@openssh.com",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "PermitRootLogin prohibit-password",
                    "Subsystem sftp internal-sftp",
                    "AllowTcpForwarding no",
                    "AllowAgentForwarding no",
                    "X11Forwarding no",
                    "PermitTTY no",
                    "PermitUserRC no",
                    "PrintMotd no",
                    "UseDNS no",
                    "LogLevel VERBOSE"));
            if (lockedDown) {
                lines.add("# The standby account of a careful administrator: SFTP only, inside its directory.");
                lines.add("ForceCommand internal-sftp");
                lines.add("ChrootDirectory " + quoted(served));
            }
            Files.write(config, lines);
        }

        private static String quoted(Path path) {
            return "\"" + path + "\"";
        }

        String logText() throws IOException {
            return logText(log, output);
        }

        /** The log file and the daemon's output, each if present. */
        static String logText(Path log, Path output) throws IOException {
            StringBuilder text = new StringBuilder();
            for (Path file : List.of(log, output)) {
                if (Files.exists(file)) {
                    text.append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
                }
            }
            return text.toString();
        }
    }
}
