package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SoftwareVersionProperties {

    @Provide
    Arbitrary<SoftwareVersion> versions() {
        // Small components so that equal and trailing-zero cases are frequent.
        return Arbitraries.integers().between(0, 3).list().ofMinSize(1).ofMaxSize(5)
                .map(list -> SoftwareVersion.of(list.stream().mapToInt(Integer::intValue).toArray()));
    }

    @Property
    void orderIsReflexive(@ForAll("versions") SoftwareVersion a) {
        assertThat(a.compareTo(a)).isZero();
    }

    @Property
    void orderIsAntisymmetric(@ForAll("versions") SoftwareVersion a, @ForAll("versions") SoftwareVersion b) {
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
        if (a.compareTo(b) <= 0 && b.compareTo(a) <= 0) {
            assertThat(a).isEqualTo(b);
        }
    }

    @Property
    void orderIsTransitive(@ForAll("versions") SoftwareVersion a, @ForAll("versions") SoftwareVersion b,
                           @ForAll("versions") SoftwareVersion c) {
        if (a.compareTo(b) <= 0 && b.compareTo(c) <= 0) {
            assertThat(a.compareTo(c)).isLessThanOrEqualTo(0);
        }
    }

    @Property
    void orderIsConsistentWithEquals(@ForAll("versions") SoftwareVersion a, @ForAll("versions") SoftwareVersion b) {
        assertThat(a.compareTo(b) == 0).isEqualTo(a.equals(b));
        if (a.equals(b)) {
            assertThat(a.hashCode()).isEqualTo(b.hashCode());
        }
    }

    @Property
    void canImportIffTargetIsSameOrNewer(@ForAll("versions") SoftwareVersion backup,
                                         @ForAll("versions") SoftwareVersion target) {
        assertThat(VersionCompatibility.canImport(backup, target)).isEqualTo(target.compareTo(backup) >= 0);
    }

    @Property
    void parseRoundTripsTheText(@ForAll("versions") SoftwareVersion version) {
        SoftwareVersion parsed = SoftwareVersion.parse(version.toString());
        assertThat(parsed).isEqualTo(version).hasToString(version.toString());
    }

    @Property
    void appendingZerosKeepsEquality(@ForAll("versions") SoftwareVersion version,
                                     @ForAll @IntRange(min = 1, max = 3) int zeros) {
        String padded = version + ".0".repeat(zeros);
        assertThat(SoftwareVersion.parse(padded)).isEqualTo(version);
    }

    @Property
    void componentOrderMatchesLexicographicIntegerOrder(
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 1_000_000) Integer> a,
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 1_000_000) Integer> b) {
        SoftwareVersion va = SoftwareVersion.parse(a.stream().map(String::valueOf).collect(Collectors.joining(".")));
        SoftwareVersion vb = SoftwareVersion.parse(b.stream().map(String::valueOf).collect(Collectors.joining(".")));
        assertThat(Integer.signum(va.compareTo(vb))).isEqualTo(Integer.signum(referenceCompare(a, b)));
    }

    @Property
    void textWithAnyNonDigitNonDotIsRefused(@ForAll("versions") SoftwareVersion version,
                                            @ForAll char intruder, @ForAll @IntRange(min = 0, max = 20) int at) {
        Assume.that(!(intruder >= '0' && intruder <= '9') && intruder != '.' && !Character.isWhitespace(intruder));
        String text = version.toString();
        int position = Math.min(at, text.length());
        String broken = text.substring(0, position) + intruder + text.substring(position);
        assertThatThrownBy(() -> SoftwareVersion.parse(broken)).isInstanceOf(InvalidInputException.class);
    }

    private static int referenceCompare(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int x = i < a.size() ? a.get(i) : 0;
            int y = i < b.size() ? b.get(i) : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }
}
