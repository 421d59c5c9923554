package io.github.pbxredundancy.core.internal.bundle;

import io.github.pbxredundancy.core.InvalidInputException;
import java.time.Instant;
import java.util.Objects;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Rules for the scalar fields of a bundle header and manifest, shared by the public records so
 * that the writer can never build a manifest the parser would refuse.
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
public final class BundleFields {
    /** Source node names are at most this long, like {@link io.github.pbxredundancy.core.Node} names. */
    public static final int MAX_NODE_NAME = 64;

    private BundleFields() {
    }

    /** Source node: 1 to 64 printable ASCII characters (space to tilde), the rule of node names. */
    public static void requireSourceNode(String sourceNode) {
        if (sourceNode == null || sourceNode.isEmpty() || sourceNode.length() > MAX_NODE_NAME
                || !sourceNode.chars().allMatch(c -> c >= ' ' && c <= '~')) {
            throw InvalidInputException.of("source node", sourceNode,
                    "must be 1 to " + MAX_NODE_NAME + " printable ASCII characters");
        }
    }

    /** Epochs start at 0 and only grow (B1). */
    public static void requireEpoch(long epoch) {
        if (epoch < 0) {
            throw InvalidInputException.of("epoch", Long.toString(epoch), "must be zero or more");
        }
    }

    /**
     * A creation time a tar header can hold as a modification time, to the second: from
     * 1970-01-01T00:00:00Z to 2242-03-16T12:56:31Z. Outside that range the tar writer would add
     * a PAX header, which the format does not use.
     */
    public static void requireCreatedAt(Instant createdAt) {
        Objects.requireNonNull(createdAt, "createdAt");
        long seconds = createdAt.getEpochSecond();
        if (seconds < 0 || seconds > TarConstants.MAXSIZE) {
            throw InvalidInputException.of("created at", createdAt.toString(), "must lie between "
                    + Instant.EPOCH + " and " + Instant.ofEpochSecond(TarConstants.MAXSIZE) + ", the range of a tar header");
        }
    }

    /** A SHA-256 in lower-case hex. */
    public static void requireSha256(String field, String value) {
        if (!Sha256.isHex(value)) {
            throw InvalidInputException.of(field, value, "must be 64 lower-case hex digits (a SHA-256)");
        }
    }
}
