package io.github.pbxredundancy.core.promotion;

import io.github.pbxredundancy.license.PrintableText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How far the running promotion got, kept durably with the node's state so that a promotion
 * interrupted by a crash resumes where it stopped: the steps that completed are not repeated.
 * Steps are named by the promotion orchestrator (e.g. {@code raise-epoch},
 * {@code network-takeover}, {@code module-activation}, {@code notify-users}, see
 * {@link PromotionStep}); the state machine only records them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the promotion's id, the same in every audit entry of the promotion: letters, digits,
 *     dots, hyphens and underscores, e.g. {@code 20160126T050000.000Z-e3} (start time and epoch)
 * @param startEpoch the node's epoch when the promotion was requested; the promotion has raised
 *     the epoch once the node's epoch is higher
 * @param completedSteps the steps that completed, in order, each once; at most
 *     {@value #MAX_STEPS}; step names are 1 to 40 lower-case letters, digits and hyphens
 * @param failedStep the step whose failure put the node into {@link NodeState#PROMOTION_FAILED};
 *     empty while the promotion runs; never a completed step
 */
public record PromotionProgress(String id, long startEpoch, List<String> completedSteps, Optional<String> failedStep) {
    /** The most steps a promotion records. */
    public static final int MAX_STEPS = 16;

    /**
     * Validates every part.
     *
     * @throws IllegalArgumentException naming the part, its value and the rule it breaks
     */
    public PromotionProgress {
        Names.promotionId("promotion id", id);
        if (startEpoch < 0) {
            throw PrintableText.invalid("startEpoch", Long.toString(startEpoch), "must be 0 or more");
        }
        completedSteps = List.copyOf(completedSteps);
        Objects.requireNonNull(failedStep, "failedStep");
        if (completedSteps.size() > MAX_STEPS) {
            throw PrintableText.invalid("completedSteps", completedSteps.size() + " steps", "must be at most "
                    + MAX_STEPS);
        }
        for (String step : completedSteps) {
            Names.step("completed step", step);
        }
        if (new HashSet<>(completedSteps).size() != completedSteps.size()) {
            throw PrintableText.invalid("completedSteps", String.join(",", completedSteps), "must name each step once");
        }
        if (failedStep.isPresent()) {
            Names.step("failed step", failedStep.get());
            if (completedSteps.contains(failedStep.get())) {
                throw PrintableText.invalid("failedStep", failedStep.get(), "must not be a completed step");
            }
        }
    }

    /**
     * A promotion that has just started.
     *
     * @param id its id
     * @param startEpoch the node's epoch now
     * @return the progress, without completed steps
     */
    static PromotionProgress start(String id, long startEpoch) {
        return new PromotionProgress(id, startEpoch, List.of(), Optional.empty());
    }

    /**
     * Whether a step completed.
     *
     * @param step the step's name
     * @return true if it is among {@link #completedSteps()}
     */
    public boolean isCompleted(String step) {
        return completedSteps.contains(step);
    }

    PromotionProgress withCompleted(String step) {
        List<String> steps = new ArrayList<>(completedSteps);
        steps.add(step);
        return new PromotionProgress(id, startEpoch, steps, failedStep);
    }

    PromotionProgress withFailed(String step) {
        return new PromotionProgress(id, startEpoch, completedSteps, Optional.of(step));
    }

    PromotionProgress retried() {
        return new PromotionProgress(id, startEpoch, completedSteps, Optional.empty());
    }
}
