package io.github.pbxredundancy.core;

import static io.github.pbxredundancy.core.BundleFixtures.KEY;
import static io.github.pbxredundancy.core.BundleFixtures.OTHER_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PairIdentityTest {

    @Test
    void fingerprintIsTheSha256OfThePrefixedKey() {
        PairIdentity identity = PairIdentity.of(KEY);
        assertThat(identity.fingerprint()).isEqualTo(BundleFixtures.sha256(
                ("pbx-redundancy-pair:" + KEY.value()).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void matchesOnlyItsOwnKey() {
        PairIdentity identity = PairIdentity.of(KEY);
        assertThat(identity.matches(KEY)).isTrue();
        assertThat(identity.matches(OTHER_KEY)).isFalse();
        assertThat(identity).isEqualTo(PairIdentity.of(KEY)).isNotEqualTo(PairIdentity.of(OTHER_KEY));
    }

    @Test
    void aKeyWithTheSameMaskIsAnotherPair() {
        // Same first and last group, different middle: same masked form, different pair.
        var lookalike = io.github.pbxredundancy.license.LicenseKey.parse("XXXXX-QQQQQ-ZZZZZ-11111");
        assertThat(PairIdentity.of(KEY).matches(lookalike)).isFalse();
    }

    @Test
    void neverPrintsTheKeyOrTheWholeFingerprint() {
        PairIdentity identity = PairIdentity.of(KEY);
        assertThat(identity.toString()).isEqualTo("pair " + identity.fingerprint().substring(0, 12) + "...")
                .doesNotContain(KEY.value()).doesNotContain("11111");
    }

    @Test
    void validatesTheFingerprint() {
        String fingerprint = PairIdentity.of(KEY).fingerprint();
        assertThatThrownBy(() -> new PairIdentity(fingerprint.toUpperCase()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("pair fingerprint");
        assertThatThrownBy(() -> new PairIdentity(fingerprint.substring(1))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new PairIdentity(null)).isInstanceOf(InvalidInputException.class);
    }
}
