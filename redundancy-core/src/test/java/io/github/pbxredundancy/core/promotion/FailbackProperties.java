package io.github.pbxredundancy.core.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.Receiver;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.SoftwareVersion;
import io.github.pbxredundancy.core.internal.FileTrees;
import io.github.pbxredundancy.core.internal.promotion.FailbackPlanFile;
import io.github.pbxredundancy.license.LicenseKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Random orders of step completions, failures, skips, restarts and crashes (after the plan was
 * saved, before the change was audited) against a model of the plan order: a step changes only
 * when every step before it is done; statuses only progress in plan order; a done step stays done,
 * exactly as recorded, across restarts; the file always holds the plan in memory; every change has
 * exactly one audit note; the address may be claimed exactly when steps 1 to 4 are done.
 */
class FailbackProperties {
    private static final AuditContext WHO = AuditContext.of("Jürgen Admin", "");
    private static final List<FailbackStatus.Kind> KINDS = List.of(FailbackStatus.Kind.DONE, FailbackStatus.Kind.FAILED,
            FailbackStatus.Kind.SKIPPED);
    private static final List<String> NOTES = List.of(Failback.STEP_DONE, Failback.STEP_FAILED, Failback.STEP_SKIPPED);

    /** One step of a program. */
    sealed interface Op permits Record, Restart, Crash {
    }

    /** Records a status for a step through the failback; refused unless the model allows it. */
    record Record(FailbackStep step, FailbackStatus.Kind kind) implements Op {
    }

    /** Stops and starts the node: lifecycle, receiver and failback read from disk. */
    record Restart() implements Op {
    }

    /** A crash after the plan with this change was saved, before the change was audited; then a start. */
    record Crash(FailbackStep step, FailbackStatus.Kind kind) implements Op {
    }

    @Provide
    Arbitrary<List<Op>> programs() {
        Arbitrary<FailbackStep> step = Arbitraries.of(FailbackStep.values());
        Arbitrary<FailbackStatus.Kind> kind = Arbitraries.frequency(Tuple.of(6, FailbackStatus.Kind.DONE),
                Tuple.of(2, FailbackStatus.Kind.FAILED), Tuple.of(1, FailbackStatus.Kind.SKIPPED));
        // Half of the records aim at the step the model would take next, so that programs get far.
        Arbitrary<Op> record = Combinators.combine(step, kind).as(Record::new);
        Arbitrary<Op> next = kind.map(k -> new Record(null, k));
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                Tuple.of(8, record),
                Tuple.of(8, next),
                Tuple.of(2, Arbitraries.just(new Restart())),
                Tuple.of(2, Combinators.combine(step, kind).as(Crash::new)));
        return op.list().ofMinSize(3).ofMaxSize(30);
    }

    @Property(tries = 80)
    void statusesOnlyProgressInPlanOrderAndADoneStepStaysDoneAcrossRestarts(@ForAll("programs") List<Op> program)
            throws IOException {
        Path directory = Files.createTempDirectory("failback-properties");
        try {
            Run run = new Run(directory);
            for (Op op : program) {
                run.fixtures.tick();
                run.apply(op);
                run.check(op);
            }
            Statistics.label("steps done or skipped").collect(run.model.values().stream()
                    .filter(k -> k == FailbackStatus.Kind.DONE || k == FailbackStatus.Kind.SKIPPED).count());
        } finally {
            FileTrees.delete(directory, false);
        }
    }

    /** One try: the node, its failback and the model. */
    private static final class Run {
        final Path directory;
        final NodeFixtures fixtures;
        final Map<FailbackStep, FailbackStatus.Kind> model = new EnumMap<>(FailbackStep.class);
        final Map<FailbackStep, FailbackStatus> finals = new EnumMap<>(FailbackStep.class);
        int changes;
        NodeLifecycle node;
        Failback failback;

        Run(Path directory) {
            this.directory = directory;
            this.fixtures = new NodeFixtures(directory.resolve("node"));
            this.node = fixtures.into(NodeState.FENCED);
            this.failback = Failback.open(node, receiver(), fixtures.clock, fixtures.events);
            failback.start("pbx-b", WHO);
            for (FailbackStep step : FailbackStep.values()) {
                model.put(step, FailbackStatus.Kind.PENDING);
            }
        }

        Receiver receiver() {
            NodeLifecycle owner = node;
            return Receiver.builder().root(directory.resolve("store"))
                    .activeServerKey(LicenseKey.parse("XXXXX-YYYYY-ZZZZZ-11111"))
                    .ownVersion(SoftwareVersion.parse("7.3.1.5")).importer(request -> { }).clock(fixtures.clock)
                    .freeSpaceReserve(1 << 20).epochFloor(owner::epoch).build();
        }

        void restart() {
            node = fixtures.open();
            failback = Failback.open(node, receiver(), fixtures.clock, fixtures.events);
        }

        /** Why the model refuses a change, naming the first step in the way; empty if it allows it. */
        Optional<String> refusal(FailbackStep step, FailbackStatus.Kind kind) {
            FailbackStatus.Kind now = model.get(step);
            if (now == FailbackStatus.Kind.DONE || now == FailbackStatus.Kind.SKIPPED) {
                return Optional.of("is " + now + " already");
            }
            if (kind == FailbackStatus.Kind.SKIPPED && step != FailbackStep.RECREATE_REDUNDANCY) {
                return Optional.of("cannot be skipped");
            }
            for (FailbackStep before : FailbackStep.values()) {
                if (before == step) {
                    break;
                }
                FailbackStatus.Kind status = model.get(before);
                if (status != FailbackStatus.Kind.DONE && status != FailbackStatus.Kind.SKIPPED) {
                    return Optional.of(": step " + before.number() + " " + before.id() + " (");
                }
            }
            return Optional.empty();
        }

        FailbackStatus status(FailbackStatus.Kind kind) {
            return switch (kind) {
                case DONE -> new FailbackStatus.Done(fixtures.clock.instant(), "Anna Weber", List.of("checked by hand"));
                case FAILED -> new FailbackStatus.Failed(fixtures.clock.instant(), "Anna Weber", "the host said no");
                case SKIPPED -> new FailbackStatus.Skipped(fixtures.clock.instant(), "Anna Weber", "not needed here");
                case PENDING -> throw new AssertionError(kind);
            };
        }

        FailbackStep nextInModel() {
            for (FailbackStep step : FailbackStep.values()) {
                FailbackStatus.Kind kind = model.get(step);
                if (kind != FailbackStatus.Kind.DONE && kind != FailbackStatus.Kind.SKIPPED) {
                    return step;
                }
            }
            return FailbackStep.RECREATE_REDUNDANCY;
        }

        void apply(Op op) throws IOException {
            if (op instanceof Restart) {
                restart();
                return;
            }
            FailbackStep step;
            FailbackStatus.Kind kind;
            boolean crash = op instanceof Crash;
            if (op instanceof Record record) {
                step = record.step() == null ? nextInModel() : record.step();
                kind = record.kind();
            } else {
                step = ((Crash) op).step();
                kind = ((Crash) op).kind();
            }
            FailbackPlan before = failback.plan().orElseThrow();
            FailbackStatus status = status(kind);
            Optional<String> expected = refusal(step, kind);
            try {
                if (crash) {
                    FailbackPlan next = before.with(step, status);
                    FailbackPlanFile.replace(node.directory().resolve(FailbackPlanFile.NAME), Optional.of(before), next);
                    restart();
                } else {
                    failback.apply(before, step, status, "by hand", List.of());
                }
            } catch (RedundancyException e) {
                assertThat(e.reason()).isEqualTo(ReasonCode.ILLEGAL_STATE);
                assertThat(expected).as("%s %s was refused: %s", step, kind, e.getMessage()).isPresent();
                assertThat(e.getMessage()).contains(expected.get());
                assertThat(failback.plan()).as("a refusal changes nothing").contains(before);
                return;
            }
            assertThat(expected).as("%s %s was accepted", step, kind).isEmpty();
            model.put(step, kind);
            changes++;
            if (kind != FailbackStatus.Kind.FAILED) {
                finals.put(step, status);
            }
        }

        void check(Op op) {
            FailbackPlan plan = failback.plan().orElseThrow();
            for (FailbackStep step : FailbackStep.values()) {
                assertThat(plan.status(step).kind()).as("%s after %s", step, op).isEqualTo(model.get(step));
                if (plan.status(step).kind() != FailbackStatus.Kind.PENDING) {
                    assertThat(plan.notDoneBefore(step)).as("steps before %s after %s", step, op).isEmpty();
                }
            }
            finals.forEach((step, status) -> assertThat(plan.status(step)).as("final %s after %s", step, op)
                    .isEqualTo(status));
            assertThat(FailbackPlanFile.read(node.directory().resolve(FailbackPlanFile.NAME))).as("file after %s", op)
                    .contains(plan);
            boolean claim = List.of(FailbackStep.BACK_UP_ACTIVE, FailbackStep.RELEASE_ADDRESS,
                    FailbackStep.SHUT_DOWN_ACTIVE, FailbackStep.IMPORT_BACKUP).stream()
                    .allMatch(step -> model.get(step) == FailbackStatus.Kind.DONE);
            assertThat(plan.mayClaimAddress()).as("claim after %s", op).isEqualTo(claim);
            assertThat(failback.mayClaimAddress()).isEqualTo(claim || plan.isComplete());
            long notes = node.auditTrail().read().entries().stream().filter(e -> NOTES.contains(e.action())).count();
            assertThat(notes).as("one note per change after %s", op).isEqualTo(changes);
        }
    }

    @Property(tries = 200)
    void aPlanSurvivesItsFileExactly(@ForAll("programs") List<Op> program) {
        FailbackPlan plan = FailbackPlan.start("failback-20160127T080000.000Z-e1", "pbx-b", 1,
                NodeFixtures.T0, "Jürgen Admin");
        Instant at = NodeFixtures.T0;
        for (Op op : program) {
            if (!(op instanceof Record record) || record.step() == null) {
                continue;
            }
            at = at.plus(Duration.ofSeconds(1));
            FailbackStatus status = switch (record.kind()) {
                case DONE -> new FailbackStatus.Done(at, "Jürgen Weiß", List.of("evidence = " + at, "ä ö ü ß"));
                case FAILED -> new FailbackStatus.Failed(at, "system", "failed: a=b");
                default -> new FailbackStatus.Skipped(at, "Anna", "not needed");
            };
            if (plan.refusal(record.step(), status).isEmpty()) {
                plan = plan.with(record.step(), status);
            }
            assertThat(FailbackPlanFile.parse(FailbackPlanFile.render(plan))).isEqualTo(plan);
        }
    }
}
