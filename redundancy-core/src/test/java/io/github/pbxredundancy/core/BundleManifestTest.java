package io.github.pbxredundancy.core;

import static io.github.pbxredundancy.core.BundleFixtures.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BundleManifestTest {
    private static final String HASH = "0".repeat(64);

    @Test
    void keepsHeaderAndEntriesAndSumsSizes() {
        List<BundleEntry> entries = new ArrayList<>(List.of(new BundleEntry("a", 3, HASH), new BundleEntry("b/c", 4, HASH)));
        BundleManifest manifest = BundleManifest.of(header(), entries);
        entries.clear();
        assertThat(manifest.entries()).hasSize(2);
        assertThat(manifest.header()).isEqualTo(header());
        assertThat(manifest.payloadSize()).isEqualTo(7);
        assertThat(manifest.contentSha256()).matches("[0-9a-f]{64}");
    }

    @Test
    void contentHashDependsOnEntriesOnly() {
        List<BundleEntry> entries = List.of(new BundleEntry("a", 3, HASH));
        BundleManifest one = BundleManifest.of(header(), entries);
        BundleManifest other = BundleManifest.of(BundleFixtures.header(SoftwareVersion.parse("8"), 9), entries);
        assertThat(other.contentSha256()).isEqualTo(one.contentSha256());
        assertThat(BundleManifest.of(header(), List.of(new BundleEntry("a", 4, HASH))).contentSha256())
                .isNotEqualTo(one.contentSha256());
    }

    @Test
    void refusesDuplicatesFileDirectoryClashesAndEmptyLists() {
        assertThatThrownBy(() -> BundleManifest.of(header(), List.of(new BundleEntry("a", 1, HASH), new BundleEntry("a", 1, HASH))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("appears twice");
        assertThatThrownBy(() -> BundleManifest.of(header(), List.of(new BundleEntry("a", 1, HASH), new BundleEntry("a/b", 1, HASH))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("which is a file entry");
        assertThatThrownBy(() -> BundleManifest.of(header(), List.of(new BundleEntry("a/b", 1, HASH), new BundleEntry("a", 1, HASH))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("other entries lie inside it");
        assertThatThrownBy(() -> BundleManifest.of(header(), List.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at least one entry");
        // Case differs: allowed, Linux backups may hold both.
        assertThat(BundleManifest.of(header(), List.of(new BundleEntry("a", 1, HASH), new BundleEntry("A", 1, HASH))).entries())
                .hasSize(2);
    }

    @Test
    void refusesSizesAddingUpBeyondALong() {
        List<BundleEntry> entries = List.of(new BundleEntry("a", Long.MAX_VALUE, HASH), new BundleEntry("b", 1, HASH));
        assertThatThrownBy(() -> BundleManifest.of(header(), entries)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void toStringCountsEntriesInsteadOfListingThem() {
        BundleManifest manifest = BundleManifest.of(header(), List.of(new BundleEntry("secret-name.txt", 1, HASH)));
        assertThat(manifest.toString()).contains("entries=1", "pbx-a").doesNotContain("secret-name.txt");
    }

    @Test
    void entryValidatesNameSizeAndHash() {
        assertThatThrownBy(() -> new BundleEntry("../x", 1, HASH)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'..'");
        assertThatThrownBy(() -> new BundleEntry("x", -1, HASH)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new BundleEntry("x", 1, "ABC")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("64 lower-case hex digits");
    }

    @Test
    void headerValidatesSourceNodeAndEpoch() {
        BundleHeader h = header();
        assertThatThrownBy(() -> new BundleHeader(h.bundleId(), h.pair(), "", h.softwareVersion(), 1, h.createdAt()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("source node");
        assertThatThrownBy(() -> new BundleHeader(h.bundleId(), h.pair(), "x".repeat(65), h.softwareVersion(), 1, h.createdAt()))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new BundleHeader(h.bundleId(), h.pair(), "pbx\na", h.softwareVersion(), 1, h.createdAt()))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new BundleHeader(h.bundleId(), h.pair(), "pbx-a", h.softwareVersion(), -1, h.createdAt()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("epoch");
        assertThatThrownBy(() -> new BundleHeader(h.bundleId(), h.pair(), "pbx-a", h.softwareVersion(), 1, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void limitsAndExpectationsValidate() {
        assertThat(BundleLimits.DEFAULTS).isEqualTo(new BundleLimits(100_000, 64L << 30, 256L << 30, 16 << 20, 1024));
        assertThatThrownBy(() -> new BundleLimits(0, 1, 1, 1, 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("max entries");
        assertThatThrownBy(() -> new BundleLimits(1, 1, 1, 1, -5)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("max name length");
        assertThatThrownBy(() -> new BundleExpectations(BundleFixtures.KEY, BundleFixtures.VERSION, -1, BundleLimits.DEFAULTS))
                .isInstanceOf(InvalidInputException.class);
        assertThat(BundleFixtures.expectations().toString()).doesNotContain(BundleFixtures.KEY.value());
    }

    @Test
    void rejectionsCarryOnlyRejectionCodes() {
        assertThat(new BundleRejectedException(ReasonCode.STALE_EPOCH, "old").reason()).isEqualTo(ReasonCode.STALE_EPOCH);
        assertThatThrownBy(() -> new BundleRejectedException(ReasonCode.TIMEOUT, "slow"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
