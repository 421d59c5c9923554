package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.spi.Delivery;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;
import io.github.pbxredundancy.core.spi.TransferListener;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * Host steps that follow a script: each delivery takes the next scripted answer, then the
 * default one. Records what the replicator did with them: when each delivery happened, which
 * runs were prepared, which bundles were cleaned up, and whether two deliveries ever ran at once
 * (including one nested inside another on the same thread).
 */
final class ScriptedSteps implements ReplicationSteps {
    private final Clock clock;
    private final Deque<Function<Delivery, DeliveryReceipt>> script = new ArrayDeque<>();
    private Function<Delivery, DeliveryReceipt> otherwise = ScriptedSteps::accept;
    private final List<Instant> deliveryTimes = new ArrayList<>();
    private final List<BundleId> deliveredBundles = new ArrayList<>();
    private final List<Long> preparedRuns = new ArrayList<>();
    private final List<BundleId> cleanedUp = new ArrayList<>();
    private int active;
    private int maxActive;
    private long bundles;

    ScriptedSteps(Clock clock) {
        this.clock = clock;
    }

    static DeliveryReceipt accept(Delivery delivery) {
        return new DeliveryReceipt.Accepted(delivery.bundleId(), delivery.sha256());
    }

    static Function<Delivery, DeliveryReceipt> failWith(ReasonCode reason) {
        return delivery -> {
            throw new RedundancyException(reason, "scripted " + reason);
        };
    }

    static Function<Delivery, DeliveryReceipt> reject(ReasonCode reason) {
        return delivery -> new DeliveryReceipt.Rejected(delivery.bundleId(), reason, "scripted rejection " + reason);
    }

    static DeliveryReceipt wrongHash(Delivery delivery) {
        return new DeliveryReceipt.Accepted(delivery.bundleId(), "0".repeat(64));
    }

    /** Answers the next delivery so. */
    synchronized ScriptedSteps then(Function<Delivery, DeliveryReceipt> answer) {
        script.add(answer);
        return this;
    }

    /** Answers the next {@code times} deliveries so. */
    synchronized ScriptedSteps then(int times, Function<Delivery, DeliveryReceipt> answer) {
        for (int i = 0; i < times; i++) {
            script.add(answer);
        }
        return this;
    }

    /** Answers every delivery after the script so. */
    synchronized ScriptedSteps otherwise(Function<Delivery, DeliveryReceipt> answer) {
        otherwise = answer;
        return this;
    }

    @Override
    public synchronized PreparedBundle prepare(long run) {
        preparedRuns.add(run);
        bundles++;
        BundleId id = BundleId.parse("run-" + run + "-bundle-" + bundles);
        Delivery delivery = new Delivery(id, Path.of(id + ".bundle"), 1000 + bundles, String.format("%064x", bundles));
        return new PreparedBundle(delivery, () -> {
            synchronized (this) {
                cleanedUp.add(id);
            }
        });
    }

    @Override
    public DeliveryReceipt deliver(PreparedBundle bundle, TransferListener listener) {
        Function<Delivery, DeliveryReceipt> answer;
        synchronized (this) {
            active++;
            maxActive = Math.max(maxActive, active);
            deliveryTimes.add(clock.instant());
            deliveredBundles.add(bundle.delivery().bundleId());
            answer = script.isEmpty() ? otherwise : script.poll();
        }
        try {
            listener.transferred(bundle.delivery().bundleId(), bundle.delivery().size(), bundle.delivery().size());
            return answer.apply(bundle.delivery());
        } finally {
            synchronized (this) {
                active--;
            }
        }
    }

    synchronized List<Instant> deliveryTimes() {
        return List.copyOf(deliveryTimes);
    }

    synchronized List<BundleId> deliveredBundles() {
        return List.copyOf(deliveredBundles);
    }

    synchronized List<Long> preparedRuns() {
        return List.copyOf(preparedRuns);
    }

    synchronized List<BundleId> cleanedUp() {
        return List.copyOf(cleanedUp);
    }

    synchronized int maxConcurrentDeliveries() {
        return maxActive;
    }
}
