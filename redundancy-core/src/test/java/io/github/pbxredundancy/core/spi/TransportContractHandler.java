package io.github.pbxredundancy.core.spi;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.ReasonCode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link TransportContract}'s judge on the standby side: keeps a copy of every bundle it is
 * handed and answers by a script, accepting by default. Thread-safe.
 */
final class TransportContractHandler implements BundleHandler {
    /** The standby's epoch in the handler's verdicts unless a script says otherwise; the kit's bundles carry it too. */
    static final long EPOCH = 5;
    /** Accepts with the hash of the file it was handed, at epoch {@link #EPOCH}. */
    static final Behaviour ACCEPT = (id, sha256) -> new DeliveryReceipt.Accepted(id, sha256, EPOCH);
    /** Accepts, but only once {@link #releaseAll()} is called (or the bound has passed). */
    static final Behaviour HOLD = (id, sha256) -> new DeliveryReceipt.Accepted(id, sha256, EPOCH);

    private final Path copies;
    private final Duration bound;
    private final Queue<Behaviour> script = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    /** One call of the handler: what it was told and a copy of the file it was handed. */
    record Call(BundleId id, String announcedSha256, Path copy) {
    }

    /** How the handler answers one call. */
    @FunctionalInterface
    interface Behaviour {
        DeliveryReceipt verdict(BundleId id, String computedSha256);
    }

    TransportContractHandler(Path copies, Duration bound) {
        this.copies = copies;
        this.bound = bound;
    }

    static Behaviour reject(ReasonCode reason, String message, long epoch) {
        return (id, sha256) -> new DeliveryReceipt.Rejected(id, reason, message, epoch);
    }

    static Behaviour acceptAt(long epoch) {
        return (id, sha256) -> new DeliveryReceipt.Accepted(id, sha256, epoch);
    }

    /** The next call answers this way; unscripted calls accept. */
    void script(Behaviour behaviour) {
        script.add(behaviour);
    }

    @Override
    public DeliveryReceipt handle(BundleId id, Path completeBundle, String sha256) {
        Path copy = copies.resolve(count.incrementAndGet() + ".bundle");
        try {
            Files.copy(completeBundle, copy, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        calls.add(new Call(id, sha256, copy));
        Behaviour behaviour = script.poll();
        if (behaviour == HOLD) {
            held.countDown();
            awaitQuietly(released);
        }
        return (behaviour == null ? ACCEPT : behaviour).verdict(id, sha256(copy));
    }

    /** The earliest call not yet taken, waiting for it up to the bound. */
    Call nextCall() throws InterruptedException {
        Call call = calls.poll(bound.toMillis(), TimeUnit.MILLISECONDS);
        if (call == null) {
            throw new AssertionError("the standby did not hand a bundle to the handler within " + bound);
        }
        return call;
    }

    int callCount() {
        return count.get();
    }

    /** Waits, up to the bound, until a held call has started. */
    void awaitHeld() throws InterruptedException {
        if (!held.await(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the standby did not hand the bundle to the handler within " + bound);
        }
    }

    /** Lets held calls return. */
    void releaseAll() {
        released.countDown();
    }

    static String sha256(Path file) {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
