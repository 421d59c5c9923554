package io.github.pbxredundancy.core.promotion;

import static io.github.pbxredundancy.core.promotion.NodeState.ACTIVE;
import static io.github.pbxredundancy.core.promotion.NodeState.AWAITING_INITIAL_IMPORT;
import static io.github.pbxredundancy.core.promotion.NodeState.FENCED;
import static io.github.pbxredundancy.core.promotion.NodeState.NOT_CONFIGURED;
import static io.github.pbxredundancy.core.promotion.NodeState.PROMOTING;
import static io.github.pbxredundancy.core.promotion.NodeState.PROMOTION_FAILED;
import static io.github.pbxredundancy.core.promotion.NodeState.WARM_STANDBY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pbxredundancy.core.ReasonCode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeStateMachineTest {
    private static final AuditContext WHO = AuditContext.of("admin", "");

    @Test
    void theTableHoldsExactlyTheseTransitions() {
        assertThat(NodeStateMachine.transitions()).extracting(t -> t.from() + " " + t.trigger() + " " + t.to())
                .containsExactly(
                        "NOT_CONFIGURED CONFIGURED_AS_STANDBY AWAITING_INITIAL_IMPORT",
                        "NOT_CONFIGURED CONFIGURED_AS_ACTIVE ACTIVE",
                        "AWAITING_INITIAL_IMPORT INITIAL_IMPORT_DONE WARM_STANDBY",
                        "AWAITING_INITIAL_IMPORT DECONFIGURED NOT_CONFIGURED",
                        "WARM_STANDBY INITIAL_IMPORT_LOST AWAITING_INITIAL_IMPORT",
                        "WARM_STANDBY PROMOTION_REQUESTED PROMOTING",
                        "WARM_STANDBY DECONFIGURED NOT_CONFIGURED",
                        "PROMOTING STEP_FAILED PROMOTION_FAILED",
                        "PROMOTING PROMOTION_COMPLETED ACTIVE",
                        "PROMOTING HIGHER_EPOCH_SEEN FENCED",
                        "PROMOTION_FAILED RETRY PROMOTING",
                        "PROMOTION_FAILED ABORT WARM_STANDBY",
                        "PROMOTION_FAILED HIGHER_EPOCH_SEEN FENCED",
                        "ACTIVE HIGHER_EPOCH_SEEN FENCED",
                        "FENCED FAILBACK_AS_STANDBY AWAITING_INITIAL_IMPORT",
                        "FENCED DECONFIGURED NOT_CONFIGURED");
        assertThat(NodeStateMachine.transitions()).allSatisfy(t -> assertThat(t.guard()).isNotBlank());
        assertThat(NodeStateMachine.transitions()).filteredOn(t -> t.enforced().isPresent())
                .extracting(t -> t.trigger() + ": " + t.enforced().get())
                .containsExactly("CONFIGURED_AS_ACTIVE: epoch 0 only", "PROMOTION_COMPLETED: epoch raised",
                        "ABORT: epoch not raised");
    }

    @Test
    void everyStateIsReachableAndEveryTriggerUsed() {
        Set<NodeState> reached = EnumSet.of(NOT_CONFIGURED);
        Deque<NodeState> open = new ArrayDeque<>(reached);
        while (!open.isEmpty()) {
            NodeState from = open.pop();
            NodeStateMachine.transitions().stream().filter(t -> t.from() == from).map(Transition::to)
                    .filter(reached::add).forEach(open::push);
        }
        assertThat(reached).containsExactlyInAnyOrder(NodeState.values());
        assertThat(NodeStateMachine.transitions().stream().map(Transition::trigger).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(Trigger.values());
    }

    @Test
    void anActiveNodeLeavesOnlyByAHigherEpoch() {
        assertThat(NodeStateMachine.triggersFrom(ACTIVE)).containsExactly(Trigger.HIGHER_EPOCH_SEEN);
        assertThat(NodeStateMachine.transitions()).filteredOn(t -> t.to() == ACTIVE).extracting(Transition::trigger)
                .containsExactlyInAnyOrder(Trigger.CONFIGURED_AS_ACTIVE, Trigger.PROMOTION_COMPLETED);
    }

    static Stream<Arguments> everyStateAndTrigger() {
        return Arrays.stream(NodeState.values())
                .flatMap(state -> Arrays.stream(Trigger.values()).map(trigger -> Arguments.of(state, trigger)));
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("everyStateAndTrigger")
    void aTriggerOutsideTheTableIsRefusedNamingStateTriggerAndTheAllowedOnes(NodeState state, Trigger trigger) {
        NodeSnapshot snapshot = snapshotIn(state, false);
        Optional<Transition> transition = NodeStateMachine.find(state, trigger);
        if (transition.isPresent()) {
            assertThat(NodeStateMachine.triggersFrom(state)).contains(trigger);
            return;
        }
        assertThat(NodeStateMachine.triggersFrom(state)).doesNotContain(trigger);
        assertThatThrownBy(() -> NodeStateMachine.check(snapshot, trigger))
                .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ReasonCode.ILLEGAL_STATE);
                    assertThat(e.state()).isEqualTo(state);
                    assertThat(e.trigger()).isEqualTo(trigger);
                    assertThat(e.allowedTriggers()).isEqualTo(NodeStateMachine.allowedTriggers(snapshot));
                    assertThat(e.getMessage()).contains("trigger " + trigger, "state " + state,
                            "no such transition", "allowed triggers: " + (e.allowedTriggers().isEmpty() ? "none"
                                    : e.allowedTriggers().stream().map(Trigger::name).collect(Collectors.joining(", "))));
                });
    }

    @Test
    void configuredAsActiveOnlyAtEpochZero() {
        NodeSnapshot fresh = NodeSnapshot.initial();
        assertThat(NodeStateMachine.check(fresh, Trigger.CONFIGURED_AS_ACTIVE).to()).isEqualTo(ACTIVE);

        NodeSnapshot seenEpoch = new NodeSnapshot(NOT_CONFIGURED, 3, Optional.empty(),
                Optional.of(note(NOT_CONFIGURED, 3, Optional.empty())));
        assertThat(seenEpoch.allowedTriggers()).containsExactly(Trigger.CONFIGURED_AS_STANDBY);
        assertThatThrownBy(() -> NodeStateMachine.check(seenEpoch, Trigger.CONFIGURED_AS_ACTIVE))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("trigger CONFIGURED_AS_ACTIVE is not allowed in state NOT_CONFIGURED")
                .hasMessageContaining("has seen epoch 3").hasMessageContaining("allowed triggers: CONFIGURED_AS_STANDBY");
    }

    @Test
    void abortIsAllowedOnlyUntilThePromotionRaisedTheEpoch() {
        NodeSnapshot notRaised = snapshotIn(PROMOTION_FAILED, false);
        assertThat(notRaised.allowedTriggers()).containsExactly(Trigger.RETRY, Trigger.ABORT, Trigger.HIGHER_EPOCH_SEEN);
        assertThat(NodeStateMachine.check(notRaised, Trigger.ABORT).to()).isEqualTo(WARM_STANDBY);

        NodeSnapshot raised = snapshotIn(PROMOTION_FAILED, true);
        assertThat(raised.allowedTriggers()).containsExactly(Trigger.RETRY, Trigger.HIGHER_EPOCH_SEEN);
        assertThatThrownBy(() -> NodeStateMachine.check(raised, Trigger.ABORT))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("trigger ABORT is not allowed in state PROMOTION_FAILED")
                .hasMessageContaining("raised the epoch to 6").hasMessageContaining("allowed triggers: RETRY,"
                        + " HIGHER_EPOCH_SEEN");
    }

    @Test
    void aPromotionCompletesOnlyAfterRaisingTheEpoch() {
        NodeSnapshot notRaised = snapshotIn(PROMOTING, false);
        assertThat(notRaised.allowedTriggers()).containsExactly(Trigger.STEP_FAILED, Trigger.HIGHER_EPOCH_SEEN);
        assertThatThrownBy(() -> NodeStateMachine.check(notRaised, Trigger.PROMOTION_COMPLETED))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("has not raised the epoch yet");

        NodeSnapshot raised = snapshotIn(PROMOTING, true);
        assertThat(raised.allowedTriggers()).containsExactly(Trigger.STEP_FAILED, Trigger.PROMOTION_COMPLETED,
                Trigger.HIGHER_EPOCH_SEEN);
        assertThat(NodeStateMachine.check(raised, Trigger.PROMOTION_COMPLETED).to()).isEqualTo(ACTIVE);
    }

    @Test
    void theDiagramIsDeterministicAndShowsEveryTransition() {
        String diagram = NodeStateMachine.toMermaid();

        assertThat(NodeStateMachine.toMermaid()).isEqualTo(diagram);
        assertThat(diagram).startsWith("stateDiagram-v2\n    [*] --> NOT_CONFIGURED\n").endsWith("\n");
        for (Transition t : NodeStateMachine.transitions()) {
            assertThat(diagram).contains("    " + t.from() + " --> " + t.to() + " : " + t.trigger()
                    + t.enforced().map(rule -> " (" + rule + ")").orElse("") + "\n");
        }
        assertThat(diagram).contains("    class ACTIVE green\n",
                "    class NOT_CONFIGURED,AWAITING_INITIAL_IMPORT,WARM_STANDBY,PROMOTING orange\n",
                "    class PROMOTION_FAILED,FENCED red\n");
        assertThat(diagram.lines()).doesNotHaveDuplicates();
    }

    /** A valid snapshot in a state; in a promotion, started at epoch 5 and raised to 6 if asked. */
    static NodeSnapshot snapshotIn(NodeState state, boolean epochRaised) {
        long epoch = epochRaised ? 6 : 5;
        Optional<PromotionProgress> promotion = Optional.empty();
        if (state.inPromotion()) {
            promotion = Optional.of(new PromotionProgress("p1", 5, List.of("raise-epoch"), state == PROMOTION_FAILED
                    ? Optional.of("network-takeover") : Optional.empty()));
        }
        AuditEntry last = note(state, epoch, promotion.map(PromotionProgress::id));
        return new NodeSnapshot(state, epoch, promotion, Optional.of(last));
    }

    private static AuditEntry note(NodeState state, long epoch, Optional<String> promotion) {
        return new AuditEntry(Instant.parse("2016-01-26T05:00:00Z"), "NOTE", state, state, epoch, promotion,
                Optional.empty(), WHO);
    }

    @Test
    void fencedAndAwaitingStatesHaveTheirWaysOut() {
        assertThat(NodeStateMachine.triggersFrom(FENCED)).containsExactly(Trigger.FAILBACK_AS_STANDBY,
                Trigger.DECONFIGURED);
        assertThat(NodeStateMachine.triggersFrom(AWAITING_INITIAL_IMPORT)).containsExactly(Trigger.INITIAL_IMPORT_DONE,
                Trigger.DECONFIGURED);
    }
}
