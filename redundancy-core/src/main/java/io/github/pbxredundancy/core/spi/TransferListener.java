package io.github.pbxredundancy.core.spi;

import io.github.pbxredundancy.core.BundleId;

/**
 * Hears how far a delivery has come, e.g. for a progress bar. Called on the delivering thread;
 * must return quickly and not throw.
 */
@FunctionalInterface
public interface TransferListener {
    /** A listener that ignores progress. */
    TransferListener NONE = (bundleId, transferred, total) -> { };

    /**
     * @param bundleId the bundle being delivered
     * @param transferred bytes the receiver has so far, including bytes resumed from an earlier attempt
     * @param total the bundle's size
     */
    void transferred(BundleId bundleId, long transferred, long total);
}
