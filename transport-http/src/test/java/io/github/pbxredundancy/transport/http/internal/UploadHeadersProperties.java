package io.github.pbxredundancy.transport.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.license.PrintableText;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class UploadHeadersProperties {

    /** Every byte count survives being written and read back. */
    @Property(tries = 1000)
    void everyCountRoundTrips(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long count) {
        assertThat(UploadHeaders.parseCount("Upload-Offset", UploadHeaders.renderCount(count))).isEqualTo(count);
    }

    /** Whatever a peer sends as a count, the reader gives a non-negative number or an input error, never another exception. */
    @Property(tries = 2000)
    void anyTextIsACountOrAnInputError(@ForAll("countLike") String value) {
        try {
            long count = UploadHeaders.parseCount("Upload-Offset", value);
            assertThat(count).isNotNegative();
            assertThat(UploadHeaders.renderCount(count)).as("only the canonical spelling is read").isEqualTo(value);
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).contains("Upload-Offset").contains(PrintableText.quote(value));
            assertThat(e.getMessage()).doesNotContain("\n", "\r");
        }
    }

    /** Every SHA-256 survives being written as a Repr-Digest and read back. */
    @Property(tries = 1000)
    void everyDigestRoundTrips(@ForAll @Size(32) byte[] hash) {
        String hex = HexFormat.of().formatHex(hash);

        String header = UploadHeaders.renderDigest(hex);

        assertThat(header).matches("sha-256=:[A-Za-z0-9+/]{43}=:");
        assertThat(UploadHeaders.parseDigest(header)).isEqualTo(hex);
    }

    /** Whatever a peer sends as a digest, the reader gives 64 hex digits or an input error, never another exception. */
    @Property(tries = 2000)
    void anyTextIsADigestOrAnInputError(@ForAll("digestLike") String value) {
        try {
            String hex = UploadHeaders.parseDigest(value);
            assertThat(hex).matches("[0-9a-f]{64}");
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).contains("Repr-Digest").doesNotContain("\n", "\r");
        }
    }

    @Provide
    Arbitrary<String> countLike() {
        Arbitrary<String> canonical = Arbitraries.longs().greaterOrEqual(0).map(l -> Long.toString(l));
        Arbitrary<String> digits = Arbitraries.strings().withChars("0123456789").ofMinLength(0).ofMaxLength(25);
        Arbitrary<String> hostile = Arbitraries.strings().withChars("0123456789 +-.\t\r\nx\u0661\u00a0").ofMaxLength(22);
        Arbitrary<String> anything = Arbitraries.strings().all().ofMaxLength(30);
        return Arbitraries.oneOf(canonical, digits, hostile, anything);
    }

    @Provide
    Arbitrary<String> digestLike() {
        Arbitrary<String> valid = Arbitraries.bytes().array(byte[].class).ofSize(32)
                .map(bytes -> UploadHeaders.renderDigest(HexFormat.of().formatHex(bytes)));
        Arbitrary<String> mutated = valid.flatMap(header -> Arbitraries.integers().between(0, header.length() - 1)
                .flatMap(at -> Arbitraries.chars().with("=:,;A/+ \t\"-a").map(c ->
                        header.substring(0, at) + c + header.substring(at + 1))));
        Arbitrary<String> structured = Arbitraries.strings().withChars("sha-256=:,; \tA/+0aZ=").ofMaxLength(80);
        Arbitrary<String> anything = Arbitraries.strings().all().ofMaxLength(1200);
        return Arbitraries.oneOf(valid, mutated, structured, anything);
    }
}
