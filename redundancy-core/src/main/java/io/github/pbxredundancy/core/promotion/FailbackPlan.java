package io.github.pbxredundancy.core.promotion;

import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.internal.AuditText;
import io.github.pbxredundancy.license.PrintableText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A failback (R18, B5) on the returning node: the seven {@link FailbackStep}s and where each
 * stands. The steps go strictly in order: a step can be done, fail or be skipped only when every
 * step before it is done (or skipped), and a done or skipped step never changes again; the
 * record refuses any other state, so a plan read from disk is always one that could have come
 * about. {@link Failback} keeps it durably and is the way to change it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the plan's id, e.g. {@code failback-20160127T080000.000Z-e1}: 1 to 64 letters,
 *     digits, dots, hyphens and underscores
 * @param promotedNode the node that was promoted and now serves, as it names itself in its
 *     bundles ({@code sourceNode}): 1 to 64 printable ASCII characters
 * @param promotedEpoch the promoted node's fencing epoch when the plan started, at least 1: its
 *     backups carry it
 * @param startedAt when the plan started
 * @param startedBy who started it (the operator rule)
 * @param statuses the status of every one of the seven steps
 */
public record FailbackPlan(String id, String promotedNode, long promotedEpoch, Instant startedAt, String startedBy,
                           Map<FailbackStep, FailbackStatus> statuses) {
    /** The longest node name, as for {@link io.github.pbxredundancy.core.Node}. */
    static final int MAX_NODE_NAME = 64;

    /**
     * Validates every part and that the statuses are in plan order.
     *
     * @throws IllegalArgumentException naming the part, its value and the rule it breaks
     */
    public FailbackPlan {
        Names.promotionId("plan", id);
        if (promotedNode == null || promotedNode.isEmpty() || promotedNode.length() > MAX_NODE_NAME
                || !promotedNode.chars().allMatch(c -> c >= ' ' && c <= '~')) {
            throw PrintableText.invalid("promoted node", promotedNode, "must be 1 to " + MAX_NODE_NAME
                    + " printable ASCII characters");
        }
        if (promotedEpoch < 1) {
            throw PrintableText.invalid("promoted epoch", Long.toString(promotedEpoch), "must be 1 or more: the"
                    + " promoted node raised it");
        }
        Objects.requireNonNull(startedAt, "startedAt");
        String problem = AuditText.problem(startedBy, AuditContext.MAX_OPERATOR_LENGTH, false);
        if (problem != null) {
            throw PrintableText.invalid("started by", startedBy, problem);
        }
        Objects.requireNonNull(statuses, "statuses");
        EnumMap<FailbackStep, FailbackStatus> copy = new EnumMap<>(FailbackStep.class);
        for (FailbackStep step : FailbackStep.values()) {
            FailbackStatus status = statuses.get(step);
            if (status == null) {
                throw PrintableText.invalid("status of " + step.label(), null, "is required for each of the seven"
                        + " steps");
            }
            copy.put(step, status);
        }
        if (statuses.size() != copy.size()) {
            throw PrintableText.invalid("statuses", statuses.keySet().toString(), "must hold the seven steps only");
        }
        for (FailbackStep step : FailbackStep.values()) {
            FailbackStatus status = copy.get(step);
            if (status.kind() == FailbackStatus.Kind.SKIPPED && !step.skippable()) {
                throw PrintableText.invalid("status of " + step.label(), "SKIPPED", "only " + skippableSteps()
                        + " may be skipped");
            }
            if (status.kind() != FailbackStatus.Kind.PENDING) {
                List<FailbackStep> missing = notFinalBefore(copy, step);
                if (!missing.isEmpty()) {
                    throw PrintableText.invalid("status of " + step.label(), status.kind().name(), "needs every"
                            + " step before it done, but " + missing.get(0).label() + " is "
                            + copy.get(missing.get(0)).kind());
                }
            }
        }
        statuses = Collections.unmodifiableMap(copy);
    }

    /**
     * A new plan, every step pending.
     *
     * @param id the plan's id
     * @param promotedNode the promoted node's name
     * @param promotedEpoch its epoch
     * @param at when it starts
     * @param by who starts it
     * @return the plan
     * @throws IllegalArgumentException if a part breaks its rule
     */
    public static FailbackPlan start(String id, String promotedNode, long promotedEpoch, Instant at, String by) {
        Map<FailbackStep, FailbackStatus> pending = new EnumMap<>(FailbackStep.class);
        for (FailbackStep step : FailbackStep.values()) {
            pending.put(step, FailbackStatus.PENDING);
        }
        return new FailbackPlan(id, promotedNode, promotedEpoch, at, by, pending);
    }

    /**
     * The status of a step.
     *
     * @param step the step
     * @return its status
     */
    public FailbackStatus status(FailbackStep step) {
        return statuses.get(Objects.requireNonNull(step, "step"));
    }

    /**
     * The first step not done (nor skipped): the one to do now.
     *
     * @return the step; empty when the plan is complete
     */
    public Optional<FailbackStep> next() {
        for (FailbackStep step : FailbackStep.values()) {
            if (!statuses.get(step).isFinal()) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether every step is done (or skipped).
     *
     * @return true when the failback is over
     */
    public boolean isComplete() {
        return next().isEmpty();
    }

    /**
     * The steps before {@code step} that are not done (nor skipped), in order: what stands in
     * its way.
     *
     * @param step a step
     * @return the steps, empty if it may be done now
     */
    public List<FailbackStep> notDoneBefore(FailbackStep step) {
        return notFinalBefore(statuses, Objects.requireNonNull(step, "step"));
    }

    /**
     * Why a step cannot take a status now, if it cannot.
     *
     * @param step the step
     * @param status the new status: done, failed or skipped
     * @return empty if allowed; else the reason, naming the missing predecessor
     */
    public Optional<String> refusal(FailbackStep step, FailbackStatus status) {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(status, "status");
        FailbackStatus now = statuses.get(step);
        String what = switch (status.kind()) {
            case DONE -> "done";
            case FAILED -> "recorded as failed";
            case SKIPPED -> "skipped";
            case PENDING -> "pending again";
        };
        if (status.kind() == FailbackStatus.Kind.PENDING) {
            return Optional.of("Failback " + step.label() + " cannot become pending again: a step only goes forward.");
        }
        if (now.isFinal()) {
            return Optional.of("Failback " + step.label() + " is " + now.kind() + " already" + describeAt(now)
                    + ": a " + now.kind().name().toLowerCase(Locale.ROOT) + " step stays so.");
        }
        if (status.kind() == FailbackStatus.Kind.SKIPPED && !step.skippable()) {
            return Optional.of("Failback " + step.label() + " cannot be skipped: only " + skippableSteps() + " may"
                    + " be; every other step is needed for a failback without an address conflict or lost changes.");
        }
        List<FailbackStep> missing = notDoneBefore(step);
        if (!missing.isEmpty()) {
            FailbackStep first = missing.get(0);
            FailbackStatus blocking = statuses.get(first);
            return Optional.of("Failback " + step.label() + " cannot be " + what + " yet: " + first.label() + " ("
                    + first.actor().name().toLowerCase(Locale.ROOT) + ") is not done (" + blocking.kind()
                    + (blocking instanceof FailbackStatus.Failed failed ? ": " + failed.reason() : "") + ")"
                    + (missing.size() > 1 ? ", nor are " + missing.subList(1, missing.size()).stream()
                    .map(FailbackStep::id).collect(Collectors.joining(", ")) : "")
                    + "; the steps go in order (R18).");
        }
        return Optional.empty();
    }

    /**
     * This plan with a step's new status.
     *
     * @param step the step
     * @param status its new status: done, failed or skipped
     * @return the new plan
     * @throws RedundancyException with {@link ReasonCode#ILLEGAL_STATE} saying why, if
     *     {@link #refusal} refuses it
     */
    public FailbackPlan with(FailbackStep step, FailbackStatus status) {
        Optional<String> refusal = refusal(step, status);
        if (refusal.isPresent()) {
            throw new RedundancyException(ReasonCode.ILLEGAL_STATE, refusal.get());
        }
        Map<FailbackStep, FailbackStatus> changed = new EnumMap<>(statuses);
        changed.put(step, status);
        return new FailbackPlan(id, promotedNode, promotedEpoch, startedAt, startedBy, changed);
    }

    /**
     * Whether the returning node may claim the pair's address, as far as this plan is
     * concerned: only once every step before {@link FailbackStep#PROMOTE_BACK} is done, i.e. the
     * promoted node released the address and is shut down and its newest backup is imported
     * here. The promotion back takes the address; before it, the node claims nothing.
     *
     * @return true from the promote-back step on
     */
    public boolean mayClaimAddress() {
        return addressClaimRefusal().isEmpty();
    }

    /**
     * Why the returning node may not claim the pair's address yet, if it may not.
     *
     * @return empty from the promote-back step on; else the reason, naming the step to do first
     */
    public Optional<String> addressClaimRefusal() {
        List<FailbackStep> missing = notDoneBefore(FailbackStep.PROMOTE_BACK);
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        FailbackStep first = missing.get(0);
        return Optional.of("The failback " + id + " has not reached its promote-back step: " + first.label() + " ("
                + first.actor().name().toLowerCase(Locale.ROOT) + ") is " + statuses.get(first).kind()
                + ". Until the promoted node " + promotedNode + " has released the pair's address, is shut down and"
                + " its newest backup is imported here, this node claims no address (R18, R31).");
    }

    /**
     * When a step was done, if it was.
     *
     * @param step the step
     * @return the time of its {@link FailbackStatus.Done}; empty otherwise
     */
    public Optional<Instant> doneAt(FailbackStep step) {
        return status(step) instanceof FailbackStatus.Done done ? Optional.of(done.at()) : Optional.empty();
    }

    private static List<FailbackStep> notFinalBefore(Map<FailbackStep, FailbackStatus> statuses, FailbackStep step) {
        List<FailbackStep> missing = new ArrayList<>();
        for (FailbackStep before : FailbackStep.values()) {
            if (before == step) {
                break;
            }
            if (!statuses.get(before).isFinal()) {
                missing.add(before);
            }
        }
        return missing;
    }

    private static String skippableSteps() {
        return Arrays.stream(FailbackStep.values()).filter(FailbackStep::skippable).map(FailbackStep::label)
                .collect(Collectors.joining(", "));
    }

    private static String describeAt(FailbackStatus status) {
        if (status instanceof FailbackStatus.Done done) {
            return " (since " + done.at() + ", by " + done.by() + ")";
        }
        if (status instanceof FailbackStatus.Skipped skipped) {
            return " (since " + skipped.at() + ", by " + skipped.by() + ")";
        }
        return "";
    }
}
