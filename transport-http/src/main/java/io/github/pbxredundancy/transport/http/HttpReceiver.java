package io.github.pbxredundancy.transport.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.github.pbxredundancy.core.FreeSpace;
import io.github.pbxredundancy.core.InputProblem;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.TaskScheduler;
import io.github.pbxredundancy.core.spi.BundleHandler;
import io.github.pbxredundancy.transport.http.internal.CredentialCheck;
import io.github.pbxredundancy.transport.http.internal.Text;
import io.github.pbxredundancy.transport.http.internal.TlsTrust;
import io.github.pbxredundancy.transport.http.internal.UploadEndpoint;
import io.github.pbxredundancy.transport.http.internal.UploadStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standby's end of the HTTPS transport: an embeddable endpoint that receives resumable
 * uploads ({@code docs/http-protocol.md}) and hands every complete bundle to a
 * {@link BundleHandler}, normally the standby's {@code Receiver} ({@code receiver::receiveFile}),
 * so that the same staging, verification and rules hold whatever the transport.
 *
 * <h2>Two ways to run it</h2>
 * <ul>
 *   <li>{@link #start()}: on a JDK {@link HttpsServer} of its own, bound to
 *       {@link Builder#bindAddress}, with the {@link SSLContext} the host gives (its key and
 *       certificate; TLS 1.3 and 1.2 only) and a bounded pool of {@link Builder#threads} threads:
 *       a connection that finds every thread busy and the small queue full is closed at once.</li>
 *   <li>{@link #handler()}: the same endpoint as an {@link HttpHandler} to mount in a JDK
 *       {@code HttpServer} or {@code HttpsServer} the host runs itself:
 *       {@code server.createContext(receiver.basePath(), receiver.handler())}. The host's server
 *       then owns the threads and TLS.</li>
 * </ul>
 * A servlet container cannot run a JDK {@code HttpHandler}; {@code docs/http-protocol.md} shows
 * how a servlet calls the same core {@code Receiver}.
 *
 * <h2>Rules</h2>
 * Every request is authenticated first, against the accepted {@link HttpCredentials} compared in
 * constant time, before anything else is looked at and before a byte of its body is read; a
 * refusal is {@code 401} with {@code WWW-Authenticate}. Paths, ids and headers are parsed
 * strictly: an id that is not a valid bundle id (a path traversal) is {@code 400} before the disk
 * is touched. A bundle larger than {@link Builder#maxBodyBytes}, or a body longer than what is
 * missing of its upload, is {@code 413} before it is read; too little room in the upload directory
 * {@code 507}. A client that sends no byte of a body for the {@link Builder#idleTimeout idle
 * timeout}, or slower than the {@link Builder#minimumThroughput minimum throughput}, is cut off;
 * the bytes it sent stay for a resumed upload. Request headers beyond
 * {@link Builder#maxHeaderBytes} are {@code 431}. The JDK server itself reads the request line and
 * headers before the endpoint sees them, limited by its own system properties
 * ({@code sun.net.httpserver.maxReqHeaders}, {@code maxReqHeaderSize}; see the protocol document).
 *
 * <h2>On disk</h2>
 * The receiver owns its {@link Builder#uploadDirectory upload directory}, which must not be the
 * core receiver's root nor inside it: {@code <id>.part} (the bytes so far, forced to disk at the
 * end of each request, also one cut short) and {@code <id>.upload} (the announced size and
 * SHA-256; after an acceptance only this record stays, so that a sender that lost the verdict
 * gets it again without sending the bundle). Uploads untouched for the
 * {@link Builder#uploadTtl upload TTL}, by the injected clock, are deleted by {@link #sweep()},
 * which runs when the receiver is built and again while it receives.
 *
 * <p>Thread-safe. Requests on one upload run one at a time; the handler is called from one
 * thread at a time, as {@link BundleHandler} promises.
 */
public final class HttpReceiver implements AutoCloseable {
    /** The base path unless set otherwise. */
    public static final String DEFAULT_BASE_PATH = "/pbx-redundancy";
    /** The largest bundle unless set otherwise: 16 GiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 16L << 30;
    /** The idle timeout unless set otherwise. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(1);
    /**
     * The minimum throughput unless set otherwise, 64 KiB/s: well below the transport's own
     * minimum, so that only a trickling client is cut off.
     */
    public static final long DEFAULT_MINIMUM_THROUGHPUT = 64 * 1024;
    /** How long an untouched upload is kept unless set otherwise: a day of retries. */
    public static final Duration DEFAULT_UPLOAD_TTL = Duration.ofHours(24);
    /** The server's threads unless set otherwise. */
    public static final int DEFAULT_THREADS = 4;
    /** The most bytes of request header names and values unless set otherwise: 16 KiB. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(HttpReceiver.class);
    private static final Pattern BASE_PATH = Pattern.compile("(/[A-Za-z0-9._~-]{1,100})*");
    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final UploadEndpoint endpoint;
    private final String basePath;
    private final Path uploadDirectory;
    private final int threads;
    private final InetSocketAddress bindAddress;
    private final SSLContext sslContext;
    private HttpsServer server;
    private ThreadPoolExecutor executor;
    private boolean closed;

    private HttpReceiver(Builder builder, String basePath, UploadEndpoint endpoint) {
        this.endpoint = endpoint;
        this.basePath = basePath;
        this.uploadDirectory = builder.uploadDirectory.toAbsolutePath();
        this.threads = builder.threads;
        this.bindAddress = builder.bindAddress;
        this.sslContext = builder.sslContext;
    }

    /**
     * @return a builder; handler, upload directory, accepted credentials, clock and scheduler are
     *     required, bind address and SSL context for {@link #start()}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The endpoint as a handler to mount in the host's own JDK HTTP(S) server, at
     * {@link #basePath()} (the handler works below whatever context path it is mounted at). The
     * same instance every time.
     *
     * @return the handler, thread-safe
     */
    public HttpHandler handler() {
        return endpoint;
    }

    /** @return the base path, e.g. {@code /pbx-redundancy}; {@code /} for the root */
    public String basePath() {
        return basePath.isEmpty() ? "/" : basePath;
    }

    /** @return the upload directory, absolute */
    public Path uploadDirectory() {
        return uploadDirectory;
    }

    /**
     * Starts an HTTPS server of the receiver's own.
     *
     * @throws IllegalStateException if already started or closed
     * @throws InvalidInputException if the bind address or the SSL context was not set
     * @throws RedundancyException {@link ReasonCode#UNEXPECTED} if the address cannot be bound
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("the HTTP receiver is closed");
        }
        if (server != null) {
            throw new IllegalStateException("the HTTP receiver is already started on " + server.getAddress());
        }
        List<InputProblem> problems = new ArrayList<>();
        if (bindAddress == null) {
            problems.add(InputProblem.of("bindAddress", null, "is required to start a server of the receiver's own,"
                    + " e.g. 0.0.0.0:8443; or mount handler() in the host's server"));
        }
        if (sslContext == null) {
            problems.add(InputProblem.of("sslContext", null, "is required to start a server of the receiver's own: the"
                    + " standby's key and certificate"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        int number = SERVERS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "pbx-http-receiver-" + number + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(threads * 4), factory, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        try {
            HttpsServer created = HttpsServer.create(bindAddress, 64);
            created.setHttpsConfigurator(new HttpsConfigurator(sslContext) {
                @Override
                public void configure(HttpsParameters parameters) {
                    SSLParameters defaults = getSSLContext().getDefaultSSLParameters();
                    List<String> supported = Arrays.asList(defaults.getProtocols());
                    defaults.setProtocols(Arrays.stream(TlsTrust.PROTOCOLS).filter(supported::contains).toArray(String[]::new));
                    defaults.setNeedClientAuth(false);
                    defaults.setWantClientAuth(false);
                    parameters.setSSLParameters(defaults);
                }
            });
            created.createContext(basePath(), endpoint);
            created.setExecutor(pool);
            created.start();
            server = created;
            executor = pool;
        } catch (IOException e) {
            pool.shutdownNow();
            throw new RedundancyException(ReasonCode.UNEXPECTED, "cannot start the HTTP receiver on " + bindAddress + ": "
                    + Text.describe(e), e);
        }
        LOG.info("HTTP receiver listening on https://{}:{}{}", server.getAddress().getHostString(), server.getAddress().getPort(),
                basePath());
    }

    /**
     * @return the address the started server listens on (with the real port if 0 was asked for)
     * @throws IllegalStateException if not started
     */
    public synchronized InetSocketAddress address() {
        if (server == null) {
            throw new IllegalStateException("the HTTP receiver is not started");
        }
        return server.getAddress();
    }

    /**
     * Deletes the uploads nobody touched for the upload TTL by the clock, with their records;
     * skips uploads a request is working on. Also deletes entries of the receiver's names that are
     * not regular files (links); other names are left alone and logged once.
     *
     * @return how many files it deleted
     * @throws RedundancyException {@link ReasonCode#UNEXPECTED} if the directory cannot be listed or
     *     a file cannot be deleted
     */
    public int sweep() {
        try {
            return endpoint.sweep();
        } catch (IOException e) {
            throw new RedundancyException(ReasonCode.UNEXPECTED, "cannot sweep the upload directory " + uploadDirectory
                    + ": " + Text.describe(e), e);
        }
    }

    /**
     * Stops the server of {@link #start()} at once (connections are closed, requests in progress
     * fail) and its threads; the {@link #handler()} refuses later requests with 503. Uploads stay
     * on disk for a resumed upload. Idempotent.
     */
    @Override
    public void close() {
        HttpsServer running;
        ThreadPoolExecutor pool;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = server;
            pool = executor;
        }
        endpoint.close();
        if (running != null) {
            running.stop(0);
        }
        if (pool != null) {
            pool.shutdownNow();
            try {
                if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.warn("Threads of the HTTP receiver are still busy after it was closed");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "HttpReceiver[" + basePath() + ", " + uploadDirectory + "]";
    }

    /**
     * Collects an {@link HttpReceiver}'s settings; {@link #build()} checks them together.
     *
     * <p>Not thread-safe; use one builder per thread.
     */
    public static final class Builder {
        private BundleHandler handler;
        private Path uploadDirectory;
        private final List<HttpCredentials> accepted = new ArrayList<>();
        private Clock clock;
        private TaskScheduler scheduler;
        private String basePath = DEFAULT_BASE_PATH;
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private long minimumThroughput = DEFAULT_MINIMUM_THROUGHPUT;
        private Duration uploadTtl = DEFAULT_UPLOAD_TTL;
        private int threads = DEFAULT_THREADS;
        private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;
        private InetSocketAddress bindAddress;
        private SSLContext sslContext;
        private FreeSpace freeSpace = FreeSpace.fileStore();

        private Builder() {
        }

        /**
         * Judges each complete bundle, e.g. the standby's receiver: {@code receiver::receiveFile}.
         * Required.
         *
         * @param handler the handler, called from one thread at a time
         * @return this builder
         */
        public Builder handler(BundleHandler handler) {
            this.handler = handler;
            return this;
        }

        /**
         * The receiver's own directory for uploads in progress, created if missing; not the core
         * receiver's root nor inside it, and written by nothing else. Required.
         *
         * @param uploadDirectory the directory
         * @return this builder
         */
        public Builder uploadDirectory(Path uploadDirectory) {
            this.uploadDirectory = uploadDirectory;
            return this;
        }

        /**
         * Accepts these credentials (in addition to earlier calls). At least one is required;
         * several allow a token to be replaced without downtime.
         *
         * @param credentials the credentials
         * @return this builder
         */
        public Builder accept(HttpCredentials... credentials) {
            accepted.addAll(Arrays.asList(credentials));
            return this;
        }

        /**
         * The clock for the idle timeouts and the upload TTL; the scheduler must use the same one.
         * Required.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Wakes the idle watchdogs. Required.
         *
         * @param scheduler the scheduler, e.g. {@link TaskScheduler#using}
         * @return this builder
         */
        public Builder scheduler(TaskScheduler scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /**
         * The path the receiver serves below; the transport's URI has the same path.
         * {@link #DEFAULT_BASE_PATH} unless set.
         *
         * @param basePath {@code /} or an absolute path of letters, digits, {@code -._~}, without
         *     a trailing slash
         * @return this builder
         */
        public Builder basePath(String basePath) {
            this.basePath = basePath;
            return this;
        }

        /**
         * The largest bundle accepted; {@link #DEFAULT_MAX_BODY_BYTES} unless set.
         *
         * @param bytes at least 1
         * @return this builder
         */
        public Builder maxBodyBytes(long bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * How long a client may send no byte of a body before it is cut off, and how long a
         * request waits for another request on the same upload; {@link #DEFAULT_IDLE_TIMEOUT}
         * unless set.
         *
         * @param idleTimeout more than 0, at most a day
         * @return this builder
         */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        /**
         * The slowest upload tolerated: a request whose body takes longer than the idle timeout
         * plus its length at this rate is cut off. {@link #DEFAULT_MINIMUM_THROUGHPUT} unless set.
         *
         * @param bytesPerSecond at least 1
         * @return this builder
         */
        public Builder minimumThroughput(long bytesPerSecond) {
            this.minimumThroughput = bytesPerSecond;
            return this;
        }

        /**
         * How long an upload nobody touches is kept, and an acceptance remembered;
         * {@link #DEFAULT_UPLOAD_TTL} unless set.
         *
         * @param uploadTtl longer than the idle timeout, at most 30 days
         * @return this builder
         */
        public Builder uploadTtl(Duration uploadTtl) {
            this.uploadTtl = uploadTtl;
            return this;
        }

        /**
         * The threads of the server of {@link #start()}; {@link #DEFAULT_THREADS} unless set.
         *
         * @param threads 1 to 256
         * @return this builder
         */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /**
         * The most bytes of request header names and values; {@link #DEFAULT_MAX_HEADER_BYTES}
         * unless set.
         *
         * @param bytes 1024 to 1 MiB
         * @return this builder
         */
        public Builder maxHeaderBytes(int bytes) {
            this.maxHeaderBytes = bytes;
            return this;
        }

        /**
         * Where the server of {@link #start()} listens. Required for {@link #start()}.
         *
         * @param bindAddress e.g. {@code new InetSocketAddress("192.168.1.2", 8443)}
         * @return this builder
         */
        public Builder bindAddress(InetSocketAddress bindAddress) {
            this.bindAddress = bindAddress;
            return this;
        }

        /**
         * The standby's key and certificate for the server of {@link #start()}. Required for
         * {@link #start()}.
         *
         * @param sslContext an initialised context, e.g. from a {@code KeyManagerFactory} over the
         *     standby's PKCS12 keystore
         * @return this builder
         */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        /**
         * How free space in the upload directory is measured; {@link FreeSpace#fileStore()} unless
         * set.
         *
         * @param freeSpace the probe
         * @return this builder
         */
        public Builder freeSpace(FreeSpace freeSpace) {
            this.freeSpace = freeSpace;
            return this;
        }

        /**
         * Checks the settings, creates the upload directory and sweeps it.
         *
         * @return the receiver, not yet started
         * @throws InvalidInputException naming every missing or out-of-range setting
         * @throws RedundancyException {@link ReasonCode#UNEXPECTED} if the directory cannot be
         *     created or swept
         */
        public HttpReceiver build() {
            List<InputProblem> problems = new ArrayList<>();
            required(problems, "handler", handler);
            required(problems, "uploadDirectory", uploadDirectory);
            if (accepted.isEmpty() || accepted.contains(null)) {
                problems.add(InputProblem.of("accepted credentials", null, "at least one is required, and none may be"
                        + " null: the bearer token or user and password the active sends"));
            }
            required(problems, "clock", clock);
            required(problems, "scheduler", scheduler);
            required(problems, "freeSpace", freeSpace);
            if (basePath == null || !"/".equals(basePath) && (basePath.isEmpty() || !BASE_PATH.matcher(basePath).matches())) {
                problems.add(InputProblem.of("basePath", basePath, "must be / or an absolute path like /pbx-redundancy of"
                        + " letters, digits, '-', '.', '_' and '~', without a trailing slash"));
            }
            if (maxBodyBytes < 1) {
                problems.add(InputProblem.of("maxBodyBytes", Long.toString(maxBodyBytes), "must be at least 1"));
            }
            boolean idleValid = idleTimeout != null && idleTimeout.compareTo(Duration.ZERO) > 0
                    && idleTimeout.compareTo(Duration.ofDays(1)) <= 0;
            if (!idleValid) {
                problems.add(InputProblem.of("idleTimeout", idleTimeout == null ? null : idleTimeout.toString(),
                        "must be more than 0 and at most one day"));
            }
            if (minimumThroughput < 1) {
                problems.add(InputProblem.of("minimumThroughput", Long.toString(minimumThroughput),
                        "must be at least 1 byte per second"));
            }
            if (uploadTtl == null || uploadTtl.compareTo(Duration.ofDays(30)) > 0
                    || idleValid && uploadTtl.compareTo(idleTimeout) <= 0 || uploadTtl.compareTo(Duration.ZERO) <= 0) {
                problems.add(InputProblem.of("uploadTtl", uploadTtl == null ? null : uploadTtl.toString(),
                        "must be longer than the idle timeout and at most 30 days"));
            }
            if (threads < 1 || threads > 256) {
                problems.add(InputProblem.of("threads", Integer.toString(threads), "must be from 1 to 256"));
            }
            if (maxHeaderBytes < 1024 || maxHeaderBytes > (1 << 20)) {
                problems.add(InputProblem.of("maxHeaderBytes", Integer.toString(maxHeaderBytes), "must be from 1024 to 1048576"));
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            UploadStore store;
            try {
                store = new UploadStore(uploadDirectory);
            } catch (IOException e) {
                throw new RedundancyException(ReasonCode.UNEXPECTED, "cannot create the upload directory '" + uploadDirectory
                        + "': " + Text.describe(e), e);
            }
            UploadEndpoint endpoint = new UploadEndpoint(new UploadEndpoint.Settings(handler, store,
                    new CredentialCheck(accepted), maxBodyBytes, idleTimeout, minimumThroughput, maxHeaderBytes, uploadTtl,
                    clock, scheduler, freeSpace));
            HttpReceiver receiver = new HttpReceiver(this, "/".equals(basePath) ? "" : basePath, endpoint);
            receiver.sweep();
            return receiver;
        }

        private static void required(List<InputProblem> problems, String field, Object value) {
            if (value == null) {
                problems.add(InputProblem.of(field, null, "is required"));
            }
        }
    }
}
