package io.github.pbxredundancy.transport.http.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.FreeSpace;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.TaskScheduler;
import io.github.pbxredundancy.core.spi.BundleHandler;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import io.github.pbxredundancy.core.spi.InboxCodec;
import io.github.pbxredundancy.license.PrintableText;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving end of the upload protocol ({@code docs/http-protocol.md}) as a JDK
 * {@link HttpHandler}: authenticates every request before anything else (before a byte of a body
 * is read), parses the path and headers strictly, keeps uploads in an {@link UploadStore}, streams
 * PATCH bodies to the part file under an idle and throughput {@link Watchdog}, and at the end
 * checks the SHA-256 and asks the {@link BundleHandler} for the verdict.
 *
 * <p>Concurrency: one request per upload at a time (a per-id lock; a request that finds it held
 * waits up to the idle timeout, in which a stalled holder is cut off, then gets 503), and one
 * handler call at a time across all uploads, as {@link BundleHandler} promises its implementations.
 *
 * <p>Not part of the API. Thread-safe.
 */
public final class UploadEndpoint implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(UploadEndpoint.class);
    private static final int CHUNK = 64 * 1024;
    private static final String UPLOADS = "uploads";
    private static final String FINISH = "finish";

    /**
     * The endpoint's settings.
     *
     * @param handler judges complete bundles
     * @param store the upload directory
     * @param credentials the accepted credentials
     * @param maxBodyBytes the largest bundle accepted
     * @param idleTimeout the longest a client may send no byte of a body; also the longest a
     *     request waits for another one on the same upload
     * @param minimumThroughput the slowest upload tolerated, bytes per second
     * @param maxHeaderBytes the most bytes of header names and values in one request
     * @param uploadTtl how long an upload nobody touches is kept
     * @param clock decides every instant
     * @param scheduler wakes the watchdogs
     * @param freeSpace measures the room in the upload directory
     */
    public record Settings(BundleHandler handler, UploadStore store, CredentialCheck credentials, long maxBodyBytes,
                           Duration idleTimeout, long minimumThroughput, int maxHeaderBytes, Duration uploadTtl, Clock clock,
                           TaskScheduler scheduler, FreeSpace freeSpace) {
        /** Checks every part is present. */
        public Settings {
            Objects.requireNonNull(handler, "handler");
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(credentials, "credentials");
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            Objects.requireNonNull(uploadTtl, "uploadTtl");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(scheduler, "scheduler");
            Objects.requireNonNull(freeSpace, "freeSpace");
        }
    }

    /** A running SHA-256 of an upload's part, valid while it covers exactly the part's bytes. */
    private static final class RunningHash {
        final MessageDigest digest = UploadStore.newDigest();
        long covered;
    }

    /** A request refused before its body: status, explanation and headers. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;
        final transient Map<String, String> headers;

        Refusal(int status, String message, Map<String, String> headers) {
            super(message, null, false, false);
            this.status = status;
            this.headers = headers;
        }

        Refusal(int status, String message) {
            this(status, message, Map.of());
        }
    }

    private final Settings settings;
    private final KeyedLocks locks = new KeyedLocks();
    private final ReentrantLock handlerLock = new ReentrantLock(true);
    private final Map<String, RunningHash> hashes = new ConcurrentHashMap<>();
    private final Object sweepLock = new Object();
    private Instant nextSweep;
    private volatile boolean closed;

    /**
     * @param settings the settings
     */
    public UploadEndpoint(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.nextSweep = settings.clock().instant().plus(sweepInterval());
    }

    /** Refuses every later request with 503; requests in progress go on. */
    public void close() {
        closed = true;
    }

    /**
     * Deletes uploads nobody touched for the upload TTL, by the clock; skips uploads in use.
     *
     * @return how many files it deleted
     * @throws IOException if the directory cannot be listed or a file not deleted
     */
    public int sweep() throws IOException {
        Instant now = settings.clock().instant();
        synchronized (sweepLock) {
            nextSweep = now.plus(sweepInterval());
        }
        return settings.store().sweep(now.minus(settings.uploadTtl()), id -> {
            try {
                Optional<KeyedLocks.Held> held = locks.tryLock(id.value(), Duration.ZERO);
                held.ifPresent(h -> hashes.remove(id.value()));
                return held;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        });
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            serve(exchange);
        } catch (Refusal refusal) {
            refuse(exchange, refusal);
        } catch (IOException | RuntimeException e) {
            LOG.warn("The HTTP receiver failed on {} {}", exchange.getRequestMethod(), quotedPath(exchange), e);
            if (exchange.getResponseCode() == -1) {
                try {
                    text(exchange, StatusCodes.INTERNAL_ERROR, "the receiver failed: " + Text.describe(e), Map.of(), true);
                } catch (IOException | RuntimeException ignored) {
                    LOG.debug("Cannot answer the failure", ignored);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (exchange.getResponseCode() == -1) {
                text(exchange, StatusCodes.UNAVAILABLE, "the receiver is stopping", Map.of(), true);
            }
        } finally {
            exchange.close();
        }
    }

    private void serve(HttpExchange exchange) throws Refusal, IOException, InterruptedException {
        if (closed) {
            throw new Refusal(StatusCodes.UNAVAILABLE, "the receiver is stopping", Map.of("Retry-After", "60"));
        }
        if (!settings.credentials().accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
            LOG.warn("Refused {} {} from {}: no or wrong credentials", exchange.getRequestMethod(), quotedPath(exchange),
                    exchange.getRemoteAddress());
            throw new Refusal(StatusCodes.UNAUTHORIZED, "authentication required: send the credentials configured for"
                    + " this standby");
        }
        int headerBytes = 0;
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            for (String value : header.getValue()) {
                headerBytes += header.getKey().length() + value.length() + 4;
            }
        }
        if (headerBytes > settings.maxHeaderBytes()) {
            throw new Refusal(StatusCodes.HEADERS_TOO_LARGE, "the request's headers have " + headerBytes + " bytes, more"
                    + " than " + settings.maxHeaderBytes());
        }
        Route route = route(exchange);
        String method = exchange.getRequestMethod();
        if (route.finish()) {
            if (!"POST".equals(method)) {
                throw new Refusal(StatusCodes.METHOD_NOT_ALLOWED, "a finish takes POST", Map.of("Allow", "POST"));
            }
            finish(exchange, route.id());
            return;
        }
        switch (method) {
            case "POST":
                create(exchange, route.id());
                break;
            case "HEAD":
                head(exchange, route.id());
                break;
            case "PATCH":
                patch(exchange, route.id());
                break;
            default:
                throw new Refusal(StatusCodes.METHOD_NOT_ALLOWED, "an upload takes POST, HEAD or PATCH",
                        Map.of("Allow", "POST, HEAD, PATCH"));
        }
    }

    /** Where a request goes: an upload, or its finish. */
    private record Route(BundleId id, boolean finish) {
    }

    private static Route route(HttpExchange exchange) throws Refusal {
        if (exchange.getRequestURI().getRawQuery() != null) {
            throw new Refusal(StatusCodes.BAD_REQUEST, "the upload protocol takes no query");
        }
        String context = exchange.getHttpContext().getPath();
        if (context.endsWith("/")) {
            context = context.substring(0, context.length() - 1);
        }
        String path = exchange.getRequestURI().getRawPath();
        if (path == null || !path.startsWith(context + "/")) {
            throw new Refusal(StatusCodes.NOT_FOUND, "no such resource");
        }
        String[] segments = path.substring(context.length() + 1).split("/", -1);
        if (segments.length < 2 || segments.length > 3 || !UPLOADS.equals(segments[0])) {
            throw new Refusal(StatusCodes.NOT_FOUND, "no such resource: uploads are at <base>/uploads/<bundle id>");
        }
        BundleId id;
        try {
            id = BundleId.parse(segments[1]);
        } catch (InvalidInputException e) {
            throw new Refusal(StatusCodes.BAD_REQUEST, e.getMessage());
        }
        if (segments.length == 3 && !FINISH.equals(segments[2])) {
            throw new Refusal(StatusCodes.NOT_FOUND, "no such resource: an upload has only <id>/finish below it");
        }
        return new Route(id, segments.length == 3);
    }

    /** {@code POST <base>/uploads/<id>}: create the upload, or find the one to continue. */
    private void create(HttpExchange exchange, BundleId id) throws Refusal, IOException, InterruptedException {
        requireNoBody(exchange);
        long length = header(exchange, UploadHeaders.UPLOAD_LENGTH, value -> UploadHeaders.parseCount(UploadHeaders.UPLOAD_LENGTH, value));
        String sha256 = header(exchange, UploadHeaders.REPR_DIGEST, UploadHeaders::parseDigest);
        if (length > settings.maxBodyBytes()) {
            LOG.warn("Refused the upload of bundle {}: {} bytes, more than the limit of {}", id, length, settings.maxBodyBytes());
            throw new Refusal(StatusCodes.CONTENT_TOO_LARGE, "the bundle has " + length + " bytes, more than this"
                    + " receiver's limit of " + settings.maxBodyBytes());
        }
        sweepIfDue();
        KeyedLocks.Held held = lock(id);
        try {
            Optional<UploadStore.Upload> existing = settings.store().find(id);
            if (existing.isPresent() && existing.get().length() == length && existing.get().sha256().equals(sha256)) {
                UploadStore.Upload upload = existing.get();
                if (!upload.accepted()) {
                    requireRoom(length - upload.offset());
                }
                LOG.info("Continuing the upload of bundle {} at {} of {} bytes{}", id, upload.offset(), length,
                        upload.accepted() ? " (already accepted)" : "");
                text(exchange, StatusCodes.OK, "continue at " + upload.offset(),
                        Map.of(UploadHeaders.UPLOAD_OFFSET, UploadHeaders.renderCount(upload.offset())), false);
                return;
            }
            if (existing.isPresent()) {
                LOG.info("Bundle {} is announced with another size or SHA-256 than its upload in progress; starting afresh", id);
            }
            hashes.remove(id.value());
            requireRoom(length);
            settings.store().create(id, length, sha256);
            hashes.put(id.value(), new RunningHash());
            LOG.info("Created the upload of bundle {}: {} bytes", id, length);
            text(exchange, StatusCodes.CREATED, "created", Map.of(UploadHeaders.UPLOAD_OFFSET, "0",
                    "Location", exchange.getRequestURI().getRawPath()), false);
        } finally {
            held.close();
        }
    }

    /** {@code HEAD <base>/uploads/<id>}: the offset. */
    private void head(HttpExchange exchange, BundleId id) throws Refusal, IOException, InterruptedException {
        requireNoBody(exchange);
        KeyedLocks.Held held = lock(id);
        try {
            UploadStore.Upload upload = settings.store().find(id)
                    .orElseThrow(() -> new Refusal(StatusCodes.NOT_FOUND, "no upload of bundle " + id));
            Headers headers = exchange.getResponseHeaders();
            headers.set("Cache-Control", "no-store");
            headers.set(UploadHeaders.UPLOAD_OFFSET, UploadHeaders.renderCount(upload.offset()));
            headers.set(UploadHeaders.UPLOAD_LENGTH, UploadHeaders.renderCount(upload.length()));
            exchange.sendResponseHeaders(StatusCodes.OK, -1);
        } finally {
            held.close();
        }
    }

    /** {@code PATCH <base>/uploads/<id>}: append the body at the offset. */
    private void patch(HttpExchange exchange, BundleId id) throws Refusal, IOException, InterruptedException {
        Headers request = exchange.getRequestHeaders();
        if (request.containsKey("Transfer-Encoding")) {
            throw new Refusal(StatusCodes.LENGTH_REQUIRED, "a PATCH needs a Content-Length; chunked bodies are refused");
        }
        String lengthValue = request.getFirst("Content-Length");
        if (lengthValue == null) {
            throw new Refusal(StatusCodes.LENGTH_REQUIRED, "a PATCH needs a Content-Length");
        }
        long length = header(exchange, "Content-Length", value -> UploadHeaders.parseCount("Content-Length", value));
        String type = Optional.ofNullable(request.getFirst("Content-Type")).orElse("");
        int semicolon = type.indexOf(';');
        String mediaType = (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        if (!UploadHeaders.OFFSET_OCTET_STREAM.equals(mediaType)) {
            throw new Refusal(StatusCodes.UNSUPPORTED_MEDIA_TYPE, "a PATCH body must be " + UploadHeaders.OFFSET_OCTET_STREAM
                    + ", not " + PrintableText.quote(type));
        }
        long offset = header(exchange, UploadHeaders.UPLOAD_OFFSET, value -> UploadHeaders.parseCount(UploadHeaders.UPLOAD_OFFSET, value));
        if (length > settings.maxBodyBytes()) {
            throw new Refusal(StatusCodes.CONTENT_TOO_LARGE, "the body has " + length + " bytes, more than this receiver's"
                    + " limit of " + settings.maxBodyBytes());
        }
        KeyedLocks.Held held = lock(id);
        try {
            UploadStore.Upload upload = settings.store().find(id)
                    .orElseThrow(() -> new Refusal(StatusCodes.NOT_FOUND, "no upload of bundle " + id + ": create it first"));
            if (upload.accepted()) {
                throw new Refusal(StatusCodes.CONFLICT, "bundle " + id + " is complete and was accepted; finish it to get the"
                        + " verdict", Map.of(UploadHeaders.UPLOAD_OFFSET, UploadHeaders.renderCount(upload.length())));
            }
            if (offset != upload.offset()) {
                throw new Refusal(StatusCodes.CONFLICT, "the upload of bundle " + id + " is at byte " + upload.offset()
                        + ", not " + offset, Map.of(UploadHeaders.UPLOAD_OFFSET, UploadHeaders.renderCount(upload.offset())));
            }
            if (length > upload.length() - offset) {
                throw new Refusal(StatusCodes.CONTENT_TOO_LARGE, "the body has " + length + " bytes, but only "
                        + (upload.length() - offset) + " of the announced " + upload.length() + " are missing");
            }
            requireRoom(length);
            receive(exchange, upload, length);
        } finally {
            held.close();
        }
    }

    private void receive(HttpExchange exchange, UploadStore.Upload upload, long length) throws IOException {
        BundleId id = upload.id();
        long offset = upload.offset();
        RunningHash hash = hashes.get(id.value());
        if (hash != null && hash.covered != offset) {
            hashes.remove(id.value());
            hash = null;
        }
        long received = 0;
        boolean clientGone = false;
        IOException diskFailure = null;
        Instant deadline = settings.clock().instant().plus(settings.idleTimeout())
                .plusSeconds(length / settings.minimumThroughput() + 1);
        Watchdog watchdog;
        try {
            watchdog = Watchdog.start(settings.clock(), settings.scheduler(), settings.idleTimeout(), deadline, () -> {
                LOG.warn("The client sending bundle {} stalled or is too slow (idle timeout {}, minimum {} bytes/s);"
                        + " cutting it off, the bytes received stay for a resumed upload", id, settings.idleTimeout(),
                        settings.minimumThroughput());
                exchange.close();
            });
        } catch (RejectedExecutionException e) {
            text(exchange, StatusCodes.UNAVAILABLE, "the receiver is stopping", Map.of("Retry-After", "60"), true);
            return;
        }
        try (FileChannel part = settings.store().openPart(id)) {
            InputStream body = exchange.getRequestBody();
            byte[] buffer = new byte[CHUNK];
            while (received < length) {
                int n;
                try {
                    n = body.read(buffer, 0, (int) Math.min(buffer.length, length - received));
                } catch (IOException e) {
                    clientGone = true;
                    LOG.debug("Reading the body of bundle {} failed", id, e);
                    break;
                }
                if (n < 0) {
                    clientGone = true;
                    break;
                }
                try {
                    ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
                    long position = offset + received;
                    while (bytes.hasRemaining()) {
                        position += part.write(bytes, position);
                    }
                } catch (IOException e) {
                    diskFailure = e;
                    break;
                }
                if (hash != null) {
                    hash.digest.update(buffer, 0, n);
                    hash.covered += n;
                }
                received += n;
                watchdog.progress();
            }
            try {
                if (diskFailure != null) {
                    // A chunk may have been written in part: keep only the bytes known to be whole.
                    part.truncate(offset + received);
                }
                part.force(false);
            } catch (IOException e) {
                diskFailure = diskFailure == null ? e : diskFailure;
                hashes.remove(id.value());
            }
        } finally {
            boolean stalled = !watchdog.stop();
            if (stalled) {
                clientGone = true;
            }
        }
        if (clientGone) {
            LOG.warn("The upload of bundle {} stopped after {} of {} bytes of its request; {} of {} bytes are kept for a"
                    + " resumed upload", id, received, length, offset + received, upload.length());
            return;
        }
        if (diskFailure != null) {
            boolean full = shortOfRoom(length - received);
            LOG.warn("Cannot write the upload of bundle {}{}", id, full ? ": the disk is full" : "", diskFailure);
            text(exchange, full ? StatusCodes.INSUFFICIENT_STORAGE : StatusCodes.INTERNAL_ERROR,
                    (full ? "the standby's disk is full: " : "the standby cannot write the upload: ") + Text.describe(diskFailure),
                    Map.of(UploadHeaders.UPLOAD_OFFSET, UploadHeaders.renderCount(offset + received)), true);
            return;
        }
        LOG.debug("Received bytes {} to {} of bundle {}", offset, offset + received, id);
        Headers headers = exchange.getResponseHeaders();
        headers.set("Cache-Control", "no-store");
        headers.set(UploadHeaders.UPLOAD_OFFSET, UploadHeaders.renderCount(offset + received));
        exchange.sendResponseHeaders(StatusCodes.NO_CONTENT, -1);
    }

    /** {@code POST <base>/uploads/<id>/finish}: check the hash and answer the handler's verdict. */
    private void finish(HttpExchange exchange, BundleId id) throws Refusal, IOException, InterruptedException {
        requireNoBody(exchange);
        KeyedLocks.Held held = lock(id);
        try {
            UploadStore.Upload upload = settings.store().find(id)
                    .orElseThrow(() -> new Refusal(StatusCodes.NOT_FOUND, "no upload of bundle " + id + ": create it first"));
            if (upload.accepted()) {
                LOG.info("Bundle {} was accepted before; answering again", id);
                verdict(exchange, new DeliveryReceipt.Accepted(id, upload.sha256(), upload.epoch()));
                return;
            }
            if (!upload.complete()) {
                throw new Refusal(StatusCodes.CONFLICT, "the upload of bundle " + id + " has " + upload.offset() + " of its "
                        + upload.length() + " bytes", Map.of(UploadHeaders.UPLOAD_OFFSET, UploadHeaders.renderCount(upload.offset())));
            }
            RunningHash hash = hashes.remove(id.value());
            String actual = hash != null && hash.covered == upload.length()
                    ? HexFormat.of().formatHex(hash.digest.digest()) : settings.store().hashPart(id);
            DeliveryReceipt verdict;
            if (!actual.equals(upload.sha256())) {
                verdict = new DeliveryReceipt.Rejected(id, ReasonCode.INTEGRITY_FAILED, "the upload's SHA-256 " + actual
                        + " differs from the announced " + upload.sha256() + ": the bytes changed on the way; send the bundle again");
            } else {
                verdict = judge(id, upload);
            }
            try {
                if (verdict instanceof DeliveryReceipt.Accepted) {
                    settings.store().markAccepted(upload, verdict.epoch());
                } else {
                    settings.store().remove(id);
                }
            } catch (IOException e) {
                // The verdict stands; a new attempt finds the upload complete and is judged again, to the same verdict.
                LOG.warn("Cannot record the verdict on bundle {} in {}", id, settings.store().directory(), e);
            }
            if (verdict instanceof DeliveryReceipt.Rejected rejected) {
                LOG.warn("Bundle {} rejected, {}: {}", id, rejected.reason(), Text.oneLine(rejected.message()));
            } else {
                LOG.info("Bundle {} accepted", id);
            }
            try {
                verdict(exchange, verdict);
            } catch (IOException e) {
                LOG.info("Cannot send the verdict on bundle {} (the client may have given up); a new attempt gets it", id, e);
            }
        } finally {
            held.close();
        }
    }

    private DeliveryReceipt judge(BundleId id, UploadStore.Upload upload) throws InterruptedException {
        handlerLock.lockInterruptibly();
        DeliveryReceipt receipt;
        try {
            receipt = settings.handler().handle(id, settings.store().part(id), upload.sha256());
        } catch (RedundancyException e) {
            LOG.warn("The bundle handler failed on bundle {}", id, e);
            return new DeliveryReceipt.Rejected(id, e.reason(), Text.oneLine(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.warn("The bundle handler failed on bundle {}", id, e);
            return new DeliveryReceipt.Rejected(id, ReasonCode.UNEXPECTED, "the standby failed to judge the bundle: "
                    + Text.describe(e));
        } finally {
            handlerLock.unlock();
        }
        if (receipt == null || !receipt.bundleId().equals(id)) {
            return new DeliveryReceipt.Rejected(id, ReasonCode.UNEXPECTED, "the standby's bundle handler answered "
                    + (receipt == null ? "nothing" : "about bundle " + receipt.bundleId()));
        }
        return receipt;
    }

    private void verdict(HttpExchange exchange, DeliveryReceipt verdict) throws IOException {
        byte[] body = InboxCodec.renderAnswer(verdict);
        Headers headers = exchange.getResponseHeaders();
        headers.set("Cache-Control", "no-store");
        headers.set("Content-Type", UploadHeaders.VERDICT_TYPE);
        exchange.sendResponseHeaders(StatusCodes.ofVerdict(verdict), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private KeyedLocks.Held lock(BundleId id) throws Refusal, InterruptedException {
        return locks.tryLock(id.value(), settings.idleTimeout()).orElseThrow(() -> new Refusal(StatusCodes.UNAVAILABLE,
                "another request on the upload of bundle " + id + " is in progress; try again later",
                Map.of("Retry-After", Long.toString(Math.max(1, settings.idleTimeout().toSeconds())))));
    }

    private void requireRoom(long bytes) throws Refusal {
        if (shortOfRoom(bytes)) {
            throw new Refusal(StatusCodes.INSUFFICIENT_STORAGE, "the standby has no room for " + bytes + " more bytes in its"
                    + " upload directory");
        }
    }

    private boolean shortOfRoom(long bytes) {
        try {
            return settings.freeSpace().usableBytes(settings.store().directory()) < bytes;
        } catch (IOException e) {
            // The file system cannot tell: let the writes show whether there is room.
            return false;
        }
    }

    private void sweepIfDue() {
        synchronized (sweepLock) {
            if (settings.clock().instant().isBefore(nextSweep)) {
                return;
            }
        }
        try {
            sweep();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Sweeping the upload directory {} failed", settings.store().directory(), e);
        }
    }

    private Duration sweepInterval() {
        Duration hour = Duration.ofHours(1);
        return settings.uploadTtl().compareTo(hour) < 0 ? settings.uploadTtl() : hour;
    }

    /** A header's value read by a strict parser; a missing or malformed value is a 400. */
    private static <T> T header(HttpExchange exchange, String name, java.util.function.Function<String, T> parser) throws Refusal {
        List<String> values = exchange.getRequestHeaders().get(name);
        if (values == null || values.isEmpty()) {
            throw new Refusal(StatusCodes.BAD_REQUEST, "the header " + name + " is missing");
        }
        if (values.size() > 1) {
            throw new Refusal(StatusCodes.BAD_REQUEST, "the header " + name + " appears " + values.size() + " times");
        }
        try {
            return parser.apply(values.get(0));
        } catch (InvalidInputException e) {
            throw new Refusal(StatusCodes.BAD_REQUEST, e.getMessage());
        }
    }

    private static void requireNoBody(HttpExchange exchange) throws Refusal {
        Headers headers = exchange.getRequestHeaders();
        String length = headers.getFirst("Content-Length");
        if (headers.containsKey("Transfer-Encoding") || length != null && !"0".equals(length)) {
            throw new Refusal(StatusCodes.BAD_REQUEST, "this request takes no body");
        }
    }

    private void refuse(HttpExchange exchange, Refusal refusal) throws IOException {
        if (exchange.getResponseCode() != -1) {
            return;
        }
        if (refusal.status == StatusCodes.UNAUTHORIZED) {
            for (String challenge : settings.credentials().challenges()) {
                exchange.getResponseHeaders().add("WWW-Authenticate", challenge);
            }
        }
        // The body, if any, was not read: the connection cannot carry another request.
        text(exchange, refusal.status, refusal.getMessage(), refusal.headers, hasBody(exchange));
    }

    private static boolean hasBody(HttpExchange exchange) {
        Headers headers = exchange.getRequestHeaders();
        String length = headers.getFirst("Content-Length");
        return headers.containsKey("Transfer-Encoding") || length != null && !"0".equals(length);
    }

    private static void text(HttpExchange exchange, int status, String message, Map<String, String> extra, boolean close)
            throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Cache-Control", "no-store");
        extra.forEach(headers::set);
        if (close) {
            headers.set("Connection", "close");
        }
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] body = (Text.oneLine(message) + "\n").getBytes(StandardCharsets.UTF_8);
        headers.set("Content-Type", UploadHeaders.TEXT_TYPE);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String quotedPath(HttpExchange exchange) {
        return PrintableText.quote(exchange.getRequestURI().getRawPath());
    }
}
