package io.github.pbxredundancy.license;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The licenses installed on one node, in the order given. Each key appears at most once,
 * and there is at most one server license (a node is one installation, R22).
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows keys masked only.
 *
 * @param licenses the licenses; copied
 */
public record LicenseSet(List<License> licenses) {

    /**
     * Copies the list and checks its rules.
     *
     * @throws IllegalArgumentException on a repeated key or a second server license
     */
    public LicenseSet {
        Objects.requireNonNull(licenses, "licenses");
        for (int i = 0; i < licenses.size(); i++) {
            Objects.requireNonNull(licenses.get(i), "licenses[" + i + "]");
        }
        licenses = List.copyOf(licenses);
        Set<LicenseKey> seen = new HashSet<>();
        for (License license : licenses) {
            if (!seen.add(license.key())) {
                throw new IllegalArgumentException("licenses: key " + license.key().masked()
                        + " appears more than once; each key may be installed once");
            }
        }
        List<License> servers = licenses.stream().filter(l -> l.kind().equals(LicenseKind.SERVER)).toList();
        if (servers.size() > 1) {
            throw new IllegalArgumentException("licenses: " + servers.size() + " server licenses ("
                    + servers.stream().map(l -> l.key().masked()).collect(Collectors.joining(", "))
                    + "); a node has at most one server license");
        }
    }

    /**
     * A set of the given licenses, in this order.
     *
     * @param licenses the licenses
     * @return the set
     * @throws IllegalArgumentException on a repeated key or a second server license
     */
    public static LicenseSet of(License... licenses) {
        return new LicenseSet(List.of(licenses));
    }

    /**
     * The server license, of whatever edition.
     *
     * @return the one server license, or empty
     */
    public Optional<License> serverLicense() {
        return ofKind(LicenseKind.SERVER).stream().findFirst();
    }

    /**
     * The license with this key.
     *
     * @param key the key
     * @return the license, or empty
     */
    public Optional<License> find(LicenseKey key) {
        Objects.requireNonNull(key, "key");
        return licenses.stream().filter(l -> l.key().equals(key)).findFirst();
    }

    /**
     * Whether a license with this key is in the set.
     *
     * @param key the key
     * @return true if present
     */
    public boolean containsKey(LicenseKey key) {
        return find(key).isPresent();
    }

    /**
     * The licenses of one edition, in set order.
     *
     * @param edition the edition
     * @return an immutable list, possibly empty
     */
    public List<License> ofEdition(LicenseEdition edition) {
        Objects.requireNonNull(edition, "edition");
        return licenses.stream().filter(l -> l.edition() == edition).toList();
    }

    /**
     * The licenses of one kind, in set order.
     *
     * @param kind the kind
     * @return an immutable list, possibly empty
     */
    public List<License> ofKind(LicenseKind kind) {
        Objects.requireNonNull(kind, "kind");
        return licenses.stream().filter(l -> l.kind().equals(kind)).toList();
    }
}
