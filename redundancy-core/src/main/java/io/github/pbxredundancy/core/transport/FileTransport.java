package io.github.pbxredundancy.core.transport;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.internal.DurationText;
import io.github.pbxredundancy.core.internal.MessageText;
import io.github.pbxredundancy.core.internal.transport.BundleCopy;
import io.github.pbxredundancy.core.internal.transport.FileTargets;
import io.github.pbxredundancy.core.internal.transport.InboxIo;
import io.github.pbxredundancy.core.internal.transport.IoFailures;
import io.github.pbxredundancy.core.spi.ScheduledPoll;
import io.github.pbxredundancy.core.spi.Delivery;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import io.github.pbxredundancy.core.spi.InboxCodec;
import io.github.pbxredundancy.core.spi.InboxFile;
import io.github.pbxredundancy.core.spi.TransferListener;
import io.github.pbxredundancy.core.spi.Transport;
import io.github.pbxredundancy.core.spi.TransportOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers bundles into a directory the standby watches, a share mounted on the active (NFS,
 * SMB) or a local directory: the sender side of the inbox protocol
 * ({@code docs/inbox-protocol.md}); the standby runs an {@link InboxWatcher} on the same directory.
 *
 * <p>A delivery streams the bundle to {@code <id>.part} and forces it to disk, writes
 * {@code <id>.sha256} (through {@code <id>.sha256.part} and a rename), renames {@code <id>.part}
 * to {@code <id>.bundle} atomically (the commit point; where the file system cannot rename
 * atomically the delivery fails rather than risk a half bundle under the final name), then looks
 * for {@code <id>.ack} or {@code <id>.nack} every poll interval until the ack timeout, reads the
 * answer strictly ({@link InboxCodec#parseAnswer}), deletes it and returns it. If
 * {@code <id>.bundle} is still in the inbox from an earlier attempt, the standby has not judged
 * it yet: the delivery does not write it again but waits for its answer. Otherwise answers left
 * from an earlier attempt are deleted before the new bundle is committed. Nothing ever follows a
 * link inside the inbox.
 *
 * <p>Waiting never sleeps: each pause is a task on the options' scheduler, and every deadline is
 * computed on the options' clock (see {@link ScheduledPoll}).
 *
 * <p>Failures are {@link RedundancyException}s, the I/O exception kept as the cause: a missing
 * inbox (an unmounted share), a stale or disconnected mount: {@link ReasonCode#CONNECTION_FAILED};
 * no room (also checked before copying): {@link ReasonCode#DISK_FULL}; access denied or a
 * read-only file system: {@link ReasonCode#PERMISSION_DENIED}; no answer in time:
 * {@link ReasonCode#TIMEOUT}; a malformed answer, an answer about another bundle or with another
 * SHA-256, a bundle file that changed since it was written: {@link ReasonCode#INTEGRITY_FAILED};
 * an interrupted thread or a {@link #close()} during the delivery:
 * {@link ReasonCode#TRANSFER_INTERRUPTED}; anything else {@link ReasonCode#UNEXPECTED}. A failed
 * attempt removes the files it wrote before the commit point.
 *
 * <p>The {@code connectTimeout} option is not used: a call into a hung hard-mounted NFS share
 * blocks in the kernel, and Java cannot bound it. Mount the share {@code soft} with a
 * {@code timeo} if that matters.
 *
 * <p>Thread-safe in the sense of {@link Transport}: one {@link #deliver} at a time;
 * {@link #close()} from any thread, which ends a delivery that is waiting for its answer.
 */
public final class FileTransport implements Transport {
    /** The URI scheme this transport serves. */
    public static final String SCHEME = "file";

    private static final Logger LOG = LoggerFactory.getLogger(FileTransport.class);

    private final URI target;
    private final Path inbox;
    private final TransportOptions options;
    private final ScheduledPoll poll;
    private volatile boolean closed;

    /**
     * A transport into the inbox at {@code target}. The directory need not exist yet (the share
     * may be mounted later): a delivery to a missing inbox fails with the retryable
     * {@link ReasonCode#CONNECTION_FAILED}.
     *
     * @param target an absolute {@code file:} URI without host, query or fragment, e.g.
     *     {@code file:///mnt/standby/inbox}
     * @param options the ack timeout, poll interval, clock and scheduler
     * @throws InvalidInputException if the URI breaks one of these rules or names an existing
     *     file that is not a directory
     */
    public FileTransport(URI target, TransportOptions options) {
        this.inbox = FileTargets.inbox(target);
        this.target = target;
        this.options = Objects.requireNonNull(options, "options");
        this.poll = new ScheduledPoll(options.clock(), options.scheduler());
    }

    /**
     * @return the target URI as given
     */
    public URI target() {
        return target;
    }

    /**
     * @return the inbox directory, absolute
     */
    public Path inbox() {
        return inbox;
    }

    /**
     * Delivers a bundle into the inbox and waits for the standby's answer; see the class comment.
     *
     * @throws IllegalStateException if the transport is closed
     */
    @Override
    public DeliveryReceipt deliver(Delivery delivery, TransferListener listener) {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(listener, "listener");
        if (closed) {
            throw new IllegalStateException("the file transport to " + inbox + " is closed");
        }
        BundleId id = delivery.bundleId();
        requireInbox();
        if (exists(InboxFile.BUNDLE, id)) {
            LOG.info("Bundle {} is still in inbox {} from an earlier attempt; waiting for its answer", id, inbox);
        } else {
            send(delivery, listener);
        }
        DeliveryReceipt receipt = delivery.requireAnsweredBy(awaitAnswer(id));
        LOG.info("Bundle {} delivered to inbox {}: {}", id, inbox, receipt instanceof DeliveryReceipt.Rejected rejected
                ? "rejected, " + rejected.reason() + ": " + MessageText.oneLine(rejected.message()) : "accepted");
        return receipt;
    }

    /** Ends a delivery that waits for its answer; later deliveries fail. Idempotent. */
    @Override
    public void close() {
        closed = true;
        poll.cancel();
    }

    @Override
    public String toString() {
        return "FileTransport[" + inbox + "]";
    }

    private void requireInbox() {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(inbox, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new RedundancyException(ReasonCode.CONNECTION_FAILED, "the inbox directory " + quoted(inbox)
                    + " does not exist: is the standby's share mounted?", e);
        } catch (IOException e) {
            throw IoFailures.of("cannot reach the inbox directory " + quoted(inbox), e);
        }
        if (!attributes.isDirectory()) {
            throw InvalidInputException.of(FileTargets.FIELD, inbox.toString(), "must be a directory, the standby's inbox");
        }
    }

    private void send(Delivery delivery, TransferListener listener) {
        BundleId id = delivery.bundleId();
        Path part = file(InboxFile.PART, id);
        Path sha256Part = file(InboxFile.SHA256_PART, id);
        Path sha256 = file(InboxFile.SHA256, id);
        try {
            // An answer left from an earlier attempt must not be taken for the answer to this one.
            Files.deleteIfExists(file(InboxFile.ACK, id));
            Files.deleteIfExists(file(InboxFile.NACK, id));
            requireSpace(delivery);
            copy(delivery, part, listener);
            InboxIo.writeAtomically(sha256Part, sha256, InboxCodec.renderSha256(delivery.sha256()));
            InboxIo.commit(part, file(InboxFile.BUNDLE, id));
        } catch (AtomicMoveNotSupportedException e) {
            RedundancyException failure = new RedundancyException(ReasonCode.INVALID_INPUT, "the file system of the inbox "
                    + quoted(inbox) + " cannot rename files atomically, which the file transport needs", e);
            removeAfter(failure, part, sha256Part, sha256);
            throw failure;
        } catch (IOException e) {
            RedundancyException failure = IoFailures.of("cannot write bundle " + id + " into the inbox " + quoted(inbox), e);
            removeAfter(failure, part, sha256Part, sha256);
            throw failure;
        } catch (RuntimeException | Error e) {
            removeAfter(e, part, sha256Part, sha256);
            throw e;
        }
    }

    private static FileChannel openSource(Delivery delivery) {
        try {
            return FileChannel.open(delivery.file(), StandardOpenOption.READ);
        } catch (IOException e) {
            throw new RedundancyException(ReasonCode.UNEXPECTED, "cannot read the bundle file " + quoted(delivery.file())
                    + ": " + IoFailures.describe(e), e);
        }
    }

    private void requireSpace(Delivery delivery) throws IOException {
        long usable = Files.getFileStore(inbox).getUsableSpace();
        if (usable < delivery.size()) {
            throw new RedundancyException(ReasonCode.DISK_FULL, "the inbox " + quoted(inbox) + " has " + usable
                    + " bytes free, bundle " + delivery.bundleId() + " needs " + delivery.size());
        }
    }

    private static void copy(Delivery delivery, Path part, TransferListener listener) throws IOException {
        // Whatever has the name (a leftover, a planted link) goes; the new file is never written through a link.
        Files.deleteIfExists(part);
        try (FileChannel source = openSource(delivery);
             FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            BundleCopy.copy(source, out, delivery.size(), copied -> report(listener, delivery, copied));
            out.force(true);
        }
    }

    private static void report(TransferListener listener, Delivery delivery, long copied) {
        try {
            listener.transferred(delivery.bundleId(), copied, delivery.size());
        } catch (RuntimeException e) {
            LOG.warn("A transfer listener failed; the delivery goes on", e);
        }
    }

    private DeliveryReceipt awaitAnswer(BundleId id) {
        String what = "the standby's answer to bundle " + id;
        try {
            return poll.poll(() -> lookForAnswer(id), options.ackTimeout(), options.pollInterval(), what)
                    .orElseThrow(() -> new RedundancyException(ReasonCode.TIMEOUT, "no answer from the standby to bundle "
                            + id + " in the inbox " + quoted(inbox) + " within " + DurationText.of(options.ackTimeout())
                            + ": is the standby's inbox watcher running?"));
        } catch (IOException e) {
            throw IoFailures.of("cannot read " + what + " in the inbox " + quoted(inbox), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedundancyException(ReasonCode.TRANSFER_INTERRUPTED, "interrupted while waiting for " + what, e);
        }
    }

    private Optional<DeliveryReceipt> lookForAnswer(BundleId id) throws IOException {
        Optional<DeliveryReceipt> accepted = answer(InboxFile.ACK, id);
        return accepted.isPresent() ? accepted : answer(InboxFile.NACK, id);
    }

    private Optional<DeliveryReceipt> answer(InboxFile kind, BundleId id) throws IOException {
        Path file = file(kind, id);
        Optional<BasicFileAttributes> attributes = InboxIo.attributes(file);
        if (attributes.isEmpty()) {
            return Optional.empty();
        }
        // Read before the try: an answer that cannot be read is not deleted unread.
        byte[] bytes = attributes.get().isRegularFile() ? InboxIo.readAtMost(file, InboxCodec.MAX_ANSWER_BYTES) : null;
        try {
            if (bytes == null) {
                throw new RedundancyException(ReasonCode.INTEGRITY_FAILED, "the answer " + kind.nameFor(id)
                        + " in the inbox " + quoted(inbox) + " is not a regular file");
            }
            return Optional.of(InboxCodec.parseAnswer(bytes));
        } catch (RedundancyException e) {
            throw new RedundancyException(e.reason(), "answer " + kind.nameFor(id) + " in the inbox " + quoted(inbox)
                    + ": " + e.getMessage(), e);
        } finally {
            deleteAnswer(file);
        }
    }

    private static void deleteAnswer(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The verdict stands; the next delivery of this id deletes the answer before it commits.
            LOG.warn("Cannot delete the answer {}", file, e);
        }
    }

    private boolean exists(InboxFile kind, BundleId id) {
        try {
            return InboxIo.attributes(file(kind, id)).isPresent();
        } catch (IOException e) {
            throw IoFailures.of("cannot look into the inbox " + quoted(inbox), e);
        }
    }

    private Path file(InboxFile kind, BundleId id) {
        return inbox.resolve(kind.nameFor(id));
    }

    /** Removes what a failed attempt wrote before its commit point; the bundle never reached the standby. */
    private static void removeAfter(Throwable failure, Path... files) {
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    private static String quoted(Path path) {
        return "'" + MessageText.oneLine(path.toString()) + "'";
    }
}
