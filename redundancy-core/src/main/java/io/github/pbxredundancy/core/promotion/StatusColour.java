package io.github.pbxredundancy.core.promotion;

/**
 * The traffic-light colour a host's status page shows for a node (R32, after Avaya's portal
 * resilience: the active shows "Available" in green, the passive one "Starting").
 *
 * <p>Immutable and thread-safe.
 */
public enum StatusColour {
    /** Available: the node serves. */
    GREEN,
    /** Starting or degraded: nothing has failed, but the node does not serve (yet). */
    ORANGE,
    /** Failed: an administrator has to decide what happens next. */
    RED
}
