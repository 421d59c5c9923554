package io.github.pbxredundancy.core.internal.bundle;

import io.github.pbxredundancy.core.BundleEntry;

/**
 * Receives the payload entries {@link BundleScanner} reads, after each entry's header passed
 * every check and before its data is read. Implementations report their own failures as
 * {@link io.github.pbxredundancy.core.RedundancyException}s, never as {@link java.io.IOException}s,
 * so the scanner can treat every {@code IOException} as a damaged archive.
 *
 * <p>Not part of the API.
 */
public interface PayloadVisitor {
    /** A visitor that looks at nothing: the verifier's. */
    PayloadVisitor IGNORE = new PayloadVisitor() {
        @Override
        public void begin(int index, String name, long size) {
            // Verification only hashes.
        }

        @Override
        public void data(byte[] buffer, int offset, int length) {
            // Verification only hashes.
        }

        @Override
        public void end(int index, BundleEntry entry) {
            // Verification compares with the manifest afterwards.
        }
    };

    /**
     * An entry starts.
     *
     * @param index its position among the payload entries, from 0
     * @param name its name without the {@code payload/} prefix, already checked
     * @param size its size from the header, within the limits
     */
    void begin(int index, String name, long size);

    /** The next bytes of the current entry, in order. */
    void data(byte[] buffer, int offset, int length);

    /**
     * The current entry is complete.
     *
     * @param index as in {@link #begin}
     * @param entry the entry with the SHA-256 of its data
     */
    void end(int index, BundleEntry entry);
}
