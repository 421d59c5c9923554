package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.internal.ReasonCodeClassifier;

/**
 * Tells a {@link RetrySchedule} whether a failure can go away by trying again. A host may plug
 * in its own, e.g. to treat an exception of its backup tool as final.
 *
 * <p>Implementations must be thread-safe and free of side effects; the schedule may call them
 * from any thread.
 */
@FunctionalInterface
public interface RetryClassifier {

    /**
     * Whether repeating the operation that failed this way can succeed.
     *
     * @param failure the failure of the last attempt, never {@code null}
     * @return true to let the schedule retry, false to give up at once
     */
    boolean isRetryable(Throwable failure);

    /**
     * The default classifier: the outermost {@link RedundancyException} in the failure's cause
     * chain decides, by its {@link ReasonCode#retryable()}; a failure without one (an
     * {@link java.io.IOException}, say) is retryable. So wrong credentials, an unknown or
     * changed host key, an incompatible software version, a foreign pair or a stale epoch stop
     * the retries at once instead of repeating a transfer that cannot succeed (and, for
     * credentials, locking the account).
     *
     * <p>The outermost exception decides because an adapter that wraps a library exception in
     * another one with a different code has classified the failure more specifically.
     *
     * @return the shared, stateless instance
     */
    static RetryClassifier byReasonCode() {
        return ReasonCodeClassifier.INSTANCE;
    }
}
