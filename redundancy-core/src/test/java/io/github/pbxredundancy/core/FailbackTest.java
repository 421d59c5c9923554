package io.github.pbxredundancy.core;

import static io.github.pbxredundancy.core.FailbackFixtures.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.pbxredundancy.core.event.FailbackStepChanged;
import io.github.pbxredundancy.core.event.StandbyLicenseWarning;
import io.github.pbxredundancy.core.internal.promotion.FailbackPlanFile;
import io.github.pbxredundancy.core.promotion.ActiveDownCheck;
import io.github.pbxredundancy.core.promotion.AuditContext;
import io.github.pbxredundancy.core.promotion.AuditEntry;
import io.github.pbxredundancy.core.promotion.Failback;
import io.github.pbxredundancy.core.promotion.FailbackPlan;
import io.github.pbxredundancy.core.promotion.FailbackStatus;
import io.github.pbxredundancy.core.promotion.FailbackStep;
import io.github.pbxredundancy.core.promotion.NodeState;
import io.github.pbxredundancy.core.promotion.PreconditionCode;
import io.github.pbxredundancy.core.promotion.Promoter;
import io.github.pbxredundancy.core.promotion.PromotionOutcome;
import io.github.pbxredundancy.core.promotion.PromotionRequest;
import io.github.pbxredundancy.core.promotion.Trigger;
import io.github.pbxredundancy.core.promotion.UnmetPrecondition;
import io.github.pbxredundancy.core.spi.ModuleActivation;
import io.github.pbxredundancy.core.spi.NetworkTakeover;
import io.github.pbxredundancy.core.spi.UserDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The failback plan on the returning node: order, evidence, refusals, restarts, the promotion back. */
class FailbackTest {
    private static final PromotionRequest BACK = PromotionRequest.of("Jürgen Admin", "failback to pbx-a", true);

    @TempDir
    Path dir;

    private FailbackFixtures f;
    private final NetworkTakeover network = mock(NetworkTakeover.class);
    private final ModuleActivation modules = mock(ModuleActivation.class);
    private final UserDirectory users = mock(UserDirectory.class);
    private ManualScheduler scheduler;

    @BeforeEach
    void returningNode() {
        f = new FailbackFixtures(dir);
        scheduler = new ManualScheduler(f.clock);
        when(users.users()).thenReturn(PromotionFixtures.USERS);
    }

    private Promoter promoter() {
        return promoter(true);
    }

    /** The promoter of the promotion back: pbx-b as it serves (at the pair's address), pbx-a as the standby. */
    private Promoter promoter(boolean withFailback) {
        RedundancyPair back = new RedundancyPair(
                PairFixtures.node("pbx-b", "192.168.1.1", 24, "7.3.1.5", Platform.VIRTUAL_MACHINE,
                        PairFixtures.standbyLicenses()),
                PairFixtures.node("pbx-a", "192.168.1.1", 24, "7.3.1.5", Platform.HARDWARE_APPLIANCE,
                        PairFixtures.activeLicenses()),
                PairFixtures.ACTIVE_SERVER);
        ActiveDownCheck down = down();
        Promoter.Builder builder = Promoter.builder().lifecycle(f.node).pair(back).receiver(f.receiver).downCheck(down)
                .networkTakeover(network).moduleActivation(modules).userDirectory(users).notifier(f.events)
                .clock(f.clock).executor(Runnable::run);
        return (withFailback ? builder.failback(f.failback) : builder).build();
    }

    /** Two probes at the pair's address that never get an answer: pbx-b has released it and is down. */
    private ActiveDownCheck down() {
        return ActiveDownCheck.builder().probes(List.of(
                        ScriptedProbe.always("tcp 192.168.1.1:22 (SSH)", f.clock, ScriptedProbe.SILENT),
                        ScriptedProbe.always("tcp 192.168.1.1:5060 (SIP)", f.clock, ScriptedProbe.SILENT)))
                .confirmationPeriod(PromotionFixtures.CONFIRMATION).probeInterval(Duration.ofSeconds(5))
                .probeTimeout(Duration.ofSeconds(2)).clock(f.clock).scheduler(scheduler).executor(Runnable::run).build();
    }

    private PromotionOutcome await(CompletableFuture<PromotionOutcome> future) {
        if (!future.isDone()) {
            scheduler.advance(PromotionFixtures.CONFIRMATION.plusSeconds(1));
        }
        assertThat(future).isDone();
        return future.join();
    }

    private static String refusal(Runnable step) {
        try {
            step.run();
        } catch (RedundancyException e) {
            assertThat(e.reason()).isEqualTo(ReasonCode.ILLEGAL_STATE);
            return e.getMessage();
        }
        throw new AssertionError("the step was not refused");
    }

    @Test
    void startingMakesTheFencedNodeTheStandbyOfThePromotedNodeWithEveryStepPending() {
        FailbackPlan plan = f.failback.start("pbx-b", ADMIN);

        assertThat(plan.id()).isEqualTo("failback-20160127T080100.000Z-e1");
        assertThat(plan.promotedNode()).isEqualTo("pbx-b");
        assertThat(plan.promotedEpoch()).isEqualTo(1);
        assertThat(plan.statuses().values()).containsOnly(FailbackStatus.PENDING);
        assertThat(plan.next()).contains(FailbackStep.BACK_UP_ACTIVE);
        assertThat(f.node.state()).isEqualTo(NodeState.AWAITING_INITIAL_IMPORT);
        assertThat(f.node.snapshot().lastChange().orElseThrow().context().checks())
                .contains("plan " + plan.id(), "the standby of pbx-b at epoch 1");
        assertThat(f.notes(Failback.STARTED)).singleElement().satisfies(note -> {
            assertThat(note.context().operator()).isEqualTo("Jürgen Admin");
            assertThat(note.context().checks()).containsSubsequence("plan " + plan.id(),
                    "promoted node pbx-b at epoch 1", "pbx-b reaches pbx-a over SSH");
        });
        assertThat(f.failback.inProgress()).isTrue();
        assertThat(Files.exists(f.node.directory().resolve(FailbackPlanFile.NAME))).isTrue();
    }

    @Test
    void aFailbackStartsOnlyOnAFencedNodeAndOnlyOnce() {
        f.failback.start("pbx-b", ADMIN);

        assertThat(refusal(() -> f.failback.start("pbx-b", ADMIN))).contains("is in progress",
                "next: step 1 back-up-active");
        assertThatThrownBy(() -> f.failback.start("pbx b\t", ADMIN)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("promotedNode");

        FailbackFixtures standby = new FailbackFixtures(dir.resolve("other"));
        standby.node.transition(Trigger.FAILBACK_AS_STANDBY, ADMIN);
        assertThat(refusal(() -> standby.failback.start("pbx-b", ADMIN))).contains("starts on a FENCED node",
                "AWAITING_INITIAL_IMPORT at epoch 1");
    }

    @Test
    void stepsOutOfOrderAreRefusedNamingTheMissingPredecessorAndNothingIsRecorded() {
        f.failback.start("pbx-b", ADMIN);
        int entries = f.trail().size();
        List<FailbackStepChanged> none = f.events.ofType(FailbackStepChanged.class);

        assertThat(refusal(() -> f.failback.confirm(FailbackStep.RELEASE_ADDRESS, ADMIN)))
                .isEqualTo("Failback step 2 release-address cannot be done yet: step 1 back-up-active (library) is not"
                        + " done (PENDING); the steps go in order (R18).");
        assertThat(refusal(() -> f.failback.confirm(FailbackStep.RECREATE_REDUNDANCY, ADMIN)))
                .contains("step 7 recreate-redundancy cannot be done yet: step 1 back-up-active",
                        "nor are release-address, shut-down-active, import-backup, promote-back, restart-phones");
        assertThat(refusal(() -> f.failback.importNewestBackup(ADMIN))).contains("step 4 import-backup",
                "step 1 back-up-active (library) is not done");
        assertThatThrownBy(() -> f.failback.promoteBack(promoter(), BACK).join())
                .hasRootCauseInstanceOf(RedundancyException.class)
                .hasMessageContaining("step 5 promote-back cannot be done yet: step 1 back-up-active");
        assertThatThrownBy(() -> f.failback.confirm(FailbackStep.IMPORT_BACKUP, ADMIN))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Failback.importNewestBackup");

        assertThat(f.trail()).as("nothing recorded").hasSize(entries);
        assertThat(none).isEmpty();
        assertThat(f.failback.plan().orElseThrow().statuses().values()).containsOnly(FailbackStatus.PENDING);

        f.sendBackup();
        f.failback.verifyBackup(ADMIN);
        assertThat(refusal(() -> f.failback.confirm(FailbackStep.SHUT_DOWN_ACTIVE, ADMIN)))
                .contains("step 3 shut-down-active cannot be done yet: step 2 release-address (operator)");
        assertThat(refusal(() -> f.failback.verifyBackup(ADMIN)))
                .startsWith("Failback step 1 back-up-active is DONE already (since 2016-01-27T08:02:00Z, by Jürgen"
                        + " Admin): a done step stays so.");
        assertThat(f.trail()).as("one note: step 1 done").hasSize(entries + 1);
    }

    @Test
    void theBackupStepWaitsForABackupOfThePromotedNodeMadeAfterTheFailbackStarted() {
        f.sendBackup();  // made before the plan: it does not count
        f.clock.advance(Duration.ofMinutes(1));
        f.failback.start("pbx-b", ADMIN);

        assertThat(refusal(() -> f.failback.verifyBackup(ADMIN))).startsWith("no backup of pbx-b at epoch 1 made since"
                + " the failback started (2016-01-27T08:03:00Z) has arrived here yet; the newest bundle kept here is"
                + " bundle 20160127T080200Z-e1-");

        BundleId fresh = f.sendBackup();
        FailbackPlan plan = f.failback.verifyBackup(ADMIN);

        assertThat(plan.status(FailbackStep.BACK_UP_ACTIVE)).isInstanceOfSatisfying(FailbackStatus.Done.class, done -> {
            assertThat(done.by()).isEqualTo("Jürgen Admin");
            assertThat(done.evidence()).first().asString().startsWith("bundle " + fresh + " of pbx-b at epoch 1,"
                    + " made 2016-01-27T08:04:00Z");
        });
        assertThat(f.events.ofType(FailbackStepChanged.class)).singleElement().satisfies(changed -> {
            assertThat(changed.step()).isEqualTo(FailbackStep.BACK_UP_ACTIVE);
            assertThat(changed.next()).contains(FailbackStep.RELEASE_ADDRESS);
            assertThat(changed.planId()).isEqualTo(plan.id());
            assertThat(changed.epoch()).isEqualTo(1);
        });
    }

    @Test
    void theShutDownWaitsForTheFinalBackupMadeAfterTheAddressWasReleased() {
        f.failback.start("pbx-b", ADMIN);
        f.sendBackup();
        f.failback.verifyBackup(ADMIN);
        f.change("voicemail/neu.wav", "made while failed over");
        f.clock.advance(Duration.ofMinutes(5));
        f.failback.confirm(FailbackStep.RELEASE_ADDRESS, ADMIN);

        assertThat(refusal(() -> f.failback.confirm(FailbackStep.SHUT_DOWN_ACTIVE, ADMIN))).startsWith(
                "the final backup of pbx-b has not arrived: it must be made after its address was released (released at"
                        + " 2016-01-27T08:07:00Z), or changes made on it in between are lost (R31); the newest bundle"
                        + " kept here is bundle ");

        BundleId last = f.sendBackup();
        FailbackPlan plan = f.failback.confirm(FailbackStep.SHUT_DOWN_ACTIVE, ADMIN);
        assertThat(((FailbackStatus.Done) plan.status(FailbackStep.SHUT_DOWN_ACTIVE)).evidence())
                .first().asString().startsWith("final backup: bundle " + last + " of pbx-b");
        assertThat(plan.mayClaimAddress()).isFalse();
        assertThat(plan.addressClaimRefusal()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("has not reached its promote-back step: step 4 import-backup (library) is PENDING"));

        plan = f.failback.importNewestBackup(ADMIN);
        assertThat(plan.status(FailbackStep.IMPORT_BACKUP)).isInstanceOf(FailbackStatus.Done.class);
        assertThat(f.importer.importedIds()).last().isEqualTo(last);
        assertThat(f.importer.calls().get(f.importer.calls().size() - 1).files())
                .isEqualTo(BundleFixtures.snapshot(f.promotedData)).containsKey("voicemail/neu.wav");
        assertThat(f.node.state()).isEqualTo(NodeState.WARM_STANDBY);
        assertThat(f.failback.mayClaimAddress()).isTrue();
    }

    @Test
    void goingOnWithoutTheFinalBackupIsAnExplicitRecordedDecisionNamingWhatIsLost() {
        f.failback.start("pbx-b", ADMIN);
        BundleId newest = f.sendBackup();
        f.failback.verifyBackup(ADMIN);
        f.clock.advance(Duration.ofMinutes(5));
        f.failback.confirm(FailbackStep.RELEASE_ADDRESS, ADMIN);

        assertThatThrownBy(() -> f.failback.confirmShutDownWithoutFinalBackup(AuditContext.of("Anna Weber", "dead")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at least 10 characters");
        FailbackPlan plan = f.failback.confirmShutDownWithoutFinalBackup(AuditContext.of("Anna Weber",
                "pbx-b's disk failed before its last backup"));

        assertThat(((FailbackStatus.Done) plan.status(FailbackStep.SHUT_DOWN_ACTIVE)).evidence()).first().asString()
                .isEqualTo("no final backup, loss accepted: changes made on pbx-b after 2016-01-27T08:02:00Z are lost");
        plan = f.failback.importNewestBackup(ADMIN);
        assertThat(((FailbackStatus.Done) plan.status(FailbackStep.IMPORT_BACKUP)).evidence())
                .anySatisfy(line -> assertThat(line).contains(newest.value()))
                .anySatisfy(line -> assertThat(line).contains("the final backup's loss was accepted"));
    }

    @Test
    void aFailedImportIsRecordedAsFailedAndDoneWhenTriedAgain() {
        f.failback.start("pbx-b", ADMIN);
        f.sendBackup();
        f.failback.verifyBackup(ADMIN);
        f.clock.advance(Duration.ofMinutes(5));
        f.failback.confirm(FailbackStep.RELEASE_ADDRESS, ADMIN);
        f.importer.failNext(new IOException("database locked"));
        BundleId last = f.sendBackup();
        f.failback.confirm(FailbackStep.SHUT_DOWN_ACTIVE, ADMIN);
        f.importer.failNext(new IOException("database still locked"));

        FailbackPlan plan = f.failback.importNewestBackup(ADMIN);

        assertThat(plan.status(FailbackStep.IMPORT_BACKUP)).isInstanceOfSatisfying(FailbackStatus.Failed.class,
                failed -> assertThat(failed.reason()).startsWith("the import of bundle " + last + " failed (IMPORT_FAILED)")
                        .contains("database still locked"));
        assertThat(f.node.state()).isEqualTo(NodeState.AWAITING_INITIAL_IMPORT);
        assertThat(plan.mayClaimAddress()).isFalse();
        assertThat(f.events.ofType(FailbackStepChanged.class)).last()
                .satisfies(changed -> assertThat(changed.status().kind()).isEqualTo(FailbackStatus.Kind.FAILED));
        assertThat(f.notes(Failback.STEP_FAILED)).singleElement()
                .satisfies(note -> assertThat(note.context().reason()).contains("database still locked"));

        plan = f.failback.importNewestBackup(ADMIN);

        assertThat(plan.status(FailbackStep.IMPORT_BACKUP)).isInstanceOf(FailbackStatus.Done.class);
        assertThat(f.importer.importedIds()).containsSubsequence(last, last, last);
        assertThat(f.node.state()).isEqualTo(NodeState.WARM_STANDBY);
    }

    @Test
    void thePromotionBackIsRefusedUntilThePlanReachesItsPromoteBackStepEvenWhenTheHostMadeTheNodeAStandby() {
        f.failback.start("pbx-b", ADMIN);
        f.sendBackup();
        f.failback.verifyBackup(ADMIN);
        // The host's own "Standby-Import" button, bypassing the failback's import step.
        f.node.transition(Trigger.INITIAL_IMPORT_DONE, ADMIN);
        assertThat(f.node.state()).isEqualTo(NodeState.WARM_STANDBY);
        assertThat(f.failback.mayClaimAddress()).isFalse();

        PromotionOutcome outcome = await(promoter().promote(BACK));

        assertThat(outcome).isInstanceOfSatisfying(PromotionOutcome.Refused.class, refused ->
                assertThat(refused.preconditions().unmet()).extracting(UnmetPrecondition::code)
                        .containsExactly(PreconditionCode.FAILBACK_NOT_READY));
        assertThat(((PromotionOutcome.Refused) outcome).preconditions().unmet().get(0).message())
                .contains("step 2 release-address (operator) is PENDING", "claims no address");
        verify(network, never()).takeOver(any());
        assertThat(f.node.state()).isEqualTo(NodeState.WARM_STANDBY);
        assertThat(f.node.epoch()).isEqualTo(1);
    }

    @Test
    void thePromotionBackTakesTheAddressChecksTheLicensesForTheRolesAfterTheFailbackAndDoesStepsFiveAndSix() {
        f.throughShutDown();
        f.failback.importNewestBackup(ADMIN);

        PromotionOutcome outcome = await(f.failback.promoteBack(promoter(), BACK));

        assertThat(outcome).isInstanceOf(PromotionOutcome.Completed.class);
        assertThat(f.node.state()).isEqualTo(NodeState.ACTIVE);
        assertThat(f.node.epoch()).isEqualTo(2);
        verify(network).takeOver(any());
        FailbackPlan promoted = f.failback.plan().orElseThrow();
        assertThat(promoted.status(FailbackStep.PROMOTE_BACK)).isInstanceOfSatisfying(FailbackStatus.Done.class, done ->
                assertThat(done.evidence()).anySatisfy(line -> assertThat(line).contains("ACTIVE at epoch 2"))
                        .contains("took over 192.168.1.1/24 of pbx-b"));
        assertThat(promoted.status(FailbackStep.RESTART_PHONES)).isInstanceOfSatisfying(FailbackStatus.Done.class,
                done -> assertThat(done.evidence()).contains("users: 3"));
        assertThat(promoted.next()).contains(FailbackStep.RECREATE_REDUNDANCY);
        assertThat(f.events.ofType(StandbyLicenseWarning.class)).as("pbx-a is back on its own licenses").isEmpty();
        assertThat(((PromotionOutcome.Completed) outcome).summary().summary())
                .anySatisfy(line -> assertThat(line).startsWith("This promotion ends a failback (R18)"))
                .noneSatisfy(line -> assertThat(line).contains("standby licenses"));
        List<AuditEntry> requested = f.trail().stream().filter(e -> e.action().equals("PROMOTION_REQUESTED")).toList();
        assertThat(requested).singleElement().satisfies(e -> assertThat(e.context().checks())
                .anySatisfy(check -> assertThat(check).startsWith("failback: plan " + promoted.id()))
                .anySatisfy(check -> assertThat(check).contains("for the roles after the failback (pbx-a the active,"
                        + " pbx-b its standby)")));

        assertThat(refusal(() -> f.failback.skip(FailbackStep.PROMOTE_BACK, AuditContext.of("Anna Weber",
                "not needed at all")))).contains("is DONE already");
        FailbackPlan plan = f.failback.skip(FailbackStep.RECREATE_REDUNDANCY, AuditContext.of("Anna Weber",
                "pbx-b goes back to the vendor"));
        assertThat(plan.isComplete()).isTrue();
        assertThat(f.failback.inProgress()).isFalse();
        assertThat(f.events.ofType(FailbackStepChanged.class)).extracting(FailbackStepChanged::step)
                .containsExactly(FailbackStep.values());
    }

    @Test
    void aRefusedPromotionBackIsRecordedAsFailedAndARetryAfterAFailedStepCompletesIt() {
        f.throughShutDown();
        f.failback.importNewestBackup(ADMIN);
        doThrow(new IllegalStateException("address 192.168.1.1 still answers ARP"))
                .doNothing().when(network).takeOver(any());

        PromotionOutcome failed = await(f.failback.promoteBack(promoter(), BACK));

        assertThat(failed).isInstanceOf(PromotionOutcome.Failed.class);
        assertThat(f.failback.plan().orElseThrow().status(FailbackStep.PROMOTE_BACK))
                .isInstanceOfSatisfying(FailbackStatus.Failed.class, status -> assertThat(status.reason())
                        .contains("failed at its step network-takeover", "still answers ARP"));

        PromotionOutcome retried = await(f.failback.promoteBack(promoter(), BACK));

        assertThat(retried).isInstanceOf(PromotionOutcome.Completed.class);
        assertThat(f.failback.plan().orElseThrow().status(FailbackStep.PROMOTE_BACK)).isInstanceOf(
                FailbackStatus.Done.class);
    }

    @Test
    void thePromotionBackNeedsAPromoterBuiltWithThisFailback() {
        f.throughShutDown();

        assertThatThrownBy(() -> f.failback.promoteBack(promoter(false), BACK)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failback(this failback)");
        assertThatThrownBy(() -> Promoter.builder().lifecycle(new FailbackFixtures(dir.resolve("other")).node)
                .pair(PairFixtures.seedPair()).receiver(f.receiver).downCheck(down()).networkTakeover(network)
                .moduleActivation(modules).userDirectory(users).notifier(f.events).clock(f.clock)
                .executor(Runnable::run).failback(f.failback).build()).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("must be the failback of the promoter's own node");
    }

    @Test
    void aRestartKeepsEveryStatusAndRecordsANoteACrashKeptFromTheTrail() throws IOException {
        f.failback.start("pbx-b", ADMIN);
        f.sendBackup();
        FailbackPlan before = f.failback.verifyBackup(ADMIN);
        // A crash after the plan was saved and before the note was appended: step 2 is in the file only.
        FailbackPlan released = before.with(FailbackStep.RELEASE_ADDRESS, new FailbackStatus.Done(f.clock.instant(),
                "Anna Weber", List.of("ip addr show: 192.168.1.2 only")));
        Path file = f.node.directory().resolve(FailbackPlanFile.NAME);
        FailbackPlanFile.replace(file, Optional.of(before), released);
        int notes = f.notes(Failback.STEP_DONE).size();

        f.restart();

        assertThat(f.failback.plan()).contains(released);
        assertThat(f.notes(Failback.STEP_DONE)).hasSize(notes + 1).last().satisfies(note -> {
            assertThat(note.context().operator()).isEqualTo("Anna Weber");
            assertThat(note.context().reason()).contains("recorded at the next start");
            assertThat(note.context().checks()).containsExactly("plan " + released.id(),
                    "step 2 release-address: DONE at 2016-01-27T08:02:00Z", "ip addr show: 192.168.1.2 only");
        });

        f.restart();
        assertThat(f.notes(Failback.STEP_DONE)).as("recorded once").hasSize(notes + 1);
        assertThat(f.failback.plan()).contains(released);
    }

    @Test
    void aStartThatStoppedBeforeTheNodeBecameTheStandbyIsFinishedByTheNextStart() throws IOException {
        FailbackPlan plan = FailbackPlan.start("failback-20160127T080100.000Z-e1", "pbx-b", 1, f.clock.instant(),
                "Jürgen Admin");
        FailbackPlanFile.replace(f.node.directory().resolve(FailbackPlanFile.NAME), Optional.empty(), plan);
        f.restart();
        assertThat(f.notes(Failback.STARTED)).singleElement()
                .satisfies(note -> assertThat(note.context().reason()).contains("recorded at the next start"));
        assertThat(f.node.state()).isEqualTo(NodeState.FENCED);

        assertThat(f.failback.start("pbx-b", ADMIN)).isEqualTo(plan);
        assertThat(f.node.state()).isEqualTo(NodeState.AWAITING_INITIAL_IMPORT);
    }

    @Test
    void aDamagedPlanStopsTheStartNamingTheLine() throws IOException {
        f.failback.start("pbx-b", ADMIN);
        Path file = f.node.directory().resolve(FailbackPlanFile.NAME);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, text.replace("release-address=PENDING", "release-address=DONE"), StandardCharsets.UTF_8);

        assertThatThrownBy(f::restart).isInstanceOf(RedundancyException.class)
                .hasMessageContaining("the failback plan")
                .hasMessageContaining("is damaged: line 8 release-address='DONE': field at is missing");

        Files.writeString(file, text.replace("import-backup=PENDING", "import-backup=DONE\tat=2016-01-27T09:00:00Z\tby=x"),
                StandardCharsets.UTF_8);
        assertThatThrownBy(f::restart).isInstanceOf(RedundancyException.class)
                .hasMessageContaining("the lines do not fit together")
                .hasMessageContaining("step 4 import-backup")
                .hasMessageContaining("step 1 back-up-active is PENDING");
    }

    @Test
    void onlyTheLastStepMayBeSkipped() {
        f.failback.start("pbx-b", ADMIN);

        assertThat(refusal(() -> f.failback.skip(FailbackStep.BACK_UP_ACTIVE, AuditContext.of("Anna Weber",
                "no time for this")))).contains("cannot be skipped: only step 7 recreate-redundancy may be");
        assertThat(refusal(() -> f.failback.skip(FailbackStep.RECREATE_REDUNDANCY, AuditContext.of("Anna Weber",
                "pbx-b goes back to the vendor")))).contains("cannot be skipped yet: step 1 back-up-active");
    }
}
