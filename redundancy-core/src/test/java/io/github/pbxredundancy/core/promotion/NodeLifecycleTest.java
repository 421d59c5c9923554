package io.github.pbxredundancy.core.promotion;

import static io.github.pbxredundancy.core.promotion.NodeFixtures.ADMIN;
import static io.github.pbxredundancy.core.promotion.NodeFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.event.EpochChanged;
import io.github.pbxredundancy.core.event.NodeStateChanged;
import io.github.pbxredundancy.core.event.RedundancyEvent;
import io.github.pbxredundancy.core.spi.Notifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class NodeLifecycleTest {
    @TempDir
    Path dir;

    private NodeFixtures node() {
        return new NodeFixtures(dir.resolve("node"));
    }

    @Test
    void aNewDirectoryIsANodeNotConfiguredAtEpochZero() {
        NodeFixtures f = node();
        NodeLifecycle node = f.open();

        assertThat(node.snapshot()).isEqualTo(NodeSnapshot.initial());
        assertThat(node.state()).isEqualTo(NodeState.NOT_CONFIGURED);
        assertThat(node.epoch()).isZero();
        assertThat(node.directory()).isEqualTo(f.directory.toAbsolutePath());
        assertThat(f.directory.resolve("node-state")).doesNotExist();
        assertThat(f.directory.resolve("audit.log")).hasContent("# pbx-redundancy audit trail, format 1");
        assertThat(node.auditTrail().read().entries()).isEmpty();
        assertThat(f.events.events()).isEmpty();
        assertThat(f.open().snapshot()).isEqualTo(NodeSnapshot.initial());
    }

    static Stream<Transition> everyTransition() {
        return NodeStateMachine.transitions().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyTransition")
    void everyTransitionIsPersistedAuditedAndReported(Transition transition) {
        NodeFixtures f = node();
        NodeLifecycle node = f.into(transition.from());
        if (transition.trigger() == Trigger.PROMOTION_COMPLETED) {
            node.raiseEpoch(ADMIN);
        }
        long epochBefore = node.epoch();
        int entriesBefore = node.auditTrail().read().entries().size();
        int eventsBefore = f.events.events().size();
        f.tick();

        NodeSnapshot after = fire(node, transition.trigger());

        assertThat(after.state()).isEqualTo(transition.to());
        assertThat(node.snapshot()).isEqualTo(after);
        long epoch = transition.trigger() == Trigger.HIGHER_EPOCH_SEEN ? epochBefore + 1 : epochBefore;
        assertThat(after.epoch()).isEqualTo(epoch);
        assertThat(after.promotion().isPresent()).isEqualTo(transition.to().inPromotion());
        List<AuditEntry> entries = node.auditTrail().read().entries();
        assertThat(entries).hasSize(entriesBefore + 1);
        AuditEntry entry = entries.get(entries.size() - 1);
        assertThat(entry).isEqualTo(after.lastChange().orElseThrow());
        assertThat(entry.at()).isEqualTo(f.clock.instant());
        assertThat(entry.trigger()).contains(transition.trigger());
        assertThat(entry.from()).isEqualTo(transition.from());
        assertThat(entry.to()).isEqualTo(transition.to());
        assertThat(entry.epoch()).isEqualTo(epoch);
        assertThat(entry.context()).isEqualTo(contextOf(transition.trigger()));
        List<RedundancyEvent> events = f.events.events();
        assertThat(events).hasSize(eventsBefore + 1);
        assertThat(events.get(events.size() - 1)).isEqualTo(new NodeStateChanged(f.clock.instant(), transition.from(),
                transition.to(), transition.trigger(), epoch, contextOf(transition.trigger()).operator(),
                contextOf(transition.trigger()).reason()));
        assertThat(f.open().snapshot()).as("after a restart").isEqualTo(after);
    }

    private static NodeSnapshot fire(NodeLifecycle node, Trigger trigger) {
        switch (trigger) {
            case STEP_FAILED:
                return node.recordStepFailed("module-activation", ADMIN);
            case HIGHER_EPOCH_SEEN:
                return node.observeEpoch(node.epoch() + 1, contextOf(trigger));
            default:
                return node.transition(trigger, ADMIN);
        }
    }

    private static AuditContext contextOf(Trigger trigger) {
        return trigger == Trigger.HIGHER_EPOCH_SEEN ? AuditContext.system("peer pbx-a reported a higher epoch",
                List.of("peer query 10.0.0.1")) : ADMIN;
    }

    static Stream<Arguments> everyRefusedTrigger() {
        return Arrays.stream(NodeState.values()).flatMap(state -> Arrays.stream(Trigger.values())
                .filter(trigger -> trigger != Trigger.STEP_FAILED && trigger != Trigger.HIGHER_EPOCH_SEEN)
                .filter(trigger -> NodeStateMachine.find(state, trigger).isEmpty()
                        || trigger == Trigger.ABORT || trigger == Trigger.PROMOTION_COMPLETED)
                .map(trigger -> Arguments.of(state, trigger)));
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("everyRefusedTrigger")
    void aRefusedTriggerChangesNothingAndSaysWhatIsAllowed(NodeState state, Trigger trigger) throws IOException {
        NodeFixtures f = node();
        NodeLifecycle node = f.into(state);
        if (trigger == Trigger.ABORT && state == NodeState.PROMOTION_FAILED) {
            // Abort is refused only once the promotion raised the epoch: get there through a retry.
            node.transition(Trigger.RETRY, ADMIN);
            node.raiseEpoch(ADMIN);
            node.recordStepFailed("network-takeover", ADMIN);
        }
        if (trigger == Trigger.PROMOTION_COMPLETED && state == NodeState.PROMOTING) {
            // Refused until the epoch was raised; nothing to prepare.
            assertThat(node.snapshot().epochRaisedInPromotion()).isFalse();
        }
        NodeSnapshot before = node.snapshot();
        byte[] file = readIfExists(f.directory.resolve("node-state"));
        byte[] trail = Files.readAllBytes(f.directory.resolve("audit.log"));
        int events = f.events.events().size();

        assertThatThrownBy(() -> node.transition(trigger, ADMIN))
                .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ReasonCode.ILLEGAL_STATE);
                    assertThat(e.state()).isEqualTo(state);
                    assertThat(e.trigger()).isEqualTo(trigger);
                    assertThat(e.allowedTriggers()).isEqualTo(before.allowedTriggers()).doesNotContain(trigger);
                    assertThat(e.getMessage()).contains("trigger " + trigger + " is not allowed in state " + state,
                            "allowed triggers: ");
                    before.allowedTriggers().forEach(allowed -> assertThat(e.getMessage()).contains(allowed.name()));
                });

        assertThat(node.snapshot()).isSameAs(before);
        assertThat(readIfExists(f.directory.resolve("node-state"))).isEqualTo(file);
        assertThat(f.directory.resolve("audit.log")).hasBinaryContent(trail);
        assertThat(f.events.events()).hasSize(events);
    }

    @ParameterizedTest
    @EnumSource(value = Trigger.class, names = {"STEP_FAILED", "HIGHER_EPOCH_SEEN"})
    void triggersWithDataFireOnlyThroughTheirOwnMethod(Trigger trigger) {
        NodeLifecycle node = node().into(NodeState.PROMOTING);

        assertThatThrownBy(() -> node.transition(trigger, ADMIN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(trigger == Trigger.STEP_FAILED ? "recordStepFailed" : "observeEpoch");
        assertThat(node.state()).isEqualTo(NodeState.PROMOTING);
    }

    @Test
    void aPromotionRaisesTheEpochOnceRecordsItsStepsAndSurvivesRestarts() {
        NodeFixtures f = node();
        NodeLifecycle node = f.into(NodeState.WARM_STANDBY);
        node.observeEpoch(4, AuditContext.system("receiver accepted a bundle of epoch 4", List.of()));
        f.tick();

        NodeSnapshot promoting = node.transition(Trigger.PROMOTION_REQUESTED, ADMIN);
        PromotionProgress progress = promoting.promotion().orElseThrow();
        assertThat(progress.id()).isEqualTo("20160126T050003.000Z-e4");
        assertThat(progress.startEpoch()).isEqualTo(4);
        assertThat(progress.completedSteps()).isEmpty();
        assertThat(promoting.epochRaisedInPromotion()).isFalse();

        f.tick();
        NodeSnapshot raised = node.raiseEpoch(ADMIN);
        assertThat(raised.epoch()).isEqualTo(5);
        assertThat(raised.epochRaisedInPromotion()).isTrue();
        assertThat(f.events.ofType(EpochChanged.class)).last().isEqualTo(new EpochChanged(f.clock.instant(),
                NodeState.PROMOTING, 4, 5, EpochChanged.Cause.RAISED, ADMIN.operator(), ADMIN.reason()));
        node = f.open();
        assertThat(node.raiseEpoch(ADMIN)).as("raised once per promotion, also after a restart").isEqualTo(raised);
        node.recordStepCompleted("raise-epoch", ADMIN);
        node.recordStepCompleted("network-takeover", ADMIN);
        NodeSnapshot twice = node.recordStepCompleted("network-takeover", ADMIN);
        assertThat(twice.promotion().orElseThrow().completedSteps()).containsExactly("raise-epoch", "network-takeover");

        f.tick();
        NodeSnapshot failed = node.recordStepFailed("module-activation", new AuditContext("Jürgen Admin",
                "host refused", List.of("ModuleActivation threw IllegalStateException")));
        assertThat(failed.state()).isEqualTo(NodeState.PROMOTION_FAILED);
        assertThat(failed.promotion().orElseThrow().failedStep()).contains("module-activation");
        assertThat(failed.lastChange().orElseThrow().step()).contains("module-activation");
        assertThat(failed.allowedTriggers()).containsExactly(Trigger.RETRY, Trigger.HIGHER_EPOCH_SEEN);

        node = f.open();
        assertThat(node.snapshot()).isEqualTo(failed);
        NodeSnapshot retried = node.transition(Trigger.RETRY, ADMIN);
        assertThat(retried.promotion().orElseThrow()).isEqualTo(new PromotionProgress(progress.id(), 4,
                List.of("raise-epoch", "network-takeover"), Optional.empty()));
        node.recordStepCompleted("module-activation", ADMIN);
        NodeSnapshot active = node.transition(Trigger.PROMOTION_COMPLETED, ADMIN);

        assertThat(active.state()).isEqualTo(NodeState.ACTIVE);
        assertThat(active.epoch()).isEqualTo(5);
        assertThat(active.promotion()).isEmpty();
        List<AuditEntry> entries = node.auditTrail().read().entries();
        assertThat(entries).extracting(AuditEntry::action).containsExactly("CONFIGURED_AS_STANDBY",
                "INITIAL_IMPORT_DONE", "EPOCH_OBSERVED", "PROMOTION_REQUESTED", "EPOCH_RAISED", "STEP_COMPLETED",
                "STEP_COMPLETED", "STEP_FAILED", "RETRY", "STEP_COMPLETED", "PROMOTION_COMPLETED");
        assertThat(entries.subList(3, entries.size())).allSatisfy(e -> assertThat(e.promotionId()).contains(progress.id()));
        assertThat(entries.subList(0, 3)).allSatisfy(e -> assertThat(e.promotionId()).isEmpty());
        assertThat(f.open().snapshot()).isEqualTo(active);
    }

    @Test
    void promotionOperationsOutsideAPromotionAreRefused() {
        NodeLifecycle node = node().into(NodeState.WARM_STANDBY);

        assertThatThrownBy(() -> node.raiseEpoch(ADMIN)).isInstanceOfSatisfying(RedundancyException.class,
                e -> assertThat(e.reason()).isEqualTo(ReasonCode.ILLEGAL_STATE))
                .hasMessageContaining("raising the epoch is only possible while a promotion runs (state PROMOTING), not"
                        + " in state WARM_STANDBY").hasMessageContaining("PROMOTION_REQUESTED");
        assertThatThrownBy(() -> node.recordStepCompleted("network-takeover", ADMIN))
                .isInstanceOfSatisfying(RedundancyException.class,
                        e -> assertThat(e.reason()).isEqualTo(ReasonCode.ILLEGAL_STATE))
                .hasMessageContaining("not in state WARM_STANDBY");
        assertThatThrownBy(() -> node.recordStepFailed("network-takeover", ADMIN))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("trigger STEP_FAILED is not allowed in state WARM_STANDBY");
        assertThat(node.epoch()).isZero();
    }

    @Test
    void stepNamesFollowTheirRuleAndACompletedStepCannotFail() {
        NodeLifecycle node = node().into(NodeState.PROMOTING);

        assertThatThrownBy(() -> node.recordStepCompleted("Network Takeover", ADMIN))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("step")))
                .hasMessageContaining("'Network Takeover'");
        assertThatThrownBy(() -> node.recordStepFailed(null, ADMIN)).isInstanceOf(InvalidInputException.class);
        node.recordStepCompleted("network-takeover", ADMIN);
        assertThatThrownBy(() -> node.recordStepFailed("network-takeover", ADMIN))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("completed already");
        for (int i = 2; i <= PromotionProgress.MAX_STEPS; i++) {
            node.recordStepCompleted("step-" + i, ADMIN);
        }
        assertThatThrownBy(() -> node.recordStepCompleted("one-too-many", ADMIN))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at most 16");
        assertThat(node.snapshot().promotion().orElseThrow().completedSteps()).hasSize(PromotionProgress.MAX_STEPS);
    }

    @Test
    void anAbortBeforeTheEpochRaiseReturnsToWarmStandbyAtTheSameEpoch() {
        NodeLifecycle node = node().into(NodeState.PROMOTION_FAILED);

        NodeSnapshot aborted = node.transition(Trigger.ABORT, ADMIN);

        assertThat(aborted.state()).isEqualTo(NodeState.WARM_STANDBY);
        assertThat(aborted.epoch()).isZero();
        assertThat(aborted.promotion()).isEmpty();
        assertThat(aborted.lastChange().orElseThrow().promotionId()).isPresent();
    }

    @Test
    void anObservedEpochNeverLowersTheNodesAndFencesAnActiveOne() {
        NodeFixtures f = node();
        NodeLifecycle node = f.into(NodeState.WARM_STANDBY);
        AuditContext peer = AuditContext.system("bundle of epoch 3 accepted", List.of());

        NodeSnapshot observed = node.observeEpoch(3, peer);
        assertThat(observed.state()).isEqualTo(NodeState.WARM_STANDBY);
        assertThat(observed.epoch()).isEqualTo(3);
        assertThat(observed.lastChange().orElseThrow().action()).isEqualTo(AuditEntry.EPOCH_OBSERVED);
        assertThat(f.events.ofType(EpochChanged.class)).singleElement()
                .satisfies(e -> assertThat(e.cause()).isEqualTo(EpochChanged.Cause.OBSERVED));
        int entries = node.auditTrail().read().entries().size();
        assertThat(node.observeEpoch(3, peer)).isSameAs(observed);
        assertThat(node.observeEpoch(1, peer)).isSameAs(observed);
        assertThat(node.auditTrail().read().entries()).hasSize(entries);
        assertThatThrownBy(() -> node.observeEpoch(-1, peer)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("epoch '-1'");

        NodeLifecycle active = new NodeFixtures(dir.resolve("active")).into(NodeState.ACTIVE);
        assertThat(active.observeEpoch(0, peer).state()).isEqualTo(NodeState.ACTIVE);
        NodeSnapshot fenced = active.observeEpoch(7, peer);
        assertThat(fenced.state()).isEqualTo(NodeState.FENCED);
        assertThat(fenced.epoch()).isEqualTo(7);
        assertThat(fenced.state().acceptsWork()).isFalse();
        assertThat(active.observeEpoch(8, peer).state()).as("a fenced node records higher epochs too")
                .isEqualTo(NodeState.FENCED);
        assertThat(active.epoch()).isEqualTo(8);
    }

    @Test
    void aFencedNodeBecomesAStandbyAgainButNeverActiveWithoutAPromotion() {
        NodeLifecycle node = node().into(NodeState.FENCED);

        assertThat(node.transition(Trigger.DECONFIGURED, ADMIN).epoch()).isEqualTo(1);
        assertThatThrownBy(() -> node.transition(Trigger.CONFIGURED_AS_ACTIVE, ADMIN))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("has seen epoch 1");
        node.transition(Trigger.CONFIGURED_AS_STANDBY, ADMIN);
        node.transition(Trigger.INITIAL_IMPORT_DONE, ADMIN);
        node.transition(Trigger.PROMOTION_REQUESTED, ADMIN);

        assertThat(node.raiseEpoch(ADMIN).epoch()).isEqualTo(2);
        assertThat(node.transition(Trigger.PROMOTION_COMPLETED, ADMIN).state()).isEqualTo(NodeState.ACTIVE);
    }

    @Test
    void notesAreAuditedWithoutAnEventAndCannotImitateTheMachine() {
        NodeFixtures f = node();
        NodeLifecycle node = f.into(NodeState.WARM_STANDBY);
        int events = f.events.events().size();
        AuditContext override = new AuditContext("Jürgen Admin", "Aktive brennt", List.of("probe sip:5060 answered",
                "operator confirmed the active is powered off"));

        NodeSnapshot noted = node.recordNote("OVERRIDE", override);

        assertThat(noted.state()).isEqualTo(NodeState.WARM_STANDBY);
        assertThat(noted.lastChange().orElseThrow().context()).isEqualTo(override);
        assertThat(node.auditTrail().read().entries()).last().isEqualTo(noted.lastChange().orElseThrow());
        assertThat(f.events.events()).hasSize(events);
        for (String reserved : List.of("ABORT", "EPOCH_RAISED", "RECOVERED", "STEP_COMPLETED")) {
            assertThatThrownBy(() -> node.recordNote(reserved, override)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("reserved");
        }
        assertThatThrownBy(() -> node.recordNote("override", override)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("upper-case");
        assertThat(f.open().snapshot()).isEqualTo(noted);
    }

    @Test
    void eventsGoOutAfterTheChangeIsOnDiskAndOutsideTheLock() throws Exception {
        NodeFixtures f = node();
        NodeLifecycle[] holder = new NodeLifecycle[1];
        List<String> seen = new CopyOnWriteArrayList<>();
        Notifier probing = event -> {
            if (!(event instanceof NodeStateChanged changed)) {
                return;
            }
            // On disk and audited: another reader of the directory sees the change already.
            List<AuditEntry> entries = AuditTrail.in(f.directory).read().entries();
            seen.add(changed.to() + " on disk " + entries.get(entries.size() - 1).to());
            if (changed.to() == NodeState.AWAITING_INITIAL_IMPORT) {
                // Outside the lock: another thread can make a change while this notifier runs.
                Thread other = new Thread(() -> holder[0].transition(Trigger.INITIAL_IMPORT_DONE, ADMIN));
                other.start();
                try {
                    other.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                seen.add(other.isAlive() ? "blocked" : "other thread done");
            }
        };
        holder[0] = NodeLifecycle.open(f.directory, f.clock, probing);

        holder[0].transition(Trigger.CONFIGURED_AS_STANDBY, ADMIN);

        assertThat(seen).containsExactly("AWAITING_INITIAL_IMPORT on disk AWAITING_INITIAL_IMPORT", "other thread done",
                "WARM_STANDBY on disk WARM_STANDBY");
        assertThat(holder[0].state()).isEqualTo(NodeState.WARM_STANDBY);
    }

    @Test
    void aNotifierThatThrowsDoesNotUndoTheChange() {
        NodeFixtures f = node();
        NodeLifecycle node = NodeLifecycle.open(f.directory, f.clock, event -> {
            throw new IllegalStateException("mail server down");
        });

        assertThat(node.transition(Trigger.CONFIGURED_AS_ACTIVE, ADMIN).state()).isEqualTo(NodeState.ACTIVE);
        assertThat(f.open().state()).isEqualTo(NodeState.ACTIVE);
    }

    @Test
    void changesFromManyThreadsAreSerialisedAndReportedInOrder() throws Exception {
        NodeFixtures f = node();
        NodeLifecycle node = f.into(NodeState.WARM_STANDBY);
        int threads = 4;
        int each = 10;
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        node.observeEpoch(next.incrementAndGet(), AuditContext.system("race", List.of()));
                    }
                }));
            }
            for (Future<?> d : done) {
                d.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(node.epoch()).isEqualTo(threads * each);
        List<Long> reported = f.events.ofType(EpochChanged.class).stream().map(EpochChanged::epoch).toList();
        assertThat(reported).isSorted().doesNotHaveDuplicates().endsWith((long) threads * each);
        List<Long> audited = node.auditTrail().read().entries().stream()
                .filter(e -> e.action().equals(AuditEntry.EPOCH_OBSERVED)).map(AuditEntry::epoch).toList();
        assertThat(audited).isEqualTo(reported);
        assertThat(f.open().snapshot()).isEqualTo(node.snapshot());
    }

    @Test
    void aSecondLifecycleOnTheSameDirectoryIsDetected() {
        NodeFixtures f = node();
        NodeLifecycle first = f.open();
        NodeLifecycle second = f.open();
        first.transition(Trigger.CONFIGURED_AS_STANDBY, ADMIN);

        assertThatThrownBy(() -> second.transition(Trigger.CONFIGURED_AS_ACTIVE, ADMIN))
                .isInstanceOfSatisfying(RedundancyException.class,
                        e -> assertThat(e.reason()).isEqualTo(ReasonCode.UNEXPECTED))
                .hasMessageContaining("changed behind this NodeLifecycle's back")
                .hasMessageContaining("only one NodeLifecycle may use a directory");
        assertThat(f.open().state()).isEqualTo(NodeState.AWAITING_INITIAL_IMPORT);
    }

    @Test
    void aFileWhereTheDirectoryShouldBeIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("node"), "x");

        assertThatThrownBy(() -> NodeLifecycle.open(file, new NodeFixtures(file).clock, event -> { }))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("directory");
    }

    @Test
    void theClockTimesEveryEntry() {
        NodeFixtures f = node();
        NodeLifecycle node = f.into(NodeState.WARM_STANDBY);

        assertThat(node.auditTrail().read().entries()).extracting(AuditEntry::at)
                .containsExactly(T0.plusSeconds(1), T0.plusSeconds(2));
    }

    private static byte[] readIfExists(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllBytes(file) : null;
    }
}
