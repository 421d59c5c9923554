package io.github.pbxredundancy.core.event;

import java.time.Instant;

/**
 * Something that happened in replication, reported to {@link io.github.pbxredundancy.core.spi.Notifier}s:
 * the active's runs ({@link ReplicationEvent}), the standby's bundles ({@link StandbyEvent}), the
 * standby's watchdog ({@link WatchdogEvent}), its one-time initialisation
 * ({@link InitializationEvent}), a node's state machine ({@link NodeEvent}), promotions
 * ({@link PromotionEvent}) and failbacks ({@link FailbackEvent}). A closed hierarchy, so a
 * notifier's {@code switch} over events is checked for completeness by the compiler. Events are
 * immutable values and never carry secrets.
 */
public sealed interface RedundancyEvent permits ReplicationEvent, StandbyEvent, WatchdogEvent,
        InitializationEvent, NodeEvent, PromotionEvent, FailbackEvent {
    /** When it happened, by the library's injected clock. */
    Instant at();
}
