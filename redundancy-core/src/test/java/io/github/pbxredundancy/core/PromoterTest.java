package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import io.github.pbxredundancy.core.event.EpochChanged;
import io.github.pbxredundancy.core.event.NodeStateChanged;
import io.github.pbxredundancy.core.event.PhoneRestartRequested;
import io.github.pbxredundancy.core.event.PromotionCompleted;
import io.github.pbxredundancy.core.event.PromotionEvent;
import io.github.pbxredundancy.core.event.PromotionRefused;
import io.github.pbxredundancy.core.event.PromotionStepFailed;
import io.github.pbxredundancy.core.event.RedundancyEvent;
import io.github.pbxredundancy.core.event.StandbyLicenseWarning;
import io.github.pbxredundancy.core.promotion.AuditContext;
import io.github.pbxredundancy.core.promotion.AuditEntry;
import io.github.pbxredundancy.core.promotion.DownOverride;
import io.github.pbxredundancy.core.promotion.IllegalTransitionException;
import io.github.pbxredundancy.core.promotion.NodeLifecycle;
import io.github.pbxredundancy.core.promotion.NodeState;
import io.github.pbxredundancy.core.promotion.PreconditionCode;
import io.github.pbxredundancy.core.promotion.Promoter;
import io.github.pbxredundancy.core.promotion.PromotionOutcome;
import io.github.pbxredundancy.core.promotion.PromotionPreconditions;
import io.github.pbxredundancy.core.promotion.PromotionRequest;
import io.github.pbxredundancy.core.promotion.PromotionStep;
import io.github.pbxredundancy.core.promotion.StandbyLoadWatch;
import io.github.pbxredundancy.core.promotion.Trigger;
import io.github.pbxredundancy.core.promotion.UnmetPrecondition;
import io.github.pbxredundancy.core.spi.ModuleActivation;
import io.github.pbxredundancy.core.spi.NetworkTakeover;
import io.github.pbxredundancy.core.spi.Notifier;
import io.github.pbxredundancy.core.spi.UserDirectory;
import io.github.pbxredundancy.license.License;
import io.github.pbxredundancy.license.LicenseEdition;
import io.github.pbxredundancy.license.LicenseSet;
import io.github.pbxredundancy.license.LoadBudgetStatus;
import io.github.pbxredundancy.license.StandbyLoadBudget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.InOrder;

/**
 * {@link Promoter} with a real {@link NodeLifecycle} in a temporary directory, the host's steps
 * mocked, and the liveness check on the manual scheduler: preconditions and their messages,
 * overrides, a full promotion, failing steps with retry and abort, and crash-resume at every
 * step. In {@code io.github.pbxredundancy.core} for the package's test clock and scheduler; it
 * uses only public API.
 */
class PromoterTest {
    private static final PromotionRequest REQUEST = PromotionRequest.of("Jürgen Admin", "the active burnt down", true);
    private static final DownOverride OVERRIDE = new DownOverride("Anna Weber",
            "the active is switched off; its firewall still answers for it");
    private static final String NOT_INITIALISED = "This standby has not been initialised with the active's full backup"
            + " yet (state AWAITING_INITIAL_IMPORT, R13): it holds nothing to take over with.";
    private static final String NOTHING_IMPORTED = "No backup has been imported on this standby yet: it holds none of"
            + " the active's data. Wait for a replicated backup and its import, or initialise the standby from the"
            + " active's backup (R13).";
    private static final String NOT_MOVED = "The operator has not confirmed that the hardware connections (ISDN"
            + " lines, analogue devices) were moved from the active to this node (R16). Move them by hand first, then"
            + " confirm it in the request.";
    private static final String SIGN_OF_LIFE = "tcp 192.168.1.1:5060 (SIP) answered at 2016-01-26T06:00:00Z: host"
            + " answered: connection refused on port 5060. The active is not down; the promotion is refused. Make sure"
            + " the active is switched off or disconnected; if something else answers for it (a firewall), an operator"
            + " may override the check with a reason.";
    private static final List<String> STEP_IDS = List.of("raise-epoch", "network-takeover", "module-activation",
            "notify-users", "notify-admin");

    @TempDir
    Path directory;

    private PromotionFixtures fx;
    private final NetworkTakeover network = mock(NetworkTakeover.class);
    private final ModuleActivation modules = mock(ModuleActivation.class);
    private final UserDirectory users = mock(UserDirectory.class);

    @BeforeEach
    void setUp() {
        fx = new PromotionFixtures(directory);
        when(users.users()).thenReturn(PromotionFixtures.USERS);
    }

    private Promoter promoter(NodeLifecycle node) {
        return fx.promoter(node, network, modules, users).build();
    }

    private <T> List<T> sent(Class<T> type) {
        return fx.events.ofType(type);
    }

    // ---------------------------------------------------------------------------------------------
    // A full promotion

    @Test
    void aFullPromotionRunsEveryStepInOrderTellsEachUserOnceAndTheAdministratorOnce() {
        NodeLifecycle node = fx.warmStandby();
        int before = fx.events.events().size();
        int entriesBefore = fx.trail().size();

        PromotionOutcome outcome = fx.await(promoter(node).promote(REQUEST));

        assertThat(outcome).isInstanceOf(PromotionOutcome.Completed.class);
        assertThat(node.state()).isEqualTo(NodeState.ACTIVE);
        assertThat(node.epoch()).isEqualTo(1);
        InOrder order = inOrder(network, modules, users);
        order.verify(network).takeOver(fx.pair.active());
        order.verify(modules).activateModules();
        order.verify(users).users();
        verifyNoMoreInteractions(network, modules, users);

        List<RedundancyEvent> events = fx.events.events().subList(before, fx.events.events().size());
        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("NodeStateChanged",
                "EpochChanged", "PhoneRestartRequested", "PromotionCompleted", "NodeStateChanged",
                "StandbyLicenseWarning");
        PhoneRestartRequested restart = sent(PhoneRestartRequested.class).get(0);
        String promotionId = restart.promotionId();
        assertThat(restart.users()).isEqualTo(PromotionFixtures.USERS);
        assertThat(restart.epoch()).isEqualTo(1);
        assertThat(restart.node()).isEqualTo("pbx-b");
        PromotionCompleted summary = sent(PromotionCompleted.class).get(0);
        assertThat(((PromotionOutcome.Completed) outcome).summary()).isEqualTo(summary);
        assertThat(summary.promotionId()).isEqualTo(promotionId);
        assertThat(summary.usersInformed()).isEqualTo(3);
        assertThat(summary.overridden()).isFalse();
        assertThat(summary.operator()).isEqualTo("Jürgen Admin");
        assertThat(summary.took()).isZero();
        assertThat(summary.summary().get(0)).isEqualTo("pbx-b is the active node now, at epoch 1: promotion "
                + promotionId + " requested by Jürgen Admin at 2016-01-26T06:00:10Z, all steps completed after 0 s.");
        assertThat(summary.summary()).contains("Reason given: the active burnt down",
                "Took over the address 192.168.1.1/24 of pbx-a and activated the modules.",
                "The restart-your-phone message went to the notifiers for 3 users.");
        assertThat(summary.summary()).anyMatch(line -> line.startsWith("- liveness: The active is confirmed down: in 3"
                + " rounds"));
        StandbyLicenseWarning licenses = sent(StandbyLicenseWarning.class).get(0);
        assertThat(licenses.cause()).isEqualTo(StandbyLicenseWarning.Cause.PROMOTED);
        assertThat(licenses.budget()).isEmpty();

        List<AuditEntry> entries = fx.trail().subList(entriesBefore, fx.trail().size());
        assertThat(entries).extracting(e -> e.action() + e.step().map(s -> " " + s).orElse("")).containsExactly(
                "DOWN_CONFIRMED", "PROMOTION_REQUESTED", "EPOCH_RAISED", "STEP_COMPLETED raise-epoch",
                "STEP_COMPLETED network-takeover", "STEP_COMPLETED module-activation",
                "STEP_COMPLETED notify-users-begun", "STEP_COMPLETED notify-users", "STEP_COMPLETED notify-admin-begun",
                "STEP_COMPLETED notify-admin", "PROMOTION_COMPLETED");
        AuditEntry requested = entries.get(1);
        assertThat(requested.context().operator()).isEqualTo("Jürgen Admin");
        assertThat(requested.context().reason()).isEqualTo("the active burnt down");
        assertThat(requested.context().checks()).hasSize(5).satisfies(checks -> {
            assertThat(checks.get(0)).isEqualTo("state: WARM_STANDBY at epoch 0, an initialised standby");
            assertThat(checks.get(1)).isEqualTo("backup: bundle " + PromotionFixtures.BUNDLE + " imported at"
                    + " 2016-01-26T05:05:00Z (55 min 10 s ago); its data is from 2016-01-26T05:00:00Z, 1 h 10 s old");
            assertThat(checks.get(2)).isEqualTo("licenses: complete; the pairing check (REDUNDANCY_COUNTERPARTS) found"
                    + " no problem (R11)");
            assertThat(checks.get(3)).isEqualTo("hardware: Jürgen Admin confirmed that the ISDN lines and analogue"
                    + " devices were moved to this node (R16)");
            assertThat(checks.get(4)).startsWith("liveness: The active is confirmed down: in 3 rounds from");
        });
        assertThat(entries.get(0).context().checks()).hasSize(3);
        assertThat(entries.get(4).context().checks()).containsExactly("took over 192.168.1.1/24 of pbx-a");
        assertThat(entries.get(7).context().checks()).containsExactly("users: 3",
                "restart-your-phone message handed to the notifiers");
    }

    @Test
    void aUserListedTwiceIsToldOnce() {
        UserContact anna = PromotionFixtures.USERS.get(0);
        when(users.users()).thenReturn(List.of(anna, PromotionFixtures.USERS.get(1), anna));

        fx.await(promoter(fx.warmStandby()).promote(REQUEST.withOverride(OVERRIDE)));

        assertThat(sent(PhoneRestartRequested.class)).singleElement()
                .satisfies(restart -> assertThat(restart.users()).containsExactly(anna, PromotionFixtures.USERS.get(1)));
        assertThat(sent(PromotionCompleted.class).get(0).usersInformed()).isEqualTo(2);
    }

    @Test
    void theEpochIsRaisedAboveTheHighestEpochTheReceiverAccepted() {
        fx.receiverStatus = PromotionFixtures.importedStatus(PromotionFixtures.T0.minus(Duration.ofHours(1)), 4);
        NodeLifecycle node = fx.warmStandby();

        fx.await(promoter(node).promote(REQUEST));

        assertThat(node.epoch()).isEqualTo(5);
        assertThat(fx.trail()).extracting(AuditEntry::action).containsSubsequence("EPOCH_OBSERVED", "DOWN_CONFIRMED",
                "PROMOTION_REQUESTED", "EPOCH_RAISED");
        assertThat(sent(EpochChanged.class)).extracting(EpochChanged::cause, EpochChanged::epoch)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(EpochChanged.Cause.OBSERVED, 4L),
                        org.assertj.core.groups.Tuple.tuple(EpochChanged.Cause.RAISED, 5L));
    }

    @Test
    void anOldBackupAndABundleNotImportedYetAreWarningsNotRefusals() {
        ReceiverStatus old = PromotionFixtures.importedStatus(PromotionFixtures.T0.minus(Duration.ofHours(3)), 0);
        BundleId newer = BundleId.parse("20160126T055000Z-e0-fedcba9876543210");
        ReceiverStatus.KeptBundle pending = new ReceiverStatus.KeptBundle(newer, "pbx-a",
                SoftwareVersion.parse("7.3.1.5"), 0, PromotionFixtures.T0.minus(Duration.ofMinutes(10)), 100,
                "b".repeat(64), PromotionFixtures.T0.minus(Duration.ofMinutes(9)));
        fx.receiverStatus = new ReceiverStatus(Optional.of(pending), List.of(PromotionFixtures.BUNDLE, newer), 0,
                old.lastImport(), Optional.empty());
        Promoter promoter = fx.promoter(fx.warmStandby(), network, modules, users)
                .maximumBackupAge(Duration.ofHours(1)).build();

        PromotionPreconditions checked = promoter.check(REQUEST.withOverride(OVERRIDE)).join();

        assertThat(checked.satisfied()).isTrue();
        assertThat(checked.met().get(1)).isEqualTo("backup: bundle " + PromotionFixtures.BUNDLE + " imported at"
                + " 2016-01-26T03:05:00Z (2 h 55 min ago)");
        assertThat(checked.warnings()).containsExactly(
                "warning: the standby's data is 2 h 55 min old, older than the maximum of 1 h: changes made on the"
                        + " active since 2016-01-26T03:05:00Z are lost (R21)",
                "warning: bundle " + newer + " with data from 2016-01-26T05:50:00Z was accepted but is not imported;"
                        + " import it first (Receiver.importLatest) to lose less data");

        fx.await(promoter.promote(REQUEST.withOverride(OVERRIDE)));
        assertThat(sent(PromotionCompleted.class).get(0).summary()).contains("- " + checked.warnings().get(0));
    }

    @Test
    void aLoadWatchStartsCountingWhenThePromotionCompletes() {
        StandbyLoadWatch watch = new StandbyLoadWatch(new StandbyLoadBudget(fx.clock), fx.events, fx.clock);
        Promoter promoter = fx.promoter(fx.warmStandby(), network, modules, users).loadWatch(watch).build();

        fx.await(promoter.promote(REQUEST.withOverride(OVERRIDE)));
        fx.clock.advance(Duration.ofDays(3));
        watch.check();

        assertThat(sent(StandbyLicenseWarning.class)).extracting(StandbyLicenseWarning::cause).containsExactly(
                StandbyLicenseWarning.Cause.PROMOTED, StandbyLicenseWarning.Cause.BUDGET_CHANGED);
        assertThat(sent(StandbyLicenseWarning.class).get(0).budget()).containsInstanceOf(
                LoadBudgetStatus.WithinBudget.class);
        assertThat(sent(StandbyLicenseWarning.class).get(1).budget()).containsInstanceOf(LoadBudgetStatus.Warning.class);
    }

    @Test
    void aStandbyInitialisedFromARawBackupHasAnImportedBackup() throws java.io.IOException {
        Receiver receiver = Receiver.builder().root(directory.resolve("receiver")).activeServerKey(BundleFixtures.KEY)
                .ownVersion(BundleFixtures.VERSION).importer(new RecordingImporter()).clock(fx.clock)
                .notifier(fx.events).freeSpaceReserve(ReceiverFixtures.RESERVE).build();
        StandbyInitializer initializer = StandbyInitializer.builder().receiver(receiver).rawImporter(request -> { })
                .build();
        Path upload = BundleFixtures.tree(java.nio.file.Files.createDirectories(directory.resolve("upload/pbx-backup")));
        initializer.initializeFromBackup(new io.github.pbxredundancy.core.spi.Backup.Files(upload),
                new InitializationRequest("Jürgen Weiß", "new standby", true, false));
        fx.clock.advance(Duration.ofHours(2));
        Promoter promoter = fx.promoter(fx.warmStandby(), network, modules, users).receiver(receiver)
                .initializer(initializer).build();

        PromotionPreconditions checked = promoter.check(REQUEST.withOverride(OVERRIDE)).join();

        assertThat(checked.satisfied()).isTrue();
        assertThat(checked.met().get(1)).startsWith("backup: the standby was initialised at 2016-01-26T06:00:00Z (2 h"
                + " ago) by Jürgen Weiß from raw backup 'pbx-backup'").endsWith("; no replicated backup was imported"
                + " since");
    }

    @Test
    void raisingTheEpochRaisesTheReceiversFloorBeforeTheAddressIsTaken() {
        Receiver receiver = Receiver.builder().root(directory.resolve("receiver")).activeServerKey(BundleFixtures.KEY)
                .ownVersion(BundleFixtures.VERSION).importer(new RecordingImporter()).clock(fx.clock)
                .notifier(fx.events).freeSpaceReserve(ReceiverFixtures.RESERVE).build();
        Supplier<ReceiverStatus> imported = () -> fx.receiverStatus;
        long[] floorAtTakeover = new long[1];
        NetworkTakeover watching = active -> floorAtTakeover[0] = receiver.highestEpoch();
        NodeLifecycle node = fx.warmStandby();
        Promoter promoter = fx.promoter(node, watching, modules, users).receiver(receiver).receiverStatus(imported).build();

        fx.await(promoter.promote(REQUEST.withOverride(OVERRIDE)));

        assertThat(node.state()).isEqualTo(NodeState.ACTIVE);
        assertThat(floorAtTakeover[0]).as("the old active's bundles are refused before the address moves")
                .isEqualTo(node.epoch()).isPositive();
    }

    @Test
    void aWarmStandbyWhoseInitialisationRecordIsGoneIsRefused() {
        Receiver receiver = Receiver.builder().root(directory.resolve("receiver")).activeServerKey(BundleFixtures.KEY)
                .ownVersion(BundleFixtures.VERSION).importer(new RecordingImporter()).clock(fx.clock)
                .notifier(fx.events).freeSpaceReserve(ReceiverFixtures.RESERVE).build();
        StandbyInitializer initializer = StandbyInitializer.builder().receiver(receiver).rawImporter(request -> { })
                .build();
        Promoter promoter = fx.promoter(fx.warmStandby(), network, modules, users).initializer(initializer).build();

        PromotionOutcome.Refused refused = refused(fx.await(promoter.promote(REQUEST.withOverride(OVERRIDE))));

        assertThat(refused.preconditions().unmet()).extracting(UnmetPrecondition::message).containsExactly(
                "This standby's initialisation record (state/initialized in the receiver's directory) is gone, although"
                        + " the node is a warm standby: a forced re-initialisation may have failed halfway. Initialise the"
                        + " standby again before promoting it (R13).");
    }

    @Test
    void checkingChangesNothingAndSendsNothing() {
        NodeLifecycle node = fx.warmStandby();
        int events = fx.events.events().size();
        int entries = fx.trail().size();
        CompletableFuture<PromotionPreconditions> future = promoter(node).check(REQUEST);
        fx.scheduler.advance(PromotionFixtures.CONFIRMATION);

        PromotionPreconditions checked = future.join();

        assertThat(checked.satisfied()).isTrue();
        assertThat(checked.verdict()).hasValueSatisfying(v -> assertThat(v.confirmedDown()).isTrue());
        assertThat(checked.met()).hasSize(5);
        assertThat(fx.events.events()).hasSize(events);
        assertThat(fx.trail()).hasSize(entries);
        assertThat(node.state()).isEqualTo(NodeState.WARM_STANDBY);
    }

    // ---------------------------------------------------------------------------------------------
    // Refusals, one per precondition, then all at once

    private PromotionOutcome.Refused refused(PromotionOutcome outcome) {
        assertThat(outcome).isInstanceOf(PromotionOutcome.Refused.class);
        assertThat(sent(PromotionRefused.class)).hasSize(1);
        verifyNoMoreInteractions(network, modules, users);
        return (PromotionOutcome.Refused) outcome;
    }

    @Test
    void aStandbyNotInitialisedIsRefused() {
        NodeLifecycle node = fx.open();
        node.transition(Trigger.CONFIGURED_AS_STANDBY, AuditContext.of("installer", ""));

        PromotionOutcome.Refused refused = refused(fx.await(promoter(node).promote(REQUEST)));

        assertThat(refused.preconditions().unmet()).containsExactly(
                new UnmetPrecondition(PreconditionCode.NOT_A_WARM_STANDBY, NOT_INITIALISED));
        assertThat(node.state()).isEqualTo(NodeState.AWAITING_INITIAL_IMPORT);
    }

    @Test
    void anActiveNodeIsRefused() {
        NodeLifecycle node = fx.open();
        node.transition(Trigger.CONFIGURED_AS_ACTIVE, AuditContext.of("installer", ""));

        PromotionOutcome.Refused refused = refused(fx.await(promoter(node).promote(REQUEST.withOverride(OVERRIDE))));

        assertThat(refused.preconditions().unmet()).extracting(UnmetPrecondition::message)
                .containsExactly("This node is the active already (state ACTIVE, epoch 0).");
    }

    @Test
    void aNodeWithAFailedPromotionIsToldToRetryOrAbortIt() {
        NodeLifecycle node = fx.warmStandby();
        doThrow(new IllegalStateException("address in use")).when(network).takeOver(any());
        Promoter promoter = promoter(node);
        fx.await(promoter.promote(REQUEST.withOverride(OVERRIDE)));

        PromotionOutcome outcome = fx.await(promoter.promote(REQUEST.withOverride(OVERRIDE)));

        assertThat(((PromotionOutcome.Refused) outcome).preconditions().unmet()).extracting(UnmetPrecondition::message)
                .containsExactly("A promotion of this node failed at step network-takeover (state PROMOTION_FAILED):"
                        + " retry it instead of starting another.");
    }

    @Test
    void aStandbyWithoutAnImportedBackupIsRefused() {
        fx.receiverStatus = new ReceiverStatus(Optional.empty(), List.of(), 0, Optional.empty(), Optional.empty());

        PromotionOutcome.Refused refused = refused(fx.await(promoter(fx.warmStandby()).promote(REQUEST)));

        assertThat(refused.preconditions().unmet()).containsExactly(
                new UnmetPrecondition(PreconditionCode.NO_IMPORTED_BACKUP, NOTHING_IMPORTED));
    }

    @Test
    void aFailedLastImportIsRefusedWithItsAge() {
        ReceiverStatus imported = PromotionFixtures.importedStatus(PromotionFixtures.T0.minus(Duration.ofHours(2)), 0);
        fx.receiverStatus = new ReceiverStatus(imported.current(), imported.kept(), 0, Optional.of(
                new ReceiverStatus.ImportOutcome(PromotionFixtures.BUNDLE, PromotionFixtures.T0.minus(
                        Duration.ofHours(2)), Optional.of(ReasonCode.IMPORT_FAILED), "the importer threw IOException:"
                        + " disk full")), Optional.empty());

        PromotionOutcome.Refused refused = refused(fx.await(promoter(fx.warmStandby())
                .promote(REQUEST.withOverride(OVERRIDE))));

        assertThat(refused.preconditions().unmet()).extracting(UnmetPrecondition::message).containsExactly(
                "The last import, of bundle " + PromotionFixtures.BUNDLE + " at 2016-01-26T04:00:00Z (2 h ago), failed"
                        + " (IMPORT_FAILED): the importer threw IOException: disk full. The standby's data may be"
                        + " incomplete; import a backup successfully (Receiver.importLatest) before promoting.");
    }

    @Test
    void incompleteStandbyLicensesAreRefusedWithThePairingProblems() {
        Node standby = fx.pair.standby();
        LicenseSet withoutModule = LicenseSet.of(License.server(PairFixtures.STANDBY_SERVER, LicenseEdition.REDUNDANCY),
                License.users(PairFixtures.STANDBY_USER, LicenseEdition.REDUNDANCY, 1));
        RedundancyPair pair = new RedundancyPair(fx.pair.active(), new Node(standby.name(), standby.address(),
                standby.prefixLength(), standby.version(), standby.hardwareId(), standby.platform(), withoutModule),
                fx.pair.standbyConfiguredKey());
        Promoter promoter = fx.promoter(fx.warmStandby(), network, modules, users).pair(pair).build();

        PromotionOutcome.Refused refused = refused(fx.await(promoter.promote(REQUEST)));

        assertThat(refused.preconditions().codes()).containsExactly(PreconditionCode.LICENSES_INCOMPLETE);
        assertThat(refused.preconditions().unmet().get(0).message())
                .startsWith("The standby's licenses are not complete (R11); the pairing check (REDUNDANCY_COUNTERPARTS)"
                        + " found: REDUNDANCY_MODULE_LICENSE_MISSING_ON_STANDBY: ")
                .endsWith(". Install the missing licenses on this node first.");
    }

    @Test
    void hardwareLinesNotMovedAreRefused() {
        PromotionOutcome.Refused refused = refused(fx.await(promoter(fx.warmStandby())
                .promote(PromotionRequest.of("Jürgen Admin", "", false))));

        assertThat(refused.preconditions().unmet()).containsExactly(
                new UnmetPrecondition(PreconditionCode.HARDWARE_NOT_MOVED, NOT_MOVED));
    }

    @Test
    void aSignOfLifeRefusesThePromotionWithTheEvidence() {
        ScriptedProbe sip = ScriptedProbe.always("tcp 192.168.1.1:5060 (SIP)", fx.clock, PromotionFixtures.REFUSED);
        ScriptedProbe ssh = ScriptedProbe.always("tcp 192.168.1.1:22 (SSH)", fx.clock, ScriptedProbe.SILENT);
        NodeLifecycle node = fx.warmStandby();
        Promoter promoter = fx.promoter(node, network, modules, users).downCheck(fx.downCheck(ssh, sip)).build();

        PromotionOutcome.Refused refused = refused(fx.await(promoter.promote(REQUEST)));

        assertThat(refused.preconditions().unmet()).containsExactly(
                new UnmetPrecondition(PreconditionCode.ACTIVE_NOT_CONFIRMED_DOWN, SIGN_OF_LIFE));
        assertThat(refused.preconditions().verdict()).hasValueSatisfying(v -> assertThat(v.confirmedDown()).isFalse());
        PromotionRefused event = sent(PromotionRefused.class).get(0);
        assertThat(event.operator()).isEqualTo("Jürgen Admin");
        assertThat(event.unmet()).isEqualTo(refused.preconditions().unmet());
        assertThat(event.evidence()).contains("tcp 192.168.1.1:5060 (SIP): answered once; last: alive (host answered:"
                + " connection refused on port 5060)");
        AuditEntry note = fx.trail().get(fx.trail().size() - 1);
        assertThat(note.action()).isEqualTo("PROMOTION_REFUSED");
        assertThat(note.context().reason()).isEqualTo("promotion refused: ACTIVE_NOT_CONFIRMED_DOWN");
        assertThat(note.context().checks().get(0)).startsWith("ACTIVE_NOT_CONFIRMED_DOWN: tcp 192.168.1.1:5060 (SIP)"
                + " answered").endsWith("...");
        assertThat(note.context().checks()).contains("tcp 192.168.1.1:5060 (SIP): answered once; last: alive (host"
                + " answered: connection refused on port 5060)");
        assertThat(node.state()).isEqualTo(NodeState.WARM_STANDBY);
        assertThat(node.epoch()).isZero();
    }

    @Test
    void tooFewDecidingProbesAreInconclusiveAndRefuse() {
        ScriptedProbe icmp = ScriptedProbe.always("icmp 192.168.1.1", fx.clock, ScriptedProbe.CANNOT_TELL);
        ScriptedProbe ssh = ScriptedProbe.always("tcp 192.168.1.1:22 (SSH)", fx.clock, ScriptedProbe.SILENT);
        Promoter promoter = fx.promoter(fx.warmStandby(), network, modules, users).downCheck(fx.downCheck(ssh, icmp))
                .build();

        PromotionOutcome.Refused refused = refused(fx.await(promoter.promote(REQUEST)));

        assertThat(refused.preconditions().unmet()).singleElement().satisfies(unmet -> {
            assertThat(unmet.code()).isEqualTo(PreconditionCode.ACTIVE_NOT_CONFIRMED_DOWN);
            assertThat(unmet.message()).startsWith("Could not confirm that the active is down: ")
                    .endsWith("The promotion is refused unless an operator overrides it with a reason.");
        });
    }

    @Test
    void everyUnmetPreconditionIsReportedAtOnce() {
        fx.receiverStatus = new ReceiverStatus(Optional.empty(), List.of(), 0, Optional.empty(), Optional.empty());
        Node standby = fx.pair.standby();
        RedundancyPair pair = new RedundancyPair(fx.pair.active(), new Node(standby.name(), standby.address(),
                standby.prefixLength(), standby.version(), standby.hardwareId(), standby.platform(), LicenseSet.of()),
                fx.pair.standbyConfiguredKey());
        NodeLifecycle node = fx.open();
        node.transition(Trigger.CONFIGURED_AS_STANDBY, AuditContext.of("installer", ""));
        ScriptedProbe sip = ScriptedProbe.always("tcp 192.168.1.1:5060 (SIP)", fx.clock, PromotionFixtures.REFUSED);
        ScriptedProbe ssh = ScriptedProbe.always("tcp 192.168.1.1:22 (SSH)", fx.clock, ScriptedProbe.SILENT);
        Promoter promoter = fx.promoter(node, network, modules, users).pair(pair).downCheck(fx.downCheck(ssh, sip))
                .build();

        PromotionOutcome.Refused refused = refused(fx.await(promoter.promote(PromotionRequest.of("Jürgen Admin", "",
                false))));

        assertThat(refused.preconditions().unmet()).extracting(UnmetPrecondition::code).containsExactly(
                PreconditionCode.NOT_A_WARM_STANDBY, PreconditionCode.NO_IMPORTED_BACKUP,
                PreconditionCode.LICENSES_INCOMPLETE, PreconditionCode.HARDWARE_NOT_MOVED,
                PreconditionCode.ACTIVE_NOT_CONFIRMED_DOWN);
        assertThat(refused.preconditions().unmet()).extracting(UnmetPrecondition::message)
                .contains(NOT_INITIALISED, NOTHING_IMPORTED, NOT_MOVED, SIGN_OF_LIFE);
        assertThat(refused.preconditions().met()).isEmpty();
        assertThat(fx.trail().get(fx.trail().size() - 1).context().reason()).isEqualTo("promotion refused:"
                + " NOT_A_WARM_STANDBY, NO_IMPORTED_BACKUP, LICENSES_INCOMPLETE, HARDWARE_NOT_MOVED,"
                + " ACTIVE_NOT_CONFIRMED_DOWN");
    }

    // ---------------------------------------------------------------------------------------------
    // Overrides

    @Test
    void anOverrideSkipsTheCheckAndIsRecordedWithItsReason() {
        ScriptedProbe sip = ScriptedProbe.always("tcp 192.168.1.1:5060 (SIP)", fx.clock, PromotionFixtures.REFUSED);
        ScriptedProbe ssh = ScriptedProbe.always("tcp 192.168.1.1:22 (SSH)", fx.clock, ScriptedProbe.SILENT);
        NodeLifecycle node = fx.warmStandby();
        Promoter promoter = fx.promoter(node, network, modules, users).downCheck(fx.downCheck(ssh, sip)).build();

        PromotionOutcome outcome = fx.await(promoter.promote(REQUEST.withOverride(OVERRIDE)));

        assertThat(outcome).isInstanceOf(PromotionOutcome.Completed.class);
        assertThat(sip.calls()).isEmpty();
        AuditEntry override = fx.trail().stream().filter(e -> e.action().equals("OVERRIDE")).findFirst().orElseThrow();
        assertThat(override.context()).isEqualTo(new AuditContext("Anna Weber",
                "the active is switched off; its firewall still answers for it",
                List.of("the check that the active is down was not run before the override")));
        AuditEntry requested = fx.trail().stream().filter(e -> e.action().equals("PROMOTION_REQUESTED")).findFirst()
                .orElseThrow();
        assertThat(requested.context().checks()).contains("liveness: overridden by Anna Weber: the active is switched"
                + " off; its firewall still answers for it");
        assertThat(sent(PromotionCompleted.class).get(0).overridden()).isTrue();
    }

    @Test
    void anOverrideAfterARefusalRecordsTheVerdictItOverrides() {
        ScriptedProbe sip = ScriptedProbe.always("tcp 192.168.1.1:5060 (SIP)", fx.clock, PromotionFixtures.REFUSED);
        ScriptedProbe ssh = ScriptedProbe.always("tcp 192.168.1.1:22 (SSH)", fx.clock, ScriptedProbe.SILENT);
        Promoter promoter = fx.promoter(fx.warmStandby(), network, modules, users).downCheck(fx.downCheck(ssh, sip))
                .build();
        refused(fx.await(promoter.promote(REQUEST)));
        fx.clock.advance(Duration.ofMinutes(2));

        fx.await(promoter.promote(REQUEST.withOverride(OVERRIDE)));

        AuditEntry override = fx.trail().stream().filter(e -> e.action().equals("OVERRIDE")).findFirst().orElseThrow();
        assertThat(override.context().checks()).startsWith("overrides the verdict of 2016-01-26T06:00:00Z:");
        assertThat(override.context().checks().get(1)).startsWith("tcp 192.168.1.1:5060 (SIP) answered at");
        assertThat(override.context().checks()).contains("tcp 192.168.1.1:5060 (SIP): answered once; last: alive (host"
                + " answered: connection refused on port 5060)");
    }

    // ---------------------------------------------------------------------------------------------
    // Failing steps, retry, abort

    enum FailingStep {
        NETWORK_TAKEOVER, MODULE_ACTIVATION, NOTIFY_USERS
    }

    private void breakStep(FailingStep step, RuntimeException failure) {
        switch (step) {
            case NETWORK_TAKEOVER -> doThrow(failure).when(network).takeOver(any());
            case MODULE_ACTIVATION -> doThrow(failure).when(modules).activateModules();
            case NOTIFY_USERS -> when(users.users()).thenThrow(failure);
            default -> throw new AssertionError(step);
        }
    }

    private void repairSteps() {
        org.mockito.Mockito.reset(network, modules, users);
        doNothing().when(network).takeOver(any());
        doNothing().when(modules).activateModules();
        when(users.users()).thenReturn(PromotionFixtures.USERS);
    }

    @ParameterizedTest
    @EnumSource(FailingStep.class)
    void aFailingStepLeavesTheNodeInPromotionFailedNamingItAndRetryContinuesThere(FailingStep failing) {
        PromotionStep step = PromotionStep.valueOf(failing.name());
        NodeLifecycle node = fx.warmStandby();
        breakStep(failing, new IllegalStateException("it broke"));
        Promoter promoter = promoter(node);

        PromotionOutcome outcome = fx.await(promoter.promote(REQUEST));

        assertThat(outcome).isInstanceOfSatisfying(PromotionOutcome.Failed.class, failed -> {
            assertThat(failed.step()).isEqualTo(step);
            assertThat(failed.abortAllowed()).isFalse();
            assertThat(failed.message()).endsWith("failed: IllegalStateException: it broke");
        });
        assertThat(node.state()).isEqualTo(NodeState.PROMOTION_FAILED);
        assertThat(node.snapshot().promotion().orElseThrow().failedStep()).contains(step.id());
        assertThat(node.epoch()).isEqualTo(1);
        PromotionStepFailed event = sent(PromotionStepFailed.class).get(0);
        assertThat(event.step()).isEqualTo(step);
        assertThat(event.reason()).isEqualTo(ReasonCode.PROMOTION_STEP_FAILED);
        assertThat(event.abortAllowed()).isFalse();
        assertThat(event.operator()).isEqualTo("Jürgen Admin");
        assertThat(sent(PhoneRestartRequested.class)).isEmpty();
        assertThat(sent(PromotionCompleted.class)).isEmpty();

        repairSteps();
        PromotionOutcome retried = promoter.retry("Anna Weber").join();

        assertThat(retried).isInstanceOf(PromotionOutcome.Completed.class);
        assertThat(node.state()).isEqualTo(NodeState.ACTIVE);
        assertThat(node.epoch()).isEqualTo(1);
        verify(network, times(step.ordinal() <= PromotionStep.NETWORK_TAKEOVER.ordinal() ? 1 : 0)).takeOver(any());
        verify(modules, times(step.ordinal() <= PromotionStep.MODULE_ACTIVATION.ordinal() ? 1 : 0)).activateModules();
        verify(users).users();
        assertThat(sent(PhoneRestartRequested.class)).hasSize(1);
        assertThat(sent(PromotionCompleted.class)).singleElement().satisfies(summary -> {
            assertThat(summary.operator()).isEqualTo("Jürgen Admin");
            assertThat(summary.summary()).anyMatch(line -> line.startsWith("Step " + step.id() + " failed at"))
                    .anyMatch(line -> line.equals("Retried at 2016-01-26T06:00:11Z by Anna Weber."));
            assertThat(summary.took()).isEqualTo(Duration.ofSeconds(1));
        });
        assertThat(sent(EpochChanged.class)).hasSize(1);
    }

    @Test
    void aHostsReasonCodeIsKept() {
        breakStep(FailingStep.NETWORK_TAKEOVER, new RedundancyException(ReasonCode.CONNECTION_FAILED, "no link"));

        fx.await(promoter(fx.warmStandby()).promote(REQUEST.withOverride(OVERRIDE)));

        assertThat(sent(PromotionStepFailed.class).get(0)).satisfies(event -> {
            assertThat(event.reason()).isEqualTo(ReasonCode.CONNECTION_FAILED);
            assertThat(event.message()).isEqualTo("NetworkTakeover failed: RedundancyException: no link");
        });
    }

    @Test
    void aPromotionWhoseFirstStepFailedCanBeAborted() {
        NodeLifecycle node = fx.warmStandby();
        node.transition(Trigger.PROMOTION_REQUESTED, AuditContext.of("Jürgen Admin", ""));
        node.recordStepFailed("raise-epoch", AuditContext.of("Jürgen Admin", "disk full"));

        assertThat(promoter(node).abort("Anna Weber", "the old active is back")).satisfies(snapshot -> {
            assertThat(snapshot.state()).isEqualTo(NodeState.WARM_STANDBY);
            assertThat(snapshot.epoch()).isZero();
        });
        AuditEntry abort = fx.trail().get(fx.trail().size() - 1);
        assertThat(abort.action()).isEqualTo("ABORT");
        assertThat(abort.context()).isEqualTo(new AuditContext("Anna Weber", "the old active is back",
                List.of("failed step: raise-epoch")));
    }

    @Test
    void aPromotionThatRaisedTheEpochCannotBeAborted() {
        NodeLifecycle node = fx.warmStandby();
        breakStep(FailingStep.NETWORK_TAKEOVER, new IllegalStateException("address in use"));
        Promoter promoter = promoter(node);
        fx.await(promoter.promote(REQUEST));

        assertThatThrownBy(() -> promoter.abort("Anna Weber", "give up")).isInstanceOf(IllegalTransitionException.class)
                .hasMessage("trigger ABORT is not allowed in state PROMOTION_FAILED: this promotion raised the epoch to"
                        + " 1, which fences every node that learns of it; from there a promotion only goes forward"
                        + " (RETRY), and the way back is a failback; allowed triggers: RETRY, HIGHER_EPOCH_SEEN");
        assertThat(node.state()).isEqualTo(NodeState.PROMOTION_FAILED);
    }

    @Test
    void retryAndResumeInTheWrongStateSayWhy() {
        Promoter promoter = promoter(fx.warmStandby());

        assertThatThrownBy(() -> promoter.retry("Anna Weber").join()).cause()
                .isInstanceOf(IllegalTransitionException.class).hasMessageStartingWith("trigger RETRY is not allowed in"
                        + " state WARM_STANDBY");
        assertThatThrownBy(() -> promoter.resume("Anna Weber").join()).cause().isInstanceOf(RedundancyException.class)
                .hasMessage("there is no interrupted promotion to resume: the node is in state WARM_STANDBY");
        assertThat(promoter.resumable()).isFalse();
    }

    // ---------------------------------------------------------------------------------------------
    // Crash-resume

    /**
     * A node that stopped in the middle of a promotion with the first {@code k} steps recorded, as
     * the promoter records them (the notification steps with their markers), then reopened.
     */
    private NodeLifecycle stoppedAfter(int k) {
        NodeLifecycle node = fx.warmStandby();
        AuditContext who = AuditContext.of("Jürgen Admin", "");
        node.transition(Trigger.PROMOTION_REQUESTED, new AuditContext("Jürgen Admin", "", List.of(
                "liveness: The active is confirmed down")));
        for (int i = 0; i < k; i++) {
            String step = STEP_IDS.get(i);
            if (i == 0) {
                node.raiseEpoch(who);
            }
            if (step.startsWith("notify-")) {
                node.recordStepCompleted(step + "-begun", step.equals("notify-users")
                        ? new AuditContext("Jürgen Admin", "", List.of("users: 3")) : who);
            }
            node.recordStepCompleted(step, step.equals("notify-users")
                    ? new AuditContext("Jürgen Admin", "", List.of("users: 3")) : who);
        }
        return fx.open();
    }

    @ParameterizedTest(name = "{0} steps completed before the stop")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void aPromotionResumedAfterAStopRunsOnlyTheStepsNotCompleted(int k) {
        NodeLifecycle node = stoppedAfter(k);
        Promoter promoter = promoter(node);
        assertThat(promoter.resumable()).isTrue();

        PromotionOutcome outcome = promoter.resume("Anna Weber").join();

        assertThat(outcome).isInstanceOf(PromotionOutcome.Completed.class);
        assertThat(node.state()).isEqualTo(NodeState.ACTIVE);
        assertThat(node.epoch()).isEqualTo(1);
        assertThat(sent(EpochChanged.class)).hasSize(1);
        verify(network, times(k <= 1 ? 1 : 0)).takeOver(fx.pair.active());
        verify(modules, times(k <= 2 ? 1 : 0)).activateModules();
        verify(users, times(k <= 3 ? 1 : 0)).users();
        assertThat(sent(PhoneRestartRequested.class)).hasSize(k <= 3 ? 1 : 0);
        assertThat(sent(PromotionCompleted.class)).hasSize(k <= 4 ? 1 : 0);
        PromotionCompleted summary = ((PromotionOutcome.Completed) outcome).summary();
        assertThat(summary.usersInformed()).isEqualTo(3);
        assertThat(summary.summary()).anyMatch(line -> line.startsWith("Resumed at 2016-01-26T06:00:"));
        assertThat(fx.trail()).filteredOn(e -> e.action().equals("PROMOTION_RESUMED")).singleElement()
                .satisfies(e -> assertThat(e.context().operator()).isEqualTo("Anna Weber"));
    }

    @Test
    void aPromotionThatRaisedTheEpochButDidNotRecordTheStepDoesNotRaiseItAgain() {
        NodeLifecycle node = fx.warmStandby();
        node.transition(Trigger.PROMOTION_REQUESTED, AuditContext.of("Jürgen Admin", ""));
        node.raiseEpoch(AuditContext.of("Jürgen Admin", ""));
        node = fx.open();

        promoter(node).resume("Anna Weber").join();

        assertThat(node.epoch()).isEqualTo(1);
        assertThat(sent(EpochChanged.class)).hasSize(1);
    }

    @Test
    void aStopWhileTheRestartMessageWasHandedOverNeverSendsItTwice() {
        NodeLifecycle node = stoppedAfter(3);
        node.recordStepCompleted("notify-users-begun", new AuditContext("Jürgen Admin", "", List.of("users: 3")));
        node = fx.open();

        PromotionOutcome outcome = promoter(node).resume("Anna Weber").join();

        verify(users, never()).users();
        assertThat(sent(PhoneRestartRequested.class)).isEmpty();
        PromotionCompleted summary = sent(PromotionCompleted.class).get(0);
        assertThat(summary.usersInformed()).isZero();
        assertThat(summary.summary()).contains("The restart-your-phone message was being handed to the notifiers when"
                + " the node stopped; it was not sent again, so that no user gets it twice. Check the mail log, and"
                + " tell users whose phones do not register to restart them.");
        assertThat(((PromotionOutcome.Completed) outcome).snapshot().state()).isEqualTo(NodeState.ACTIVE);
        assertThat(fx.trail()).filteredOn(e -> e.step().equals(Optional.of("notify-users"))).singleElement()
                .satisfies(e -> assertThat(e.context().checks().get(0)).startsWith("not repeated: "));
    }

    @Test
    void aStopWhileTheSummaryWasHandedOverNeverSendsItTwice() {
        NodeLifecycle node = stoppedAfter(4);
        node.recordStepCompleted("notify-admin-begun", AuditContext.of("Jürgen Admin", ""));
        node = fx.open();

        PromotionOutcome outcome = promoter(node).resume("Anna Weber").join();

        assertThat(sent(PromotionCompleted.class)).isEmpty();
        assertThat(outcome).isInstanceOf(PromotionOutcome.Completed.class);
        assertThat(node.state()).isEqualTo(NodeState.ACTIVE);
    }

    /** What a crash looks like to the promoter: an error from deep inside, after which nothing else runs. */
    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(String where) {
            super("simulated crash " + where, null, false, false);
        }
    }

    @Test
    void aStepInterruptedByACrashAfterItDidItsWorkRunsAgainIdempotently() {
        AtomicBoolean crashed = new AtomicBoolean();
        doAnswer(call -> {
            if (crashed.compareAndSet(false, true)) {
                throw new SimulatedCrash("after the address was taken over");
            }
            return null;
        }).when(network).takeOver(any());
        NodeLifecycle node = fx.warmStandby();

        CompletableFuture<PromotionOutcome> first = promoter(node).promote(REQUEST.withOverride(OVERRIDE));

        assertThatThrownBy(first::join).isInstanceOf(CompletionException.class).cause()
                .isInstanceOf(SimulatedCrash.class);
        NodeLifecycle restarted = fx.open();
        assertThat(restarted.state()).isEqualTo(NodeState.PROMOTING);
        assertThat(restarted.snapshot().promotion().orElseThrow().completedSteps()).containsExactly("raise-epoch");

        Promoter promoter = promoter(restarted);
        assertThat(promoter.resumable()).isTrue();
        PromotionOutcome outcome = promoter.resume("Jürgen Admin").join();

        assertThat(outcome).isInstanceOf(PromotionOutcome.Completed.class);
        verify(network, times(2)).takeOver(fx.pair.active());
        verify(modules).activateModules();
        assertThat(sent(PhoneRestartRequested.class)).hasSize(1);
        assertThat(sent(PromotionCompleted.class)).hasSize(1);
        assertThat(restarted.epoch()).isEqualTo(1);
    }

    @Test
    void aCrashRightAfterTheRestartMessageWasHandedOverDoesNotRepeatIt() {
        AtomicBoolean crashed = new AtomicBoolean();
        Notifier crashing = event -> {
            fx.events.notify(event);
            if (event instanceof PhoneRestartRequested && crashed.compareAndSet(false, true)) {
                throw new SimulatedCrash("after the hand-over");
            }
        };
        NodeLifecycle node = fx.warmStandby();
        Promoter promoter = fx.promoter(node, network, modules, users).notifier(crashing).build();

        assertThatThrownBy(() -> promoter.promote(REQUEST.withOverride(OVERRIDE)).join()).cause()
                .isInstanceOf(SimulatedCrash.class);
        NodeLifecycle restarted = fx.open();
        PromotionOutcome outcome = fx.promoter(restarted, network, modules, users).notifier(crashing).build()
                .resume("Jürgen Admin").join();

        assertThat(outcome).isInstanceOf(PromotionOutcome.Completed.class);
        assertThat(sent(PhoneRestartRequested.class)).hasSize(1);
        assertThat(sent(PromotionCompleted.class)).hasSize(1);
        verify(users).users();
    }

    @Test
    void aNodeFencedWhileItPromotesStopsThePromotion() {
        NodeLifecycle node = fx.warmStandby();
        doAnswer(call -> {
            node.observeEpoch(7, AuditContext.system("peer pbx-a reported epoch 7", List.of()));
            return null;
        }).when(network).takeOver(any());

        PromotionOutcome outcome = fx.await(promoter(node).promote(REQUEST.withOverride(OVERRIDE)));

        assertThat(outcome).isInstanceOfSatisfying(PromotionOutcome.Interrupted.class, interrupted -> {
            assertThat(interrupted.snapshot().state()).isEqualTo(NodeState.FENCED);
            assertThat(interrupted.message()).startsWith("the promotion stopped: ");
        });
        verify(modules, never()).activateModules();
        assertThat(sent(PhoneRestartRequested.class)).isEmpty();
        assertThat(sent(NodeStateChanged.class)).extracting(NodeStateChanged::to).endsWith(NodeState.FENCED);
    }

    // ---------------------------------------------------------------------------------------------
    // One operation at a time, cancelling, building

    @Test
    void aSecondPromotionWhileTheFirstWaitsForTheCheckIsRefusedAtOnce() {
        Promoter promoter = promoter(fx.warmStandby());
        CompletableFuture<PromotionOutcome> first = promoter.promote(REQUEST);

        CompletableFuture<PromotionOutcome> second = promoter.promote(REQUEST);

        assertThat(second).isCompletedExceptionally();
        assertThatThrownBy(second::join).cause().isInstanceOf(RedundancyException.class)
                .hasMessageStartingWith("another promotion operation runs on this node: the promotion requested by"
                        + " Jürgen Admin (since 2016-01-26T06:00:00Z); wait for its outcome");
        assertThat(fx.await(first)).isInstanceOf(PromotionOutcome.Completed.class);
    }

    @Test
    void cancellingThePromotionDuringTheCheckStopsItAndStartsNothing() {
        ScriptedProbe ssh = ScriptedProbe.always("tcp 192.168.1.1:22 (SSH)", fx.clock, ScriptedProbe.SILENT);
        ScriptedProbe sip = ScriptedProbe.always("tcp 192.168.1.1:5060 (SIP)", fx.clock, ScriptedProbe.SILENT);
        NodeLifecycle node = fx.warmStandby();
        Promoter promoter = fx.promoter(node, network, modules, users).downCheck(fx.downCheck(ssh, sip)).build();
        CompletableFuture<PromotionOutcome> future = promoter.promote(REQUEST);

        future.cancel(true);
        fx.scheduler.advance(PromotionFixtures.CONFIRMATION.plusSeconds(1));

        assertThat(ssh.calls()).hasSize(1);
        assertThat(node.state()).isEqualTo(NodeState.WARM_STANDBY);
        assertThat(fx.events.ofType(PromotionEvent.class)).isEmpty();
        assertThat(fx.await(promoter.promote(REQUEST.withOverride(OVERRIDE)))).isInstanceOf(
                PromotionOutcome.Completed.class);
    }

    @Test
    void aBuilderWithoutSettingsNamesEveryMissingOne() {
        assertThatThrownBy(() -> Promoter.builder().maximumBackupAge(Duration.ZERO).build())
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems()).extracting(InputProblem::field)
                        .containsExactly("lifecycle", "pair", "receiver", "downCheck", "networkTakeover",
                                "moduleActivation", "userDirectory", "notifier", "clock", "executor",
                                "maximumBackupAge"));
    }
}
