package io.github.pbxredundancy.core.promotion;

/**
 * What makes a node change its {@link NodeState}. {@link NodeStateMachine} says in which state
 * each trigger is allowed, where it leads and what the caller must have checked before it
 * fires it; {@link NodeLifecycle} fires it, persists the new state, records it in the
 * {@link AuditTrail} and reports it.
 *
 * <p>Two triggers carry data and therefore fire only through their own method:
 * {@link #STEP_FAILED} through {@link NodeLifecycle#recordStepFailed} (the failed step) and
 * {@link #HIGHER_EPOCH_SEEN} through {@link NodeLifecycle#observeEpoch} (the epoch seen).
 *
 * <p>Immutable and thread-safe.
 */
public enum Trigger {
    /** The pair was configured with this node as its standby (R9–R12). */
    CONFIGURED_AS_STANDBY,
    /**
     * The pair was configured with this node as its original active, at installation. Allowed
     * only at epoch 0: a node that has ever seen an epoch becomes active only through a
     * promotion, which raises the epoch.
     */
    CONFIGURED_AS_ACTIVE,
    /** The standby's one-time initialisation (R13) is done: it holds the active's data. */
    INITIAL_IMPORT_DONE,
    /**
     * The standby's initialisation record is gone, e.g. a forced re-initialisation failed
     * halfway and left the host's data half overwritten.
     */
    INITIAL_IMPORT_LOST,
    /**
     * A named operator requested the promotion, its preconditions are met and the active is
     * confirmed down or overridden (R15, B2). Starts a new promotion.
     */
    PROMOTION_REQUESTED,
    /** A promotion step failed; fired by {@link NodeLifecycle#recordStepFailed}. */
    STEP_FAILED,
    /** The operator retries a failed promotion; completed steps stay completed. */
    RETRY,
    /** The operator abandons a failed promotion that has not raised the epoch yet. */
    ABORT,
    /** Every promotion step completed, the epoch raise among them. */
    PROMOTION_COMPLETED,
    /**
     * Another node holds a higher epoch than this active or promoting node; fired by
     * {@link NodeLifecycle#observeEpoch}.
     */
    HIGHER_EPOCH_SEEN,
    /** The failback plan makes this fenced node the standby of the node that fenced it (B5, R18). */
    FAILBACK_AS_STANDBY,
    /** Redundancy was removed from this standby or fenced node; its epoch is kept. */
    DECONFIGURED
}
