package io.github.pbxredundancy.core.internal.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.BundleEntry;
import io.github.pbxredundancy.core.BundleExpectations;
import io.github.pbxredundancy.core.BundleHeader;
import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.BundleLimits;
import io.github.pbxredundancy.core.BundleManifest;
import io.github.pbxredundancy.core.BundleVerifier;
import io.github.pbxredundancy.core.BundleWriter;
import io.github.pbxredundancy.core.PairIdentity;
import io.github.pbxredundancy.core.SoftwareVersion;
import io.github.pbxredundancy.core.WrittenBundle;
import io.github.pbxredundancy.core.internal.bundle.ManifestCodec;
import io.github.pbxredundancy.core.spi.Backup;
import io.github.pbxredundancy.license.LicenseKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleSizeBoundTest {
    private static final LicenseKey KEY = LicenseKey.parse("XXXXX-YYYYY-ZZZZZ-11111");

    @TempDir
    Path dir;

    /**
     * The worst case the format allows per entry: a name at the length limit that is not ASCII
     * (so it needs a PAX header), data one byte past a record (511 bytes of padding).
     */
    @Test
    void aBundleFillingEveryLimitStaysWithinTheBound() throws IOException {
        Path backup = Files.createDirectory(dir.resolve("backup"));
        int entries = 20;
        for (int i = 0; i < entries; i++) {
            String name = String.format("%02d", i) + "ü".repeat(100);
            Files.writeString(backup.resolve(name), "x".repeat(513), StandardCharsets.UTF_8);
        }
        WrittenBundle bundle = new BundleWriter().write(new Backup.Files(backup), new BundleHeader(BundleId.parse("b1"),
                PairIdentity.of(KEY), "pbx-a", SoftwareVersion.parse("7.3"), 5, Instant.parse("2016-01-26T05:00:00Z")),
                dir.resolve("b1.bundle"));
        BundleManifest manifest = bundle.manifest();
        BundleLimits exact = new BundleLimits(entries, 513, manifest.payloadSize(), ManifestCodec.render(manifest).length,
                manifest.entries().stream().map(BundleEntry::name).mapToInt(n -> n.getBytes(StandardCharsets.UTF_8).length)
                        .max().orElseThrow());

        new BundleVerifier().verify(bundle.file(), new BundleExpectations(KEY, SoftwareVersion.parse("7.3"), 0, exact));

        assertThat(bundle.size()).isLessThanOrEqualTo(BundleSizeBound.of(exact));
    }

    @Test
    void theDefaultBoundAddsTheFormatsOverheadToThePayloadLimit() {
        long bound = BundleSizeBound.of(BundleLimits.DEFAULTS);

        assertThat(bound).isGreaterThan(BundleLimits.DEFAULTS.maxTotalSize())
                .isLessThan(BundleLimits.DEFAULTS.maxTotalSize() + (1L << 30));
    }

    @Test
    void theBoundSaturatesInsteadOfOverflowing() {
        BundleLimits huge = new BundleLimits(Integer.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE,
                Integer.MAX_VALUE);

        assertThat(BundleSizeBound.of(huge)).isEqualTo(Long.MAX_VALUE);
    }
}
