package io.github.pbxredundancy.license;

import static io.github.pbxredundancy.license.LicenseEdition.FAILOVER;
import static io.github.pbxredundancy.license.LicenseEdition.REDUNDANCY;
import static io.github.pbxredundancy.license.LicenseEdition.REGULAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LicenseTest {
    private static final LicenseKey KEY = LicenseKey.parse("AAAAA-BBBBB-CCCCC-33333");
    private static final LicenseKey BASE = LicenseKey.parse("XXXXX-YYYYY-ZZZZZ-11111");
    private static final HardwareId HW = HardwareId.of("standby-hw");

    @Test
    void factoriesBuildWhatTheySay() {
        assertThat(License.server(BASE, REGULAR)).satisfies(l -> {
            assertThat(l.kind()).isEqualTo(LicenseKind.SERVER);
            assertThat(l.quantity()).isEqualTo(1);
            assertThat(l.module()).isEmpty();
        });
        assertThat(License.users(KEY, REDUNDANCY, 10).quantity()).isEqualTo(10);
        assertThat(License.module(KEY, REGULAR, ModuleId.REDUNDANCY).isFor(ModuleId.REDUNDANCY)).isTrue();
        assertThat(License.users(KEY, REGULAR, 1).isFor(ModuleId.REDUNDANCY)).isFalse();
        License failover = License.failover(KEY, BASE, HW);
        assertThat(failover.kind()).isEqualTo(LicenseKind.FAILOVER);
        assertThat(failover.edition()).isEqualTo(FAILOVER);
        assertThat(failover.boundBaseLicense()).contains(BASE);
        assertThat(failover.boundHardware()).contains(HW);
        assertThat(License.unboundFailover(KEY).boundBaseLicense()).isEmpty();
        assertThat(License.unboundFailover(KEY).boundHardware()).isEmpty();
    }

    @Test
    void withBoundHardwareChangesOnlyTheBinding() {
        License users = License.users(KEY, REGULAR, 25);

        License bound = users.withBoundHardware(HW);

        assertThat(bound.boundHardware()).contains(HW);
        assertThat(bound.withBoundHardware(HW)).isEqualTo(bound);
        assertThat(new License(bound.key(), bound.kind(), bound.edition(), bound.quantity(), bound.module(),
                Optional.empty(), bound.boundBaseLicense())).isEqualTo(users);
    }

    @Test
    void toStringMasksEveryKey() {
        License failover = License.failover(KEY, BASE, HW);

        assertThat(failover).hasToString(
                "License[failover failover AAAAA-*****-*****-33333 hardware=standby-hw base=XXXXX-*****-*****-11111]");
        assertThat(License.users(KEY, REDUNDANCY, 10)).hasToString("License[user redundancy AAAAA-*****-*****-33333 quantity=10]");
        assertThat(License.module(KEY, REGULAR, ModuleId.REDUNDANCY).toString())
                .isEqualTo("License[module regular AAAAA-*****-*****-33333 module=redundancy]")
                .doesNotContain("BBBBB");
    }

    @Test
    void quantityIsAtLeastOne() {
        assertThatThrownBy(() -> License.users(KEY, REGULAR, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("license AAAAA-*****-*****-33333: quantity '0': must be at least 1");
    }

    @Test
    void onlyCountedKindsHaveAQuantityAboveOne() {
        assertThatThrownBy(() -> new License(KEY, LicenseKind.SERVER, REGULAR, 2, Optional.empty(), Optional.empty(),
                Optional.empty())).hasMessageContaining("quantity '2': must be 1 for a server license");
        assertThat(new License(KEY, LicenseKind.of("fax-channel"), REGULAR, 30, Optional.empty(), Optional.empty(),
                Optional.empty()).quantity()).isEqualTo(30);
    }

    @Test
    void aModuleIsNamedExactlyOnModuleLicenses() {
        assertThatThrownBy(() -> new License(KEY, LicenseKind.MODULE, REGULAR, 1, Optional.empty(), Optional.empty(),
                Optional.empty())).hasMessageContaining("module (none): a module license must name its module");
        assertThatThrownBy(() -> new License(KEY, LicenseKind.USER, REGULAR, 1, Optional.of(ModuleId.REDUNDANCY),
                Optional.empty(), Optional.empty()))
                .hasMessageContaining("module 'redundancy': only module licenses name a module, this is a user license");
    }

    @Test
    void failoverKindAndEditionGoTogether() {
        assertThatThrownBy(() -> new License(KEY, LicenseKind.FAILOVER, REGULAR, 1, Optional.empty(), Optional.empty(),
                Optional.empty())).hasMessageContaining("edition 'regular': a failover license has edition failover");
        assertThatThrownBy(() -> new License(KEY, LicenseKind.SERVER, FAILOVER, 1, Optional.empty(), Optional.empty(),
                Optional.empty())).hasMessageContaining("kind 'server': only failover licenses have edition failover");
    }

    @Test
    void onlyFailoverLicensesAreBoundToABaseAndNeverToThemselves() {
        assertThatThrownBy(() -> new License(KEY, LicenseKind.USER, REGULAR, 1, Optional.empty(), Optional.empty(),
                Optional.of(BASE)))
                .hasMessageContaining("boundBaseLicense 'XXXXX-*****-*****-11111': only failover licenses are bound");
        assertThatThrownBy(() -> License.failover(KEY, KEY, HW))
                .hasMessageContaining("a failover license cannot be bound to itself")
                .message().doesNotContain("BBBBB");
    }

    @Test
    void reportsEveryBrokenRuleAtOnce() {
        assertThatThrownBy(() -> new License(KEY, LicenseKind.SERVER, FAILOVER, 0, Optional.of(ModuleId.REDUNDANCY),
                Optional.empty(), Optional.of(BASE)))
                .hasMessageContainingAll("kind 'server'", "quantity '0'", "module 'redundancy'");
    }

    @Test
    void refusesNullParts() {
        assertThatThrownBy(() -> new License(null, LicenseKind.USER, REGULAR, 1, Optional.empty(), Optional.empty(),
                Optional.empty())).isInstanceOf(NullPointerException.class).hasMessage("key");
    }
}
