package io.github.pbxredundancy.license;

/**
 * Whether a standby is doing real work, for the {@link StandbyLoadBudget}.
 *
 * <p>Immutable and thread-safe.
 */
public enum LoadState {
    /** The standby serves production traffic, e.g. after a promotion (counts against the budget). */
    UNDER_LOAD,
    /** The standby waits as a standby (does not count, R29). */
    IDLE
}
