package io.github.pbxredundancy.license;

import static io.github.pbxredundancy.license.LicenseEdition.REDUNDANCY;
import static io.github.pbxredundancy.license.LicenseEdition.REGULAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LicenseFileTest {

    static final String SEED_ACTIVE = """
            # Aktive STARFACE (seed 000)
            server regular XXXXX-YYYYY-ZZZZZ-11111
            user   regular AAAAA-BBBBB-CCCCC-33333
            module regular UUUUU-KKKKK-SSSSS-55555 module=redundancy
            """;
    static final String SEED_STANDBY = """
            # Standby STARFACE (seed 000)
            server redundancy DDDDD-FFFFF-TTTTT-22222
            user   redundancy HHHHH-MMMMM-PPPPP-44444
            module redundancy VVVVV-RRRRR-JJJJJ-66666 module=redundancy
            """;

    @Test
    void readsTheSeedsExampleTable() {
        assertThat(LicenseFile.parse(SEED_ACTIVE)).isEqualTo(LicenseSet.of(
                License.server(LicenseKey.parse("XXXXX-YYYYY-ZZZZZ-11111"), REGULAR),
                License.users(LicenseKey.parse("AAAAA-BBBBB-CCCCC-33333"), REGULAR, 1),
                License.module(LicenseKey.parse("UUUUU-KKKKK-SSSSS-55555"), REGULAR, ModuleId.REDUNDANCY)));
        assertThat(LicenseFile.parse(SEED_STANDBY)).isEqualTo(LicenseSet.of(
                License.server(LicenseKey.parse("DDDDD-FFFFF-TTTTT-22222"), REDUNDANCY),
                License.users(LicenseKey.parse("HHHHH-MMMMM-PPPPP-44444"), REDUNDANCY, 1),
                License.module(LicenseKey.parse("VVVVV-RRRRR-JJJJJ-66666"), REDUNDANCY, ModuleId.REDUNDANCY)));
    }

    @Test
    void readsEveryAttributeInAnyOrder() {
        LicenseSet set = LicenseFile.parse("""
                server regular xxxxx-yyyyy-zzzzz-11111 hardware=4f1c0e2a
                user redundancy HHHHH-MMMMM-PPPPP-44444 quantity=10
                failover failover FFFFF-OOOOO-LLLLL-77777 base=XXXXX-YYYYY-ZZZZZ-11111 hardware=standby#2
                fax-channel regular CCCCC-HHHHH-NNNNN-88888 quantity=30
                """);

        assertThat(set.licenses()).containsExactly(
                License.server(LicenseKey.parse("XXXXX-YYYYY-ZZZZZ-11111"), REGULAR).withBoundHardware(HardwareId.of("4f1c0e2a")),
                License.users(LicenseKey.parse("HHHHH-MMMMM-PPPPP-44444"), REDUNDANCY, 10),
                License.failover(LicenseKey.parse("FFFFF-OOOOO-LLLLL-77777"), LicenseKey.parse("XXXXX-YYYYY-ZZZZZ-11111"),
                        HardwareId.of("standby#2")),
                new License(LicenseKey.parse("CCCCC-HHHHH-NNNNN-88888"), LicenseKind.of("fax-channel"), REGULAR, 30,
                        Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void ignoresCommentsBlankLinesTabsLineEndingsAndAByteOrderMark() {
        LicenseSet set = LicenseFile.parse("\uFEFF# comment\r\n\r\n \t\r\n\t# indented comment\r"
                + "\tuser\tregular \t AAAAA-BBBBB-CCCCC-33333\tquantity=5 \n");

        assertThat(set.licenses()).containsExactly(License.users(LicenseKey.parse("AAAAA-BBBBB-CCCCC-33333"), REGULAR, 5));
        assertThat(LicenseFile.parse("")).isEqualTo(LicenseSet.of());
    }

    @Test
    void reportsEveryBadLineWithItsNumber() {
        LicenseFileException e = catchThrowableOfType(LicenseFileException.class, () -> LicenseFile.parse("""
                # active
                server regular XXXXX-YYYYY-ZZZZZ-11111
                user regullar AAAAA-BBBBB-CCCCC-33333
                user regular AAAAA-BBBB-CCCCC-44444

                module regular UUUUU-KKKKK-SSSSS-55555
                user regular EEEEE-BBBBB-CCCCC-33333 quantity=ten
                """));

        assertThat(e.problems()).containsExactly(
                "line 3: edition 'regullar': must be one of regular, redundancy, failover",
                "line 4: license key 'AAAAA-BBBB-CCCCC-44444': group 2 has 4 characters, expected 5",
                "line 6: module (none): a module license must name its module",
                "line 7: quantity 'ten': must be a whole number from 1 to 999999999 written in ASCII digits");
        assertThat(e).hasMessageStartingWith("license file has 4 problems: line 3: ");
    }

    @Test
    void reportsEveryProblemOfOneLineInOneEntry() {
        LicenseFileException e = catchThrowableOfType(LicenseFileException.class,
                () -> LicenseFile.parse("Server regular AAAAA-BBBBB-CCCCC-3333\u00e4 colour=red\n"));

        assertThat(e.problems()).hasSize(1);
        assertThat(e.problems().get(0)).startsWith("line 1: license kind 'Server': must be")
                .contains("; license key 'AAAAA-BBBBB-CCCCC-3333\\u00E4': position 23 (group 4)")
                .endsWith("; attribute 'colour': unknown, expected one of quantity, module, hardware, base");
    }

    @Test
    void reportsARepeatedKeyWithBothLineNumbersAndMasked() {
        LicenseFileException e = catchThrowableOfType(LicenseFileException.class, () -> LicenseFile.parse("""
                server regular XXXXX-YYYYY-ZZZZZ-11111
                user regular AAAAA-BBBBB-CCCCC-33333 quantity=10
                user redundancy aaaaa-bbbbb-ccccc-33333 quantity=10
                """));

        assertThat(e.problems()).containsExactly(
                "line 3: license key AAAAA-*****-*****-33333: already on line 2, each key may appear once");
    }

    @Test
    void reportsASecondServerLicense() {
        LicenseFileException e = catchThrowableOfType(LicenseFileException.class, () -> LicenseFile.parse("""
                # two servers
                server regular XXXXX-YYYYY-ZZZZZ-11111
                server redundancy DDDDD-FFFFF-TTTTT-22222
                """));

        assertThat(e.problems()).containsExactly(
                "line 3: kind 'server': a second server license, the first is on line 2; a node has one server license");
    }

    @Test
    void refusesUnknownAndRepeatedAttributes() {
        LicenseFileException e = catchThrowableOfType(LicenseFileException.class, () -> LicenseFile.parse("""
                user regular AAAAA-BBBBB-CCCCC-33333 quantity=10 quantity=12
                user regular BBBBB-BBBBB-CCCCC-33333 users=10
                user regular CCCCC-BBBBB-CCCCC-33333 =10
                user regular DDDDD-BBBBB-CCCCC-33333 EEEEE-BBBBB-CCCCC-33333
                """));

        assertThat(e.problems()).containsExactly(
                "line 1: attribute 'quantity': given more than once, give it once",
                "line 2: attribute 'users': unknown, expected one of quantity, module, hardware, base",
                "line 3: field '=10': expected an attribute name=value, one of quantity, module, hardware, base",
                "line 4: field 'EEEEE-*****-*****-33333': expected an attribute name=value, one of quantity, module,"
                        + " hardware, base (one license per line)");
    }

    @Test
    void appliesTheLicenseRulesInFileTerms() {
        LicenseFileException e = catchThrowableOfType(LicenseFileException.class, () -> LicenseFile.parse("""
                server regular XXXXX-YYYYY-ZZZZZ-11111 quantity=2
                user regular AAAAA-BBBBB-CCCCC-33333 base=XXXXX-YYYYY-ZZZZZ-11111
                failover failover FFFFF-OOOOO-LLLLL-77777 base=XXXXX-YYYYY-ZZZZZ-1111
                user regular BBBBB-BBBBB-CCCCC-33333 hardware=a\u00a0b
                user regular CCCCC-BBBBB-CCCCC-33333 quantity=\u0661\u0660
                failover regular GGGGG-OOOOO-LLLLL-77777
                module regular UUUUU-KKKKK-SSSSS-55555 module=Redundanz
                server
                """));

        assertThat(e.problems()).containsExactly(
                "line 1: quantity '2': must be 1 for a server license; only user licenses and other counted kinds have a quantity",
                "line 2: base 'XXXXX-*****-*****-11111': only failover licenses are bound to a base license",
                "line 3: base 'XXXXX-YYYYY-ZZZZZ-1111': group 4 has 4 characters, expected 5",
                "line 4: hardware id 'a\\u00A0b': must be 1 to 128 printable ASCII characters without whitespace",
                "line 5: quantity '\\u0661\\u0660': must be a whole number from 1 to 999999999 written in ASCII digits",
                "line 6: edition 'regular': a failover license has edition failover",
                "line 7: module id 'Redundanz': must be 1 to 32 lower-case ASCII letters a-z, digits 0-9 or '-',"
                        + " starting with a letter",
                "line 8: line has 1 field, expected <kind> <edition> <key> followed by optional attributes");
    }

    @Test
    void neverShowsAWellFormedKeyInFull() {
        LicenseFileException e = catchThrowableOfType(LicenseFileException.class, () -> LicenseFile.parse("""
                server regular XXXXX-YYYYY-ZZZZZ-11111
                server regular XXXXX-YYYYY-ZZZZZ-11111
                user XXXXX-YYYYY-ZZZZZ-11111
                """));

        assertThat(e.getMessage()).doesNotContain("YYYYY");
        assertThat(e.problems()).hasSize(2);
    }
}
