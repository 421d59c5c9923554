package io.github.pbxredundancy.transport.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.Secret;
import io.github.pbxredundancy.transport.http.HttpCredentials;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link CredentialCheck}: exact credentials, the scheme in any case, nothing else. */
class CredentialCheckTest {
    private final HttpCredentials token = HttpCredentials.bearer(Secret.of("tok-123"));
    private final HttpCredentials next = HttpCredentials.bearer(Secret.of("tok-456"));
    private final HttpCredentials user = HttpCredentials.basic("pbxsync", Secret.of("pw"));
    private final CredentialCheck check = new CredentialCheck(List.of(token, next, user));

    @Test
    void everyAcceptedCredentialPassesWhateverTheSchemesCase() {
        assertThat(check.accepts("Bearer tok-123")).isTrue();
        assertThat(check.accepts("bearer tok-456")).isTrue();
        assertThat(check.accepts("BEARER   tok-123")).isTrue();
        assertThat(check.accepts(user.authorization())).isTrue();
        assertThat(check.accepts(user.authorization().replace("Basic", "basic"))).isTrue();
    }

    @Test
    void anythingElseFails() {
        for (String wrong : new String[] {null, "", "Bearer", "Bearer ", "Bearer tok-12", "Bearer tok-1234", "Bearer tok-123 ",
                "Token tok-123", "tok-123", "Basic tok-123", "Bearer " + "t".repeat(9000),
                HttpCredentials.basic("pbxsync", Secret.of("px")).authorization()}) {
            assertThat(check.accepts(wrong)).as(String.valueOf(wrong)).isFalse();
        }
    }

    @Test
    void theChallengesNameTheAcceptedSchemes() {
        assertThat(check.challenges()).containsExactly("Bearer realm=\"pbx-redundancy\"",
                "Basic realm=\"pbx-redundancy\", charset=\"UTF-8\"");
        assertThat(new CredentialCheck(List.of(token)).challenges()).containsExactly("Bearer realm=\"pbx-redundancy\"");
    }
}
