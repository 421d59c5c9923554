package io.github.pbxredundancy.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The transport's values: targets, credentials and trust, and that none of them prints a secret. */
class HttpValuesTest {

    @Test
    void aFullTargetKeepsEveryPart() {
        HttpTarget target = HttpTarget.parse(URI.create("HTTPS://Standby.Example.com:8443/pbx-redundancy/"));

        assertThat(target).isEqualTo(new HttpTarget("https", "standby.example.com", 8443, "/pbx-redundancy"));
        assertThat(target.toUri()).isEqualTo(URI.create("https://standby.example.com:8443/pbx-redundancy"));
        assertThat(HttpTarget.parse(target.toUri())).isEqualTo(target);
        assertThat(HttpTarget.parse(URI.create("https://192.168.1.2"))).isEqualTo(new HttpTarget("https", "192.168.1.2", 443, ""));
        assertThat(HttpTarget.parse(URI.create("http://192.168.1.2/")).port()).isEqualTo(80);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ssh://host/inbox | http target | must start with https://",
        "https:inbox | http target | must name a host",
        "https://host/x?y=1 | http target query | must be absent",
        "https://host/x#top | http target fragment | must be absent",
        "https://host:0/x | http target port | from 1 to 65535",
        "https://300.1.1.1/x | http target host | octet 1 is larger than 255",
        "https://host_name/x | http target host | IPv4 address",
        "https://host/a/../etc | http target path | without empty, '.' or '..' segments",
        "https://host//x | http target path | without empty, '.' or '..' segments",
        "https://host/a%2Fb | http target path | letters, digits",
    })
    void invalidTargetsNameThePartAndTheRule(String uri, String field, String rule) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> HttpTarget.parse(URI.create(uri)));

        assertThat(e).as(uri).isNotNull();
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.rule()).contains(rule);
        });
    }

    @Test
    void aUserPartInTheUriIsRefusedWithoutRepeatingIt() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> HttpTarget.parse(URI.create("https://admin:hunter2secret@host/x")));

        assertThat(e.getMessage()).contains("http target user").doesNotContain("hunter2secret").doesNotContain("admin");
    }

    @Test
    void credentialsNeverPrintTheirSecretsAndRenderTheirHeader() {
        HttpCredentials bearer = HttpCredentials.bearer(Secret.of("abc.DEF-123_~+/=="));
        HttpCredentials basic = HttpCredentials.basic("pbxsync", Secret.of("pässwörd"));

        assertThat(bearer.toString()).doesNotContain("abc");
        assertThat(basic.toString()).contains("pbxsync").doesNotContain("pässwörd");
        assertThat(bearer.authorization()).isEqualTo("Bearer abc.DEF-123_~+/==");
        assertThat(basic.authorization()).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                "pbxsync:pässwörd".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void aTokenOrUserThatCannotTravelInAHeaderIsRefusedWithoutShowingTheToken() {
        InvalidInputException token = catchThrowableOfType(InvalidInputException.class,
                () -> HttpCredentials.bearer(Secret.of("secret with\nbreak")));
        InvalidInputException user = catchThrowableOfType(InvalidInputException.class,
                () -> HttpCredentials.basic("a:b", Secret.of("x")));

        assertThat(token.getMessage()).contains("bearer token").doesNotContain("secret with");
        assertThat(user.getMessage()).contains("basic user").contains("colon");
    }

    @Test
    void pinsAcceptOpensslAndKeytoolSpellingsAndNothingElse() {
        String hex = "19fc01b51e2b8809cc2deb587cca84d7ebfccec301d4fe0b171385671d93d4a2";
        String openssl = "19:FC:01:B5:1E:2B:88:09:CC:2D:EB:58:7C:CA:84:D7:EB:FC:CE:C3:01:D4:FE:0B:17:13:85:67:1D:93:D4:A2";

        assertThat(new HttpTrust.PinnedCertificate(openssl).sha256()).isEqualTo(hex);
        assertThat(new HttpTrust.PinnedCertificate("SHA256: " + openssl).sha256()).isEqualTo(hex);
        assertThat(new HttpTrust.PinnedPublicKey(hex.toUpperCase()).sha256()).isEqualTo(hex);
        for (String bad : new String[] {hex.substring(2), hex + "00", "1:9" + openssl.substring(3), "MD5:" + hex, "zz" + hex.substring(2)}) {
            assertThatThrownBy(() -> new HttpTrust.PinnedCertificate(bad)).as(bad).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("certificate fingerprint");
        }
    }

    @Test
    void aTruststoreNeverPrintsItsPassword() {
        HttpTrust trust = new HttpTrust.TrustStore(Path.of("/etc/pbx/trust.p12"), Optional.of(Secret.of("storepass-4711")));

        assertThat(trust.toString()).contains("trust.p12").doesNotContain("storepass-4711");
    }
}
