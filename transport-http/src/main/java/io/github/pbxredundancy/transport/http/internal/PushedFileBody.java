package io.github.pbxredundancy.transport.http.internal;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

/**
 * A request body of a known length that the delivering thread pushes from a file, one chunk per
 * unit of demand: the HTTP client asks for the next chunk only when it has written the previous
 * ones, so at most a few chunks are on the heap whatever the file's size, and progress is
 * reported on the delivering thread, byte-exact.
 *
 * <p>{@link #pump} runs on the delivering thread and blocks while the client has no demand;
 * {@link #abort} (an idle watchdog, {@code close()}) ends a pump from any thread. The body can be
 * sent once: a second subscription (a retry inside the HTTP client) is refused with an error,
 * the delivery then fails and the next attempt resumes at the receiver's offset.
 *
 * <p>Not part of the API. Thread-safe as described.
 */
public final class PushedFileBody implements HttpRequest.BodyPublisher {
    /** The bytes per chunk. */
    public static final int CHUNK = 64 * 1024;

    private final long length;
    private final long backstopNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private Flow.Subscriber<? super ByteBuffer> subscriber;
    private boolean subscribed;
    private long demand;
    private boolean cancelled;
    private IOException failure;

    /**
     * @param length the bytes the pump will send, more than 0
     * @param backstopNanos the longest one wait for demand may take in real time, a guard against
     *     a watchdog that no longer runs
     */
    public PushedFileBody(long length, long backstopNanos) {
        if (length <= 0) {
            throw new IllegalArgumentException("a pushed body has at least one byte: " + length);
        }
        this.length = length;
        this.backstopNanos = backstopNanos;
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> candidate) {
        Objects.requireNonNull(candidate, "subscriber");
        boolean first;
        lock.lock();
        try {
            first = !subscribed && failure == null;
            subscribed = true;
        } finally {
            lock.unlock();
        }
        if (!first) {
            candidate.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            candidate.onError(new IOException("the request body of an upload is sent once; the next attempt resumes"));
            return;
        }
        candidate.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                lock.lock();
                try {
                    if (n <= 0) {
                        failure = new IOException("the HTTP client asked for " + n + " chunks");
                    } else {
                        demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                    }
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }

            @Override
            public void cancel() {
                lock.lock();
                try {
                    cancelled = true;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        });
        lock.lock();
        try {
            subscriber = candidate;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends {@code length} bytes of {@code source} from {@code position}, then completes the body.
     *
     * @param source the bundle file
     * @param position where in the file to start
     * @param sent hears the bytes handed to the client so far, after each chunk
     * @throws IOException if the body was aborted or cancelled (the cause says why), the file ended
     *     early, or reading it failed; the client's subscriber has then been told
     */
    public void pump(FileChannel source, long position, LongConsumer sent) throws IOException {
        long done = 0;
        try {
            while (done < length) {
                Flow.Subscriber<? super ByteBuffer> target = awaitDemand();
                ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK, length - done));
                while (chunk.hasRemaining()) {
                    int read = source.read(chunk, position + done + chunk.position());
                    if (read < 0) {
                        throw new FileShrankException("the bundle file ended after " + (position + done + chunk.position())
                                + " bytes, before the " + (position + length) + " it had: it changed since it was written");
                    }
                }
                chunk.flip();
                target.onNext(chunk);
                done += chunk.limit();
                sent.accept(done);
            }
            subscriberOrNull().onComplete();
        } catch (IOException | RuntimeException e) {
            Flow.Subscriber<? super ByteBuffer> target = subscriberOrNull();
            if (target != null && !isCancelled()) {
                target.onError(e instanceof IOException io ? io : new IOException(e));
            }
            throw e;
        }
    }

    /**
     * Ends a running or future {@link #pump} with {@code cause}.
     *
     * @param cause why
     */
    public void abort(IOException cause) {
        lock.lock();
        try {
            if (failure == null) {
                failure = cause;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private Flow.Subscriber<? super ByteBuffer> awaitDemand() throws IOException {
        lock.lock();
        try {
            while (failure == null && !cancelled && (subscriber == null || demand == 0)) {
                if (changed.awaitNanos(backstopNanos) <= 0 && failure == null && !cancelled
                        && (subscriber == null || demand == 0)) {
                    failure = new java.net.http.HttpTimeoutException("the HTTP client took no more of the body for "
                            + TimeUnit.NANOSECONDS.toMillis(backstopNanos) + " ms");
                }
            }
            if (failure != null) {
                throw failure;
            }
            if (cancelled) {
                throw new IOException("the HTTP client cancelled the request body");
            }
            demand--;
            return subscriber;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while sending the bundle");
        } finally {
            lock.unlock();
        }
    }

    private Flow.Subscriber<? super ByteBuffer> subscriberOrNull() {
        lock.lock();
        try {
            return subscriber;
        } finally {
            lock.unlock();
        }
    }

    private boolean isCancelled() {
        lock.lock();
        try {
            return cancelled;
        } finally {
            lock.unlock();
        }
    }

    /** The bundle file is shorter than its delivery said: it changed after it was written. */
    public static final class FileShrankException extends IOException {
        private static final long serialVersionUID = 1L;

        /** @param message what happened */
        public FileShrankException(String message) {
            super(message);
        }
    }
}
