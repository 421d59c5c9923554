package io.github.pbxredundancy.core;

/**
 * Why an operation of the library failed, stable across releases so that hosts, logs and
 * notifications can match on it.
 *
 * <p>Each code says whether trying again can help. A {@link RetrySchedule} stops at once on a
 * code that is not {@linkplain #retryable() retryable}: a wrong password, an unknown host key,
 * a backup from a newer software version or from a foreign pair stay wrong however often the
 * transfer is repeated.
 */
public enum ReasonCode {
    /** Configuration or other input from outside broke a rule; see the message for which. */
    INVALID_INPUT(false),
    /** The target runs an older software version than the backup was made with (R20). */
    VERSION_INCOMPATIBLE(false),
    /** The backup or peer belongs to another pair: the active's server license key differs (R12). */
    FOREIGN_PAIR(false),
    /** The peer refused the credentials. */
    AUTHENTICATION_FAILED(false),
    /** The peer's host key is not known and trust-on-first-use is off. */
    HOST_KEY_UNKNOWN(false),
    /** The peer's host key differs from the recorded one: possibly an impostor. */
    HOST_KEY_CHANGED(false),
    /** The peer answered that we may not write where we tried to. */
    PERMISSION_DENIED(false),
    /** The backup carries a lower fencing epoch than the receiver has seen (B1). */
    STALE_EPOCH(false),
    /**
     * The node's state does not allow what was asked: a transition its state machine does not
     * have in that state, or a promotion step outside a promotion.
     */
    ILLEGAL_STATE(false),
    /** The peer could not be reached: connection refused, reset or unroutable. */
    CONNECTION_FAILED(true),
    /** An operation took longer than its limit. */
    TIMEOUT(true),
    /** A transfer stopped before the last byte arrived. */
    TRANSFER_INTERRUPTED(true),
    /** The receiving side has no room for the bundle; room may be freed before the next attempt. */
    DISK_FULL(true),
    /**
     * What arrived does not match its announced size or hash, is cut short or damaged, or reuses
     * the id of another bundle the standby keeps; a fresh transfer may succeed.
     */
    INTEGRITY_FAILED(true),
    /** A bundle holds entries that could write outside their place (absolute paths, {@code ..}, links, devices, duplicates). */
    UNSAFE_ARCHIVE(false),
    /** A bundle exceeds a configured limit (entry count, entry size, total size). */
    LIMIT_EXCEEDED(false),
    /** The host could not create its backup, or not in time. */
    BACKUP_FAILED(true),
    /** The standby host could not import a verified bundle; the bundle is kept. */
    IMPORT_FAILED(true),
    /**
     * A host's promotion step failed (taking over the network, activating the modules, reading
     * the users) or the epoch could not be raised; the promotion waits for a retry.
     */
    PROMOTION_STEP_FAILED(true),
    /** A failure the library has no specific code for; its type and message are reported. */
    UNEXPECTED(true);

    private final boolean retryable;

    ReasonCode(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether repeating the failed operation, unchanged, can succeed. */
    public boolean retryable() {
        return retryable;
    }
}
