package io.github.pbxredundancy.core.event;

/**
 * Events of a node's state machine ({@code io.github.pbxredundancy.core.promotion.NodeLifecycle}):
 * its state or its fencing epoch changed. Each is sent after the change is on disk and in the
 * audit trail, outside the lifecycle's lock.
 */
public sealed interface NodeEvent extends RedundancyEvent permits NodeStateChanged, EpochChanged, NodeFenced,
        PeerUnreachableAtStartup {
    /**
     * The node's fencing epoch after the change (B1).
     *
     * @return the epoch, 0 or more
     */
    long epoch();

    /**
     * Who made the change, as recorded in the audit trail; {@code system} for a change nobody
     * asked for in person.
     *
     * @return the operator's name
     */
    String operator();
}
