package io.github.pbxredundancy.core.promotion;

import io.github.pbxredundancy.core.InputProblem;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.Node;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.Receiver;
import io.github.pbxredundancy.core.ReceiverStatus;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.RedundancyPair;
import io.github.pbxredundancy.core.StandbyInitializer;
import io.github.pbxredundancy.core.UserContact;
import io.github.pbxredundancy.core.event.PhoneRestartRequested;
import io.github.pbxredundancy.core.event.PromotionCompleted;
import io.github.pbxredundancy.core.event.PromotionEvent;
import io.github.pbxredundancy.core.event.PromotionRefused;
import io.github.pbxredundancy.core.event.PromotionStepFailed;
import io.github.pbxredundancy.core.event.StandbyLicenseWarning;
import io.github.pbxredundancy.core.internal.DurationText;
import io.github.pbxredundancy.core.spi.ModuleActivation;
import io.github.pbxredundancy.core.spi.NetworkTakeover;
import io.github.pbxredundancy.core.spi.Notifier;
import io.github.pbxredundancy.core.spi.UserDirectory;
import io.github.pbxredundancy.license.LoadBudgetPolicy;
import io.github.pbxredundancy.license.PairingCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Promotes this standby to the active node (R2, R14–R17, B1, B2): checks the preconditions,
 * then runs the promotion's steps through the host's SPIs, each recorded in the node's
 * {@link NodeLifecycle} so that a failed or interrupted promotion is retried or resumed without
 * repeating what completed.
 *
 * <h2>Preconditions</h2>
 * A promotion is requested by a named operator ({@link PromotionRequest}). It starts only if all
 * of these hold; otherwise it is refused with every unmet one at once ({@link PreconditionCode}):
 * <ul>
 *   <li>the node is a warm standby ({@code NOT_A_WARM_STANDBY}), and with an
 *       {@linkplain Builder#initializer initializer} its initialisation record exists;</li>
 *   <li>a backup was imported: the receiver's last import succeeded, or the standby's
 *       initialisation is newer than it ({@code NO_IMPORTED_BACKUP}); its age is shown;</li>
 *   <li>the standby's licenses are complete: the {@link PairingCheck} finds no problem in the
 *       pair's licenses ({@code LICENSES_INCOMPLETE}, R11);</li>
 *   <li>the operator confirmed that the hardware lines were moved ({@code HARDWARE_NOT_MOVED}, R16);</li>
 *   <li>the active is confirmed down: the {@link ActiveDownCheck} says
 *       {@link DownVerdict.ConfirmedDown}, or the request carries a {@link DownOverride}, in which
 *       case the check does not run and the override is recorded with its reason and the last
 *       verdict this promoter saw ({@code ACTIVE_NOT_CONFIRMED_DOWN}, R15, B2). Any sign of life
 *       refuses the promotion, with the evidence.</li>
 * </ul>
 * The liveness check runs whenever there is no override, even if other preconditions fail, so
 * that the operator learns everything at once. A refusal changes nothing but a
 * {@code PROMOTION_REFUSED} note in the audit trail, and sends {@link PromotionRefused}. A
 * backup older than the {@linkplain Builder#maximumBackupAge maximum age}, or a newer bundle not
 * imported yet, is a warning, not a refusal: in an emergency old data beats no PBX.
 *
 * <h2>Steps</h2>
 * When the preconditions hold, the promoter observes the receiver's highest epoch
 * ({@link NodeLifecycle#observeEpoch}, so the raised epoch is above every bundle's), records the
 * verdict ({@code DOWN_CONFIRMED}) or the override ({@code OVERRIDE}), and fires
 * {@link Trigger#PROMOTION_REQUESTED} with the checks that passed. Then the {@link PromotionStep}s
 * in order, each recorded with {@link NodeLifecycle#recordStepCompleted} after it succeeded:
 * <ol>
 *   <li>{@code raise-epoch}: {@link NodeLifecycle#raiseEpoch}, persisted (B1), the point of no return;</li>
 *   <li>{@code network-takeover}: {@link NetworkTakeover#takeOver} with the active node (R2, R15);</li>
 *   <li>{@code module-activation}: {@link ModuleActivation#activateModules} (R14);</li>
 *   <li>{@code notify-users}: one {@link PhoneRestartRequested} with every user of the
 *       {@link UserDirectory} (R17);</li>
 *   <li>{@code notify-admin}: one {@link PromotionCompleted}, the administrator's summary.</li>
 * </ol>
 * Then {@link Trigger#PROMOTION_COMPLETED} makes the node {@link NodeState#ACTIVE}, and a
 * {@link StandbyLicenseWarning} says that it serves on standby licenses (R28, R29; with a
 * {@link StandbyLoadWatch}, the load budget starts counting).
 *
 * <h2>Failures, retry, abort, resume</h2>
 * A step that throws (any {@link RuntimeException} from the host, or a failed epoch raise) is
 * recorded with {@link NodeLifecycle#recordStepFailed}: the node is
 * {@link NodeState#PROMOTION_FAILED}, naming the step, and {@link PromotionStepFailed} is sent.
 * {@link #retry} continues with the first step not completed; {@link #abort} returns the node to
 * {@link NodeState#WARM_STANDBY}, but only while the epoch was not raised (the lifecycle refuses
 * it afterwards, with its reason). A node that stopped in the middle of a promotion (a crash, a
 * power cut) starts in {@link NodeState#PROMOTING}; {@link #resume} continues it after the
 * completed steps. The host's steps are idempotent by contract, so a step that ran but was not
 * recorded before the stop runs again.
 *
 * <h2>Exactly one message per user and one summary</h2>
 * The two notification steps must not repeat: a user who gets "restart your phone" twice
 * restarts it twice. Each records a marker ({@code notify-users-begun},
 * {@code notify-admin-begun}) before it hands its event to the notifier, and completes after.
 * A resumed promotion that finds the marker without the completion does not send again; it
 * records the step as completed with a "not repeated" check, and the summary says the
 * restart message may not have gone out. So a stop between the marker and the hand-over's end
 * (a window of one notifier call) costs at most that one event, never a duplicate. The
 * notifier's own delivery (a mail server that is down, a queue lost at a crash) is the
 * notifier's to make reliable; {@link PhoneRestartRequested#promotionId()} lets it deduplicate.
 *
 * <h2>Failback</h2>
 * Built with {@linkplain Builder#failback(Failback) a failback}, the promoter also ends a failback
 * (R18, B5): while its plan is in progress the promotion waits for the plan's promote-back step
 * ({@link PreconditionCode#FAILBACK_NOT_READY}), checks the licenses for the roles after the
 * failback, sends no standby-license warning, and tells the plan when it completes.
 *
 * <h2>Threads</h2>
 * Thread-safe. {@link #promote}, {@link #check}, {@link #resume} and {@link #retry} return at
 * once with a future: the liveness check takes its confirmation period (a minute by default),
 * and the host's steps block, so neither runs on the caller's thread (a web UI's request
 * thread returns at once and shows the outcome when the future completes). The liveness check
 * runs on its own executor and scheduler; the evaluation and the steps run on this promoter's
 * {@linkplain Builder#executor executor}, one operation at a time: a second {@code promote},
 * {@code resume} or {@code retry} while one runs fails at once with
 * {@link ReasonCode#ILLEGAL_STATE}. Cancelling {@code promote}'s future while the liveness check
 * runs stops the check and starts nothing; once the steps run, they run to a completed or failed
 * step. Use one promoter per node. Events go to the notifier on the executor's thread, outside
 * any lock; what it throws is logged. The library sets no time limit on a host's step.
 */
public final class Promoter {
    private static final Logger LOG = LoggerFactory.getLogger(Promoter.class);
    /** The audit note of a refused promotion. */
    static final String REFUSED = "PROMOTION_REFUSED";
    /** The audit note of an operator's override of the liveness check. */
    static final String OVERRIDE = "OVERRIDE";
    /** The audit note with the liveness check's verdict before a promotion starts. */
    static final String DOWN_CONFIRMED = "DOWN_CONFIRMED";

    private final NodeLifecycle lifecycle;
    private final RedundancyPair pair;
    private final PreconditionCheck preconditions;
    private final ActiveDownCheck downCheck;
    private final NetworkTakeover networkTakeover;
    private final ModuleActivation moduleActivation;
    private final UserDirectory userDirectory;
    private final Notifier notifier;
    private final Clock clock;
    private final Executor executor;
    private final StandbyLoadWatch loadWatch;
    private final LongUnaryOperator receiverFloor;
    private final Failback failback;
    private final AtomicReference<String> running = new AtomicReference<>();
    private volatile TimedVerdict lastVerdict;

    private Promoter(Builder builder) {
        this.lifecycle = builder.lifecycle;
        this.pair = builder.pair;
        this.preconditions = new PreconditionCheck(builder.lifecycle, builder.pair, builder.pairingCheck,
                builder.receiverStatus, builder.initializer, builder.maximumBackupAge, builder.failback, builder.clock);
        this.downCheck = builder.downCheck;
        this.networkTakeover = builder.networkTakeover;
        this.moduleActivation = builder.moduleActivation;
        this.userDirectory = builder.userDirectory;
        this.notifier = builder.notifier;
        this.clock = builder.clock;
        this.executor = builder.executor;
        this.loadWatch = builder.loadWatch;
        this.receiverFloor = builder.receiverFloor;
        this.failback = builder.failback;
    }

    /**
     * A builder; every setting but the initializer, the pairing check, the maximum backup age, the
     * load watch and the failback is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A verdict and when it came. */
    private record TimedVerdict(Instant at, DownVerdict verdict) {
    }

    /** The liveness check's run (absent with an override) and its result. */
    private record Liveness(Optional<CompletableFuture<DownVerdict>> run,
                            CompletableFuture<PreconditionCheck.Liveness> result) {
    }

    /** A step that failed, with the code and message to record. */
    private static final class StepFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final ReasonCode reason;

        StepFailure(ReasonCode reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }

    /**
     * Evaluates the preconditions without promoting, e.g. for a UI that shows what is missing
     * before the operator asks; runs the liveness check (unless the request overrides it), so it
     * takes the check's confirmation period. Changes nothing and sends nothing; may run while a
     * promotion runs.
     *
     * @param request the request to check
     * @return the preconditions, when the liveness check has ended; cancelling the future stops
     *     the check
     */
    public CompletableFuture<PromotionPreconditions> check(PromotionRequest request) {
        Objects.requireNonNull(request, "request");
        CompletableFuture<PromotionPreconditions> result = new CompletableFuture<>();
        Liveness liveness = liveness(request);
        linkCancel(result, liveness);
        liveness.result().thenAcceptAsync(found -> {
            try {
                result.complete(preconditions.evaluate(request, found).preconditions());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, executor).whenComplete((ignored, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            }
        });
        return result;
    }

    /**
     * Promotes this node: checks the preconditions (running the liveness check unless the
     * request overrides it), then runs every step; see the class description.
     *
     * @param request who asks and with which confirmations
     * @return the outcome: {@link PromotionOutcome.Refused}, {@link PromotionOutcome.Completed},
     *     {@link PromotionOutcome.Failed} or {@link PromotionOutcome.Interrupted}; completes
     *     exceptionally with a {@link RedundancyException} ({@link ReasonCode#ILLEGAL_STATE}) if
     *     another operation of this promoter is running, or ({@link ReasonCode#UNEXPECTED}) if the
     *     node's state cannot be persisted (then {@link #resume} once the cause is fixed)
     */
    public CompletableFuture<PromotionOutcome> promote(PromotionRequest request) {
        Objects.requireNonNull(request, "request");
        CompletableFuture<PromotionOutcome> busy = claim("the promotion requested by " + request.operator());
        if (busy != null) {
            return busy;
        }
        CompletableFuture<PromotionOutcome> result = new CompletableFuture<>();
        Liveness liveness;
        try {
            liveness = liveness(request);
        } catch (RuntimeException e) {
            running.set(null);
            throw e;
        }
        linkCancel(result, liveness);
        liveness.result().thenAcceptAsync(found -> complete(result, () -> start(request, found)), executor)
                .whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        // The executor refused the task, which therefore never released the claim.
                        running.set(null);
                        result.completeExceptionally(failure);
                    }
                });
        return result;
    }

    /**
     * Continues a promotion that stopped in the middle (the node starts in
     * {@link NodeState#PROMOTING} after a crash): records a {@code PROMOTION_RESUMED} note and
     * runs the steps not completed yet. Nothing is checked again: the preconditions held when
     * the promotion started, and after the epoch raise the only way is forward.
     *
     * @param operator who resumes it
     * @return the outcome, as for {@link #promote}; completes exceptionally with
     *     {@link ReasonCode#ILLEGAL_STATE} unless the node is {@link NodeState#PROMOTING}
     * @throws InvalidInputException if the operator's name breaks the operator rule
     */
    public CompletableFuture<PromotionOutcome> resume(String operator) {
        AuditContext.of(operator, "");
        return submit("the resume by " + operator, () -> {
            NodeSnapshot snapshot = lifecycle.snapshot();
            if (snapshot.state() != NodeState.PROMOTING) {
                throw new RedundancyException(ReasonCode.ILLEGAL_STATE, "there is no interrupted promotion to resume:"
                        + " the node is in state " + snapshot.state() + (snapshot.state() == NodeState.PROMOTION_FAILED
                        ? "; retry or abort the failed promotion instead" : ""));
            }
            PromotionProgress progress = snapshot.promotion().orElseThrow();
            lifecycle.recordNote(PromotionSummary.RESUMED, new AuditContext(operator, "resuming the promotion after"
                    + " the node stopped in the middle of it", List.of(AuditLines.check("completed: "
                    + (progress.completedSteps().isEmpty() ? "none" : String.join(", ", progress.completedSteps()))))));
            return steps(operator);
        });
    }

    /**
     * Retries a failed promotion ({@link NodeState#PROMOTION_FAILED}): fires {@link Trigger#RETRY}
     * and runs the steps from the first one not completed, the failed one.
     *
     * @param operator who retries
     * @return the outcome, as for {@link #promote}; completes exceptionally with the lifecycle's
     *     {@link IllegalTransitionException} unless the node is {@link NodeState#PROMOTION_FAILED}
     * @throws InvalidInputException if the operator's name breaks the operator rule
     */
    public CompletableFuture<PromotionOutcome> retry(String operator) {
        AuditContext.of(operator, "");
        return submit("the retry by " + operator, () -> {
            String failed = lifecycle.snapshot().promotion().flatMap(PromotionProgress::failedStep).orElse("none");
            lifecycle.transition(Trigger.RETRY, new AuditContext(operator, "retrying the promotion after step " + failed
                    + " failed", List.of()));
            return steps(operator);
        });
    }

    /**
     * Abandons a failed promotion: fires {@link Trigger#ABORT}, back to
     * {@link NodeState#WARM_STANDBY}. Allowed only while the promotion has not raised the epoch,
     * i.e. when its first step failed; afterwards the lifecycle refuses with its reason (the way
     * back is a failback). Nothing needs undoing then: no other step ran.
     *
     * @param operator who aborts
     * @param reason why, possibly empty
     * @return the node's snapshot after the abort
     * @throws IllegalTransitionException if the node is not {@link NodeState#PROMOTION_FAILED} or
     *     its promotion raised the epoch; the message says why and what is allowed
     * @throws RedundancyException with {@link ReasonCode#ILLEGAL_STATE} while another operation
     *     of this promoter runs
     * @throws InvalidInputException if the operator or the reason breaks its rule
     */
    public NodeSnapshot abort(String operator, String reason) {
        NodeSnapshot before = lifecycle.snapshot();
        AuditContext context = new AuditContext(operator, reason, List.of(AuditLines.check("failed step: "
                + before.promotion().flatMap(PromotionProgress::failedStep).orElse("none"))));
        String other = running.get();
        if (other != null) {
            throw new RedundancyException(ReasonCode.ILLEGAL_STATE, "cannot abort while " + other + " runs; wait for"
                    + " its outcome");
        }
        NodeSnapshot after = lifecycle.transition(Trigger.ABORT, context);
        LOG.warn("Promotion {} aborted by {}; the node is a warm standby again", before.promotion()
                .map(PromotionProgress::id).orElse("?"), operator);
        return after;
    }

    /**
     * Whether a promotion stopped in the middle and waits for {@link #resume}: the node is
     * {@link NodeState#PROMOTING} and no operation of this promoter runs.
     *
     * @return true if {@link #resume} would continue a promotion
     */
    public boolean resumable() {
        return lifecycle.state() == NodeState.PROMOTING && running.get() == null;
    }

    // ---------------------------------------------------------------------------------------------
    // Running one operation

    /** Claims the promoter for one operation; a failed future if another one runs. */
    private <T> CompletableFuture<T> claim(String what) {
        if (running.compareAndSet(null, what + " (since " + PreconditionCheck.time(clock.instant()) + ")")) {
            return null;
        }
        return CompletableFuture.failedFuture(new RedundancyException(ReasonCode.ILLEGAL_STATE, "another promotion"
                + " operation runs on this node: " + running.get() + "; wait for its outcome"));
    }

    private CompletableFuture<PromotionOutcome> submit(String what, Supplier<PromotionOutcome> work) {
        CompletableFuture<PromotionOutcome> busy = claim(what);
        if (busy != null) {
            return busy;
        }
        CompletableFuture<PromotionOutcome> result = new CompletableFuture<>();
        try {
            executor.execute(() -> complete(result, work));
        } catch (RejectedExecutionException e) {
            running.set(null);
            result.completeExceptionally(e);
        }
        return result;
    }

    /** Runs the work unless the future is done (cancelled), completes it, and releases the claim. */
    private void complete(CompletableFuture<PromotionOutcome> result, Supplier<PromotionOutcome> work) {
        try {
            if (!result.isDone()) {
                result.complete(work.get());
            }
        } catch (Throwable t) {
            LOG.error("The promotion operation stopped: {}", PreconditionCheck.describe(t), t);
            result.completeExceptionally(t);
        } finally {
            running.set(null);
        }
    }

    private Liveness liveness(PromotionRequest request) {
        if (request.override().isPresent()) {
            return new Liveness(Optional.empty(), CompletableFuture.completedFuture(PreconditionCheck.Liveness.overridden()));
        }
        CompletableFuture<DownVerdict> run;
        try {
            run = downCheck.confirm();
        } catch (RuntimeException e) {
            return new Liveness(Optional.empty(), CompletableFuture.completedFuture(
                    new PreconditionCheck.Liveness(Optional.empty(), Optional.of(e))));
        }
        return new Liveness(Optional.of(run), run.handle((verdict, failure) -> {
            if (verdict != null) {
                lastVerdict = new TimedVerdict(clock.instant(), verdict);
            }
            return new PreconditionCheck.Liveness(Optional.ofNullable(verdict), Optional.ofNullable(failure));
        }));
    }

    private static void linkCancel(CompletableFuture<?> result, Liveness liveness) {
        liveness.run().ifPresent(run -> result.whenComplete((ignored, failure) -> {
            if (result.isCancelled()) {
                run.cancel(true);
            }
        }));
    }

    // ---------------------------------------------------------------------------------------------
    // The promotion

    private PromotionOutcome start(PromotionRequest request, PreconditionCheck.Liveness liveness) {
        PreconditionCheck.Evaluation evaluation = preconditions.evaluate(request, liveness);
        PromotionPreconditions checked = evaluation.preconditions();
        if (!checked.satisfied()) {
            return refuse(request, checked);
        }
        try {
            if (evaluation.receiverEpoch() > lifecycle.epoch()) {
                lifecycle.observeEpoch(evaluation.receiverEpoch(), AuditContext.system("the highest epoch of the bundles"
                        + " this standby accepted, observed before the promotion", List.of()));
            }
            if (request.override().isPresent()) {
                lifecycle.recordNote(OVERRIDE, overrideContext(request.override().get()));
            } else {
                lifecycle.recordNote(DOWN_CONFIRMED, new AuditContext(request.operator(), "the check confirmed that"
                        + " the active is down", AuditLines.checks(checked.verdict().orElseThrow().summary())));
            }
            List<String> checks = new ArrayList<>(checked.met());
            checks.addAll(checked.warnings());
            NodeSnapshot started = lifecycle.transition(Trigger.PROMOTION_REQUESTED, new AuditContext(
                    request.operator(), request.reason(), AuditLines.checks(checks)));
            LOG.info("Promotion {} requested by {} started: {}", started.promotion().orElseThrow().id(),
                    request.operator(), checks);
        } catch (RedundancyException e) {
            if (e.reason() == ReasonCode.ILLEGAL_STATE) {
                return interrupted(e);
            }
            throw e;
        }
        return steps(request.operator());
    }

    private PromotionOutcome refuse(PromotionRequest request, PromotionPreconditions checked) {
        List<String> evidence = checked.verdict().map(DownVerdict::summary).orElse(List.of());
        List<String> lines = new ArrayList<>();
        checked.unmet().forEach(unmet -> lines.add(unmet.toString()));
        lines.addAll(evidence);
        String codes = checked.unmet().stream().map(unmet -> unmet.code().name()).collect(Collectors.joining(", "));
        try {
            lifecycle.recordNote(REFUSED, new AuditContext(request.operator(), AuditLines.reason("promotion refused: "
                    + codes), AuditLines.checks(lines)));
        } catch (RuntimeException e) {
            LOG.warn("The refused promotion could not be recorded in the audit trail", e);
        }
        LOG.warn("Promotion requested by {} refused: {}", request.operator(), checked.unmet());
        deliver(new PromotionRefused(clock.instant(), request.operator(), checked.unmet(), evidence));
        return new PromotionOutcome.Refused(checked, lifecycle.snapshot());
    }

    private AuditContext overrideContext(DownOverride override) {
        List<String> lines = new ArrayList<>();
        TimedVerdict last = lastVerdict;
        if (last == null) {
            lines.add("the check that the active is down was not run before the override");
        } else {
            lines.add("overrides the verdict of " + PreconditionCheck.time(last.at()) + ":");
            lines.addAll(last.verdict().summary());
        }
        return new AuditContext(override.operator(), AuditLines.reason(override.reason()), AuditLines.checks(lines));
    }

    /** Runs the steps not completed yet, then completes the promotion. */
    private PromotionOutcome steps(String operator) {
        PromotionCompleted[] summary = new PromotionCompleted[1];
        try {
            for (PromotionStep step : PromotionStep.values()) {
                PromotionProgress progress = promoting();
                if (progress.isCompleted(step.id())) {
                    continue;
                }
                List<String> evidence;
                try {
                    evidence = perform(step, progress, operator, summary);
                } catch (StepFailure failure) {
                    return fail(step, failure, operator);
                }
                lifecycle.recordStepCompleted(step.id(), new AuditContext(operator, "promotion step " + step.id()
                        + " completed", AuditLines.checks(evidence)));
                LOG.info("Promotion step {} completed: {}", step.id(), evidence);
            }
            PromotionProgress progress = promoting();
            if (summary[0] == null) {
                summary[0] = summaryOrFallback(progress);
            }
            boolean failingBack = failback != null && failback.inProgress();
            NodeSnapshot done = lifecycle.transition(Trigger.PROMOTION_COMPLETED, new AuditContext(operator, "every"
                    + " promotion step completed", List.of(AuditLines.check("steps: " + String.join(", ",
                    progress.completedSteps())))));
            LOG.info("Promotion {} completed: this node is the active at epoch {}", progress.id(), done.epoch());
            if (failingBack) {
                LOG.info("Promotion {} ends a failback: this node returns to the role of the active on its own"
                        + " licenses (R18)", progress.id());
                syncFailback();
            } else {
                warnStandbyLicenses();
            }
            return new PromotionOutcome.Completed(summary[0], done);
        } catch (RedundancyException e) {
            if (e.reason() == ReasonCode.ILLEGAL_STATE) {
                return interrupted(e);
            }
            throw e;
        }
    }

    private PromotionProgress promoting() {
        NodeSnapshot snapshot = lifecycle.snapshot();
        if (snapshot.state() != NodeState.PROMOTING) {
            throw new RedundancyException(ReasonCode.ILLEGAL_STATE, "the node left the promotion: it is in state "
                    + snapshot.state() + " at epoch " + snapshot.epoch());
        }
        return snapshot.promotion().orElseThrow();
    }

    private List<String> perform(PromotionStep step, PromotionProgress progress, String operator,
                                 PromotionCompleted[] summary) throws StepFailure {
        switch (step) {
            case RAISE_EPOCH:
                return raiseEpoch(progress, operator);
            case NETWORK_TAKEOVER: {
                Node active = pair.active();
                host("NetworkTakeover", () -> {
                    networkTakeover.takeOver(active);
                    return null;
                });
                return List.of("took over " + active.address() + "/" + active.prefixLength() + " of " + active.name());
            }
            case MODULE_ACTIVATION:
                host("ModuleActivation", () -> {
                    moduleActivation.activateModules();
                    return null;
                });
                return List.of("modules activated");
            case NOTIFY_USERS:
                return notifyUsers(progress, operator);
            case NOTIFY_ADMIN:
                return notifyAdmin(progress, operator, summary);
            default:
                throw new AssertionError(step);
        }
    }

    private List<String> raiseEpoch(PromotionProgress progress, String operator) throws StepFailure {
        NodeSnapshot raised;
        try {
            raised = lifecycle.raiseEpoch(new AuditContext(operator, "the promotion's first step: a new fencing epoch"
                    + " (B1)", List.of()));
        } catch (RedundancyException e) {
            if (e.reason() == ReasonCode.ILLEGAL_STATE) {
                throw e;
            }
            throw new StepFailure(e.reason(), "the epoch cannot be raised: " + PreconditionCheck.describe(e));
        }
        if (receiverFloor == null) {
            return List.of("epoch: " + progress.startEpoch() + " -> " + raised.epoch(),
                    "the receiver's epoch floor is the host's to raise (Receiver.Builder.epochFloor)");
        }
        try {
            // Before the address is taken: from here on the old active's bundles are refused (B1).
            long floor = receiverFloor.applyAsLong(raised.epoch());
            return List.of("epoch: " + progress.startEpoch() + " -> " + raised.epoch(),
                    "receiver refuses bundles below epoch " + floor);
        } catch (RuntimeException e) {
            throw new StepFailure(e instanceof RedundancyException r ? r.reason() : ReasonCode.UNEXPECTED,
                    "the epoch was raised to " + raised.epoch() + " but the receiver's floor cannot be raised: "
                            + PreconditionCheck.describe(e));
        }
    }

    private List<String> notifyUsers(PromotionProgress progress, String operator) throws StepFailure {
        String marker = PromotionStep.NOTIFY_USERS.beganMarker();
        if (progress.isCompleted(marker)) {
            LOG.warn("Promotion {}: the restart-your-phone message was being handed to the notifiers when the node"
                    + " stopped; it is not sent again, so that no user gets it twice", progress.id());
            return List.of(PromotionSummary.NOT_REPEATED + "the hand-over began before the node stopped; not sent again,"
                    + " so that no user gets the message twice");
        }
        List<UserContact> users = host("UserDirectory", () -> unique(userDirectory.users()));
        NodeSnapshot marked = lifecycle.recordStepCompleted(marker, new AuditContext(operator, "handing the"
                + " restart-your-phone message to the notifiers", List.of(PromotionSummary.USERS + users.size())));
        deliver(new PhoneRestartRequested(clock.instant(), progress.id(), pair.standby().name(), marked.epoch(), users));
        return List.of(PromotionSummary.USERS + users.size(), "restart-your-phone message handed to the notifiers");
    }

    private List<String> notifyAdmin(PromotionProgress progress, String operator, PromotionCompleted[] summary)
            throws StepFailure {
        try {
            summary[0] = buildSummary(progress);
        } catch (RuntimeException e) {
            throw new StepFailure(ReasonCode.PROMOTION_STEP_FAILED, "the summary cannot be built from the audit trail: "
                    + PreconditionCheck.describe(e));
        }
        String marker = PromotionStep.NOTIFY_ADMIN.beganMarker();
        if (progress.isCompleted(marker)) {
            LOG.warn("Promotion {}: the summary was being handed to the notifiers when the node stopped; it is not sent"
                    + " again", progress.id());
            return List.of(PromotionSummary.NOT_REPEATED + "the hand-over began before the node stopped; not sent again");
        }
        lifecycle.recordStepCompleted(marker, new AuditContext(operator, "handing the summary to the notifiers",
                List.of()));
        deliver(summary[0]);
        return List.of("summary handed to the notifiers");
    }

    private PromotionCompleted buildSummary(PromotionProgress progress) {
        return PromotionSummary.build(lifecycle.auditTrail().read().entries(), progress.id(), clock.instant(),
                pair.standby(), lifecycle.epoch(), pair.active(), licenseLine());
    }

    /** For the outcome when the summary step completed before a restart: rebuilt, not sent again. */
    private PromotionCompleted summaryOrFallback(PromotionProgress progress) {
        try {
            return buildSummary(progress);
        } catch (RuntimeException e) {
            LOG.warn("The promotion's summary cannot be built from the audit trail", e);
            return new PromotionCompleted(clock.instant(), progress.id(), pair.standby().name(), lifecycle.epoch(),
                    AuditContext.SYSTEM, Duration.ZERO, 0, false, List.of("The summary cannot be built from the audit"
                    + " trail: " + PreconditionCheck.describe(e)));
        }
    }

    private String licenseLine() {
        if (failback != null && failback.inProgress()) {
            return "This promotion ends a failback (R18): this node is the active again, on its own licenses; the"
                    + " licenses were checked for the roles after the failback.";
        }
        if (loadWatch != null) {
            return StandbyLoadWatch.describe(loadWatch.status(), loadWatch.policy());
        }
        return "This node serves on standby licenses, which are for standby and test use only (R28) and allow at most "
                + DurationText.of(LoadBudgetPolicy.DEFAULT.limit()) + " under load in a row (R29): plan the failback"
                + " to the original active (R18) or install regular licenses.";
    }

    private void syncFailback() {
        try {
            failback.sync();
        } catch (RuntimeException e) {
            LOG.error("The failback plan could not record the completed promotion; Failback.sync() catches up", e);
        }
    }

    /** The failback this promoter ends, if it was built with one. */
    Failback failback() {
        return failback;
    }

    private void warnStandbyLicenses() {
        try {
            if (loadWatch != null) {
                loadWatch.promoted();
            } else {
                String message = licenseLine();
                LOG.warn("{}", message);
                deliver(new StandbyLicenseWarning(clock.instant(), StandbyLicenseWarning.Cause.PROMOTED,
                        Optional.empty(), message));
            }
        } catch (RuntimeException e) {
            LOG.warn("The standby-license warning could not be given", e);
        }
    }

    private PromotionOutcome fail(PromotionStep step, StepFailure failure, String operator) {
        NodeSnapshot failed = lifecycle.recordStepFailed(step.id(), new AuditContext(operator,
                AuditLines.reason(failure.getMessage()), List.of("reason: " + failure.reason)));
        boolean abortAllowed = !failed.epochRaisedInPromotion();
        LOG.error("Promotion step {} failed ({}): {}; retry the promotion{}", step.id(), failure.reason,
                failure.getMessage(), abortAllowed ? " or abort it" : "");
        deliver(new PromotionStepFailed(clock.instant(), failed.promotion().orElseThrow().id(), step, failure.reason,
                failure.getMessage(), failed.epoch(), operator, abortAllowed));
        return new PromotionOutcome.Failed(step, failure.getMessage(), failed);
    }

    private PromotionOutcome interrupted(RedundancyException e) {
        NodeSnapshot now = lifecycle.snapshot();
        String message = "the promotion stopped: " + PreconditionCheck.describe(e);
        LOG.error("{}; the node is in state {} at epoch {}", message, now.state(), now.epoch());
        return new PromotionOutcome.Interrupted(message, now);
    }

    /** Calls the host; what it throws becomes the step's failure. Errors pass, like a crash. */
    private static <T> T host(String what, Supplier<T> call) throws StepFailure {
        try {
            return call.get();
        } catch (RuntimeException e) {
            ReasonCode reason = e instanceof RedundancyException redundancy ? redundancy.reason()
                    : ReasonCode.PROMOTION_STEP_FAILED;
            throw new StepFailure(reason, what + " failed: " + PreconditionCheck.describe(e));
        }
    }

    /** Every user once, by user id, in the directory's order. */
    private static List<UserContact> unique(List<UserContact> users) {
        if (users == null) {
            throw new IllegalStateException("users() returned null instead of a list");
        }
        Map<String, UserContact> byId = new LinkedHashMap<>();
        for (UserContact user : users) {
            if (user == null) {
                throw new IllegalStateException("users() returned a list with null in it");
            }
            if (byId.putIfAbsent(user.userId(), user) != null) {
                LOG.warn("The user directory lists user {} more than once; the user is told once", user.userId());
            }
        }
        return List.copyOf(byId.values());
    }

    private void deliver(PromotionEvent event) {
        try {
            notifier.notify(event);
        } catch (RuntimeException e) {
            LOG.warn("Notifier {} failed on {}", notifier, event.getClass().getSimpleName(), e);
        }
    }

    /**
     * Collects a {@link Promoter}'s settings; {@link #build()} checks them together.
     *
     * <p>Not thread-safe; use one builder per thread.
     */
    public static final class Builder {
        private NodeLifecycle lifecycle;
        private RedundancyPair pair;
        private PairingCheck pairingCheck = PairingCheck.redundancyCounterparts();
        private Supplier<ReceiverStatus> receiverStatus;
        private LongUnaryOperator receiverFloor;
        private StandbyInitializer initializer;
        private ActiveDownCheck downCheck;
        private NetworkTakeover networkTakeover;
        private ModuleActivation moduleActivation;
        private UserDirectory userDirectory;
        private Notifier notifier;
        private Clock clock;
        private Executor executor;
        private Duration maximumBackupAge;
        private StandbyLoadWatch loadWatch;
        private Failback failback;

        private Builder() {
        }

        /**
         * This node's state machine. Required.
         *
         * @param lifecycle the lifecycle; use one promoter per lifecycle
         * @return this builder
         */
        public Builder lifecycle(NodeLifecycle lifecycle) {
            this.lifecycle = lifecycle;
            return this;
        }

        /**
         * The pair, this node as its standby: the active's address is taken over, both nodes'
         * licenses are checked. Required.
         *
         * @param pair the pair as configured
         * @return this builder
         */
        public Builder pair(RedundancyPair pair) {
            this.pair = pair;
            return this;
        }

        /**
         * The license scheme to check the pair's licenses with;
         * {@link PairingCheck#redundancyCounterparts()} (STARFACE) unless set.
         *
         * @param pairingCheck the check
         * @return this builder
         */
        public Builder pairingCheck(PairingCheck pairingCheck) {
            this.pairingCheck = pairingCheck;
            return this;
        }

        /**
         * The standby's receiver, for its last import and highest epoch. This or
         * {@link #receiverStatus(Supplier)} is required.
         *
         * @param receiver the receiver
         * @return this builder
         */
        public Builder receiver(Receiver receiver) {
            Objects.requireNonNull(receiver, "receiver");
            this.receiverStatus = receiver::status;
            this.receiverFloor = receiver::raiseEpochFloor;
            return this;
        }

        /**
         * Where the receiver's status comes from, e.g. a host that runs the receiver elsewhere.
         * This or {@link #receiver(Receiver)} is required. With this the promoter cannot raise the
         * receiver's epoch floor itself: build that receiver with
         * {@code Receiver.Builder.epochFloor(node::epoch)} so it follows the node.
         *
         * @param receiverStatus a thread-safe supplier, asked once per check
         * @return this builder
         */
        public Builder receiverStatus(Supplier<ReceiverStatus> receiverStatus) {
            this.receiverStatus = receiverStatus;
            return this;
        }

        /**
         * The standby's initializer: its record must exist, and a standby initialised after its
         * last import (or never imported) counts as having an imported backup from then. Without
         * it, only the receiver's last import counts.
         *
         * @param initializer the initializer of the same receiver
         * @return this builder
         */
        public Builder initializer(StandbyInitializer initializer) {
            this.initializer = initializer;
            return this;
        }

        /**
         * Confirms that the active is down; runs for every promotion without an override.
         * Required, e.g. {@code ActiveDownCheck.builder().probes(LivenessProbes.standardFor(pair.active()))...}.
         *
         * @param downCheck the check
         * @return this builder
         */
        public Builder downCheck(ActiveDownCheck downCheck) {
            this.downCheck = downCheck;
            return this;
        }

        /**
         * Takes over the active's address. Required.
         *
         * @param networkTakeover the host's step, idempotent
         * @return this builder
         */
        public Builder networkTakeover(NetworkTakeover networkTakeover) {
            this.networkTakeover = networkTakeover;
            return this;
        }

        /**
         * Activates the host's modules. Required.
         *
         * @param moduleActivation the host's step, idempotent
         * @return this builder
         */
        public Builder moduleActivation(ModuleActivation moduleActivation) {
            this.moduleActivation = moduleActivation;
            return this;
        }

        /**
         * Lists the users to tell. Required.
         *
         * @param userDirectory the host's directory
         * @return this builder
         */
        public Builder userDirectory(UserDirectory userDirectory) {
            this.userDirectory = userDirectory;
            return this;
        }

        /**
         * Receives the promotion's events. Required; usually the same notifier as the
         * lifecycle's, e.g. a {@link io.github.pbxredundancy.core.Notifications} with the mail
         * notifier.
         *
         * @param notifier the notifier
         * @return this builder
         */
        public Builder notifier(Notifier notifier) {
            this.notifier = notifier;
            return this;
        }

        /**
         * The time of events and ages. Required.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Runs the evaluation and the steps, which block on the host. Required; e.g. a
         * single-thread executor. It stays the caller's to shut down.
         *
         * @param executor the executor
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /**
         * Warns (without refusing) when the standby's data is older than this, e.g. the
         * replication interval plus a margin (the RPO, R21); no warning unless set.
         *
         * @param maximumBackupAge positive
         * @return this builder
         */
        public Builder maximumBackupAge(Duration maximumBackupAge) {
            this.maximumBackupAge = maximumBackupAge;
            return this;
        }

        /**
         * Tracks the promoted node's load budget (R29): the promotion observes
         * {@link io.github.pbxredundancy.license.LoadState#UNDER_LOAD} when it completes, and its
         * warnings carry the budget's status. Without it, the warning after the promotion carries
         * no budget.
         *
         * @param loadWatch the watch
         * @return this builder
         */
        public Builder loadWatch(StandbyLoadWatch loadWatch) {
            this.loadWatch = loadWatch;
            return this;
        }

        /**
         * The node's failback (R18, B5), for the promotion back at its end: while a failback plan
         * is in progress, the promotion is refused until the plan has reached its promote-back
         * step ({@link PreconditionCode#FAILBACK_NOT_READY}: the promoted node released the
         * address, is shut down, and its newest backup is imported here), the licenses are checked
         * for the roles after the failback (this node the active, the promoted node its standby),
         * no standby-license warning follows (this node returns to its own licenses), and the plan
         * records the completed promotion ({@link Failback#sync()}). Without a plan in progress it
         * changes nothing. Optional.
         *
         * @param failback the failback of the same node
         * @return this builder
         */
        public Builder failback(Failback failback) {
            this.failback = failback;
            return this;
        }

        /**
         * Checks the settings together.
         *
         * @return the promoter, thread-safe
         * @throws InvalidInputException naming every missing or out-of-range setting
         */
        public Promoter build() {
            List<InputProblem> problems = new ArrayList<>();
            required(problems, "lifecycle", lifecycle);
            required(problems, "pair", pair);
            required(problems, "pairingCheck", pairingCheck);
            if (receiverStatus == null) {
                problems.add(InputProblem.of("receiver", null, "is required (receiver or receiverStatus)"));
            }
            required(problems, "downCheck", downCheck);
            required(problems, "networkTakeover", networkTakeover);
            required(problems, "moduleActivation", moduleActivation);
            required(problems, "userDirectory", userDirectory);
            required(problems, "notifier", notifier);
            required(problems, "clock", clock);
            required(problems, "executor", executor);
            if (maximumBackupAge != null && (maximumBackupAge.isNegative() || maximumBackupAge.isZero())) {
                problems.add(InputProblem.of("maximumBackupAge", maximumBackupAge.toString(), "must be positive; leave"
                        + " it unset for no warning"));
            }
            if (failback != null && lifecycle != null && failback.node() != lifecycle) {
                problems.add(InputProblem.of("failback", failback.node().directory().toString(), "must be the failback of"
                        + " the promoter's own node (" + lifecycle.directory() + ")"));
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            return new Promoter(this);
        }

        private static void required(List<InputProblem> problems, String field, Object value) {
            if (value == null) {
                problems.add(InputProblem.of(field, null, "is required"));
            }
        }
    }
}
