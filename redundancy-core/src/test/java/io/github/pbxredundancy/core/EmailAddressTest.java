package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailAddressTest {

    @Test
    void acceptsThePlainFormAndLowersTheDomain() {
        assertThat(EmailAddress.parse("email-address", " test123@TestServer.de ").value())
                .isEqualTo("test123@testserver.de");
        assertThat(EmailAddress.parse("f", "First.Last+pbx@mail.xn--mnchen-3ya.de").value())
                .isEqualTo("First.Last+pbx@mail.xn--mnchen-3ya.de");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a@example.com, b@example.com                   | not a list",
            "a@example.com;b@example.com                    | not a list",
            "Admin <admin@example.com>                      | not a list",
            "<admin@example.com>                            | without a display name",
            "\"admin\"@example.com                          | without a display name",
            "admin.example.com                              | exactly one @",
            "a@b@example.com                                | exactly one @",
            "admin@localhost                                | at least two labels",
            "admin@[192.168.1.1]                            | lower-case labels",
            "admin@-example.com                             | lower-case labels",
            ".admin@example.com                             | separated by single dots",
            "ad..min@example.com                            | separated by single dots",
            "admin@example..com                             | lower-case labels",
            "admin@münchen.de                               | must be ASCII",
            "@example.com                                   | part before @",
    })
    void refusesWithTheRule(String input, String rule) {
        assertThatThrownBy(() -> EmailAddress.parse("email-address", input))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("email-address '")
                .hasMessageContaining(rule);
    }

    @Test
    void refusesLineBreaksThatWouldInjectHeaders() {
        for (String input : new String[] {"admin@example.com\r\nBcc: victim@example.com", "admin@example.com\nBcc: x@y.de",
                "admin@exa\rmple.com", "adm\u0000in@example.com"}) {
            assertThatThrownBy(() -> EmailAddress.parse("email-address", input))
                    .hasMessageContaining("must not contain control characters");
        }
    }

    @Test
    void refusedValuesAreEscapedInTheMessage() {
        assertThatThrownBy(() -> EmailAddress.parse("email-address", "a@b.de\r\nBcc: c@d.de"))
                .hasMessageContaining("'a@b.de\\u000D\\u000ABcc: c@d.de'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void refusesOverlongAddresses() {
        String local = "a".repeat(65);
        assertThatThrownBy(() -> EmailAddress.parse("f", local + "@example.com")).hasMessageContaining("1 to 64");
        String domain = ("a".repeat(60) + ".").repeat(5) + "de";
        assertThatThrownBy(() -> EmailAddress.parse("f", "x@" + domain)).hasMessageContaining("at most 254");
    }

    @Test
    void canonicalConstructorValidatesToo() {
        assertThatThrownBy(() -> new EmailAddress("x@y.de\n")).isInstanceOf(InvalidInputException.class);
    }
}
