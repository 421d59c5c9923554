package io.github.pbxredundancy.core.event;

import java.time.Instant;

/**
 * Events of the standby's watchdog (B3): the standby's own alarm when no valid bundle has
 * arrived in time, because a dead active cannot send its own failure mail, and the all-clear
 * when bundles arrive again. They concern no single bundle, so they are not
 * {@link StandbyEvent}s.
 */
public sealed interface WatchdogEvent extends RedundancyEvent permits WatchdogAlarm, WatchdogRecovered {
    /**
     * The deadline of the first missed run of this outage: since then the standby's data has
     * been older than the replication schedule allows (R21: the RPO is being lost).
     *
     * @return the instant
     */
    Instant overdueSince();
}
