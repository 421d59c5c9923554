package io.github.pbxredundancy.transport.http;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.spi.BundleHandler;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A standby-side handler that checks the hash, keeps a copy of each bundle and can be told to wait. */
final class RecordingHandler implements BundleHandler {
    /** What the handler saw. */
    record Received(BundleId id, Path copy, String sha256) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    final CountDownLatch entered = new CountDownLatch(1);
    private final Path copies;
    private volatile CountDownLatch gate;

    RecordingHandler(Path copies) {
        this.copies = copies;
    }

    /** Later calls wait until {@link #open()} (at most 10 s). */
    void close() {
        gate = new CountDownLatch(1);
    }

    void open() {
        CountDownLatch current = gate;
        if (current != null) {
            current.countDown();
        }
    }

    @Override
    public DeliveryReceipt handle(BundleId id, Path completeBundle, String sha256) {
        entered.countDown();
        CountDownLatch current = gate;
        if (current != null) {
            try {
                current.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String actual = sha256(completeBundle);
        if (!actual.equals(sha256)) {
            return new DeliveryReceipt.Rejected(id, ReasonCode.INTEGRITY_FAILED, "hash mismatch");
        }
        try {
            Path copy = copies.resolve(id.value() + "-" + received.size());
            Files.copy(completeBundle, copy, LinkOption.NOFOLLOW_LINKS);
            received.add(new Received(id, copy, actual));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DeliveryReceipt.Accepted(id, actual);
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
