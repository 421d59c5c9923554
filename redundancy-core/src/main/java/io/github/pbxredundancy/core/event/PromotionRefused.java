package io.github.pbxredundancy.core.event;

import io.github.pbxredundancy.core.promotion.UnmetPrecondition;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A promotion was refused because preconditions do not hold; nothing changed on the node
 * besides a {@code PROMOTION_REFUSED} note in its audit trail.
 *
 * @param at when, by the promoter's clock
 * @param operator who asked
 * @param unmet every unmet precondition, each with its code and message; not empty
 * @param evidence the liveness check's summary (a headline, then a line per probe) when it ran,
 *     e.g. the sign of life that refused the promotion; empty when it was overridden
 */
public record PromotionRefused(Instant at, String operator, List<UnmetPrecondition> unmet, List<String> evidence)
        implements PromotionEvent {
    /** Validates that every part is present and copies the lists. */
    public PromotionRefused {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(operator, "operator");
        unmet = List.copyOf(unmet);
        evidence = List.copyOf(evidence);
        if (unmet.isEmpty()) {
            throw new IllegalArgumentException("a refused promotion names at least one unmet precondition");
        }
    }
}
