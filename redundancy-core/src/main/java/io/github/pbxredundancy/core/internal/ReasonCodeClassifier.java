package io.github.pbxredundancy.core.internal;

import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.RetryClassifier;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The implementation of {@link RetryClassifier#byReasonCode()}; see there for the rule.
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
public enum ReasonCodeClassifier implements RetryClassifier {
    /** The only instance. */
    INSTANCE;

    @Override
    public boolean isRetryable(Throwable failure) {
        // A cause chain may loop (a badly written exception returns itself or an ancestor).
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable current = failure; current != null && seen.add(current); current = current.getCause()) {
            if (current instanceof RedundancyException redundancy) {
                return redundancy.reason().retryable();
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "RetryClassifier.byReasonCode()";
    }
}
