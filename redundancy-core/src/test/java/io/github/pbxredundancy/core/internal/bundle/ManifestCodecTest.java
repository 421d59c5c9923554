package io.github.pbxredundancy.core.internal.bundle;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.github.pbxredundancy.core.BundleEntry;
import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.BundleManifest;
import io.github.pbxredundancy.core.BundleRejectedException;
import io.github.pbxredundancy.core.PairIdentity;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.SoftwareVersion;
import io.github.pbxredundancy.license.LicenseKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ManifestCodecTest {
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final BundleManifest MANIFEST = new BundleManifest(BundleId.parse("b1"),
            PairIdentity.of(LicenseKey.parse("XXXXX-YYYYY-ZZZZZ-11111")), "pbx-a", SoftwareVersion.parse("7.3.1.5"), 5,
            Instant.parse("2016-01-26T05:00:00Z"),
            List.of(new BundleEntry("db/config.xml", 12, A), new BundleEntry("voicemail/Grüße #1=a!.wav", 0, B)));
    private static final String BODY = ""
            + "format=1\n"
            + "bundle-id=b1\n"
            + "pair=" + MANIFEST.pair().fingerprint() + "\n"
            + "source-node=pbx-a\n"
            + "software-version=7.3.1.5\n"
            + "epoch=5\n"
            + "created-at=2016-01-26T05:00:00Z\n"
            + "entry-count=2\n"
            + "entry.1.name=db/config.xml\n"
            + "entry.1.size=12\n"
            + "entry.1.sha256=" + A + "\n"
            + "entry.2.name=voicemail/Grüße #1=a!.wav\n"
            + "entry.2.size=0\n"
            + "entry.2.sha256=" + B + "\n";
    private static final String ENTRY_LINES = BODY.substring(BODY.indexOf("entry.1.name"));

    @Test
    void rendersTheDocumentedText() {
        String content = "content-sha256=" + Sha256.of(ENTRY_LINES.getBytes(UTF_8)) + "\n";
        assertThat(ManifestCodec.render(MANIFEST)).isEqualTo(sealed(BODY + content));
        assertThat(MANIFEST.contentSha256()).isEqualTo(Sha256.of(ENTRY_LINES.getBytes(UTF_8)));
    }

    @Test
    void parsesWhatItRenders() {
        assertThat(ManifestCodec.parse(ManifestCodec.render(MANIFEST))).isEqualTo(MANIFEST);
    }

    @Test
    void valuesAreTakenLiterallyWithoutPropertiesEscapes() {
        BundleManifest manifest = new BundleManifest(MANIFEST.bundleId(), MANIFEST.pair(), " #!node = x:y ",
                MANIFEST.softwareVersion(), 0, Instant.parse("2016-01-26T05:00:00.120Z"),
                List.of(new BundleEntry("#a/!b/c=d:e f", 0, A)));
        assertThat(ManifestCodec.parse(ManifestCodec.render(manifest))).isEqualTo(manifest);
    }

    @Test
    void numbersRoundTripUpToTheirLimits() {
        BundleManifest manifest = new BundleManifest(MANIFEST.bundleId(), MANIFEST.pair(), "n", MANIFEST.softwareVersion(),
                Long.MAX_VALUE, Instant.ofEpochSecond(8589934591L, 999_999_999),
                List.of(new BundleEntry("x", Long.MAX_VALUE, A)));
        assertThat(ManifestCodec.parse(ManifestCodec.render(manifest))).isEqualTo(manifest);
    }

    static Stream<Arguments> deviations() {
        return Stream.of(
                arguments("epoch=5", "epoch=05"),
                arguments("epoch=5", "epoch=+5"),
                arguments("epoch=5", "epoch=-5"),
                arguments("epoch=5", "epoch=99999999999999999999"),
                arguments("epoch=5", "epoch= 5"),
                arguments("entry.1.size=12", "entry.1.size=1e1"),
                arguments("created-at=2016-01-26T05:00:00Z", "created-at=2016-01-26T05:00:00.000Z"),
                arguments("created-at=2016-01-26T05:00:00Z", "created-at=2016-01-26T06:00:00+01:00"),
                arguments("created-at=2016-01-26T05:00:00Z", "created-at=26.01.2016 05:00"),
                arguments("software-version=7.3.1.5", "software-version= 7.3.1.5"),
                arguments("software-version=7.3.1.5", "software-version=7.3-beta"),
                arguments("source-node=pbx-a", "source-node="),
                arguments("source-node=pbx-a", "source-node=pbx\ta"),
                arguments("source-node=pbx-a\n", "pair-key-masked=XXXXX-*****-*****-11111\nsource-node=pbx-a\n"),
                arguments("bundle-id=b1", "bundle-id=../b1"),
                arguments("entry.1.sha256=", "entry.1.sha256=A"),
                arguments("epoch=5\n", "epoch=5\nepoch=5\n"),
                arguments("epoch=5\n", "epoch=5\ncomment=x\n"),
                arguments("epoch=5\n", "epoch=5\n\n"),
                arguments("epoch=5\n", ""),
                arguments("epoch=5\ncreated-at=2016-01-26T05:00:00Z\n", "created-at=2016-01-26T05:00:00Z\nepoch=5\n"),
                arguments("entry-count=2", "entry-count=3"),
                arguments("entry-count=2", "entry-count=1"),
                arguments("entry-count=2", "entry-count=9999999999"),
                arguments("format=1\n", "format=1\r\n"),
                arguments("format=1", "format=one"),
                arguments("entry.1.name=db", "entry.1.name =db"),
                arguments("entry.1.name=db", "entry.01.name=db"));
    }

    @ParameterizedTest
    @MethodSource("deviations")
    void refusesAnythingButTheCanonicalText(String from, String to) {
        assertThat(BODY).contains(from);
        assertRejected(sealedWithContent(BODY.replace(from, to)), ReasonCode.INTEGRITY_FAILED);
    }

    @Test
    void aNewerFormatAsksForALibraryUpdate() {
        BundleRejectedException e = assertRejected(sealedWithContent(BODY.replace("format=1", "format=2")),
                ReasonCode.VERSION_INCOMPATIBLE);
        assertThat(e.getMessage()).contains("update the redundancy library on the standby");
    }

    @Test
    void unsafeOrDuplicateNamesAreUnsafe() {
        assertRejected(sealedWithContent(BODY.replace("=db/config.xml", "=../config.xml")), ReasonCode.UNSAFE_ARCHIVE);
        assertRejected(sealedWithContent(BODY.replace("=db/config.xml", "=/etc/passwd")), ReasonCode.UNSAFE_ARCHIVE);
        assertRejected(sealedWithContent(BODY.replace("=voicemail/Grüße #1=a!.wav", "=db/config.xml")),
                ReasonCode.UNSAFE_ARCHIVE);
    }

    @Test
    void aWrongContentHashIsAnIntegrityFailure() {
        assertRejected(sealed(BODY + "content-sha256=" + A + "\n"), ReasonCode.INTEGRITY_FAILED);
    }

    @Test
    void selfHashGuardsEveryByte() {
        byte[] bytes = ManifestCodec.render(MANIFEST);
        byte[] epochChanged = new String(bytes, UTF_8).replace("epoch=5", "epoch=4").getBytes(UTF_8);
        assertThat(assertRejected(epochChanged, ReasonCode.INTEGRITY_FAILED).getMessage()).contains("damaged");
        assertRejected(Arrays.copyOf(bytes, bytes.length - 1), ReasonCode.INTEGRITY_FAILED);
        assertRejected(new byte[0], ReasonCode.INTEGRITY_FAILED);
        byte[] noSelfHash = (BODY + "content-sha256=" + A + "\n").getBytes(UTF_8);
        assertThat(assertRejected(noSelfHash, ReasonCode.INTEGRITY_FAILED).getMessage()).contains("manifest-sha256");
    }

    @Test
    void refusesInvalidUtf8() {
        byte[] body = (BODY + "content-sha256=" + Sha256.of(ENTRY_LINES.getBytes(UTF_8)) + "\n").getBytes(UTF_8);
        body[BODY.indexOf("pbx-a") + 3] = (byte) 0xff;
        assertThat(assertRejected(sealed(body), ReasonCode.INTEGRITY_FAILED).getMessage()).contains("UTF-8");
    }

    private static BundleRejectedException assertRejected(byte[] manifest, ReasonCode expected) {
        BundleRejectedException e = catchThrowableOfType(BundleRejectedException.class, () -> ManifestCodec.parse(manifest));
        assertThat(e).as(new String(manifest, UTF_8)).isNotNull();
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(expected);
        return e;
    }

    /** The body with a correct content-sha256 over its entry lines and a correct self hash. */
    private static byte[] sealedWithContent(String body) {
        int start = body.indexOf("entry.1.name");
        String entries = start < 0 ? "" : body.substring(start);
        return sealed(body + "content-sha256=" + Sha256.of(entries.getBytes(UTF_8)) + "\n");
    }

    private static byte[] sealed(String body) {
        return sealed(body.getBytes(UTF_8));
    }

    private static byte[] sealed(byte[] body) {
        byte[] line = ("manifest-sha256=" + Sha256.of(body) + "\n").getBytes(UTF_8);
        byte[] all = Arrays.copyOf(body, body.length + line.length);
        System.arraycopy(line, 0, all, body.length, line.length);
        return all;
    }
}
