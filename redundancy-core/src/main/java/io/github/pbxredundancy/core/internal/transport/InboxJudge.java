package io.github.pbxredundancy.core.internal.transport;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.internal.MessageText;
import io.github.pbxredundancy.core.internal.bundle.Sha256;
import io.github.pbxredundancy.core.spi.BundleHandler;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import io.github.pbxredundancy.core.spi.InboxCodec;
import io.github.pbxredundancy.core.spi.InboxFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standby's side of the inbox protocol for one {@code <id>.bundle}: checks it and its
 * {@code <id>.sha256}, asks the handler, writes the answer through a {@code .part} file and a
 * rename, then deletes {@code <id>.sha256} and, last, {@code <id>.bundle}: a sender that finds no
 * {@code <id>.bundle} knows the standby is done with the id.
 *
 * <p>Not part of the API. Not thread-safe: the watcher judges one bundle at a time.
 */
public final class InboxJudge {
    private static final Logger LOG = LoggerFactory.getLogger(InboxJudge.class);

    private final Path inbox;
    private final BundleHandler handler;

    /**
     * @param inbox the inbox directory
     * @param handler judges complete bundles
     */
    public InboxJudge(Path inbox, BundleHandler handler) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /**
     * Judges and answers one bundle.
     *
     * @param id a bundle whose {@code <id>.bundle} was seen in the inbox
     * @return the verdict written, or empty if the bundle is gone or the answer could not be
     *     written (then the bundle stays for the next poll)
     */
    public Optional<DeliveryReceipt> judge(BundleId id) {
        Path bundle = file(InboxFile.BUNDLE, id);
        DeliveryReceipt verdict;
        try {
            Optional<BasicFileAttributes> attributes = InboxIo.attributes(bundle);
            if (attributes.isEmpty()) {
                return Optional.empty();
            }
            verdict = attributes.get().isRegularFile() ? withHash(id, bundle)
                    : rejected(id, ReasonCode.UNSAFE_ARCHIVE, InboxFile.BUNDLE.nameFor(id) + " is "
                            + (attributes.get().isSymbolicLink() ? "a symbolic link" : "not a regular file")
                            + "; the inbox never follows links or reads special files");
        } catch (IOException e) {
            verdict = rejected(id, ReasonCode.UNEXPECTED, "the standby cannot read its inbox: " + IoFailures.describe(e));
        }
        if (!answer(id, verdict)) {
            return Optional.empty();
        }
        delete(file(InboxFile.SHA256, id));
        delete(bundle);
        return Optional.of(verdict);
    }

    private DeliveryReceipt withHash(BundleId id, Path bundle) throws IOException {
        Path hashFile = file(InboxFile.SHA256, id);
        Optional<BasicFileAttributes> attributes = InboxIo.attributes(hashFile);
        if (attributes.isEmpty()) {
            return rejected(id, ReasonCode.INTEGRITY_FAILED, "no " + InboxFile.SHA256.nameFor(id)
                    + " beside the bundle; the sender writes it before the bundle");
        }
        if (!attributes.get().isRegularFile()) {
            return rejected(id, ReasonCode.UNSAFE_ARCHIVE, InboxFile.SHA256.nameFor(id) + " is not a regular file");
        }
        String sha256;
        try {
            sha256 = InboxCodec.parseSha256(InboxIo.readAtMost(hashFile, InboxCodec.SHA256_FILE_BYTES));
        } catch (RedundancyException malformed) {
            return rejected(id, malformed.reason(), malformed.getMessage());
        }
        return ask(id, bundle, sha256);
    }

    private DeliveryReceipt ask(BundleId id, Path bundle, String sha256) {
        DeliveryReceipt receipt;
        try {
            receipt = handler.handle(id, bundle, sha256);
        } catch (RedundancyException e) {
            LOG.warn("The bundle handler failed on bundle {}", id, e);
            return rejected(id, e.reason(), MessageText.oneLine(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.warn("The bundle handler failed on bundle {}", id, e);
            return rejected(id, ReasonCode.UNEXPECTED, "the standby failed to judge the bundle: " + IoFailures.describe(e));
        }
        if (receipt == null || !receipt.bundleId().equals(id)) {
            return rejected(id, ReasonCode.UNEXPECTED, "the standby's bundle handler answered "
                    + (receipt == null ? "nothing" : "about bundle " + receipt.bundleId()));
        }
        if (receipt instanceof DeliveryReceipt.Accepted accepted && !Sha256.isHex(accepted.sha256())) {
            return rejected(id, ReasonCode.UNEXPECTED, "the standby's bundle handler accepted with a malformed SHA-256");
        }
        return receipt;
    }

    private boolean answer(BundleId id, DeliveryReceipt verdict) {
        boolean accepted = verdict instanceof DeliveryReceipt.Accepted;
        try {
            // A stale answer of the other kind must not stand beside this one.
            Files.deleteIfExists(file(accepted ? InboxFile.NACK : InboxFile.ACK, id));
            InboxIo.writeAtomically(file(accepted ? InboxFile.ACK_PART : InboxFile.NACK_PART, id),
                    file(accepted ? InboxFile.ACK : InboxFile.NACK, id), InboxCodec.renderAnswer(verdict));
        } catch (IOException e) {
            LOG.warn("Cannot answer bundle {} in the inbox {}; it is judged again at the next poll", id, inbox, e);
            return false;
        }
        if (verdict instanceof DeliveryReceipt.Rejected rejected) {
            LOG.warn("Bundle {} rejected, {}: {}", id, rejected.reason(), MessageText.oneLine(rejected.message()));
        } else {
            LOG.info("Bundle {} accepted", id);
        }
        return true;
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete {} from the inbox", file, e);
        }
    }

    private Path file(InboxFile kind, BundleId id) {
        return inbox.resolve(kind.nameFor(id));
    }

    private static DeliveryReceipt rejected(BundleId id, ReasonCode reason, String message) {
        return new DeliveryReceipt.Rejected(id, reason, message);
    }
}
