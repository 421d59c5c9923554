package io.github.pbxredundancy.core;

import static io.github.pbxredundancy.core.BundleFixtures.KEY;
import static io.github.pbxredundancy.core.BundleFixtures.VERSION;

import io.github.pbxredundancy.core.spi.Backup;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import io.github.pbxredundancy.license.LicenseKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** Bundles, deliveries and views of a receiver's root, shared by the receiver tests. */
final class ReceiverFixtures {
    /** The time the receiver tests start at: an hour after the bundle fixtures' creation time. */
    static final Instant NOW = Instant.parse("2016-01-26T06:00:00Z");
    /** Free space kept in tests: small, so the suite does not depend on a roomy disk. */
    static final long RESERVE = 1 << 20;
    /** Numbers the bundle files, so that bundles with the same id never collide. */
    private static final AtomicInteger FILES = new AtomicInteger();

    private ReceiverFixtures() {
    }

    /** A bundle of this pair with the given id, epoch and creation time, made from a small streamed backup. */
    static WrittenBundle bundle(Path dir, String id, long epoch, Instant createdAt) {
        return bundle(dir, header(id, KEY, VERSION, epoch, createdAt),
                ("backup " + id + " of epoch " + epoch + " at " + createdAt + "\n").repeat(40));
    }

    static WrittenBundle bundle(Path dir, BundleHeader header, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new BundleWriter().write(new Backup.Stream("db/backup.sfb", bytes.length, () -> new ByteArrayInputStream(bytes)),
                header, dir.resolve(header.bundleId() + "-" + FILES.incrementAndGet() + ".bundle"));
    }

    static BundleHeader header(String id, LicenseKey key, SoftwareVersion version, long epoch, Instant createdAt) {
        return new BundleHeader(BundleId.parse(id), PairIdentity.of(key), "pbx-a", version, epoch, createdAt);
    }

    /** Delivers a written bundle as a streaming transport would. */
    static DeliveryReceipt deliver(Receiver receiver, WrittenBundle bundle) {
        try (InputStream in = Files.newInputStream(bundle.file())) {
            return receiver.receive(bundle.manifest().bundleId(), in, bundle.size(), bundle.sha256());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Delivers bytes under an id with an announced size and hash. */
    static DeliveryReceipt deliver(Receiver receiver, BundleId id, byte[] bytes, long size, String sha256) {
        return receiver.receive(id, new ByteArrayInputStream(bytes), size, sha256);
    }

    /** Every file of the kept bundles and the state, with its SHA-256: what must stay byte-identical. */
    static Map<String, String> keptState(Path root) {
        Map<String, String> files = new TreeMap<>();
        BundleFixtures.snapshot(root.resolve("bundles")).forEach((name, hash) -> files.put("bundles/" + name, hash));
        BundleFixtures.snapshot(root.resolve("state")).forEach((name, hash) -> files.put("state/" + name, hash));
        return files;
    }

    /** The names in a directory. */
    static List<String> names(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stream of bytes that fails once {@code failAfter} bytes have been read. */
    static InputStream failingAfter(byte[] bytes, int failAfter) {
        return new InputStream() {
            private int position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (position >= failAfter) {
                    throw new IOException("connection reset by peer after " + position + " bytes");
                }
                int n = Math.min(length, Math.min(failAfter, bytes.length) - position);
                if (n <= 0) {
                    return -1;
                }
                System.arraycopy(bytes, position, buffer, offset, n);
                position += n;
                return n;
            }
        };
    }

    /** A stream that fails the test if anything reads it. */
    static InputStream unreadable() {
        return new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the receiver read a stream it should have refused unread");
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                throw new AssertionError("the receiver read a stream it should have refused unread");
            }
        };
    }
}
