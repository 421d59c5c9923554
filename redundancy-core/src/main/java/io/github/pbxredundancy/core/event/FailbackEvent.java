package io.github.pbxredundancy.core.event;

/**
 * Events of a failback ({@code io.github.pbxredundancy.core.promotion.Failback}, R18, B5): a step
 * of the returning node's failback plan was done, failed or was skipped. The node's state
 * changes along the way (becoming the standby, the promotion back) are {@link NodeEvent}s and
 * {@link PromotionEvent}s of their own.
 */
public sealed interface FailbackEvent extends RedundancyEvent permits FailbackStepChanged {
    /**
     * The failback plan the event belongs to.
     *
     * @return the plan's id, e.g. {@code failback-20160127T080000.000Z-e1}
     */
    String planId();
}
