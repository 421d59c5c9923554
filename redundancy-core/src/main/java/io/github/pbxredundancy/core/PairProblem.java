package io.github.pbxredundancy.core;

import java.util.Objects;

/**
 * One violated pair prerequisite.
 *
 * @param code stable code to match on
 * @param message a sentence for an administrator naming the node and what to change
 */
public record PairProblem(PairCode code, String message) {

    /** Validates that both parts are present. */
    public PairProblem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return code + ": " + message;
    }
}
