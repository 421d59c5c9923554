package io.github.pbxredundancy.transport.http;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.InputProblem;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.TaskScheduler;
import io.github.pbxredundancy.core.spi.Delivery;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import io.github.pbxredundancy.core.spi.InboxCodec;
import io.github.pbxredundancy.core.spi.TransferListener;
import io.github.pbxredundancy.core.spi.Transport;
import io.github.pbxredundancy.core.spi.TransportOptions;
import io.github.pbxredundancy.license.PrintableText;
import io.github.pbxredundancy.transport.http.internal.HttpFailures;
import io.github.pbxredundancy.transport.http.internal.LimitedBody;
import io.github.pbxredundancy.transport.http.internal.PushedFileBody;
import io.github.pbxredundancy.transport.http.internal.StatusCodes;
import io.github.pbxredundancy.transport.http.internal.Text;
import io.github.pbxredundancy.transport.http.internal.TlsTrust;
import io.github.pbxredundancy.transport.http.internal.UploadHeaders;
import io.github.pbxredundancy.transport.http.internal.Watchdog;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers bundles to the standby's {@link HttpReceiver} over HTTPS with resumable uploads, on the
 * JDK's {@link HttpClient} (HTTP/1.1, no other dependency); the protocol is in
 * {@code docs/http-protocol.md}. For standbys reachable only through an HTTPS port (a reverse
 * proxy, a firewall that blocks SSH, a cloud-hosted standby).
 *
 * <h2>A delivery</h2>
 * <ol>
 *   <li>{@code POST <path>/uploads/<id>} with the bundle's size ({@code Upload-Length}) and SHA-256
 *       ({@code Repr-Digest}, RFC 9530) and no body: the receiver creates the upload, or finds the
 *       one an interrupted attempt left, and answers how many bytes it has
 *       ({@code Upload-Offset}). Credentials, the size limit and the receiver's free space are
 *       thus checked before a byte of the bundle is sent; {@code Expect: 100-continue} is never
 *       relied on.</li>
 *   <li>{@code PATCH <path>/uploads/<id>} from that offset to the end, streamed straight from the
 *       file with a known {@code Content-Length}: a few 64 KiB chunks on the heap whatever the
 *       size. If the receiver has another offset than assumed ({@code 409} with
 *       {@code Upload-Offset}), the transport asks it ({@code HEAD}) and continues once from
 *       there.</li>
 *   <li>{@code POST <path>/uploads/<id>/finish}: the receiver checks the SHA-256, hands the bundle
 *       to its handler (the standby's {@code Receiver}) and answers with the verdict, which the
 *       transport returns: the receipt is synchronous.</li>
 * </ol>
 * An attempt cut short leaves the bytes that arrived on the standby; the next attempt of the same
 * bundle continues after them. A verdict lost on the way (the ack timeout passed) is not lost:
 * the receiver remembers an acceptance, and the next attempt gets it without sending the bundle
 * again.
 *
 * <h2>Security</h2>
 * TLS 1.3 or 1.2; the server's certificate is checked by the {@link HttpTrust} and the host name
 * always (see there). Plain {@code http} only with {@link Builder#allowPlainHttp(boolean)}, which
 * logs a warning: the token and the bundle would travel unencrypted. Redirects are never followed.
 * The {@link HttpCredentials} are sent with every request and never printed.
 *
 * <h2>Timeouts</h2>
 * All on the options' clock, woken by its scheduler. The connect timeout bounds the TCP
 * connection; a request without a body must be answered within the connect timeout plus the
 * idle timeout; the upload of {@code n} bytes must be done within the connect timeout plus
 * {@code n} divided by the {@linkplain Builder#minimumThroughput(long) minimum throughput} plus
 * the idle timeout (a fixed value would cut big bundles), and ends earlier if the receiver takes
 * no byte for the idle timeout; the verdict must come within the connect timeout plus the ack
 * timeout. The JDK client's own request timeout is set to twice each bound, as a guard against a
 * scheduler that no longer runs.
 *
 * <h2>Failures</h2>
 * {@link RedundancyException}s with the cause kept and no secret in the message: a refused
 * certificate: {@link ReasonCode#HOST_KEY_CHANGED} (pin mismatch) or
 * {@link ReasonCode#HOST_KEY_UNKNOWN}; 401: {@link ReasonCode#AUTHENTICATION_FAILED}; 403:
 * {@link ReasonCode#PERMISSION_DENIED} (these are not retried); 413:
 * {@link ReasonCode#LIMIT_EXCEEDED}; 507: {@link ReasonCode#DISK_FULL}; connection refused or
 * unreachable, 502, 503: {@link ReasonCode#CONNECTION_FAILED}; a timeout:
 * {@link ReasonCode#TIMEOUT}; a connection lost during the upload, or {@link #close()}:
 * {@link ReasonCode#TRANSFER_INTERRUPTED}; a malformed verdict, a verdict about another bundle or
 * with another SHA-256: {@link ReasonCode#INTEGRITY_FAILED}; other 5xx
 * {@link ReasonCode#UNEXPECTED}. The full table is in {@code docs/http-protocol.md}. The
 * receiver's rejections (a stale epoch, a foreign pair, a failed hash check) are not failures but
 * {@link DeliveryReceipt.Rejected} receipts with the receiver's reason code.
 *
 * <p>Thread-safe in the sense of {@link Transport}: one {@link #deliver} at a time;
 * {@link #close()} from any thread, which ends a running delivery. The transport owns one HTTP
 * client (its connections are reused between deliveries) and the client's executor, which
 * {@link #close()} shuts down.
 */
public final class HttpTransport implements Transport {
    /** The URI scheme this transport serves. */
    public static final String SCHEME = HttpTarget.HTTPS;
    /** The idle timeout unless set otherwise. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(1);
    /**
     * The minimum throughput unless set otherwise, 256 KiB/s (about 2 Mbit/s): a 5 MB bundle gets
     * 20 s, a 1 GiB bundle 68 minutes, besides the connect and idle timeouts.
     */
    public static final long DEFAULT_MINIMUM_THROUGHPUT = 256 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);
    private static final long REPORT_EVERY = 256 * 1024;
    private static final int MAX_EXPLANATION_BYTES = 4096;
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final HttpTarget target;
    private final HttpTrust trust;
    private final TlsTrust tls;
    private final HttpCredentials credentials;
    private final TransportOptions options;
    private final Duration idleTimeout;
    private final long minimumThroughput;
    private final ExecutorService executor;
    private final HttpClient client;
    private volatile Attempt current;
    private volatile boolean closed;

    private HttpTransport(Builder builder) {
        this.target = builder.target;
        this.trust = builder.trust;
        this.credentials = builder.credentials;
        this.options = builder.options;
        this.idleTimeout = builder.idleTimeout;
        this.minimumThroughput = builder.minimumThroughput;
        this.tls = target.isTls() ? TlsTrust.of(trust) : null;
        int number = CLIENTS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "pbx-http-transport-" + number + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.executor = Executors.newCachedThreadPool(factory);
        HttpClient.Builder client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(options.connectTimeout())
                .executor(executor);
        if (tls != null) {
            client.sslContext(tls.context()).sslParameters(TlsTrust.parameters());
        }
        this.client = client.build();
        if (!target.isTls()) {
            LOG.warn("The HTTP transport to {} uses plain http, as explicitly allowed: the credentials and every bundle"
                    + " travel unencrypted and can be read or changed on the way; use https", target);
        }
    }

    /**
     * @return a builder; target, trust (for https), credentials and options are required
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the standby's receiver */
    public HttpTarget target() {
        return target;
    }

    /** @return how the server's certificate is checked; empty for plain http */
    public Optional<HttpTrust> trust() {
        return Optional.ofNullable(tls == null ? null : trust);
    }

    /**
     * Delivers a bundle and returns the receiver's verdict; see the class comment.
     *
     * @throws IllegalStateException if the transport is closed
     */
    @Override
    public DeliveryReceipt deliver(Delivery delivery, TransferListener listener) {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(listener, "listener");
        if (closed) {
            throw new IllegalStateException("the HTTP transport to " + target + " is closed");
        }
        if (tls != null) {
            tls.reload();
        }
        Attempt attempt = new Attempt(delivery, listener);
        current = attempt;
        try {
            if (closed) {
                throw closedDuring(delivery.bundleId(), null);
            }
            DeliveryReceipt receipt = delivery.requireAnsweredBy(attempt.run());
            LOG.info("Bundle {} delivered to {}: {}", delivery.bundleId(), target, receipt instanceof DeliveryReceipt.Rejected
                    rejected ? "rejected, " + rejected.reason() : "accepted");
            return receipt;
        } catch (RedundancyException e) {
            if (closed && e.reason() != ReasonCode.TRANSFER_INTERRUPTED) {
                throw closedDuring(delivery.bundleId(), e);
            }
            throw e;
        } finally {
            current = null;
        }
    }

    /** Ends a running delivery (it fails with {@link ReasonCode#TRANSFER_INTERRUPTED}); later deliveries fail. Idempotent. */
    @Override
    public void close() {
        closed = true;
        Attempt attempt = current;
        if (attempt != null) {
            attempt.abort(new InterruptedIOException("the transport was closed"));
        }
        executor.shutdownNow();
        // The JDK 21+ client is AutoCloseable and stops its selector thread at once; on 17 the
        // selector thread ends when the client is collected.
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("Closing the HTTP client of {} failed", target, e);
            }
        }
    }

    @Override
    public String toString() {
        return "HttpTransport[" + target + "]";
    }

    private RedundancyException closedDuring(BundleId id, Throwable cause) {
        return new RedundancyException(ReasonCode.TRANSFER_INTERRUPTED, "the HTTP transport to " + target
                + " was closed during the delivery of bundle " + id, cause);
    }

    /** One delivery: the state {@link #close()} needs to end it. */
    private final class Attempt {
        private final Delivery delivery;
        private final TransferListener listener;
        private final BundleId id;
        private final URI upload;
        private volatile CompletableFuture<?> inFlight;
        private volatile PushedFileBody body;
        private volatile IOException aborted;
        private long reported = -1;

        Attempt(Delivery delivery, TransferListener listener) {
            this.delivery = delivery;
            this.listener = listener;
            this.id = delivery.bundleId();
            this.upload = target.upload(id.value());
        }

        DeliveryReceipt run() {
            try (FileChannel source = openSource()) {
                long size = delivery.size();
                long offset = create();
                if (offset > 0) {
                    LOG.info("Resuming bundle {} on {} after {} of {} bytes", id, target, offset, size);
                }
                report(offset, true);
                if (offset < size) {
                    Optional<Long> conflict = patch(source, offset, true);
                    if (conflict.isPresent()) {
                        long now = head();
                        LOG.info("The receiver {} has {} bytes of bundle {}, not {}; continuing from there", target, now, id,
                                conflict.get());
                        report(now, true);
                        if (now < size) {
                            patch(source, now, false);
                        }
                    }
                }
                return finish();
            } catch (IOException e) {
                throw new RedundancyException(ReasonCode.UNEXPECTED, "cannot close the bundle file '" + delivery.file()
                        + "': " + Text.describe(e), e);
            }
        }

        void abort(IOException why) {
            aborted = why;
            PushedFileBody pushing = body;
            if (pushing != null) {
                pushing.abort(why);
            }
            CompletableFuture<?> future = inFlight;
            if (future != null) {
                future.cancel(true);
            }
        }

        private FileChannel openSource() {
            try {
                return FileChannel.open(delivery.file(), StandardOpenOption.READ);
            } catch (IOException e) {
                throw new RedundancyException(ReasonCode.UNEXPECTED, "cannot read the bundle file '" + delivery.file()
                        + "': " + Text.describe(e), e);
            }
        }

        /** {@code POST <path>/uploads/<id>}: the receiver's offset. */
        private long create() {
            HttpRequest request = request(upload, requestBound())
                    .header(UploadHeaders.UPLOAD_LENGTH, UploadHeaders.renderCount(delivery.size()))
                    .header(UploadHeaders.REPR_DIGEST, UploadHeaders.renderDigest(delivery.sha256()))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build();
            String what = "the creation of the upload of bundle " + id;
            HttpResponse<byte[]> response;
            try {
                response = exchange(request, requestBound(), what, StatusCodes.Phase.CREATE);
            } catch (RedundancyException e) {
                Throwable cause = e.getCause();
                if (e.reason() != ReasonCode.CONNECTION_FAILED || closed || !(cause instanceof IOException)
                        || cause instanceof java.net.ConnectException || cause instanceof javax.net.ssl.SSLException) {
                    throw e;
                }
                // A pooled connection the receiver closed meanwhile: creating is idempotent, so once more.
                LOG.debug("Creating the upload of bundle {} on {} failed; trying once more on a new connection", id, target, e);
                response = exchange(request, requestBound(), what, StatusCodes.Phase.CREATE);
            }
            if (response.statusCode() != StatusCodes.CREATED && response.statusCode() != StatusCodes.OK) {
                throw refusal(response, what, StatusCodes.Phase.CREATE);
            }
            return offsetOf(response, what);
        }

        /** {@code HEAD <path>/uploads/<id>}: the receiver's offset. */
        private long head() {
            HttpRequest request = request(upload, requestBound()).method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
            String what = "the offset query of the upload of bundle " + id;
            HttpResponse<byte[]> response = exchange(request, requestBound(), what, StatusCodes.Phase.UPLOAD);
            if (response.statusCode() != StatusCodes.OK) {
                throw refusal(response, what, StatusCodes.Phase.UPLOAD);
            }
            return offsetOf(response, what);
        }

        /**
         * {@code PATCH <path>/uploads/<id>} from {@code offset} to the end.
         *
         * @return the receiver's offset if it answered 409 with one and {@code mayConflict}, else empty
         */
        private Optional<Long> patch(FileChannel source, long offset, boolean mayConflict) {
            long length = delivery.size() - offset;
            Duration bound = options.connectTimeout().plus(throughputTime(length)).plus(idleTimeout);
            PushedFileBody pushed = new PushedFileBody(length, idleTimeout.multipliedBy(2).toNanos());
            HttpRequest request = request(upload, bound)
                    .header(UploadHeaders.UPLOAD_OFFSET, UploadHeaders.renderCount(offset))
                    .header("Content-Type", UploadHeaders.OFFSET_OCTET_STREAM)
                    .method("PATCH", pushed)
                    .build();
            String what = "the upload of bundle " + id + " from byte " + offset;
            Instant deadline = options.clock().instant().plus(bound);
            body = pushed;
            CompletableFuture<HttpResponse<byte[]>> future = send(request, what);
            // An exchange that ends before the body is sent (refused early, connection lost) wakes the pump.
            future.whenComplete((response, failure) -> pushed.abort(new IOException("the exchange ended before the body was sent")));
            Watchdog idle = watch(() -> abort(new HttpTimeoutException("the receiver took no byte of bundle " + id
                    + " for " + idleTimeout + " (the idle timeout)")), deadline, what);
            try {
                pushed.pump(source, offset, sent -> {
                    idle.progress();
                    report(offset + sent, false);
                });
            } catch (IOException e) {
                if (aborted != null || e instanceof PushedFileBody.FileShrankException) {
                    future.cancel(true);
                    throw failure(what, aborted != null ? aborted : e, StatusCodes.Phase.UPLOAD);
                }
                // Otherwise the exchange itself ended early: its response or failure tells why.
            } finally {
                idle.stop();
                body = null;
            }
            HttpResponse<byte[]> response = await(future, deadline, bound, what, StatusCodes.Phase.UPLOAD);
            if (response.statusCode() == StatusCodes.CONFLICT && mayConflict
                    && response.headers().firstValue(UploadHeaders.UPLOAD_OFFSET).isPresent()) {
                return Optional.of(offsetOf(response, what));
            }
            if (response.statusCode() != StatusCodes.NO_CONTENT && response.statusCode() != StatusCodes.OK) {
                throw refusal(response, what, StatusCodes.Phase.UPLOAD);
            }
            long now = offsetOf(response, what);
            if (now != delivery.size()) {
                throw new RedundancyException(ReasonCode.TRANSFER_INTERRUPTED, "the receiver " + target + " has " + now
                        + " bytes of bundle " + id + " after " + what + ", not its " + delivery.size());
            }
            report(now, true);
            return Optional.empty();
        }

        /** {@code POST <path>/uploads/<id>/finish}: the verdict. */
        private DeliveryReceipt finish() {
            Duration bound = options.connectTimeout().plus(options.ackTimeout());
            HttpRequest request = request(URI.create(upload + "/finish"), bound)
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build();
            String what = "the verdict on bundle " + id;
            HttpResponse<byte[]> response = exchange(request, bound, what, StatusCodes.Phase.UPLOAD);
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (type.toLowerCase(Locale.ROOT).startsWith(UploadHeaders.VERDICT_TYPE)) {
                try {
                    return InboxCodec.parseAnswer(response.body());
                } catch (RedundancyException e) {
                    throw new RedundancyException(e.reason(), "the receiver " + target + " answered " + what + " with "
                            + StatusCodes.describe(response.statusCode()) + ": " + e.getMessage(), e);
                }
            }
            if (response.statusCode() == StatusCodes.CONFLICT && response.headers().firstValue(UploadHeaders.UPLOAD_OFFSET).isPresent()) {
                throw new RedundancyException(ReasonCode.TRANSFER_INTERRUPTED, "the receiver " + target + " has only "
                        + PrintableText.quote(response.headers().firstValue(UploadHeaders.UPLOAD_OFFSET).get()) + " of the "
                        + delivery.size() + " bytes of bundle " + id + " (another attempt may be writing it): "
                        + explanation(response));
            }
            throw refusal(response, what, StatusCodes.Phase.UPLOAD);
        }

        private HttpRequest.Builder request(URI uri, Duration bound) {
            return HttpRequest.newBuilder(uri)
                    .timeout(bound.multipliedBy(2))
                    .header("Authorization", credentials.authorization());
        }

        private HttpResponse<byte[]> exchange(HttpRequest request, Duration bound, String what, StatusCodes.Phase phase) {
            Instant deadline = options.clock().instant().plus(bound);
            return await(send(request, what), deadline, bound, what, phase);
        }

        private CompletableFuture<HttpResponse<byte[]>> send(HttpRequest request, String what) {
            if (closed) {
                throw closedDuring(id, null);
            }
            try {
                CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request,
                        LimitedBody.handler(Math.max(InboxCodec.MAX_ANSWER_BYTES, MAX_EXPLANATION_BYTES)));
                inFlight = future;
                return future;
            } catch (RejectedExecutionException | IllegalStateException e) {
                throw closed ? closedDuring(id, e) : new RedundancyException(ReasonCode.UNEXPECTED, "cannot send "
                        + what + " to " + target + ": " + Text.describe(e), e);
            }
        }

        /** Waits for a response until the deadline on the options' clock; a scheduler task wakes the wait. */
        private HttpResponse<byte[]> await(CompletableFuture<HttpResponse<byte[]>> future, Instant deadline, Duration bound,
                                           String what, StatusCodes.Phase phase) {
            CompletableFuture<Void> alarm = new CompletableFuture<>();
            TaskScheduler.ScheduledTask task = null;
            try {
                task = options.scheduler().schedule(deadline, () -> alarm.complete(null));
                CompletableFuture.anyOf(future, alarm).get(bound.multipliedBy(2).toNanos(), TimeUnit.NANOSECONDS);
                if (!future.isDone()) {
                    throw new TimeoutException();
                }
                return future.get();
            } catch (TimeoutException e) {
                future.cancel(true);
                throw new RedundancyException(ReasonCode.TIMEOUT, "no answer from " + target + " to " + what + " within "
                        + bound + (phase == StatusCodes.Phase.UPLOAD && what.startsWith("the verdict")
                        ? " (the connect timeout plus the ack timeout): is the standby verifying a large bundle or stuck?"
                        : ""), e);
            } catch (ExecutionException | CancellationException e) {
                throw failure(what, aborted != null ? aborted : e, phase);
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new RedundancyException(ReasonCode.TRANSFER_INTERRUPTED, "interrupted while waiting for " + what, e);
            } catch (RejectedExecutionException e) {
                future.cancel(true);
                throw new RedundancyException(ReasonCode.UNEXPECTED, "the task scheduler refused to time " + what
                        + ": is it shut down?", e);
            } finally {
                if (task != null) {
                    task.cancel();
                }
                inFlight = null;
            }
        }

        private Watchdog watch(Runnable onIdle, Instant deadline, String what) {
            try {
                return Watchdog.start(options.clock(), options.scheduler(), idleTimeout, deadline, onIdle);
            } catch (RejectedExecutionException e) {
                throw new RedundancyException(ReasonCode.UNEXPECTED, "the task scheduler refused to watch " + what
                        + ": is it shut down?", e);
            }
        }

        private RedundancyException failure(String what, Throwable e, StatusCodes.Phase phase) {
            if (closed) {
                return closedDuring(id, e);
            }
            String context = (phase == StatusCodes.Phase.CREATE ? "cannot reach " : "cannot complete ") + what + " at " + target;
            return HttpFailures.of(context, e, phase, tls == null ? Optional.empty() : tls.takeRefusal());
        }

        private RedundancyException refusal(HttpResponse<byte[]> response, String what, StatusCodes.Phase phase) {
            int status = response.statusCode();
            ReasonCode reason = StatusCodes.reasonOf(status, phase);
            String hint = "";
            if (status == StatusCodes.UNAUTHORIZED) {
                hint = "; check the credentials configured for the standby";
            } else if (status >= 300 && status < 400) {
                hint = "; redirects are not followed: use the receiver's own URI";
            } else if (status == StatusCodes.NOT_FOUND && phase == StatusCodes.Phase.CREATE) {
                hint = "; is the receiver's base path the path of " + target + "?";
            }
            return new RedundancyException(reason, "the receiver " + target + " refused " + what + " with "
                    + StatusCodes.describe(status) + ": " + explanation(response) + hint);
        }

        private String explanation(HttpResponse<byte[]> response) {
            byte[] bytes = response.body();
            if (bytes == null || bytes.length == 0) {
                return "(no explanation)";
            }
            return Text.oneLine(new String(bytes, StandardCharsets.UTF_8));
        }

        private long offsetOf(HttpResponse<byte[]> response, String what) {
            Optional<String> value = response.headers().firstValue(UploadHeaders.UPLOAD_OFFSET);
            long offset;
            try {
                offset = UploadHeaders.parseCount(UploadHeaders.UPLOAD_OFFSET, value.orElse(null));
            } catch (InvalidInputException e) {
                throw new RedundancyException(ReasonCode.UNEXPECTED, "the receiver " + target + " answered " + what
                        + " without a valid offset: " + e.getMessage(), e);
            }
            if (offset > delivery.size()) {
                throw new RedundancyException(ReasonCode.INTEGRITY_FAILED, "the receiver " + target + " claims " + offset
                        + " bytes of bundle " + id + ", which has only " + delivery.size());
            }
            return offset;
        }

        /** Reports progress on the delivering thread, at most every {@value #REPORT_EVERY} bytes unless forced. */
        private void report(long transferred, boolean force) {
            if (!force && transferred - reported < REPORT_EVERY && transferred < delivery.size()) {
                return;
            }
            if (transferred == reported) {
                return;
            }
            reported = transferred;
            try {
                listener.transferred(id, transferred, delivery.size());
            } catch (RuntimeException e) {
                LOG.warn("A transfer listener failed; the delivery goes on", e);
            }
        }
    }

    private Duration throughputTime(long bytes) {
        long seconds = bytes / minimumThroughput + 1;
        return Duration.ofSeconds(Math.min(seconds, Duration.ofDays(365).toSeconds()));
    }

    private Duration requestBound() {
        return options.connectTimeout().plus(idleTimeout);
    }

    /**
     * Collects the settings of an {@link HttpTransport}. Not thread-safe; {@link #build()} returns
     * an immutable, thread-safe transport.
     */
    public static final class Builder {
        private HttpTarget target;
        private HttpTrust trust;
        private HttpCredentials credentials;
        private TransportOptions options;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private long minimumThroughput = DEFAULT_MINIMUM_THROUGHPUT;
        private boolean allowPlainHttp;

        private Builder() {
        }

        /**
         * @param target the standby's receiver; required
         * @return this builder
         */
        public Builder target(HttpTarget target) {
            this.target = target;
            return this;
        }

        /**
         * @param target the standby's receiver as {@code https://host:port/base/path}; required
         * @return this builder
         * @throws InvalidInputException if the URI is not a valid target, see {@link HttpTarget#parse}
         */
        public Builder target(URI target) {
            this.target = HttpTarget.parse(target);
            return this;
        }

        /**
         * @param trust how to check the server's certificate; required for https, there is no default
         * @return this builder
         */
        public Builder trust(HttpTrust trust) {
            this.trust = trust;
            return this;
        }

        /**
         * @param credentials how to authenticate; required
         * @return this builder
         */
        public Builder credentials(HttpCredentials credentials) {
            this.credentials = credentials;
            return this;
        }

        /**
         * @param options ack timeout, connect timeout, clock and scheduler; required
         * @return this builder
         */
        public Builder options(TransportOptions options) {
            this.options = options;
            return this;
        }

        /**
         * @param idleTimeout the longest the receiver may take no byte of the upload, and the
         *     allowance for each answer; default {@link #DEFAULT_IDLE_TIMEOUT}
         * @return this builder
         */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        /**
         * @param bytesPerSecond the slowest upload still expected to succeed; sizes the upload's
         *     timeout from the bundle's size. Default {@link #DEFAULT_MINIMUM_THROUGHPUT}
         * @return this builder
         */
        public Builder minimumThroughput(long bytesPerSecond) {
            this.minimumThroughput = bytesPerSecond;
            return this;
        }

        /**
         * @param allow true to deliver to an {@code http://} target: credentials and bundles then
         *     travel unencrypted, and the transport logs a warning. Default false
         * @return this builder
         */
        public Builder allowPlainHttp(boolean allow) {
            this.allowPlainHttp = allow;
            return this;
        }

        /**
         * @return the transport
         * @throws InvalidInputException naming every missing setting, an https target without a
         *     trust, an http target without the opt-in, and a timeout or throughput that is not
         *     more than zero
         */
        public HttpTransport build() {
            List<InputProblem> problems = new ArrayList<>();
            if (target == null) {
                problems.add(InputProblem.of("target", null, "is required, e.g. https://192.168.1.20:8443/pbx-redundancy"));
            } else if (!target.isTls() && !allowPlainHttp) {
                problems.add(InputProblem.of("target", target.toString(), "is plain http, which sends the credentials and"
                        + " the bundle unencrypted: use https, or allowPlainHttp(true) where the network is trusted"));
            }
            if (trust == null && (target == null || target.isTls())) {
                problems.add(InputProblem.of("trust", null, "is required: a truststore, a pinned certificate or a pinned"
                        + " public key fingerprint of the standby"));
            }
            if (credentials == null) {
                problems.add(InputProblem.of("credentials", null, "is required: a bearer token or a user and password"));
            }
            if (options == null) {
                problems.add(InputProblem.of("options", null, "is required"));
            }
            if (idleTimeout == null || idleTimeout.compareTo(Duration.ZERO) <= 0 || idleTimeout.compareTo(Duration.ofDays(1)) > 0) {
                problems.add(InputProblem.of("idleTimeout", idleTimeout == null ? null : idleTimeout.toString(),
                        "must be more than 0 and at most one day"));
            }
            if (minimumThroughput < 1) {
                problems.add(InputProblem.of("minimumThroughput", Long.toString(minimumThroughput),
                        "must be at least 1 byte per second"));
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            return new HttpTransport(this);
        }
    }
}
