package io.github.pbxredundancy.core;

import java.util.Objects;

/**
 * Root of the library's unchecked exceptions: every failure carries a {@link ReasonCode}.
 * Adapters that wrap a third-party exception keep it as the cause.
 */
public class RedundancyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ReasonCode reason;

    /**
     * @param reason why the operation failed
     * @param message a sentence for an administrator; never contains a secret
     */
    public RedundancyException(ReasonCode reason, String message) {
        this(reason, message, null);
    }

    /**
     * @param reason why the operation failed
     * @param message a sentence for an administrator; never contains a secret
     * @param cause the underlying exception, or {@code null}
     */
    public RedundancyException(ReasonCode reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the operation failed. */
    public ReasonCode reason() {
        return reason;
    }
}
