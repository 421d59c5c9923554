package io.github.pbxredundancy.core.spi;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.InvalidInputException;
import java.util.Optional;

/**
 * The names of the files of the inbox protocol ({@code docs/inbox-protocol.md}), which every
 * drop-style transport (a shared directory, SFTP) and the standby's inbox watcher share. A name
 * is the bundle's id and a fixed suffix; as an id never contains {@code /} or names {@code .}
 * or {@code ..}, a name never leaves the inbox.
 *
 * <p>Immutable and thread-safe.
 */
public enum InboxFile {
    /** The bundle while the sender writes it; never read by the standby. */
    PART(".part"),
    /** The complete bundle, renamed from {@link #PART}: the commit point. */
    BUNDLE(".bundle"),
    /** The bundle's SHA-256, written by the sender before the commit. */
    SHA256(".sha256"),
    /** The SHA-256 while the sender writes it. */
    SHA256_PART(".sha256.part"),
    /** The standby's acceptance. */
    ACK(".ack"),
    /** The standby's rejection. */
    NACK(".nack"),
    /** The acceptance while the standby writes it. */
    ACK_PART(".ack.part"),
    /** The rejection while the standby writes it. */
    NACK_PART(".nack.part");

    private final String suffix;

    InboxFile(String suffix) {
        this.suffix = suffix;
    }

    /**
     * @return the suffix, with its leading dot
     */
    public String suffix() {
        return suffix;
    }

    /**
     * The file's name for a bundle.
     *
     * @param id the bundle's id
     * @return {@code <id><suffix>}
     */
    public String nameFor(BundleId id) {
        return id.value() + suffix;
    }

    /**
     * The id a file name of this kind carries.
     *
     * @param fileName a file name in the inbox
     * @return the id, or empty if the name does not end with this suffix or the rest is not a
     *     valid {@link BundleId}
     */
    public Optional<BundleId> idOf(String fileName) {
        if (fileName == null || !fileName.endsWith(suffix)) {
            return Optional.empty();
        }
        try {
            return Optional.of(BundleId.parse(fileName.substring(0, fileName.length() - suffix.length())));
        } catch (InvalidInputException notAnId) {
            return Optional.empty();
        }
    }
}
