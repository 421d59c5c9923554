package io.github.pbxredundancy.core.promotion;

import io.github.pbxredundancy.core.MutableClock;
import io.github.pbxredundancy.core.RecordingNotifier;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A node in a temporary directory on a manual clock, and the shortest ways into each state. */
final class NodeFixtures {
    static final Instant T0 = Instant.parse("2016-01-26T05:00:00Z");
    static final AuditContext ADMIN = new AuditContext("Jürgen Admin", "Wartung", List.of("probes down 60s"));

    final Path directory;
    final MutableClock clock = new MutableClock(T0);
    final RecordingNotifier events = new RecordingNotifier();

    NodeFixtures(Path directory) {
        this.directory = directory;
    }

    NodeLifecycle open() {
        return NodeLifecycle.open(directory, clock, events);
    }

    /** Drives a fresh node (NOT_CONFIGURED, epoch 0) into a state by the shortest way; a second apart each. */
    NodeLifecycle into(NodeState target) {
        NodeLifecycle node = open();
        switch (target) {
            case NOT_CONFIGURED:
                break;
            case AWAITING_INITIAL_IMPORT:
                fire(node, Trigger.CONFIGURED_AS_STANDBY);
                break;
            case WARM_STANDBY:
                fire(node, Trigger.CONFIGURED_AS_STANDBY, Trigger.INITIAL_IMPORT_DONE);
                break;
            case PROMOTING:
                fire(node, Trigger.CONFIGURED_AS_STANDBY, Trigger.INITIAL_IMPORT_DONE, Trigger.PROMOTION_REQUESTED);
                break;
            case PROMOTION_FAILED:
                fire(node, Trigger.CONFIGURED_AS_STANDBY, Trigger.INITIAL_IMPORT_DONE, Trigger.PROMOTION_REQUESTED);
                tick();
                node.recordStepFailed("network-takeover", ADMIN);
                break;
            case ACTIVE:
                fire(node, Trigger.CONFIGURED_AS_ACTIVE);
                break;
            case FENCED:
                fire(node, Trigger.CONFIGURED_AS_ACTIVE);
                tick();
                node.observeEpoch(1, AuditContext.system("peer pbx-b reported epoch 1", List.of()));
                break;
            default:
                throw new AssertionError(target);
        }
        return node;
    }

    void fire(NodeLifecycle node, Trigger... triggers) {
        for (Trigger trigger : triggers) {
            tick();
            node.transition(trigger, ADMIN);
        }
    }

    void tick() {
        clock.advance(Duration.ofSeconds(1));
    }
}
