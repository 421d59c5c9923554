package io.github.pbxredundancy.core.internal.bundle;

import io.github.pbxredundancy.core.BundleEntry;
import io.github.pbxredundancy.core.BundleRejectedException;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.license.PrintableText;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the entries found in a bundle's tar with the ones its manifest lists: same names in
 * the same order, same sizes, same SHA-256. Every difference is
 * {@link ReasonCode#INTEGRITY_FAILED}, with a message naming the first one.
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
public final class EntryComparison {
    private EntryComparison() {
    }

    /**
     * @param found the entries in tar order, as read
     * @param listed the manifest's entries
     * @throws BundleRejectedException at the first difference
     */
    public static void requireSame(List<BundleEntry> found, List<BundleEntry> listed) {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < listed.size(); i++) {
            positions.put(listed.get(i).name(), i);
        }
        for (int i = 0; i < found.size(); i++) {
            BundleEntry actual = found.get(i);
            Integer position = positions.get(actual.name());
            if (position == null) {
                throw integrity("entry " + quote(actual) + " is in the bundle but not in its manifest");
            }
            if (position != i) {
                throw integrity("entry " + quote(actual) + " is entry " + (i + 1) + " in the bundle, but entry "
                        + (position + 1) + " in its manifest: entries are out of order");
            }
            BundleEntry expected = listed.get(i);
            if (actual.size() != expected.size()) {
                throw integrity("entry " + quote(actual) + " has " + actual.size() + " bytes, its manifest lists "
                        + expected.size());
            }
            if (!actual.sha256().equals(expected.sha256())) {
                throw integrity("entry " + quote(actual) + " has SHA-256 " + actual.sha256()
                        + ", its manifest lists " + expected.sha256());
            }
        }
        if (listed.size() > found.size()) {
            throw integrity("entry " + quote(listed.get(found.size())) + " is listed in the manifest but missing from the bundle ("
                    + found.size() + " of " + listed.size() + " entries present)");
        }
    }

    private static String quote(BundleEntry entry) {
        return PrintableText.quote(BundleLayout.PAYLOAD_PREFIX + entry.name());
    }

    private static BundleRejectedException integrity(String message) {
        return new BundleRejectedException(ReasonCode.INTEGRITY_FAILED, message);
    }
}
