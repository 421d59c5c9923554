package io.github.pbxredundancy.core.promotion;

import io.github.pbxredundancy.core.event.PromotionCompleted;
import java.util.Objects;

/**
 * How a call of {@link Promoter#promote}, {@link Promoter#resume} or {@link Promoter#retry}
 * ended. Each outcome carries the node's snapshot at its end.
 *
 * <ul>
 *   <li>{@link Refused}: preconditions do not hold; nothing changed.</li>
 *   <li>{@link Completed}: every step completed; the node is {@link NodeState#ACTIVE}.</li>
 *   <li>{@link Failed}: a step failed; the node is {@link NodeState#PROMOTION_FAILED} naming it,
 *       waiting for {@link Promoter#retry} or (before the epoch raise only) {@link Promoter#abort}.</li>
 *   <li>{@link Interrupted}: the node left the promotion while it ran, e.g. it learned of a
 *       higher epoch and is {@link NodeState#FENCED}.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface PromotionOutcome permits PromotionOutcome.Refused, PromotionOutcome.Completed,
        PromotionOutcome.Failed, PromotionOutcome.Interrupted {

    /**
     * The node's state when the call ended.
     *
     * @return the snapshot
     */
    NodeSnapshot snapshot();

    /**
     * The promotion was refused: see {@link PromotionPreconditions#unmet()}.
     *
     * @param preconditions the preconditions, some unmet
     * @param snapshot the node, unchanged
     */
    record Refused(PromotionPreconditions preconditions, NodeSnapshot snapshot) implements PromotionOutcome {
        /** Validates that both parts are present. */
        public Refused {
            Objects.requireNonNull(preconditions, "preconditions");
            Objects.requireNonNull(snapshot, "snapshot");
        }
    }

    /**
     * Every step completed and the node is active.
     *
     * @param summary the administrator's summary, built from the promotion's audit entries; sent once
     *     per promotion, so a resumed promotion that had sent it before the stop returns it
     *     without sending it again
     * @param snapshot the node, {@link NodeState#ACTIVE}
     */
    record Completed(PromotionCompleted summary, NodeSnapshot snapshot) implements PromotionOutcome {
        /** Validates that both parts are present. */
        public Completed {
            Objects.requireNonNull(summary, "summary");
            Objects.requireNonNull(snapshot, "snapshot");
        }
    }

    /**
     * A step failed.
     *
     * @param step the step
     * @param message what failed, one line
     * @param snapshot the node, {@link NodeState#PROMOTION_FAILED}
     */
    record Failed(PromotionStep step, String message, NodeSnapshot snapshot) implements PromotionOutcome {
        /** Validates that every part is present. */
        public Failed {
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(snapshot, "snapshot");
        }

        /**
         * Whether {@link Promoter#abort} is still possible: only while the promotion has not raised
         * the epoch.
         *
         * @return true before the epoch raise
         */
        public boolean abortAllowed() {
            return !snapshot.epochRaisedInPromotion();
        }
    }

    /**
     * The node left the promotion while it ran (another node holds a higher epoch, or another
     * writer changed its state); the remaining steps did not run.
     *
     * @param message what happened, one line
     * @param snapshot the node as it is now
     */
    record Interrupted(String message, NodeSnapshot snapshot) implements PromotionOutcome {
        /** Validates that both parts are present. */
        public Interrupted {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(snapshot, "snapshot");
        }
    }
}
