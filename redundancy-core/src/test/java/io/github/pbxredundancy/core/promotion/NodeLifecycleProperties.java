package io.github.pbxredundancy.core.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.internal.FileTrees;
import io.github.pbxredundancy.core.internal.promotion.NodeStateFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random programs of triggers, promotion operations, epochs seen, restarts and crashes against a
 * model written independently of {@link NodeStateMachine}: the node's state always equals the
 * model's, the epoch never decreases, the state file equals the memory, and every change has
 * exactly one audit entry.
 */
class NodeLifecycleProperties {
    private static final AuditContext WHO = AuditContext.of("Jürgen Admin", "");
    private static final Map<NodeState, Map<Trigger, NodeState>> TABLE = new EnumMap<>(NodeState.class);

    static {
        add(NodeState.NOT_CONFIGURED, Trigger.CONFIGURED_AS_STANDBY, NodeState.AWAITING_INITIAL_IMPORT);
        add(NodeState.NOT_CONFIGURED, Trigger.CONFIGURED_AS_ACTIVE, NodeState.ACTIVE);
        add(NodeState.AWAITING_INITIAL_IMPORT, Trigger.INITIAL_IMPORT_DONE, NodeState.WARM_STANDBY);
        add(NodeState.AWAITING_INITIAL_IMPORT, Trigger.DECONFIGURED, NodeState.NOT_CONFIGURED);
        add(NodeState.WARM_STANDBY, Trigger.INITIAL_IMPORT_LOST, NodeState.AWAITING_INITIAL_IMPORT);
        add(NodeState.WARM_STANDBY, Trigger.PROMOTION_REQUESTED, NodeState.PROMOTING);
        add(NodeState.WARM_STANDBY, Trigger.DECONFIGURED, NodeState.NOT_CONFIGURED);
        add(NodeState.PROMOTING, Trigger.PROMOTION_COMPLETED, NodeState.ACTIVE);
        add(NodeState.PROMOTION_FAILED, Trigger.RETRY, NodeState.PROMOTING);
        add(NodeState.PROMOTION_FAILED, Trigger.ABORT, NodeState.WARM_STANDBY);
        add(NodeState.FENCED, Trigger.FAILBACK_AS_STANDBY, NodeState.AWAITING_INITIAL_IMPORT);
        add(NodeState.FENCED, Trigger.DECONFIGURED, NodeState.NOT_CONFIGURED);
    }

    private static final List<Trigger> FORWARD_FIRST = List.of(Trigger.CONFIGURED_AS_STANDBY,
            Trigger.INITIAL_IMPORT_DONE, Trigger.PROMOTION_REQUESTED, Trigger.PROMOTION_COMPLETED, Trigger.RETRY,
            Trigger.FAILBACK_AS_STANDBY, Trigger.ABORT, Trigger.CONFIGURED_AS_ACTIVE, Trigger.INITIAL_IMPORT_LOST,
            Trigger.DECONFIGURED);

    private static void add(NodeState from, Trigger trigger, NodeState to) {
        TABLE.computeIfAbsent(from, s -> new EnumMap<>(Trigger.class)).put(trigger, to);
    }

    /** One step of a program. */
    sealed interface Op permits Fire, Advance, RaiseEpoch, Observe, StepDone, StepFailed, Note, Restart, Crash {
    }

    /** Any trigger; most are refused. */
    record Fire(Trigger trigger) implements Op {
    }

    /** One of the triggers the model allows now, the forward ones first, so that programs get far. */
    record Advance(int choice) implements Op {
    }

    record RaiseEpoch() implements Op {
    }

    record Observe(int above) implements Op {
    }

    record StepDone(String step) implements Op {
    }

    record StepFailed(String step) implements Op {
    }

    record Note() implements Op {
    }

    record Restart() implements Op {
    }

    /** A crash after the last change was persisted, before (or while) it was audited. */
    record Crash(boolean torn) implements Op {
    }

    @Provide
    Arbitrary<List<Op>> programs() {
        Arbitrary<String> step = Arbitraries.of("raise-epoch", "network-takeover", "module-activation");
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(Trigger.values()).filter(t -> t != Trigger.STEP_FAILED
                        && t != Trigger.HIGHER_EPOCH_SEEN).map(Fire::new)),
                Tuple.of(20, Arbitraries.frequency(Tuple.of(6, 0), Tuple.of(2, 1), Tuple.of(1, 2)).map(Advance::new)),
                Tuple.of(3, Arbitraries.just(new RaiseEpoch())),
                Tuple.of(2, Arbitraries.integers().between(-1, 2).map(Observe::new)),
                Tuple.of(3, step.map(StepDone::new)),
                Tuple.of(1, step.map(StepFailed::new)),
                Tuple.of(1, Arbitraries.just(new Note())),
                Tuple.of(2, Arbitraries.just(new Restart())),
                Tuple.of(1, Arbitraries.of(true, false).map(Crash::new)));
        return op.list().ofMinSize(5).ofMaxSize(30);
    }

    @Property(tries = 100)
    void theNodeFollowsTheModelAcrossRestartsAndCrashes(@ForAll("programs") List<Op> program) throws IOException {
        Path directory = Files.createTempDirectory("node-properties");
        try {
            NodeFixtures f = new NodeFixtures(directory);
            Model model = new Model();
            NodeLifecycle node = f.open();
            for (Op op : program) {
                f.tick();
                long before = node.epoch();
                node = apply(op, node, model, f);
                assertThat(node.epoch()).as("epoch after %s", op).isGreaterThanOrEqualTo(before);
                check(node, model, directory, op);
            }
        } finally {
            FileTrees.delete(directory, false);
        }
    }

    private static NodeLifecycle apply(Op op, NodeLifecycle node, Model model, NodeFixtures f) throws IOException {
        if (op instanceof Advance advance) {
            List<Trigger> allowed = model.allowed();
            return allowed.isEmpty() ? node : apply(new Fire(allowed.get(advance.choice() % allowed.size())), node, model,
                    f);
        }
        if (op instanceof Fire fire) {
            Trigger trigger = fire.trigger();
            NodeState to = TABLE.getOrDefault(model.state, Map.of()).get(trigger);
            if (!model.allowed().contains(trigger)) {
                assertThatThrownBy(() -> node.transition(trigger, WHO)).isInstanceOf(IllegalTransitionException.class);
                return node;
            }
            node.transition(trigger, WHO);
            if (trigger == Trigger.PROMOTION_REQUESTED) {
                model.startEpoch = model.epoch;
                model.completed.clear();
            }
            model.failed = null;
            model.state = to;
            model.endPromotionUnlessRunning();
            model.actions.add(trigger.name());
        } else if (op instanceof RaiseEpoch) {
            if (model.state != NodeState.PROMOTING) {
                assertThatThrownBy(() -> node.raiseEpoch(WHO)).isInstanceOfSatisfying(RedundancyException.class,
                        e -> assertThat(e.reason()).isEqualTo(ReasonCode.ILLEGAL_STATE));
                return node;
            }
            node.raiseEpoch(WHO);
            if (model.epoch == model.startEpoch) {
                model.epoch++;
                model.actions.add(AuditEntry.EPOCH_RAISED);
            }
        } else if (op instanceof Observe observe) {
            long seen = Math.max(0, model.epoch + observe.above());
            node.observeEpoch(seen, AuditContext.system("peer", List.of()));
            if (seen > model.epoch) {
                model.epoch = seen;
                if (model.state == NodeState.ACTIVE || model.state == NodeState.PROMOTING
                        || model.state == NodeState.PROMOTION_FAILED) {
                    model.state = NodeState.FENCED;
                    model.failed = null;
                    model.endPromotionUnlessRunning();
                    model.actions.add(Trigger.HIGHER_EPOCH_SEEN.name());
                } else {
                    model.actions.add(AuditEntry.EPOCH_OBSERVED);
                }
            }
        } else if (op instanceof StepDone done) {
            if (model.state != NodeState.PROMOTING) {
                assertThatThrownBy(() -> node.recordStepCompleted(done.step(), WHO))
                        .isInstanceOfSatisfying(RedundancyException.class,
                                e -> assertThat(e.reason()).isEqualTo(ReasonCode.ILLEGAL_STATE));
                return node;
            }
            node.recordStepCompleted(done.step(), WHO);
            if (!model.completed.contains(done.step())) {
                model.completed.add(done.step());
                model.actions.add(AuditEntry.STEP_COMPLETED);
            }
        } else if (op instanceof StepFailed failed) {
            if (model.state != NodeState.PROMOTING) {
                assertThatThrownBy(() -> node.recordStepFailed(failed.step(), WHO))
                        .isInstanceOf(IllegalTransitionException.class);
                return node;
            }
            if (model.completed.contains(failed.step())) {
                assertThatThrownBy(() -> node.recordStepFailed(failed.step(), WHO))
                        .isInstanceOf(InvalidInputException.class);
                return node;
            }
            node.recordStepFailed(failed.step(), WHO);
            model.state = NodeState.PROMOTION_FAILED;
            model.failed = failed.step();
            model.actions.add(Trigger.STEP_FAILED.name());
        } else if (op instanceof Note) {
            node.recordNote("NOTE", WHO);
            model.actions.add("NOTE");
        } else if (op instanceof Restart) {
            return f.open();
        } else if (op instanceof Crash crash) {
            Path trail = f.directory.resolve("audit.log");
            List<String> lines = Files.readAllLines(trail, StandardCharsets.UTF_8);
            if (lines.size() < 2) {
                return f.open();
            }
            String last = lines.remove(lines.size() - 1);
            Files.write(trail, lines, StandardCharsets.UTF_8);
            if (crash.torn()) {
                Files.writeString(trail, last.substring(0, last.length() / 2), StandardCharsets.UTF_8,
                        StandardOpenOption.APPEND);
            }
            NodeLifecycle reopened = f.open();
            model.actions.add(AuditEntry.RECOVERED);
            return reopened;
        }
        return node;
    }

    private static void check(NodeLifecycle node, Model model, Path directory, Op op) {
        NodeSnapshot snapshot = node.snapshot();
        assertThat(snapshot.state()).as("state after %s", op).isEqualTo(model.state);
        assertThat(snapshot.epoch()).as("epoch after %s", op).isEqualTo(model.epoch);
        assertThat(snapshot.promotion().map(PromotionProgress::startEpoch)).isEqualTo(model.promotionStart());
        assertThat(snapshot.promotion().map(PromotionProgress::completedSteps).orElse(List.of()))
                .isEqualTo(model.completed);
        assertThat(snapshot.promotion().flatMap(PromotionProgress::failedStep)).isEqualTo(Optional.ofNullable(
                model.failed));
        assertThat(NodeStateFile.read(directory.resolve("node-state")).map(NodeStateFile.Stored::snapshot)
                .orElse(NodeSnapshot.initial())).as("on disk after %s", op).isEqualTo(snapshot);
        List<AuditEntry> entries = AuditTrail.in(directory).read().entries();
        assertThat(entries).extracting(AuditEntry::action).as("audit after %s", op).isEqualTo(model.actions);
        if (!entries.isEmpty()) {
            assertThat(snapshot.lastChange()).contains(entries.get(entries.size() - 1));
        }
    }

    /** What the node should be, by the rules written down once more. */
    private static final class Model {
        NodeState state = NodeState.NOT_CONFIGURED;
        long epoch;
        long startEpoch = -1;
        final List<String> completed = new ArrayList<>();
        String failed;
        final List<String> actions = new ArrayList<>();

        /** The triggers allowed now, without those that carry data, the way towards a promotion first. */
        List<Trigger> allowed() {
            List<Trigger> allowed = new ArrayList<>();
            FORWARD_FIRST.stream().filter(TABLE.getOrDefault(state, Map.of())::containsKey).forEach(trigger -> {
                boolean guard = switch (trigger) {
                    case CONFIGURED_AS_ACTIVE -> epoch == 0;
                    case ABORT -> epoch == startEpoch;
                    case PROMOTION_COMPLETED -> epoch > startEpoch;
                    default -> true;
                };
                if (guard) {
                    allowed.add(trigger);
                }
            });
            return allowed;
        }

        void endPromotionUnlessRunning() {
            if (state != NodeState.PROMOTING && state != NodeState.PROMOTION_FAILED) {
                startEpoch = -1;
                completed.clear();
            }
        }

        Optional<Long> promotionStart() {
            return startEpoch < 0 ? Optional.empty() : Optional.of(startEpoch);
        }
    }
}
