package io.github.pbxredundancy.core.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RecordingNotifier;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.event.NodeFenced;
import io.github.pbxredundancy.core.event.PeerUnreachableAtStartup;
import io.github.pbxredundancy.core.spi.PeerEpoch;
import io.github.pbxredundancy.core.spi.PeerEpochQuery;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StartupGuard}: what a former active does at start, for each answer of its peer. */
class StartupGuardTest {
    private static final String PEER = "pbx-b (https://192.168.1.11)";

    @TempDir
    Path dir;

    private final RecordingNotifier guardEvents = new RecordingNotifier();
    private final RecordingNotifier fenceEvents = new RecordingNotifier();
    private final List<Duration> timeouts = new ArrayList<>();
    private NodeFixtures fixtures;
    private NodeLifecycle node;

    private NodeLifecycle node(NodeState state) {
        fixtures = new NodeFixtures(dir);
        node = fixtures.into(state);
        return node;
    }

    private StartupGuard.Builder guard(PeerEpochQuery peer) {
        return StartupGuard.builder().fence(EpochFence.of(node, fenceEvents)).clock(fixtures.clock).notifier(guardEvents)
                .peer(timeout -> {
                    timeouts.add(timeout);
                    return peer.ask(timeout);
                });
    }

    private static PeerEpochQuery answering(long epoch) {
        return timeout -> new PeerEpoch.Answered(PEER, epoch);
    }

    private static PeerEpochQuery unreachable(String reason) {
        return timeout -> new PeerEpoch.Unreachable(PEER, reason);
    }

    private List<String> auditActions() {
        return node.auditTrail().read().entries().stream().map(AuditEntry::action).toList();
    }

    @Test
    void aPeerAtTheSameOrALowerEpochLetsTheNodeClaimTheAddress() {
        node(NodeState.ACTIVE);
        int entries = auditActions().size();

        StartupDecision same = guard(answering(0)).timeout(Duration.ofSeconds(3)).build().check();

        assertThat(same).isEqualTo(new StartupDecision.Claim(0, PEER, 0, same.explanation()));
        assertThat(same.claimAddress()).isTrue();
        assertThat(same.explanation()).contains(PEER + " answered epoch 0", "claims the pair's address");
        assertThat(timeouts).containsExactly(Duration.ofSeconds(3));
        assertThat(node.state()).isEqualTo(NodeState.ACTIVE);
        assertThat(auditActions()).as("a normal start is not audited").hasSize(entries);
        assertThat(guardEvents.events()).isEmpty();
    }

    @Test
    void aPeerWithAHigherEpochFencesTheNodeAndSaysWhy() {
        node(NodeState.ACTIVE);

        StartupDecision decision = guard(answering(4)).build().check();

        assertThat(decision).isInstanceOfSatisfying(StartupDecision.Fenced.class, fenced -> {
            assertThat(fenced.previousEpoch()).isZero();
            assertThat(fenced.peerEpoch()).isEqualTo(4);
            assertThat(fenced.peer()).isEqualTo(PEER);
            assertThat(fenced.explanation()).isEqualTo(PEER + " holds epoch 4, higher than this node's epoch 0: it was"
                    + " promoted while this node was down. This node stays passive (FENCED): it claims no address and"
                    + " replicates nothing. Start a failback to make it the standby of " + PEER + ".");
        });
        assertThat(decision.claimAddress()).isFalse();
        assertThat(node.state()).isEqualTo(NodeState.FENCED);
        assertThat(node.epoch()).isEqualTo(4);
        assertThat(node.snapshot().lastChange().orElseThrow().context().checks())
                .containsExactly("at start-up, " + PEER + " answered epoch 4");
        assertThat(fenceEvents.ofType(NodeFenced.class)).singleElement()
                .satisfies(fenced -> assertThat(fenced.epoch()).isEqualTo(4));

        StartupDecision again = guard(answering(4)).build().check();
        assertThat(again).isInstanceOfSatisfying(StartupDecision.NotActive.class,
                notActive -> assertThat(notActive.state()).isEqualTo(NodeState.FENCED));
        assertThat(again.claimAddress()).isFalse();
    }

    @Test
    void anUnreachablePeerKeepsTheNodePassiveByDefaultWithAnAlertAndAnAuditNote() {
        node(NodeState.ACTIVE);

        StartupDecision decision = guard(unreachable("connection refused")).build().check();

        assertThat(decision).isInstanceOfSatisfying(StartupDecision.PeerUnreachable.class, unreachable -> {
            assertThat(unreachable.rule()).isEqualTo(UnreachablePeerRule.STAY_PASSIVE_AND_ALERT);
            assertThat(unreachable.reason()).isEqualTo("connection refused");
            assertThat(unreachable.explanation()).contains("could not be asked", "connection refused",
                    "STAY_PASSIVE_AND_ALERT", "claims nothing");
        });
        assertThat(decision.claimAddress()).isFalse();
        assertThat(node.state()).as("still ACTIVE in its state machine, but passive").isEqualTo(NodeState.ACTIVE);
        AuditEntry note = node.snapshot().lastChange().orElseThrow();
        assertThat(note.action()).isEqualTo(StartupGuard.PEER_UNREACHABLE);
        assertThat(note.context().checks()).containsExactly("peer " + PEER, "rule STAY_PASSIVE_AND_ALERT");
        assertThat(guardEvents.ofType(PeerUnreachableAtStartup.class)).singleElement().satisfies(event -> {
            assertThat(event.at()).isEqualTo(fixtures.clock.instant());
            assertThat(event.claimed()).isFalse();
            assertThat(event.rule()).isEqualTo(UnreachablePeerRule.STAY_PASSIVE_AND_ALERT);
            assertThat(event.peer()).isEqualTo(PEER);
            assertThat(event.epoch()).isZero();
        });
    }

    @Test
    void underClaimAndAlertAnUnreachablePeerStillClaimsButAlerts() {
        node(NodeState.ACTIVE);

        StartupDecision decision = guard(unreachable("timed out after 10 s"))
                .unreachablePeerRule(UnreachablePeerRule.CLAIM_AND_ALERT).build().check();

        assertThat(decision.claimAddress()).isTrue();
        assertThat(decision.explanation()).contains("CLAIM_AND_ALERT", "claims the pair's address all the same");
        assertThat(guardEvents.ofType(PeerUnreachableAtStartup.class)).singleElement()
                .satisfies(event -> assertThat(event.claimed()).isTrue());
        assertThat(node.snapshot().lastChange().orElseThrow().context().checks()).contains("rule CLAIM_AND_ALERT");
    }

    @Test
    void aQueryThatThrowsOrAnswersNothingCountsAsUnreachable() {
        node(NodeState.ACTIVE);

        StartupDecision thrown = guard(timeout -> {
            throw new IllegalStateException("no route to pbx-b");
        }).build().check();
        StartupDecision nothing = guard(timeout -> null).build().check();

        assertThat(thrown).isInstanceOfSatisfying(StartupDecision.PeerUnreachable.class,
                unreachable -> assertThat(unreachable.reason()).contains("the peer query failed", "no route to pbx-b"));
        assertThat(nothing).isInstanceOfSatisfying(StartupDecision.PeerUnreachable.class,
                unreachable -> assertThat(unreachable.reason()).isEqualTo("the peer query returned nothing"));
        assertThat(thrown.claimAddress()).isFalse();
        assertThat(nothing.claimAddress()).isFalse();
        assertThat(node.state()).isEqualTo(NodeState.ACTIVE);
    }

    @Test
    void aNodeThatIsNotActiveHasNothingToClaimAndTheQueryIsNotAsked() {
        for (NodeState state : new NodeState[] {NodeState.NOT_CONFIGURED, NodeState.WARM_STANDBY, NodeState.PROMOTING,
                NodeState.FENCED}) {
            dir = dir.resolve(state.name());
            node(state);

            StartupDecision decision = guard(answering(9)).build().check();

            assertThat(decision).isInstanceOfSatisfying(StartupDecision.NotActive.class,
                    notActive -> assertThat(notActive.state()).isEqualTo(state));
            assertThat(decision.claimAddress()).isFalse();
            assertThat(node.state()).isEqualTo(state);
        }
        assertThat(timeouts).isEmpty();
    }

    @Test
    void anOperatorMayClaimWithoutThePeerAndItIsAudited() {
        node(NodeState.ACTIVE);
        StartupGuard guard = guard(unreachable("connection refused")).build();
        assertThat(guard.check().claimAddress()).isFalse();
        AuditContext who = new AuditContext("Jürgen Admin", "standby hardware is in repair", List.of("called the site"));

        StartupDecision decision = guard.claimWithoutPeer(who);

        assertThat(decision).isInstanceOfSatisfying(StartupDecision.Overridden.class,
                overridden -> assertThat(overridden.context()).isEqualTo(who));
        assertThat(decision.claimAddress()).isTrue();
        assertThat(decision.explanation()).contains("Jürgen Admin", "standby hardware is in repair");
        AuditEntry note = node.snapshot().lastChange().orElseThrow();
        assertThat(note.action()).isEqualTo(StartupGuard.STARTUP_OVERRIDE);
        assertThat(note.context()).isEqualTo(who);
    }

    @Test
    void aFencedNodeCannotBeOverridden() {
        node(NodeState.FENCED);
        StartupGuard guard = guard(unreachable("down")).build();

        RedundancyException e = catchThrowableOfType(RedundancyException.class,
                () -> guard.claimWithoutPeer(NodeFixtures.ADMIN));

        assertThat(e.reason()).isEqualTo(ReasonCode.ILLEGAL_STATE);
        assertThat(e.getMessage()).contains("FENCED");
    }

    @Test
    void theBuilderNamesEveryMissingOrBadSetting() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> StartupGuard.builder().timeout(Duration.ZERO).unreachablePeerRule(null).build());

        assertThat(e.getMessage()).contains("fence", "peer", "clock", "unreachablePeerRule", "timeout");
        node(NodeState.ACTIVE);
        assertThat(catchThrowableOfType(InvalidInputException.class,
                () -> guard(answering(0)).timeout(Duration.ofMinutes(11)).build()).getMessage()).contains("timeout");
    }

    @Test
    void peerAnswersCleanTheirTextsAndRefuseANegativeEpoch() {
        assertThat(new PeerEpoch.Unreachable("pbx-b\n", " ").reason()).isEqualTo("(no details)");
        assertThat(new PeerEpoch.Unreachable("pbx-b\n", "x").peer()).isEqualTo("'pbx-b\\u000A'");
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> new PeerEpoch.Answered(PEER, -1)).getMessage())
                .contains("epoch");
    }
}
