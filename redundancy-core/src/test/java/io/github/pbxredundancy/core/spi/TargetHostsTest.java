package io.github.pbxredundancy.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pbxredundancy.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class TargetHostsTest {
    @Test
    void addressesAndNamesAreAcceptedInLowerCase() {
        assertThat(TargetHosts.host("h", "192.168.1.20")).isEqualTo("192.168.1.20");
        assertThat(TargetHosts.host("h", "Standby.Example.COM")).isEqualTo("standby.example.com");
        assertThat(TargetHosts.port("p", 65535)).isEqualTo(65535);
    }

    @Test
    void aBadOctetIsNamed() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> TargetHosts.host("h", "192.168.001.2"));

        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("h"));
        assertThat(e.getMessage()).contains("001");
    }

    @Test
    void whatIsNeitherAnAddressNorANameIsRefusedWithTheRule() {
        for (String bad : new String[] {"", "-a.example", "a..b", "a_b", "1.2.3", "host.123", "x".repeat(254), "::1"}) {
            InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> TargetHosts.host("h", bad));

            assertThat(e).as(bad).isNotNull();
            assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.rule()).contains("IPv4 address"));
        }
    }

    @Test
    void portsOutsideTheRangeAreRefused() {
        for (int bad : new int[] {0, -1, 65536}) {
            assertThat(catchThrowableOfType(InvalidInputException.class, () -> TargetHosts.port("p", bad)).problems())
                    .singleElement().satisfies(p -> assertThat(p.rule()).isEqualTo("must be from 1 to 65535"));
        }
    }

    @Test
    void anUnreadableAuthorityNamesItsBadOctetOrTheRule() {
        assertThat(TargetHosts.unreadableHost("h", "ssh://u@192.168.1.300/x", "u@192.168.1.300:22").getMessage()).contains("300");
        assertThat(TargetHosts.unreadableHost("h", "ssh://a_b/x", "a_b").problems())
                .singleElement().satisfies(p -> assertThat(p.rule()).contains("host name"));
    }
}
