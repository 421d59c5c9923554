package io.github.pbxredundancy.core.internal.receiver;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.BundleManifest;
import io.github.pbxredundancy.core.PairIdentity;
import io.github.pbxredundancy.core.ReceiverStatus.KeptBundle;
import io.github.pbxredundancy.core.SoftwareVersion;
import io.github.pbxredundancy.core.VerifiedBundle;
import io.github.pbxredundancy.core.internal.StateText;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The record the receiver writes beside each kept bundle ({@code <id>.accepted}): what a
 * restart needs to order, list and report the kept bundles without reading them again, and the
 * pair they belong to.
 *
 * <pre>
 * format=1
 * bundle-id=20160126T050000Z-e5-3f9a1c0d2b4e6f80
 * sha256=9f2c...
 * size=30720
 * pair=aa7f8b7a...
 * source-node=pbx-a
 * software-version=7.3.1.5
 * epoch=5
 * created-at=2016-01-26T05:00:00Z
 * accepted-at=2016-01-26T05:03:12.5Z
 * </pre>
 *
 * <p>Not part of the API. Immutable and thread-safe.
 *
 * @param bundle what the status shows of the bundle
 * @param pair the pair the bundle belongs to
 */
record AcceptedRecord(KeptBundle bundle, PairIdentity pair) {
    private static final String FORMAT = "1";

    AcceptedRecord {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(pair, "pair");
    }

    /** The record of a bundle just verified. */
    static AcceptedRecord of(VerifiedBundle verified, Instant acceptedAt) {
        BundleManifest manifest = verified.manifest();
        return new AcceptedRecord(new KeptBundle(manifest.bundleId(), manifest.sourceNode(), manifest.softwareVersion(),
                manifest.epoch(), manifest.createdAt(), verified.size(), verified.sha256(), acceptedAt), manifest.pair());
    }

    BundleId id() {
        return bundle.bundleId();
    }

    byte[] render() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("format", FORMAT);
        fields.put("bundle-id", bundle.bundleId().value());
        fields.put("sha256", bundle.sha256());
        fields.put("size", Long.toString(bundle.size()));
        fields.put("pair", pair.fingerprint());
        fields.put("source-node", bundle.sourceNode());
        fields.put("software-version", bundle.softwareVersion().toString());
        fields.put("epoch", Long.toString(bundle.epoch()));
        fields.put("created-at", bundle.createdAt().toString());
        fields.put("accepted-at", bundle.acceptedAt().toString());
        return StateText.render(fields);
    }

    /**
     * Builds a record from parsed fields.
     *
     * @throws IllegalArgumentException saying what is wrong, if a field is missing or malformed
     */
    static AcceptedRecord from(Map<String, String> fields) {
        String format = StateText.require(fields, "format");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("record format " + format + " is not " + FORMAT);
        }
        try {
            KeptBundle bundle = new KeptBundle(BundleId.parse(StateText.require(fields, "bundle-id")),
                    StateText.require(fields, "source-node"),
                    SoftwareVersion.parse(StateText.require(fields, "software-version")),
                    Long.parseLong(StateText.require(fields, "epoch")),
                    Instant.parse(StateText.require(fields, "created-at")),
                    Long.parseLong(StateText.require(fields, "size")),
                    StateText.require(fields, "sha256"),
                    Instant.parse(StateText.require(fields, "accepted-at")));
            return new AcceptedRecord(bundle, new PairIdentity(StateText.require(fields, "pair")));
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            // Field rules (ids, versions, instants, hashes) fail with their own exception types;
            // for a record they all mean the same: damaged.
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
