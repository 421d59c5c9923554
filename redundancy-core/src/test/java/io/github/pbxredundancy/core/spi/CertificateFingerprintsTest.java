package io.github.pbxredundancy.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pbxredundancy.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class CertificateFingerprintsTest {
    private static final String HEX = "19fc01a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5dd4";

    @Test
    void opensslAndKeytoolSpellingsAllReadAsLowerCaseHex() {
        String colons = HEX.toUpperCase().replaceAll("(..)(?!$)", "$1:");

        assertThat(CertificateFingerprints.normalize("pin", HEX)).isEqualTo(HEX);
        assertThat(CertificateFingerprints.normalize("pin", colons)).isEqualTo(HEX);
        assertThat(CertificateFingerprints.normalize("pin", "SHA256: " + colons)).isEqualTo(HEX);
    }

    @Test
    void anythingElseIsRefusedNamingTheFieldAndTheRule() {
        for (String bad : new String[] {null, "", HEX.substring(1), HEX + "0", HEX.replace('1', 'g'),
                HEX.substring(0, 10) + ":" + HEX.substring(10), "SHA1:" + HEX}) {
            InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                    () -> CertificateFingerprints.normalize("trust.pin", bad));

            assertThat(e).as(String.valueOf(bad)).isNotNull();
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("trust.pin");
                assertThat(p.rule()).contains("64 hex digits");
            });
        }
    }
}
