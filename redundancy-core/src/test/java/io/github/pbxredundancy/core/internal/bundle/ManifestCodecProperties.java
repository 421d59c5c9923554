package io.github.pbxredundancy.core.internal.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pbxredundancy.core.BundleEntry;
import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.BundleManifest;
import io.github.pbxredundancy.core.BundleRejectedException;
import io.github.pbxredundancy.core.PairIdentity;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.SoftwareVersion;
import io.github.pbxredundancy.license.LicenseKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ManifestCodecProperties {

    @Provide
    Arbitrary<BundleManifest> manifests() {
        Arbitrary<String> segment = Arbitraries.strings().withChars("abzAZ09 äöüß=#!:.-_\u20AC").ofMinLength(1).ofMaxLength(10)
                .filter(s -> !s.equals(".") && !s.equals(".."));
        Arbitrary<String> relative = segment.list().ofMinSize(1).ofMaxSize(3).map(parts -> String.join("/", parts));
        Arbitrary<BundleEntry> entry = Combinators.combine(relative, Arbitraries.longs().between(0, Long.MAX_VALUE / 1000),
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(64)).as(BundleEntry::new);
        // Each name starts with its own index, so no name is a duplicate or inside another.
        Arbitrary<List<BundleEntry>> entries = entry.list().ofMinSize(1).ofMaxSize(6).map(list -> {
            List<BundleEntry> unique = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                BundleEntry e = list.get(i);
                unique.add(new BundleEntry(i + "-" + e.name(), e.size(), e.sha256()));
            }
            return unique;
        });
        Arbitrary<String> node = Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(64);
        Arbitrary<SoftwareVersion> version = Arbitraries.integers().between(0, 99).list().ofMinSize(1).ofMaxSize(4)
                .map(list -> SoftwareVersion.of(list.stream().mapToInt(Integer::intValue).toArray()));
        Arbitrary<Instant> createdAt = Combinators.combine(Arbitraries.longs().between(0, 7_000_000_000L),
                Arbitraries.integers().between(0, 999_999_999)).as(Instant::ofEpochSecond);
        Arbitrary<LicenseKey> key = Arbitraries.strings().withChars("ABCXYZ019").ofLength(20)
                .map(s -> LicenseKey.parse(s.substring(0, 5) + "-" + s.substring(5, 10) + "-" + s.substring(10, 15) + "-" + s.substring(15)));
        // The combined edge cases (thousands) would outnumber the tries; ManifestCodecTest
        // covers the numeric extremes.
        return Combinators.combine(node, version, Arbitraries.longs().between(0, Long.MAX_VALUE), createdAt, key, entries)
                .as((n, v, epoch, at, k, es) -> new BundleManifest(BundleId.parse("b-" + epoch), PairIdentity.of(k), n, v,
                        epoch, at, es))
                .withoutEdgeCases();
    }

    @Property
    void parseInvertsRender(@ForAll("manifests") BundleManifest manifest) {
        assertThat(ManifestCodec.parse(ManifestCodec.render(manifest))).isEqualTo(manifest);
    }

    @Property
    void anyChangedByteIsAnIntegrityFailure(@ForAll("manifests") BundleManifest manifest, @ForAll int position,
                                            @ForAll byte mask) {
        if (mask == 0) {
            mask = 1;
        }
        byte[] bytes = ManifestCodec.render(manifest);
        bytes[Math.floorMod(position, bytes.length)] ^= mask;
        assertRejected(bytes);
    }

    @Property
    void anyTruncationIsAnIntegrityFailure(@ForAll("manifests") BundleManifest manifest, @ForAll int length) {
        byte[] bytes = ManifestCodec.render(manifest);
        assertRejected(Arrays.copyOf(bytes, Math.floorMod(length, bytes.length)));
    }

    private static void assertRejected(byte[] bytes) {
        BundleRejectedException e = catchThrowableOfType(BundleRejectedException.class, () -> ManifestCodec.parse(bytes));
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(ReasonCode.INTEGRITY_FAILED);
    }
}
