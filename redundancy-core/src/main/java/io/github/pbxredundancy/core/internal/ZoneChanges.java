package io.github.pbxredundancy.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The offset changes a time zone will go through from a given instant on, as far as its rules
 * know them: every listed historical transition after the instant, then one full year of the
 * recurring (daylight-saving) rules. Because recurring rules repeat every year with the same
 * local wall-clock times, that year stands for every later one.
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
public final class ZoneChanges {
    /** A little more than a year, so that every annual rule fires at least once. */
    private static final Duration RECURRING_HORIZON = Duration.ofDays(367);
    /** No real zone has this many transitions; the bound only guards against a broken provider. */
    private static final int MAX_TRANSITIONS = 10_000;

    private ZoneChanges() {
    }

    /**
     * The transitions strictly after {@code from}, in time order.
     *
     * @param rules the zone's rules
     * @param from only transitions after this instant count
     * @return the transitions, possibly empty for a fixed-offset zone
     */
    public static List<ZoneOffsetTransition> after(ZoneRules rules, Instant from) {
        List<ZoneOffsetTransition> historical = rules.getTransitions();
        Instant lastHistorical = historical.isEmpty()
                ? from : historical.get(historical.size() - 1).getInstant();
        Instant horizon = later(from, lastHistorical).plus(RECURRING_HORIZON);
        List<ZoneOffsetTransition> result = new ArrayList<>();
        ZoneOffsetTransition next = rules.nextTransition(from);
        while (next != null && next.getInstant().isBefore(horizon) && result.size() < MAX_TRANSITIONS) {
            result.add(next);
            next = rules.nextTransition(next.getInstant());
        }
        return result;
    }

    /**
     * Every UTC offset the zone uses at {@code from} or later: the offset in force at
     * {@code from} first, then those the transitions lead to, without repetitions.
     *
     * @param rules the zone's rules
     * @param from the earliest instant of interest
     * @return at least one offset
     */
    public static Set<ZoneOffset> offsetsFrom(ZoneRules rules, Instant from) {
        Set<ZoneOffset> offsets = new LinkedHashSet<>();
        offsets.add(rules.getOffset(from));
        for (ZoneOffsetTransition transition : after(rules, from)) {
            offsets.add(transition.getOffsetAfter());
        }
        return offsets;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
