package io.github.pbxredundancy.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.Secret;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Parsing and printing of {@link SshTarget}, and the values that must never print secrets. */
class SshTargetTest {

    @Test
    void aFullTargetKeepsEveryPart() {
        SshTarget target = SshTarget.parse(URI.create("ssh://pbxsync@192.168.1.20:2222/var/spool/pbx-inbox/"));

        assertThat(target).isEqualTo(new SshTarget("pbxsync", "192.168.1.20", 2222, "/var/spool/pbx-inbox"));
        assertThat(target.toUri()).isEqualTo(URI.create("ssh://pbxsync@192.168.1.20:2222/var/spool/pbx-inbox"));
        assertThat(SshTarget.parse(target.toUri())).isEqualTo(target);
    }

    @Test
    void userDefaultsToRootAndPortTo22() {
        SshTarget target = SshTarget.parse(URI.create("SSH://Standby.Example.com/inbox"));

        assertThat(target).isEqualTo(new SshTarget("root", "standby.example.com", 22, "/inbox"));
        assertThat(target).hasToString("ssh://root@standby.example.com:22/inbox");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "https://host/inbox | ssh target | must start with ssh://",
        "ssh:inbox | ssh target | must name a host",
        "ssh://host | ssh target path | must name the inbox directory",
        "ssh://host/ | ssh target path | must name the inbox directory",
        "ssh://host/inbox?x=1 | ssh target query | must be absent",
        "ssh://host/inbox#top | ssh target fragment | must be absent",
        "ssh://host:0/inbox | ssh target port | from 1 to 65535",
        "ssh://[::1]/inbox | ssh target host | IPv4 address",
        "ssh://300.1.1.1/inbox | ssh target host | octet 1 is larger than 255",
        "ssh://192.168.001.2/inbox | ssh target host | octet 3 has a leading zero",
        "ssh://host_name/inbox | ssh target host | IPv4 address",
        "ssh://-bad@host/inbox | ssh target user | letters, digits",
        "ssh://host/a/../etc | ssh target path | without empty, '.' or '..' segments",
        "ssh://host//inbox | ssh target path | without empty, '.' or '..' segments",
    })
    void invalidTargetsNameThePartAndTheRule(String uri, String field, String rule) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> SshTarget.parse(URI.create(uri)));

        assertThat(e).as(uri).isNotNull();
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.rule()).contains(rule);
        });
    }

    @Test
    void aPasswordInTheUriIsRefusedWithoutRepeatingIt() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> SshTarget.parse(URI.create("ssh://root:hunter2secret@host/inbox")));

        assertThat(e.getMessage()).contains("ssh target user").contains("must not carry a password").doesNotContain("hunter2secret");
    }

    @Test
    void credentialsNeverPrintTheirSecrets() {
        SshCredentials password = SshCredentials.password(Secret.of("hunter2secret"));
        SshCredentials key = SshCredentials.privateKey(Path.of("/etc/pbx/id_ed25519"), Secret.of("passphrase-4711"));

        assertThat(password.toString()).doesNotContain("hunter2secret");
        assertThat(key.toString()).doesNotContain("passphrase-4711").contains("id_ed25519");
    }

    @Test
    void aPinnedFingerprintMustBeAnOpenSshSha256Fingerprint() {
        String valid = "SHA256:" + "A".repeat(42) + "E";

        assertThat(new HostKeyPolicy.PinnedFingerprint(valid + "=").fingerprint()).isEqualTo(valid);
        assertThatThrownBy(() -> new HostKeyPolicy.PinnedFingerprint("MD5:aa:bb")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("host key fingerprint");
        assertThatThrownBy(() -> new HostKeyPolicy.PinnedFingerprint("SHA256:tooShort")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void theBuilderNamesEveryMissingSetting() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> SshTransport.builder().build());

        assertThat(e.problems()).extracting(p -> p.field())
                .containsExactly("target", "credentials", "hostKeyPolicy", "options");
    }

    @Test
    void onlyModernAlgorithmsAreOffered() {
        var config = Algorithms.modern();

        assertThat(config.getKeyExchangeFactories()).extracting(f -> f.getName())
                .contains("curve25519-sha256").noneMatch(n -> n.contains("sha1") || n.contains("group1-") || n.contains("group14")
                        || n.contains("group-exchange"));
        assertThat(config.getCipherFactories()).extracting(f -> f.getName())
                .contains("aes128-gcm@openssh.com", "aes128-ctr").noneMatch(n -> n.contains("cbc") || n.contains("arcfour"));
        assertThat(config.getMACFactories()).extracting(f -> f.getName()).allMatch(n -> n.startsWith("hmac-sha2-"));
        assertThat(config.getKeyAlgorithms()).extracting(f -> f.getName())
                .contains("ssh-ed25519", "rsa-sha2-256").doesNotContain("ssh-rsa", "ssh-dss");
    }
}
