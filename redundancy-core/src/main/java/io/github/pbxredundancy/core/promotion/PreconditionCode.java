package io.github.pbxredundancy.core.promotion;

/**
 * The preconditions of a promotion, as stable codes that hosts, logs and notifications may
 * match on. {@link Promoter#check} reports every unmet one at once, each with a plain message
 * ({@link UnmetPrecondition}).
 *
 * <p>Immutable and thread-safe.
 */
public enum PreconditionCode {
    /**
     * The node is not a warm standby: not configured, still awaiting its initial import (R13),
     * already promoting or failed in a promotion (resume, retry or abort that one instead),
     * already active, or fenced; or its initialisation record is gone.
     */
    NOT_A_WARM_STANDBY,
    /**
     * No backup was imported successfully: nothing was imported yet, or the last import failed.
     * The message shows when the last import happened.
     */
    NO_IMPORTED_BACKUP,
    /**
     * The standby's licenses are not complete (R11): the license pairing check found problems,
     * which the message lists, or could not run.
     */
    LICENSES_INCOMPLETE,
    /** The operator has not confirmed that the hardware lines (ISDN, analogue devices) were moved (R16). */
    HARDWARE_NOT_MOVED,
    /**
     * The liveness check did not confirm that the active is down (R15, B2): something answered,
     * too few probes could decide, or the check did not finish; and no operator overrode it.
     */
    ACTIVE_NOT_CONFIRMED_DOWN,
    /**
     * A failback is in progress on this node and has not reached its promote-back step (the
     * promoted node has not released the address, is not shut down, or its newest backup is not
     * imported here), or a newer backup of the promoted node arrived and is not imported (R18,
     * R31). Only with {@link Promoter.Builder#failback(Failback)}.
     */
    FAILBACK_NOT_READY
}
