package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretTest {

    @Test
    void neverPrintsItsValue() {
        Secret secret = Secret.of("s3cr3t-passw0rd");
        assertThat(secret.toString()).isEqualTo("******").doesNotContain("s3cr3t");
        assertThat(String.valueOf(secret.reveal())).isEqualTo("s3cr3t-passw0rd");
        assertThat(Secret.of("x").toString()).isEqualTo(secret.toString());
    }

    @Test
    void revealReturnsACopy() {
        Secret secret = Secret.of("abc");
        char[] first = secret.reveal();
        first[0] = 'z';
        assertThat(secret.reveal()).containsExactly('a', 'b', 'c');
    }

    @Test
    void equalityIsByContent() {
        assertThat(Secret.of("päss")).isEqualTo(Secret.of("päss")).isNotEqualTo(Secret.of("pass"));
    }

    @Test
    void refusesEmpty() {
        assertThatThrownBy(() -> Secret.of("")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Secret.of(null)).isInstanceOf(InvalidInputException.class);
    }
}
