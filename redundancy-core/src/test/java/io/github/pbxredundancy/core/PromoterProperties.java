package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.event.EpochChanged;
import io.github.pbxredundancy.core.event.NodeStateChanged;
import io.github.pbxredundancy.core.event.PhoneRestartRequested;
import io.github.pbxredundancy.core.event.PromotionCompleted;
import io.github.pbxredundancy.core.event.RedundancyEvent;
import io.github.pbxredundancy.core.internal.FileTrees;
import io.github.pbxredundancy.core.promotion.AuditEntry;
import io.github.pbxredundancy.core.promotion.AuditTrail;
import io.github.pbxredundancy.core.promotion.DownOverride;
import io.github.pbxredundancy.core.promotion.NodeLifecycle;
import io.github.pbxredundancy.core.promotion.NodeState;
import io.github.pbxredundancy.core.promotion.Promoter;
import io.github.pbxredundancy.core.promotion.PromotionOutcome;
import io.github.pbxredundancy.core.promotion.PromotionRequest;
import io.github.pbxredundancy.core.promotion.PromotionStep;
import io.github.pbxredundancy.core.promotion.Trigger;
import io.github.pbxredundancy.core.spi.Notifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random failures and crashes at every point of a promotion, each followed by what an operator
 * does (retry after a failed step, restart and resume after a crash), until the promotion
 * completes: then the node is active at the epoch it raised exactly once, and the world saw
 * exactly one restart-your-phone message carrying every user and one summary. A crash here is an
 * {@link Error} from the host or the notifier, after which the node is reopened from its
 * directory, as after a power cut. The one window the promoter documents (a crash between its
 * marker and the notifier's hand-over, which loses the event rather than repeating it) is left
 * out: "crash after" on the notifier means the event was handed over.
 */
class PromoterProperties {
    private static final DownOverride OVERRIDE = new DownOverride("Anna Weber", "the active is switched off for good");

    /** Where a fault strikes. */
    enum Point { TAKEOVER, MODULES, USERS, RESTART_MESSAGE, SUMMARY }

    /** What happens at a point's call. */
    enum Fault { FAIL, CRASH_BEFORE, CRASH_AFTER }

    /** A crash: nothing after it runs in this "process". */
    static final class Crash extends Error {
        private static final long serialVersionUID = 1L;

        Crash(Point point) {
            super("simulated crash at " + point, null, false, false);
        }
    }

    /** The faults of each point, consumed one per call; after them, calls succeed. */
    record Plan(Map<Point, List<Fault>> faults, boolean override) {
    }

    @Provide
    Arbitrary<Plan> plans() {
        Arbitrary<List<Fault>> hostFaults = Arbitraries.of(Fault.class).list().ofMaxSize(3);
        Arbitrary<List<Fault>> readFaults = Arbitraries.of(Fault.FAIL, Fault.CRASH_BEFORE).list().ofMaxSize(3);
        Arbitrary<List<Fault>> handOver = Arbitraries.just(Fault.CRASH_AFTER).list().ofMaxSize(1);
        return Combinators.combine(hostFaults, hostFaults, readFaults, handOver, handOver, Arbitraries.of(true, false))
                .as((takeover, modules, users, restart, summary, override) -> {
                    Map<Point, List<Fault>> faults = new EnumMap<>(Point.class);
                    faults.put(Point.TAKEOVER, takeover);
                    faults.put(Point.MODULES, modules);
                    faults.put(Point.USERS, users);
                    faults.put(Point.RESTART_MESSAGE, restart);
                    faults.put(Point.SUMMARY, summary);
                    return new Plan(faults, override);
                });
    }

    @Property(tries = 150)
    void everyPromotionThatCompletesToldEachUserOnceAndTheAdministratorOnce(@ForAll("plans") Plan plan)
            throws IOException {
        Path directory = Files.createTempDirectory("promoter-properties");
        try {
            run(directory, plan);
        } finally {
            FileTrees.delete(directory, false);
        }
    }

    private void run(Path directory, Plan plan) {
        PromotionFixtures fx = new PromotionFixtures(directory);
        Map<Point, Deque<Fault>> faults = new EnumMap<>(Point.class);
        plan.faults().forEach((point, list) -> faults.put(point, new ArrayDeque<>(list)));
        int[] takeovers = new int[1];
        Notifier world = event -> {
            fx.events.notify(event);
            Point point = event instanceof PhoneRestartRequested ? Point.RESTART_MESSAGE
                    : event instanceof PromotionCompleted ? Point.SUMMARY : null;
            if (point != null && faults.get(point).poll() != null) {
                throw new Crash(point);
            }
        };

        NodeLifecycle node = fx.warmStandby();
        PromotionRequest request = PromotionRequest.of("Jürgen Admin", "", true);
        if (plan.override()) {
            request = request.withOverride(OVERRIDE);
        }
        Promoter promoter = build(fx, node, faults, world, takeovers);
        CompletableFuture<PromotionOutcome> future = promoter.promote(request);
        PromotionOutcome outcome = null;
        int crashes = 0;
        int failures = 0;
        for (int round = 0; round < 40 && !(outcome instanceof PromotionOutcome.Completed); round++) {
            try {
                outcome = fx.await(future);
            } catch (CompletionException e) {
                assertThat(e.getCause()).isInstanceOf(Crash.class);
                crashes++;
                node = fx.open();
                promoter = build(fx, node, faults, world, takeovers);
                assertThat(node.state()).as("a crash happens only inside the promotion").isEqualTo(NodeState.PROMOTING);
                future = promoter.resume("Jürgen Admin");
                continue;
            }
            if (outcome instanceof PromotionOutcome.Failed) {
                failures++;
                future = promoter.retry("Anna Weber");
            } else {
                assertThat(outcome).isInstanceOf(PromotionOutcome.Completed.class);
            }
        }

        assertThat(outcome).isInstanceOf(PromotionOutcome.Completed.class);
        assertThat(faults.values()).allMatch(Deque::isEmpty);
        NodeLifecycle reopened = fx.open();
        assertThat(reopened.state()).isEqualTo(NodeState.ACTIVE);
        assertThat(reopened.epoch()).isEqualTo(1);
        assertThat(takeovers[0]).isGreaterThanOrEqualTo(1);

        List<RedundancyEvent> events = fx.events.events();
        assertThat(fx.events.ofType(PhoneRestartRequested.class)).singleElement()
                .satisfies(restart -> assertThat(restart.users()).isEqualTo(PromotionFixtures.USERS));
        assertThat(fx.events.ofType(PromotionCompleted.class)).singleElement()
                .satisfies(summary -> assertThat(summary.overridden()).isEqualTo(plan.override()));
        assertThat(fx.events.ofType(EpochChanged.class)).singleElement()
                .satisfies(raised -> assertThat(raised.cause()).isEqualTo(EpochChanged.Cause.RAISED));
        assertThat(fx.events.ofType(NodeStateChanged.class)).filteredOn(changed -> changed.to() == NodeState.ACTIVE)
                .hasSize(1);
        assertThat(events.indexOf(fx.events.ofType(PhoneRestartRequested.class).get(0)))
                .isLessThan(events.indexOf(fx.events.ofType(PromotionCompleted.class).get(0)));

        List<AuditEntry> trail = AuditTrail.in(directory).read().entries();
        for (PromotionStep step : PromotionStep.values()) {
            assertThat(trail).filteredOn(e -> e.step().equals(Optional.of(step.id()))
                    && e.action().equals(AuditEntry.STEP_COMPLETED)).as("step %s", step).hasSize(1);
        }
        assertThat(trail).filteredOn(e -> e.action().equals(AuditEntry.EPOCH_RAISED)).hasSize(1);
        assertThat(trail).filteredOn(e -> e.trigger().equals(Optional.of(Trigger.STEP_FAILED))).hasSize(failures);
        assertThat(trail).filteredOn(e -> e.action().equals("PROMOTION_RESUMED")).hasSize(crashes);
    }

    private static Promoter build(PromotionFixtures fx, NodeLifecycle node, Map<Point, Deque<Fault>> faults,
                                  Notifier world, int[] takeovers) {
        return fx.promoter(node, active -> host(faults, Point.TAKEOVER, () -> takeovers[0]++),
                        () -> host(faults, Point.MODULES, () -> { }),
                        () -> {
                            host(faults, Point.USERS, () -> { });
                            return new ArrayList<>(PromotionFixtures.USERS);
                        })
                .notifier(world).build();
    }

    /** One call of the host at a point: its next fault, if any, around the work. */
    private static void host(Map<Point, Deque<Fault>> faults, Point point, Runnable work) {
        Fault fault = faults.get(point).poll();
        if (fault == Fault.CRASH_BEFORE) {
            throw new Crash(point);
        }
        if (fault == Fault.FAIL) {
            throw new IllegalStateException("scripted failure at " + point);
        }
        work.run();
        if (fault == Fault.CRASH_AFTER) {
            throw new Crash(point);
        }
    }
}
