package io.github.pbxredundancy.core.event;

import io.github.pbxredundancy.core.BundleId;

/**
 * Events of the standby's receiver: bundles accepted or refused, imports done or failed.
 * The standby reports these itself, because a dead or misconfigured active cannot (B3).
 */
public sealed interface StandbyEvent extends RedundancyEvent
        permits BundleAccepted, BundleRefused, BackupImported, ImportFailed {
    /** The bundle the event is about. */
    BundleId bundleId();
}
