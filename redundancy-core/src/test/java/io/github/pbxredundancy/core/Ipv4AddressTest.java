package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Ipv4AddressTest {

    @Test
    void parsesAndPrintsDottedDecimal() {
        Ipv4Address address = Ipv4Address.parse(" 192.168.1.2 ");
        assertThat(address).hasToString("192.168.1.2");
        assertThat(address.bits()).isEqualTo(0xC0A80102);
        assertThat(Ipv4Address.parse("0.0.0.0").bits()).isZero();
        assertThat(Ipv4Address.parse("255.255.255.255").bits()).isEqualTo(-1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "192.168.001.2 | octet 3 has a leading zero",
            "192.168.1.256 | octet 4 is larger than 255",
            "192.168.1     | has 3 parts",
            "1.2.3.4.5     | has 5 parts",
            "192.168..2    | octet 3 is empty",
            "pbx.example   | has 2 parts",
            "localhost     | has 1 parts",
            "::1           | has 1 parts",
            "::ffff:1.2.3.4 | octet 1 contains ':'",
            "1.2.3.-4      | octet 4 contains '-'",
            "1.2.3.4/24    | octet 4 contains '/'",
            "1.2.3.4:22    | octet 4 contains ':'",
            "0x7f.0.0.1    | octet 1 contains 'x'",
            "1.2.3.1234    | octet 4 has more than three digits",
            "1. 2.3.4      | octet 2 contains ' '",
    })
    void refusesWithTheBrokenRule(String input, String rule) {
        assertThatThrownBy(() -> Ipv4Address.parse("standby.server", input))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("standby.server '" + input.strip())
                .hasMessageContaining(rule);
    }

    @Test
    void refusesEmptyAndNonAsciiDigits() {
        assertThatThrownBy(() -> Ipv4Address.parse("")).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> Ipv4Address.parse(null)).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> Ipv4Address.parse("192.168.1.\u0662"))
                .hasMessageContaining("octet 4 contains '\\u0662'");
    }

    @Test
    void computesNetworkAndBroadcast() {
        Ipv4Address address = Ipv4Address.parse("192.168.1.77");
        assertThat(address.networkAddress(24)).hasToString("192.168.1.0");
        assertThat(address.broadcastAddress(24)).hasToString("192.168.1.255");
        assertThat(address.networkAddress(26)).hasToString("192.168.1.64");
        assertThat(address.broadcastAddress(26)).hasToString("192.168.1.127");
        assertThat(address.networkAddress(0)).hasToString("0.0.0.0");
        assertThat(address.networkAddress(32)).isEqualTo(address);
        assertThat(address.sameNetwork(Ipv4Address.parse("192.168.1.2"), 24)).isTrue();
        assertThat(address.sameNetwork(Ipv4Address.parse("192.168.1.2"), 26)).isFalse();
        assertThatThrownBy(() -> address.networkAddress(33)).hasMessageContaining("between 0 and 32");
    }

    @ParameterizedTest
    @CsvSource({"0.0.0.0,false", "127.0.0.1,false", "169.254.10.1,false", "224.0.0.1,false",
            "255.255.255.255,false", "240.0.0.1,false", "0.1.2.3,false", "10.0.0.1,true", "192.168.1.2,true",
            "8.8.8.8,true"})
    void knowsAssignableHostAddresses(String input, boolean assignable) {
        assertThat(Ipv4Address.parse(input).isAssignableHostAddress()).isEqualTo(assignable);
    }
}
