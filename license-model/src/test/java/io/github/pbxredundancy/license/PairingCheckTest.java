package io.github.pbxredundancy.license;

import static io.github.pbxredundancy.license.LicenseEdition.REDUNDANCY;
import static io.github.pbxredundancy.license.LicenseEdition.REGULAR;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The seed's example table (000) and hand-picked cases with their exact wording. */
class PairingCheckTest {
    private static final HardwareId ACTIVE_HW = HardwareId.of("active-hw");
    private static final HardwareId STANDBY_HW = HardwareId.of("standby-hw");
    private static final LicenseKey ACTIVE_SERVER = LicenseKey.parse("XXXXX-YYYYY-ZZZZZ-11111");

    private static final LicenseSet SEED_ACTIVE = LicenseFile.parse(LicenseFileTest.SEED_ACTIVE);
    private static final LicenseSet SEED_STANDBY = LicenseFile.parse(LicenseFileTest.SEED_STANDBY);

    private static PairingReport check(LicenseSet active, LicenseSet standby, LicenseKey configured) {
        return PairingCheck.redundancyCounterparts()
                .check(new LicensedNode(ACTIVE_HW, active), new LicensedNode(STANDBY_HW, standby), configured);
    }

    private static LicenseSet replace(LicenseSet set, String oldKey, License replacement) {
        List<License> list = new ArrayList<>(set.licenses());
        list.set(list.indexOf(set.find(LicenseKey.parse(oldKey)).orElseThrow()), replacement);
        return new LicenseSet(list);
    }

    private static LicenseSet with(LicenseSet set, License extra) {
        List<License> list = new ArrayList<>(set.licenses());
        list.add(extra);
        return new LicenseSet(list);
    }

    private static LicenseSet without(LicenseSet set, String key) {
        return new LicenseSet(set.licenses().stream().filter(l -> !l.key().equals(LicenseKey.parse(key))).toList());
    }

    @Test
    void theSeedsExampleTablePairs() {
        PairingReport report = check(SEED_ACTIVE, SEED_STANDBY, ACTIVE_SERVER);

        assertThat(report.problems()).isEmpty();
        assertThat(report.paired()).isTrue();
        assertThat(report.codes()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "DDDDD-FFFFF-TTTTT-22222 | XXXXX-YYYYY-ZZZZZ-11111 | The active's server license XXXXX-*****-*****-11111",
        "HHHHH-MMMMM-PPPPP-44444 | AAAAA-BBBBB-CCCCC-33333 | The active's user license for 1 user AAAAA-*****-*****-33333",
        "VVVVV-RRRRR-JJJJJ-66666 | UUUUU-KKKKK-SSSSS-55555 | The active's module license for module 'redundancy' UUUUU-*****-*****-55555",
    })
    void swappingAStandbyKeyForItsActiveTwinFailsByName(String standbyKey, String activeKey, String named) {
        License counterpart = SEED_STANDBY.find(LicenseKey.parse(standbyKey)).orElseThrow();
        License swapped = new License(LicenseKey.parse(activeKey), counterpart.kind(), counterpart.edition(),
                counterpart.quantity(), counterpart.module(), counterpart.boundHardware(), counterpart.boundBaseLicense());

        PairingReport report = check(SEED_ACTIVE, replace(SEED_STANDBY, standbyKey, swapped), ACTIVE_SERVER);

        assertThat(report.codes()).containsExactly(PairingCode.KEY_ON_BOTH_NODES);
        PairingProblem problem = report.problems().get(0);
        assertThat(problem.message()).startsWith(named + " is also installed on the standby.")
                .doesNotContain(activeKey);
        assertThat(problem.key()).contains(LicenseKey.parse(activeKey));
    }

    @Test
    void theStandbysOwnServerKeyInItsConfigurationIsNamed() {
        PairingReport report = check(SEED_ACTIVE, SEED_STANDBY, LicenseKey.parse("DDDDD-FFFFF-TTTTT-22222"));

        assertThat(report.problems()).containsExactly(new PairingProblem(PairingCode.STANDBY_KEY_NOT_ACTIVE_SERVER_KEY,
                "The standby's redundancy configuration holds the key DDDDD-*****-*****-22222, which is the standby's own"
                        + " server license; it must hold the active's server license key XXXXX-*****-*****-11111.",
                Optional.of(LicenseKey.parse("DDDDD-FFFFF-TTTTT-22222"))));
    }

    @Test
    void aUserKeyOrAForeignKeyInTheConfigurationIsNamed() {
        assertThat(check(SEED_ACTIVE, SEED_STANDBY, LicenseKey.parse("AAAAA-BBBBB-CCCCC-33333")).problems().get(0).message())
                .contains("which is the active's user license for 1 user;");
        assertThat(check(SEED_ACTIVE, SEED_STANDBY, LicenseKey.parse("QQQQQ-BBBBB-CCCCC-33333")).problems().get(0).message())
                .contains("which is not a license of either node;");
    }

    @Test
    void aMissingCounterpartNamesKindQuantityAndTheMaskedActiveKey() {
        LicenseSet active = replace(SEED_ACTIVE, "AAAAA-BBBBB-CCCCC-33333",
                License.users(LicenseKey.parse("AAAAA-BBBBB-CCCCC-33333"), REGULAR, 25));
        LicenseSet standby = without(SEED_STANDBY, "HHHHH-MMMMM-PPPPP-44444");

        PairingReport report = check(active, standby, ACTIVE_SERVER);

        assertThat(report.problems()).extracting(PairingProblem::message).containsExactly(
                "The standby lacks the redundancy counterpart of the active's user license for 25 users"
                        + " AAAAA-*****-*****-33333. Install the redundancy user license for 25 users on the standby.");
        assertThat(report.codes()).containsExactly(PairingCode.COUNTERPART_MISSING);
    }

    @Test
    void aCounterpartForAnotherUserCountIsAMismatchNotTwoProblems() {
        LicenseSet standby = replace(SEED_STANDBY, "HHHHH-MMMMM-PPPPP-44444",
                License.users(LicenseKey.parse("HHHHH-MMMMM-PPPPP-44444"), REDUNDANCY, 20));

        PairingReport report = check(SEED_ACTIVE, standby, ACTIVE_SERVER);

        assertThat(report.problems()).extracting(PairingProblem::message).containsExactly(
                "The standby's redundancy user license for 20 users HHHHH-*****-*****-44444 does not match the active's"
                        + " user license for 1 user AAAAA-*****-*****-33333. The counterpart must have the same quantity.");
    }

    @Test
    void theRedundancyModuleIsRequiredOnBothNodes() {
        PairingReport noActiveModule = check(without(SEED_ACTIVE, "UUUUU-KKKKK-SSSSS-55555"), SEED_STANDBY, ACTIVE_SERVER);
        PairingReport noStandbyModule = check(SEED_ACTIVE, without(SEED_STANDBY, "VVVVV-RRRRR-JJJJJ-66666"), ACTIVE_SERVER);

        assertThat(noActiveModule.codes()).containsExactly(PairingCode.REDUNDANCY_MODULE_LICENSE_MISSING_ON_ACTIVE);
        assertThat(noStandbyModule.codes()).containsExactly(PairingCode.REDUNDANCY_MODULE_LICENSE_MISSING_ON_STANDBY);
        assertThat(noStandbyModule.problems().get(0).message())
                .contains("module license for module 'redundancy' UUUUU-*****-*****-55555");
    }

    @Test
    void anEmptyStandbyGetsEveryMissingCounterpartAtOnce() {
        PairingReport report = check(SEED_ACTIVE, LicenseSet.of(), ACTIVE_SERVER);

        assertThat(report.problems()).extracting(PairingProblem::code).containsExactly(
                PairingCode.COUNTERPART_MISSING, PairingCode.COUNTERPART_MISSING,
                PairingCode.REDUNDANCY_MODULE_LICENSE_MISSING_ON_STANDBY);
        assertThat(report.paired()).isFalse();
    }

    @Test
    void standbyAndActiveWithSwappedRolesReportEveryLicense() {
        PairingReport report = check(SEED_STANDBY, SEED_ACTIVE, LicenseKey.parse("DDDDD-FFFFF-TTTTT-22222"));

        assertThat(report.problems()).extracting(PairingProblem::code).containsExactly(
                PairingCode.REDUNDANCY_LICENSE_ON_ACTIVE, PairingCode.REDUNDANCY_LICENSE_ON_ACTIVE,
                PairingCode.REDUNDANCY_LICENSE_ON_ACTIVE, PairingCode.REGULAR_LICENSE_ON_STANDBY,
                PairingCode.REGULAR_LICENSE_ON_STANDBY, PairingCode.REGULAR_LICENSE_ON_STANDBY);
    }

    @Test
    void aServerLicenseBoundToTheOtherNodesHardwareIsReported() {
        LicenseSet active = replace(SEED_ACTIVE, "XXXXX-YYYYY-ZZZZZ-11111",
                License.server(ACTIVE_SERVER, REGULAR).withBoundHardware(STANDBY_HW));

        PairingReport report = check(active, SEED_STANDBY, ACTIVE_SERVER);

        assertThat(report.problems()).extracting(PairingProblem::message).containsExactly(
                "The active's server license XXXXX-*****-*****-11111 is bound to hardware id standby-hw, but the active's"
                        + " hardware id is active-hw. Have the vendor re-link the license to this hardware.");
    }

    @Test
    void failoverSchemeRequiresCopiesAndOneBoundFailoverLicense() {
        LicenseKey failoverKey = LicenseKey.parse("FFFFF-OOOOO-LLLLL-77777");
        LicenseSet standby = with(SEED_ACTIVE, License.failover(failoverKey, ACTIVE_SERVER, STANDBY_HW));
        LicensedNode activeNode = new LicensedNode(ACTIVE_HW, SEED_ACTIVE);
        PairingCheck check = PairingCheck.failoverLicense();

        assertThat(check.check(activeNode, new LicensedNode(STANDBY_HW, standby), ACTIVE_SERVER).paired()).isTrue();
        assertThat(check.check(activeNode, new LicensedNode(STANDBY_HW, SEED_ACTIVE), ACTIVE_SERVER).codes())
                .containsExactly(PairingCode.FAILOVER_LICENSE_MISSING);
        PairingReport withoutUsers = check.check(activeNode,
                new LicensedNode(STANDBY_HW, without(standby, "AAAAA-BBBBB-CCCCC-33333")), ACTIVE_SERVER);
        assertThat(withoutUsers.problems()).extracting(PairingProblem::message).containsExactly(
                "The standby lacks the active's user license for 1 user AAAAA-*****-*****-33333. With a failover license"
                        + " the standby carries every license of the active under the same key.");
        // The counterpart scheme sees the same standby as a set of mixed-up keys.
        assertThat(PairingCheck.redundancyCounterparts().check(activeNode, new LicensedNode(STANDBY_HW, standby),
                ACTIVE_SERVER).codes()).containsExactly(PairingCode.KEY_ON_BOTH_NODES);
    }

    @Test
    void anUnboundFailoverLicenseIsReportedForBaseAndHardware() {
        LicenseSet standby = with(SEED_STANDBY, License.unboundFailover(LicenseKey.parse("FFFFF-OOOOO-LLLLL-77777")));

        PairingReport report = check(SEED_ACTIVE, standby, ACTIVE_SERVER);

        assertThat(report.problems()).extracting(PairingProblem::message).containsExactly(
                "The failover license FFFFF-*****-*****-77777 is not bound to any base license, but the active's server"
                        + " license is XXXXX-*****-*****-11111. Bind it to the active's server license.",
                "The failover license FFFFF-*****-*****-77777 is not bound to any hardware id, but the standby's hardware"
                        + " id is standby-hw. Activate it on the standby.");
    }

    @Test
    void schemesAreNamedAndSelectable() {
        assertThat(PairingCheck.of(PairingScheme.REDUNDANCY_COUNTERPARTS)).isSameAs(PairingCheck.redundancyCounterparts());
        assertThat(PairingCheck.of(PairingScheme.FAILOVER_LICENSE)).isSameAs(PairingCheck.failoverLicense());
        assertThat(PairingCheck.failoverLicense().scheme()).isEqualTo(PairingScheme.FAILOVER_LICENSE);
        assertThat(PairingCheck.redundancyCounterparts()).hasToString("PairingCheck[REDUNDANCY_COUNTERPARTS]");
    }

    @Test
    void problemsPrintTheirCodeAndMessage() {
        PairingProblem problem = check(without(SEED_ACTIVE, "XXXXX-YYYYY-ZZZZZ-11111"), SEED_STANDBY, ACTIVE_SERVER)
                .problems().get(0);

        assertThat(problem.code()).isEqualTo(PairingCode.ACTIVE_SERVER_LICENSE_MISSING);
        assertThat(problem.key()).isEmpty();
        assertThat(problem.toString()).startsWith("ACTIVE_SERVER_LICENSE_MISSING: The active has no server license.");
    }
}
