package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class Ipv4AddressProperties {

    @Property
    void printThenParseRoundTrips(@ForAll int bits) {
        Ipv4Address address = new Ipv4Address(bits);
        assertThat(Ipv4Address.parse(address.toString())).isEqualTo(address);
    }

    @Property
    void octetsAbove255AreRefused(@ForAll @IntRange(min = 0, max = 3) int position,
                                  @ForAll @IntRange(min = 256, max = 999) int octet) {
        String[] parts = {"10", "20", "30", "40"};
        parts[position] = Integer.toString(octet);
        assertThatThrownBy(() -> Ipv4Address.parse(String.join(".", parts)))
                .hasMessageContaining("octet " + (position + 1) + " is larger than 255");
    }

    @Property
    void leadingZerosAreRefused(@ForAll @IntRange(min = 0, max = 3) int position,
                                @ForAll @IntRange(min = 0, max = 99) int octet) {
        String[] parts = {"10", "20", "30", "40"};
        parts[position] = "0" + octet;
        assertThatThrownBy(() -> Ipv4Address.parse(String.join(".", parts)))
                .hasMessageContaining("octet " + (position + 1) + " has a leading zero");
    }

    @Provide
    Arbitrary<String> junk() {
        return Arbitraries.strings().withChars("0123456789.:/abx- \u0663").ofMinLength(1).ofMaxLength(20);
    }

    @Property
    void anythingAcceptedIsCanonicalDottedDecimal(@ForAll("junk") String text) {
        try {
            Ipv4Address address = Ipv4Address.parse(text);
            assertThat(address.toString()).isEqualTo(text.strip());
        } catch (InvalidInputException refused) {
            assertThat(refused.problems()).hasSize(1);
        }
    }

    @Property
    void networkAndBroadcastBracketTheAddress(@ForAll int bits, @ForAll @IntRange(min = 0, max = 32) int prefix) {
        Ipv4Address address = new Ipv4Address(bits);
        long network = Integer.toUnsignedLong(address.networkAddress(prefix).bits());
        long broadcast = Integer.toUnsignedLong(address.broadcastAddress(prefix).bits());
        long value = Integer.toUnsignedLong(bits);
        assertThat(network).isLessThanOrEqualTo(value);
        assertThat(broadcast).isGreaterThanOrEqualTo(value);
        assertThat(broadcast - network + 1).isEqualTo(1L << (32 - prefix));
    }
}
