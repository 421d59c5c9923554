package io.github.pbxredundancy.core.internal.receiver;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.ReceiverStatus.KeptBundle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kept bundles in memory, in their one order: by epoch, then creation time, then id. The
 * last is the current one. Epoch comes first because a promotion raises it (B1): the first
 * backup of a promoted node supersedes every backup of the old active, even one whose clock ran
 * ahead. The id only breaks ties, so that the order is total and the same after a restart.
 *
 * <p>Not part of the API. Not thread-safe; the receiver's lock guards it.
 */
final class KeptBundles {
    /** Oldest first. */
    static final Comparator<KeptBundle> ORDER = Comparator.comparingLong(KeptBundle::epoch)
            .thenComparing(KeptBundle::createdAt)
            .thenComparing(KeptBundle::bundleId);

    private final Map<BundleId, AcceptedRecord> byId = new HashMap<>();

    void clear() {
        byId.clear();
    }

    void add(AcceptedRecord record) {
        byId.put(record.id(), record);
    }

    void remove(BundleId id) {
        byId.remove(id);
    }

    Optional<AcceptedRecord> find(BundleId id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every kept bundle, oldest first. */
    List<AcceptedRecord> inOrder() {
        List<AcceptedRecord> ordered = new ArrayList<>(byId.values());
        ordered.sort(Comparator.comparing(AcceptedRecord::bundle, ORDER));
        return ordered;
    }

    /** The newest kept bundle. */
    Optional<AcceptedRecord> current() {
        return byId.values().stream().max(Comparator.comparing(AcceptedRecord::bundle, ORDER));
    }

    boolean isCurrent(BundleId id) {
        return current().map(record -> record.id().equals(id)).orElse(false);
    }

    /**
     * The bundles beyond the newest {@code keep}, oldest first, except {@code spared}: the bundle
     * just accepted stays even when it is older than all others, so that a receipt never says
     * "accepted" for a bundle that is already gone.
     */
    List<AcceptedRecord> surplus(int keep, BundleId spared) {
        List<AcceptedRecord> ordered = inOrder();
        List<AcceptedRecord> surplus = new ArrayList<>();
        for (AcceptedRecord record : ordered.subList(0, Math.max(0, ordered.size() - keep))) {
            if (!record.id().equals(spared)) {
                surplus.add(record);
            }
        }
        return surplus;
    }
}
