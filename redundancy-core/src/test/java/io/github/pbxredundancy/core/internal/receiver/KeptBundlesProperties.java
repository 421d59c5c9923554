package io.github.pbxredundancy.core.internal.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.PairIdentity;
import io.github.pbxredundancy.core.ReceiverStatus.KeptBundle;
import io.github.pbxredundancy.core.SoftwareVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class KeptBundlesProperties {
    private static final Instant T0 = Instant.parse("2016-01-26T05:00:00Z");
    private static final PairIdentity PAIR = new PairIdentity("a".repeat(64));

    @Provide
    Arbitrary<List<AcceptedRecord>> records() {
        // Few epochs, times and ids, so that ties on epoch and on time are common.
        Arbitrary<AcceptedRecord> record = Combinators.combine(
                Arbitraries.longs().between(0, 3), Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 30))
                .as((epoch, minute, id) -> new AcceptedRecord(new KeptBundle(BundleId.parse("b" + id), "pbx-a",
                        SoftwareVersion.parse("7.3"), epoch, T0.plusSeconds(60L * minute), 1, "0".repeat(64), T0), PAIR));
        return record.list().uniqueElements(AcceptedRecord::id).ofMinSize(1).ofMaxSize(8);
    }

    private static KeptBundles of(List<AcceptedRecord> records) {
        KeptBundles kept = new KeptBundles();
        records.forEach(kept::add);
        return kept;
    }

    /** Newer: a higher epoch; on equal epochs, created later; on equal times, the larger id. */
    private static boolean newer(KeptBundle a, KeptBundle b) {
        if (a.epoch() != b.epoch()) {
            return a.epoch() > b.epoch();
        }
        if (!a.createdAt().equals(b.createdAt())) {
            return a.createdAt().isAfter(b.createdAt());
        }
        return a.bundleId().compareTo(b.bundleId()) > 0;
    }

    @Property
    void theCurrentBundleIsNewerThanEveryOtherAndLastInOrder(@ForAll("records") List<AcceptedRecord> records) {
        KeptBundles kept = of(records);
        AcceptedRecord current = kept.current().orElseThrow();

        for (AcceptedRecord other : records) {
            if (!other.equals(current)) {
                assertThat(newer(current.bundle(), other.bundle())).as("%s newer than %s", current, other).isTrue();
            }
        }
        List<AcceptedRecord> ordered = kept.inOrder();
        assertThat(ordered).containsExactlyInAnyOrderElementsOf(records);
        assertThat(ordered.get(ordered.size() - 1)).isEqualTo(current);
        for (int i = 1; i < ordered.size(); i++) {
            assertThat(newer(ordered.get(i).bundle(), ordered.get(i - 1).bundle())).isTrue();
        }
        assertThat(kept.isCurrent(current.id())).isTrue();
    }

    @Property
    void pruningLeavesTheNewestAndTheSparedBundleAndNothingElse(@ForAll("records") List<AcceptedRecord> records,
            @ForAll @IntRange(min = 1, max = 6) int keep, @ForAll @IntRange(min = 0, max = 7) int spared) {
        KeptBundles kept = of(records);
        List<AcceptedRecord> ordered = kept.inOrder();
        BundleId sparedId = records.get(spared % records.size()).id();

        List<AcceptedRecord> surplus = kept.surplus(keep, sparedId);

        List<AcceptedRecord> remaining = new ArrayList<>(ordered);
        remaining.removeAll(surplus);
        List<AcceptedRecord> newest = ordered.subList(Math.max(0, ordered.size() - keep), ordered.size());
        assertThat(remaining).containsAll(newest);
        assertThat(remaining).extracting(AcceptedRecord::id).contains(sparedId);
        assertThat(remaining.size()).isLessThanOrEqualTo(keep + 1);
        assertThat(remaining.size()).isEqualTo(Math.min(ordered.size(), keep) + (newest.stream()
                .anyMatch(r -> r.id().equals(sparedId)) || ordered.size() <= keep ? 0 : 1));
        surplus.forEach(old -> newest.forEach(young -> assertThat(newer(young.bundle(), old.bundle())).isTrue()));
    }
}
