package io.github.pbxredundancy.transport.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pbxredundancy.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The protocol's header fields, by example; {@link UploadHeadersProperties} covers the rest. */
class UploadHeadersTest {
    /** The RFC 9530 example: the SHA-256 of {"hello": "world"}. */
    private static final String RFC_EXAMPLE = "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:";
    private static final String RFC_HEX = "5f8f04f6a3a892aaabbddb6cf273894493773960d4a325b105fee46eef4304f1";

    @Test
    void theRfcExampleReadsAndWritesBack() {
        assertThat(UploadHeaders.parseDigest(RFC_EXAMPLE)).isEqualTo(RFC_HEX);
        assertThat(UploadHeaders.renderDigest(RFC_HEX)).isEqualTo(RFC_EXAMPLE);
    }

    @Test
    void otherAlgorithmsAndBlanksAroundMembersAreAllowed() {
        assertThat(UploadHeaders.parseDigest("sha-512=:AAAA:,  " + RFC_EXAMPLE + " ")).isEqualTo(RFC_HEX);
        assertThat(UploadHeaders.parseDigest("\t" + RFC_EXAMPLE + ",unixsum=:AA==:")).isEqualTo(RFC_HEX);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sha-256", "sha-256=", "sha-256=::", "SHA-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:",
        "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE:", "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPF=:",
        "sha-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=", "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:;a=1",
        "sha-512=:AAAA:", "sha-256=:AAAA:", "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:, sha-256=:AAAA:",
        ",sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:", "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyW-Bf7kbu9DBPE=:"})
    void malformedDigestsAreRefusedNamingTheHeader(String value) {
        assertThatThrownBy(() -> UploadHeaders.parseDigest(value)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Repr-Digest");
    }

    @Test
    void countsAreStrictDecimals() {
        assertThat(UploadHeaders.parseCount("Upload-Offset", "0")).isZero();
        assertThat(UploadHeaders.parseCount("Upload-Offset", "9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        for (String bad : new String[] {null, "", " 1", "1 ", "-0", "+1", "01", "1.0", "0x10", "9223372036854775808", "١٢"}) {
            assertThatThrownBy(() -> UploadHeaders.parseCount("Upload-Offset", bad)).as(String.valueOf(bad))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("Upload-Offset");
        }
        assertThat(UploadHeaders.renderCount(42)).isEqualTo("42");
        assertThatThrownBy(() -> UploadHeaders.renderCount(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
