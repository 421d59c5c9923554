package io.github.pbxredundancy.core.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.GiveUpReason;
import io.github.pbxredundancy.core.IntervalUnit;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.ReceiverStatus;
import io.github.pbxredundancy.core.ReplicationSchedule;
import io.github.pbxredundancy.core.ReplicationStatus;
import io.github.pbxredundancy.core.RetrySchedule;
import io.github.pbxredundancy.core.SoftwareVersion;
import io.github.pbxredundancy.core.event.AttemptFailure;
import io.github.pbxredundancy.core.event.RunFailed;
import io.github.pbxredundancy.core.event.RunSucceeded;
import io.github.pbxredundancy.core.promotion.NodeStatus.BundleAge;
import io.github.pbxredundancy.core.promotion.NodeStatus.LastError;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link NodeStatusProbe}: colours, the newest bundle's age against the RPO, the last error, on a
 * manual clock. The pair replicates daily at 05:00 in Berlin (04:00 UTC in winter) with the
 * STARFACE default of 10 attempts 5 minutes apart (a 45-minute span) and a 30-minute grace: a
 * bundle accepted at 05:03 is followed by one due by 06:15 the next day.
 */
class NodeStatusProbeTest {
    private static final ReplicationSchedule DAILY = ReplicationSchedule.of(LocalDate.of(2016, 1, 26), LocalTime.of(5, 0),
            ZoneId.of("Europe/Berlin"), IntervalUnit.DAY, 1);
    private static final Instant ACCEPTED = Instant.parse("2016-01-26T04:03:00Z");
    private static final Instant DUE = Instant.parse("2016-01-27T05:15:00Z");
    private static final BundleId BUNDLE = BundleId.parse("20160126T040000Z-e0-0000000000000001");

    @TempDir
    Path dir;

    private final AtomicReference<ReplicationStatus> replication = new AtomicReference<>(idle(Optional.empty(),
            Optional.empty()));
    private final AtomicReference<ReceiverStatus> received = new AtomicReference<>(receiving(Optional.empty(),
            Optional.empty()));
    private NodeFixtures fixtures;
    private NodeLifecycle node;

    private static ReplicationStatus idle(Optional<RunSucceeded> success, Optional<RunFailed> failure) {
        return new ReplicationStatus(true, Optional.empty(), success, failure, Optional.empty());
    }

    private static ReceiverStatus receiving(Optional<ReceiverStatus.KeptBundle> current,
                                            Optional<ReceiverStatus.Refusal> refusal) {
        return new ReceiverStatus(current, current.map(kept -> List.of(kept.bundleId())).orElse(List.of()),
                current.map(ReceiverStatus.KeptBundle::epoch).orElse(0L), Optional.empty(), refusal);
    }

    private NodeStatusProbe probe(NodeState state) {
        fixtures = new NodeFixtures(dir.resolve(state.name()));
        node = fixtures.into(state);
        fixtures.clock.set(ACCEPTED);
        return NodeStatusProbe.builder().node(node).replicationStatus(replication::get).receiverStatus(received::get)
                .schedule(DAILY).retries(RetrySchedule.starfaceDefault(10)).clock(fixtures.clock).build();
    }

    @Test
    void anActiveWithAFreshBundleIsGreenAndTurnsOrangeWhenTheNextOneIsOverdue() {
        NodeStatusProbe probe = probe(NodeState.ACTIVE);
        replication.set(idle(Optional.of(new RunSucceeded(ACCEPTED, 1, BUNDLE, 1)), Optional.empty()));
        fixtures.clock.set(ACCEPTED.plus(Duration.ofHours(3)));

        NodeStatus fresh = probe.status();

        assertThat(fresh.role()).isEqualTo(NodeRole.ACTIVE);
        assertThat(fresh.state()).isEqualTo(NodeState.ACTIVE);
        assertThat(fresh.epoch()).isZero();
        assertThat(fresh.colour()).isEqualTo(StatusColour.GREEN);
        assertThat(fresh.degraded()).isFalse();
        assertThat(fresh.at()).isEqualTo(ACCEPTED.plus(Duration.ofHours(3)));
        assertThat(fresh.lastBundle()).contains(new BundleAge(Optional.of(BUNDLE), Optional.of(ACCEPTED),
                Duration.ofHours(3), Duration.between(ACCEPTED, DUE), DUE));
        assertThat(fresh.lastError()).isEmpty();
        assertThat(fresh.lastChange()).isEqualTo(node.snapshot().lastChange());

        fixtures.clock.set(DUE.minusMillis(1));
        assertThat(probe.status().colour()).isEqualTo(StatusColour.GREEN);

        fixtures.clock.set(DUE);
        NodeStatus overdue = probe.status();
        assertThat(overdue.colour()).isEqualTo(StatusColour.ORANGE);
        assertThat(overdue.degraded()).isTrue();
        assertThat(overdue.lastBundle().orElseThrow().age()).isEqualTo(Duration.between(ACCEPTED, DUE));
        assertThat(overdue.lastBundle().orElseThrow().overdue()).isTrue();
    }

    @Test
    void anActiveWithoutAnyBundleCountsFromTheProbesStart() {
        NodeStatusProbe probe = probe(NodeState.ACTIVE);

        fixtures.clock.advance(Duration.ofHours(2));
        NodeStatus status = probe.status();

        BundleAge age = status.lastBundle().orElseThrow();
        assertThat(age.bundleId()).isEmpty();
        assertThat(age.acceptedAt()).isEmpty();
        assertThat(age.age()).as("since the probe started at " + ACCEPTED).isEqualTo(Duration.ofHours(2));
        assertThat(age.dueBy()).isEqualTo(DUE);
        assertThat(status.colour()).isEqualTo(StatusColour.GREEN);

        fixtures.clock.set(DUE);
        assertThat(probe.status().colour()).as("no bundle within the RPO since the start").isEqualTo(StatusColour.ORANGE);
    }

    @Test
    void aStandbyShowsItsReceiversCurrentBundleAndStaysOrange() {
        NodeStatusProbe probe = probe(NodeState.WARM_STANDBY);
        received.set(receiving(Optional.of(new ReceiverStatus.KeptBundle(BUNDLE, "pbx-a", SoftwareVersion.parse("7.3.1.5"),
                0, ACCEPTED.minusSeconds(3), 4096, "a".repeat(64), ACCEPTED)), Optional.empty()));
        fixtures.clock.set(ACCEPTED.plus(Duration.ofHours(1)));

        NodeStatus status = probe.status();

        assertThat(status.role()).isEqualTo(NodeRole.STANDBY);
        assertThat(status.colour()).isEqualTo(StatusColour.ORANGE);
        assertThat(status.degraded()).isFalse();
        assertThat(status.lastBundle().orElseThrow().bundleId()).contains(BUNDLE);
        assertThat(status.lastBundle().orElseThrow().age()).isEqualTo(Duration.ofHours(1));

        fixtures.clock.set(DUE.plus(Duration.ofDays(1)));
        assertThat(probe.status().degraded()).isTrue();
        assertThat(probe.status().colour()).as("orange already; overdue does not make it red").isEqualTo(StatusColour.ORANGE);
    }

    @Test
    void redStatesStayRedAndAFencedNodeShowsNoBundleButWhyItIsFenced() {
        NodeStatusProbe fenced = probe(NodeState.FENCED);
        replication.set(idle(Optional.of(new RunSucceeded(ACCEPTED, 1, BUNDLE, 1)), Optional.empty()));

        NodeStatus status = fenced.status();

        assertThat(status.colour()).isEqualTo(StatusColour.RED);
        assertThat(status.role()).isEqualTo(NodeRole.FENCED);
        assertThat(status.epoch()).isEqualTo(1);
        assertThat(status.lastBundle()).isEmpty();
        assertThat(status.lastChange().orElseThrow().action()).isEqualTo("HIGHER_EPOCH_SEEN");
        assertThat(probe(NodeState.PROMOTION_FAILED).status().colour()).isEqualTo(StatusColour.RED);
        assertThat(probe(NodeState.NOT_CONFIGURED).status().colour()).isEqualTo(StatusColour.ORANGE);
    }

    @Test
    void theLastErrorIsTheNewestOfReplicationRefusalAndImport() {
        NodeStatusProbe probe = probe(NodeState.ACTIVE);
        Instant failedAt = ACCEPTED.plus(Duration.ofMinutes(40));
        AttemptFailure last = new AttemptFailure(2, failedAt, ReasonCode.STALE_EPOCH, "the standby rejected bundle b: stale");
        replication.set(idle(Optional.of(new RunSucceeded(ACCEPTED, 1, BUNDLE, 1)), Optional.of(new RunFailed(
                failedAt.plusSeconds(1), 2, GiveUpReason.NOT_RETRYABLE, "not retryable",
                List.of(new AttemptFailure(1, ACCEPTED, ReasonCode.TIMEOUT, "no answer"), last)))));
        received.set(receiving(Optional.empty(), Optional.of(new ReceiverStatus.Refusal(BUNDLE, failedAt.minusSeconds(60),
                ReasonCode.FOREIGN_PAIR, "another pair"))));

        assertThat(probe.status().lastError()).contains(new LastError(failedAt.plusSeconds(1), NodeStatus.Source.REPLICATION,
                ReasonCode.STALE_EPOCH, "the standby rejected bundle b: stale"));

        received.set(receiving(Optional.empty(), Optional.of(new ReceiverStatus.Refusal(BUNDLE, failedAt.plusSeconds(60),
                ReasonCode.FOREIGN_PAIR, "another pair"))));
        assertThat(probe.status().lastError()).contains(new LastError(failedAt.plusSeconds(60), NodeStatus.Source.RECEIVER,
                ReasonCode.FOREIGN_PAIR, "another pair"));
        assertThat(probe.status().colour()).as("an error alone does not change the colour").isEqualTo(StatusColour.GREEN);
    }

    @Test
    void aFailingStatusSourceIsLeftOut() {
        fixtures = new NodeFixtures(dir);
        NodeStatusProbe probe = NodeStatusProbe.builder().node(fixtures.into(NodeState.ACTIVE)).replicationStatus(() -> {
            throw new IllegalStateException("replicator gone");
        }).schedule(DAILY).retries(RetrySchedule.starfaceDefault(10)).clock(fixtures.clock).build();

        NodeStatus status = probe.status();

        assertThat(status.lastBundle()).isEmpty();
        assertThat(status.colour()).isEqualTo(StatusColour.GREEN);
    }

    @Test
    void aProbeWithoutSourcesNeedsNoScheduleAndTheBuilderNamesWhatIsMissing() {
        fixtures = new NodeFixtures(dir);
        NodeLifecycle node = fixtures.into(NodeState.ACTIVE);
        NodeStatus bare = NodeStatusProbe.builder().node(node).clock(fixtures.clock).build().status();
        assertThat(bare.lastBundle()).isEmpty();
        assertThat(bare.colour()).isEqualTo(StatusColour.GREEN);

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> NodeStatusProbe.builder().replicationStatus(replication::get).grace(Duration.ofSeconds(-1)).build());

        assertThat(e.getMessage()).contains("node", "clock", "schedule", "retries", "with a receiver or replicator",
                "grace");
    }

    @Test
    void theStatusRecordRefusesAColourOrRoleThatDoesNotFitTheState() {
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> new NodeStatus(ACCEPTED, NodeRole.ACTIVE,
                NodeState.FENCED, 1, StatusColour.RED, Optional.empty(), Optional.empty(), Optional.empty()))
                .getMessage()).contains("role");
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> new NodeStatus(ACCEPTED, NodeRole.FENCED,
                NodeState.FENCED, 1, StatusColour.ORANGE, Optional.empty(), Optional.empty(), Optional.empty()))
                .getMessage()).contains("colour");
        assertThat(new NodeStatus(ACCEPTED, NodeRole.ACTIVE, NodeState.ACTIVE, 1, StatusColour.ORANGE, Optional.empty(),
                Optional.empty(), Optional.empty()).colour()).isEqualTo(StatusColour.ORANGE);
    }
}
