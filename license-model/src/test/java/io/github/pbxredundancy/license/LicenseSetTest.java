package io.github.pbxredundancy.license;

import static io.github.pbxredundancy.license.LicenseEdition.REDUNDANCY;
import static io.github.pbxredundancy.license.LicenseEdition.REGULAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LicenseSetTest {
    private static final License SERVER = License.server(LicenseKey.parse("XXXXX-YYYYY-ZZZZZ-11111"), REGULAR);
    private static final License USERS = License.users(LicenseKey.parse("AAAAA-BBBBB-CCCCC-33333"), REGULAR, 10);
    private static final License MODULE =
            License.module(LicenseKey.parse("UUUUU-KKKKK-SSSSS-55555"), REDUNDANCY, ModuleId.REDUNDANCY);

    @Test
    void findsLicensesByKeyKindAndEdition() {
        LicenseSet set = LicenseSet.of(SERVER, USERS, MODULE);

        assertThat(set.serverLicense()).contains(SERVER);
        assertThat(set.find(USERS.key())).contains(USERS);
        assertThat(set.find(LicenseKey.parse("DDDDD-FFFFF-TTTTT-22222"))).isEmpty();
        assertThat(set.containsKey(MODULE.key())).isTrue();
        assertThat(set.ofEdition(REGULAR)).containsExactly(SERVER, USERS);
        assertThat(set.ofEdition(REDUNDANCY)).containsExactly(MODULE);
        assertThat(set.ofKind(LicenseKind.USER)).containsExactly(USERS);
    }

    @Test
    void anEmptySetHasNoServerLicense() {
        assertThat(LicenseSet.of().serverLicense()).isEmpty();
        assertThat(LicenseSet.of().licenses()).isEmpty();
    }

    @Test
    void copiesTheList() {
        List<License> list = new ArrayList<>(List.of(SERVER));
        LicenseSet set = new LicenseSet(list);

        list.add(USERS);

        assertThat(set.licenses()).containsExactly(SERVER);
        assertThatThrownBy(() -> set.licenses().add(USERS)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesARepeatedKeyShowingItMasked() {
        assertThatThrownBy(() -> LicenseSet.of(USERS, License.users(USERS.key(), REDUNDANCY, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("licenses: key AAAAA-*****-*****-33333 appears more than once; each key may be installed once");
    }

    @Test
    void refusesASecondServerLicense() {
        License other = License.server(LicenseKey.parse("DDDDD-FFFFF-TTTTT-22222"), REDUNDANCY);

        assertThatThrownBy(() -> LicenseSet.of(SERVER, USERS, other))
                .hasMessage("licenses: 2 server licenses (XXXXX-*****-*****-11111, DDDDD-*****-*****-22222);"
                        + " a node has at most one server license");
    }

    @Test
    void toStringNeverShowsAFullKey() {
        String text = LicenseSet.of(SERVER, USERS, MODULE).toString();

        assertThat(text).contains("XXXXX-*****-*****-11111").doesNotContain("YYYYY", "BBBBB", "KKKKK");
        assertThat(new LicensedNode(HardwareId.of("hw"), LicenseSet.of(SERVER)).toString()).doesNotContain("YYYYY");
    }

    @Test
    void refusesNullLicenses() {
        List<License> withNull = new ArrayList<>();
        withNull.add(null);

        assertThatThrownBy(() -> new LicenseSet(withNull)).isInstanceOf(NullPointerException.class).hasMessage("licenses[0]");
    }
}
