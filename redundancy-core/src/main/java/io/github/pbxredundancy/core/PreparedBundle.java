package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.spi.Delivery;
import java.io.IOException;
import java.util.Objects;

/**
 * A bundle made for one replication run, ready to deliver, with what to do once the run no
 * longer needs it. The {@link Replicator} delivers the same bundle on every attempt of a run and
 * calls {@link Cleanup#cleanUp()} exactly once: when the run ends (success, failure, stop), or at
 * once if the bundle arrives after its attempt has timed out.
 *
 * @param delivery the bundle file, its id, size and SHA-256
 * @param cleanup deletes the bundle file and whatever else the run left behind
 */
public record PreparedBundle(Delivery delivery, Cleanup cleanup) {

    /** Validates that both parts are present. */
    public PreparedBundle {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(cleanup, "cleanup");
    }

    /**
     * A bundle that needs no cleanup, e.g. one the host keeps on purpose.
     *
     * @param delivery the bundle
     * @return the prepared bundle
     */
    public static PreparedBundle of(Delivery delivery) {
        return new PreparedBundle(delivery, () -> { });
    }

    /**
     * Releases what a prepared bundle holds on the active's disk.
     *
     * <p>Called on one of the library's threads (the one that ended the run, or the executor
     * for blocking work); what it throws is logged and otherwise ignored.
     */
    @FunctionalInterface
    public interface Cleanup {
        /**
         * Deletes the bundle's files.
         *
         * @throws IOException if they cannot be deleted
         */
        void cleanUp() throws IOException;
    }
}
