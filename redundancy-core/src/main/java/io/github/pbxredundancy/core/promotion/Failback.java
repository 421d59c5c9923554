package io.github.pbxredundancy.core.promotion;

import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.Receiver;
import io.github.pbxredundancy.core.ReceiverStatus;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.event.FailbackStepChanged;
import io.github.pbxredundancy.core.internal.promotion.EventRelay;
import io.github.pbxredundancy.core.internal.promotion.FailbackPlanFile;
import io.github.pbxredundancy.core.spi.Notifier;
import io.github.pbxredundancy.license.PrintableText;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a failback (R18, B5) on the returning node, the former active that a promotion of its
 * peer fenced: keeps the {@link FailbackPlan} durably beside the node's state, does the steps the
 * library can do (the role swap, the verified import of the promoted node's newest backup, the
 * promotion back), takes the operator's confirmation of the others, and refuses every step out
 * of order. Changes made on the promoted node while it served are never silently dropped (R31):
 * the returning node imports the promoted node's newest backup, made after it released the
 * pair's address, or the operator explicitly accepts the loss.
 *
 * <h2>The steps</h2>
 * <ol>
 *   <li>{@link #start}: the plan is created and the node becomes the promoted node's standby
 *       ({@link Trigger#FAILBACK_AS_STANDBY}); the promoted node replicates to it with the same
 *       engine (its {@link io.github.pbxredundancy.core.Replicator}, or a one-off run of its
 *       {@link io.github.pbxredundancy.core.BundleDeliverySteps}). {@link #verifyBackup} does
 *       {@link FailbackStep#BACK_UP_ACTIVE} once such a backup is kept here.</li>
 *   <li>{@link #confirm} {@link FailbackStep#RELEASE_ADDRESS}: the operator changed the promoted
 *       node's static address.</li>
 *   <li>{@link #confirm} {@link FailbackStep#SHUT_DOWN_ACTIVE}: refused until the promoted node's
 *       final backup, made after the address was released, is kept here;
 *       {@link #confirmShutDownWithoutFinalBackup} records an operator's decision to go on
 *       without it (the promoted node died), naming what is lost.</li>
 *   <li>{@link #importNewestBackup}: {@link FailbackStep#IMPORT_BACKUP}, verified; the node
 *       becomes a warm standby ({@link Trigger#INITIAL_IMPORT_DONE}).</li>
 *   <li>{@link #promoteBack}: {@link FailbackStep#PROMOTE_BACK} through the node's
 *       {@link Promoter}, built with {@link Promoter.Builder#failback(Failback) failback(this)};
 *       on completion {@link FailbackStep#RESTART_PHONES} is done too (the promotion told every
 *       user).</li>
 *   <li>{@link #confirm} or {@link #skip} {@link FailbackStep#RECREATE_REDUNDANCY}.</li>
 * </ol>
 * A step whose evidence is not there yet, or that comes out of order, is refused with a
 * {@link RedundancyException} ({@link ReasonCode#ILLEGAL_STATE}) whose message names what is
 * missing, and nothing is recorded. A library step whose action fails (an import, the promotion)
 * is recorded as {@link FailbackStatus.Failed} with the reason and may be tried again.
 *
 * <h2>The address</h2>
 * {@link #mayClaimAddress()} is false while a plan is in progress that has not reached its
 * promote-back step: the host asks it before its own network code gives the node the pair's
 * address. The library enforces it where it claims the address itself: a {@link Promoter} built
 * with this failback refuses to promote the node before that step
 * ({@link PreconditionCode#FAILBACK_NOT_READY}).
 *
 * <h2>Files and audit</h2>
 * The plan is {@code <node directory>/failback-plan}, replaced atomically (temporary file,
 * forced, renamed, directory forced) before each change is recorded in the node's audit trail
 * as a note ({@value #STARTED}, {@value #STEP_DONE}, {@value #STEP_FAILED},
 * {@value #STEP_SKIPPED}) and reported ({@link FailbackStepChanged}). Reading is strict: a
 * damaged plan stops {@link #open}. A note that a crash kept from the trail is recorded at the
 * next {@link #open}; state changes the plan derives from the node (the promotion back completed)
 * are caught up there too.
 *
 * <h2>Threads</h2>
 * Thread-safe. Changes are serialised by one lock and block on disk I/O and, for the import, on
 * the host's importer; {@link #plan()} and {@link #mayClaimAddress()} never wait. Events go to
 * the notifier outside the lock; what it throws is logged. Use one failback per node directory.
 */
public final class Failback {
    /** The audit note of a started plan. */
    public static final String STARTED = "FAILBACK_STARTED";
    /** The audit note of a step done. */
    public static final String STEP_DONE = "FAILBACK_STEP_DONE";
    /** The audit note of a step whose library action failed. */
    public static final String STEP_FAILED = "FAILBACK_STEP_FAILED";
    /** The audit note of a skipped step. */
    public static final String STEP_SKIPPED = "FAILBACK_STEP_SKIPPED";
    /** The shortest reason accepted for going on without the final backup, or for a skip. */
    public static final int MIN_REASON_LENGTH = 10;
    /** The evidence line of a shut-down confirmed without the final backup. */
    static final String LOSS_ACCEPTED = "no final backup, loss accepted: ";

    private static final Logger LOG = LoggerFactory.getLogger(Failback.class);
    private static final DateTimeFormatter PLAN_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final NodeLifecycle node;
    private final Receiver receiver;
    private final Clock clock;
    private final EventRelay events;
    private final Path file;
    private final ReentrantLock lock = new ReentrantLock();
    /** The plan as last read or written. */
    private volatile Optional<FailbackPlan> plan;

    private Failback(NodeLifecycle node, Receiver receiver, Clock clock, Notifier notifier, Optional<FailbackPlan> plan) {
        this.node = node;
        this.receiver = receiver;
        this.clock = clock;
        this.events = new EventRelay(notifier);
        this.file = node.directory().resolve(FailbackPlanFile.NAME);
        this.plan = plan;
    }

    /**
     * Loads the node's failback plan, if it has one, records audit notes a crash kept from the
     * trail, and catches up with the node (a promotion back that completed while the plan was not
     * told: {@link #sync()}).
     *
     * @param node the returning node's lifecycle; the plan lives in its directory
     * @param receiver the returning node's receiver, which the promoted node's backups reach
     * @param clock the time of every change
     * @param notifier hears {@link FailbackStepChanged}
     * @return the failback
     * @throws RedundancyException with {@link ReasonCode#UNEXPECTED} if the plan is damaged or
     *     cannot be read, or a note cannot be recorded
     */
    public static Failback open(NodeLifecycle node, Receiver receiver, Clock clock, Notifier notifier) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(notifier, "notifier");
        Path file = node.directory().resolve(FailbackPlanFile.NAME);
        if (FailbackPlanFile.removeLeftover(file)) {
            LOG.warn("Removed an unfinished write of {} left by a crash; the change it was for did not happen", file);
        }
        Optional<FailbackPlan> stored = FailbackPlanFile.read(file);
        Failback failback = new Failback(node, receiver, clock, notifier, stored);
        stored.ifPresent(failback::recordMissingNotes);
        failback.sync();
        return failback;
    }

    /**
     * The node's failback plan as it stands, without waiting.
     *
     * @return the plan, complete or not; empty if the node never started one
     */
    public Optional<FailbackPlan> plan() {
        return plan;
    }

    /**
     * Whether a plan is in progress: started and not complete.
     *
     * @return true while a failback runs
     */
    public boolean inProgress() {
        return plan.map(p -> !p.isComplete()).orElse(false);
    }

    /**
     * Whether the failback lets the node claim the pair's address: true unless a plan is in
     * progress that has not reached its promote-back step ({@link FailbackPlan#mayClaimAddress()}).
     * Says only what the failback allows; the node's state ({@link StartupGuard}) decides the
     * rest. Never waits.
     *
     * @return false while the failback forbids it
     */
    public boolean mayClaimAddress() {
        return addressClaimRefusal().isEmpty();
    }

    /**
     * Why the failback does not let the node claim the pair's address yet, if it does not.
     *
     * @return empty if it does; else the reason, naming the step to do first
     */
    public Optional<String> addressClaimRefusal() {
        return plan.filter(p -> !p.isComplete()).flatMap(FailbackPlan::addressClaimRefusal);
    }

    /**
     * Starts a failback on this node: creates the plan (every step pending), records
     * {@value #STARTED}, and makes the node the promoted node's standby
     * ({@link Trigger#FAILBACK_AS_STANDBY}, to {@link NodeState#AWAITING_INITIAL_IMPORT}). The
     * plan's epoch is the highest the node knows (its own, its receiver's): the promoted node's.
     * Called again for the same promoted node and epoch after a stop in the middle, it finishes
     * the start. A complete plan, or one the node's epoch has overtaken (another promotion
     * since), is replaced.
     *
     * @param promotedNode the promoted node, as it names itself in its bundles ({@code sourceNode})
     * @param context the operator who decided the failback, why, what they checked (e.g. that
     *     the promoted node reaches this one)
     * @return the plan
     * @throws InvalidInputException on field {@code promotedNode} if it breaks the node-name rule
     * @throws RedundancyException with {@link ReasonCode#ILLEGAL_STATE} unless the node is
     *     {@link NodeState#FENCED} or a plan is in progress; with {@link ReasonCode#UNEXPECTED} if
     *     the plan cannot be persisted
     */
    public FailbackPlan start(String promotedNode, AuditContext context) {
        Objects.requireNonNull(context, "context");
        if (promotedNode == null || promotedNode.isEmpty() || promotedNode.length() > FailbackPlan.MAX_NODE_NAME
                || !promotedNode.chars().allMatch(c -> c >= ' ' && c <= '~')) {
            throw InvalidInputException.of("promotedNode", promotedNode, "must be 1 to " + FailbackPlan.MAX_NODE_NAME
                    + " printable ASCII characters, the name the promoted node gives its bundles");
        }
        return locked(() -> {
            NodeSnapshot now = node.snapshot();
            long epoch = Math.max(now.epoch(), receiver.highestEpoch());
            Optional<FailbackPlan> existing = plan.filter(p -> !p.isComplete());
            if (existing.isPresent()) {
                FailbackPlan running = existing.get();
                boolean same = running.promotedEpoch() == epoch && running.promotedNode().equals(promotedNode);
                if (same && now.state() == NodeState.FENCED && !running.status(FailbackStep.BACK_UP_ACTIVE).isFinal()) {
                    becomeStandby(running, context);
                    return running;
                }
                if (same || now.state() != NodeState.FENCED) {
                    throw new RedundancyException(ReasonCode.ILLEGAL_STATE, "the failback " + running.id() + " from "
                            + running.promotedNode() + " is in progress (next: " + running.next().orElseThrow().label()
                            + "); continue it instead of starting another");
                }
            }
            if (now.state() != NodeState.FENCED) {
                throw new RedundancyException(ReasonCode.ILLEGAL_STATE, "a failback starts on a FENCED node, a former"
                        + " active that a promotion of its peer replaced; this node is " + now.state() + " at epoch "
                        + now.epoch() + " (allowed triggers: " + now.allowedTriggers() + ")");
            }
            if (epoch < 1) {
                throw new RedundancyException(ReasonCode.ILLEGAL_STATE, "this node knows no promotion: its epoch is 0");
            }
            if (epoch > now.epoch()) {
                node.observeEpoch(epoch, AuditContext.system("the receiver's epoch, observed as the failback starts",
                        List.of()));
            }
            Instant at = clock.instant();
            FailbackPlan created = FailbackPlan.start("failback-" + PLAN_TIME.format(at) + "-e" + epoch, promotedNode,
                    epoch, at, context.operator());
            Optional<FailbackPlan> replaced = plan;
            persist(created);
            plan = Optional.of(created);
            List<String> checks = new ArrayList<>(List.of(planCheck(created), "promoted node " + promotedNode
                    + " at epoch " + epoch));
            replaced.filter(old -> !old.id().equals(created.id())).ifPresent(old -> checks.add("replaces the plan "
                    + old.id() + (old.isComplete() ? " (complete)" : " (unfinished, for " + old.promotedNode()
                    + " at epoch " + old.promotedEpoch() + ")")));
            checks.addAll(context.checks());
            node.recordNote(STARTED, new AuditContext(context.operator(), context.reason(), AuditLines.checks(checks)));
            LOG.info("Failback {} from {} at epoch {} started by {}", created.id(), promotedNode, epoch,
                    context.operator());
            becomeStandby(created, context);
            return created;
        });
    }

    /**
     * Step 1, {@link FailbackStep#BACK_UP_ACTIVE}: done once the receiver keeps a backup of the
     * promoted node, of its epoch, made after the plan started (to the second). Makes the node the
     * standby first if a stop interrupted {@link #start}.
     *
     * @param context who asks, why
     * @return the plan with the step done
     * @throws RedundancyException with {@link ReasonCode#ILLEGAL_STATE} if no plan is in
     *     progress, the step is not next, or no such backup has arrived yet (the message says what
     *     the receiver keeps and its last refusal)
     */
    public FailbackPlan verifyBackup(AuditContext context) {
        Objects.requireNonNull(context, "context");
        return locked(() -> {
            FailbackPlan current = require(FailbackStep.BACK_UP_ACTIVE);
            if (node.state() == NodeState.FENCED) {
                becomeStandby(current, context);
            }
            Instant since = current.startedAt().truncatedTo(ChronoUnit.SECONDS);
            ReceiverStatus status = receiver.status();
            Optional<ReceiverStatus.KeptBundle> backup = status.current().filter(kept -> fromPromoted(current, kept)
                    && !kept.createdAt().isBefore(since));
            if (backup.isEmpty()) {
                throw new RedundancyException(ReasonCode.ILLEGAL_STATE, "no backup of " + current.promotedNode()
                        + " at epoch " + current.promotedEpoch() + " made since the failback started (" + since
                        + ") has arrived here yet; " + newest(status) + ". Let " + current.promotedNode()
                        + " replicate to this node (its transport pointed at this node's receiver) and run it now.");
            }
            return done(current, FailbackStep.BACK_UP_ACTIVE, context, List.of(describe(backup.get()),
                    "this node is the standby of " + current.promotedNode() + " (state " + node.state() + ")"));
        });
    }

    /**
     * An operator step done: {@link FailbackStep#RELEASE_ADDRESS},
     * {@link FailbackStep#SHUT_DOWN_ACTIVE} (refused until the promoted node's final backup, made
     * after the address was released, is kept here) or {@link FailbackStep#RECREATE_REDUNDANCY}.
     * The context's checks are kept as the step's evidence.
     *
     * @param step an operator step
     * @param context the operator, why, what they checked
     * @return the plan with the step done
     * @throws InvalidInputException on field {@code step} for a library step
     * @throws RedundancyException with {@link ReasonCode#ILLEGAL_STATE} if no plan is in
     *     progress, a step before it is not done (the message names it), or the final backup is
     *     missing
     */
    public FailbackPlan confirm(FailbackStep step, AuditContext context) {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(context, "context");
        if (step.actor() != FailbackStep.Actor.OPERATOR) {
            throw InvalidInputException.of("step", step.id(), "is done by the library, not confirmed: use "
                    + libraryMethod(step));
        }
        return locked(() -> {
            FailbackPlan current = require(step);
            List<String> evidence = new ArrayList<>();
            if (step == FailbackStep.SHUT_DOWN_ACTIVE) {
                ReceiverStatus status = receiver.status();
                Optional<ReceiverStatus.KeptBundle> last = finalBackup(current, status);
                if (last.isEmpty()) {
                    throw new RedundancyException(ReasonCode.ILLEGAL_STATE, "the final backup of "
                            + current.promotedNode() + " has not arrived: it must be made after its address was released"
                            + " (" + releasedAt(current) + "), or changes made on it in between are lost (R31); "
                            + newest(status) + ". Run its replication once more before shutting it down; if it is"
                            + " down for good, confirm the shut-down without the final backup, accepting the loss.");
                }
                evidence.add("final backup: " + describe(last.get()));
            }
            evidence.addAll(context.checks());
            return done(current, step, context, evidence);
        });
    }

    /**
     * Step 3, {@link FailbackStep#SHUT_DOWN_ACTIVE}, without the promoted node's final backup:
     * the operator accepts that the changes made on it after its newest backup kept here are lost
     * (it died, or was shut down too early). Recorded as such, with that backup's time; the
     * import then takes the newest backup made since the failback started.
     *
     * @param context the operator and why, a reason of at least {@value #MIN_REASON_LENGTH}
     *     characters
     * @return the plan with the step done
     * @throws InvalidInputException on field {@code reason} if it is too short
     * @throws RedundancyException with {@link ReasonCode#ILLEGAL_STATE} if no plan is in
     *     progress, a step before it is not done, the final backup is here (confirm normally), or
     *     no backup of the promoted node made since the failback started is kept here
     */
    public FailbackPlan confirmShutDownWithoutFinalBackup(AuditContext context) {
        Objects.requireNonNull(context, "context");
        requireReason(context);
        return locked(() -> {
            FailbackPlan current = require(FailbackStep.SHUT_DOWN_ACTIVE);
            ReceiverStatus status = receiver.status();
            if (finalBackup(current, status).isPresent()) {
                throw new RedundancyException(ReasonCode.ILLEGAL_STATE, "the final backup of " + current.promotedNode()
                        + " is here: nothing is lost; confirm the shut-down normally");
            }
            ReceiverStatus.KeptBundle newest = backupSinceStart(current, status).orElseThrow(() ->
                    new RedundancyException(ReasonCode.ILLEGAL_STATE, "no backup of " + current.promotedNode()
                            + " made since the failback started is kept here; " + newest(status)));
            List<String> evidence = new ArrayList<>();
            evidence.add(LOSS_ACCEPTED + "changes made on " + current.promotedNode() + " after "
                    + newest.createdAt() + " are lost");
            evidence.add("newest backup: " + describe(newest));
            evidence.addAll(context.checks());
            LOG.warn("Failback {}: {} confirmed the shut-down of {} without its final backup; changes made on it after"
                    + " {} are lost: {}", current.id(), context.operator(), current.promotedNode(), newest.createdAt(),
                    context.reason());
            return done(current, FailbackStep.SHUT_DOWN_ACTIVE, context, evidence);
        });
    }

    /**
     * Skips a {@linkplain FailbackStep#skippable() skippable} step: only
     * {@link FailbackStep#RECREATE_REDUNDANCY}, when the promoted node is not to be the standby
     * any more.
     *
     * @param step the step
     * @param context the operator and why, a reason of at least {@value #MIN_REASON_LENGTH}
     *     characters
     * @return the plan with the step skipped
     * @throws InvalidInputException on field {@code reason} if it is too short
     * @throws RedundancyException with {@link ReasonCode#ILLEGAL_STATE} if no plan is in
     *     progress, the step cannot be skipped, or a step before it is not done
     */
    public FailbackPlan skip(FailbackStep step, AuditContext context) {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(context, "context");
        requireReason(context);
        return locked(() -> {
            FailbackPlan current = requirePlan();
            FailbackStatus.Skipped skipped = new FailbackStatus.Skipped(clock.instant(), context.operator(),
                    context.reason());
            return apply(current, step, skipped, context.reason(), context.checks());
        });
    }

    /**
     * Step 4, {@link FailbackStep#IMPORT_BACKUP}: checks that the receiver's newest bundle is the
     * promoted node's, of its epoch, and made after its address was released (after the failback
     * started, if the operator accepted the loss of the final backup); imports it if it is not
     * imported yet ({@link Receiver#importLatest()}); then fires {@link Trigger#INITIAL_IMPORT_DONE}
     * (the node is a warm standby) and records the step. A failed import, or a newest bundle that
     * is not the one expected, is recorded as {@link FailbackStatus.Failed}; call again once fixed.
     *
     * @param context who asks, why
     * @return the plan with the step done or failed
     * @throws RedundancyException with {@link ReasonCode#ILLEGAL_STATE} if no plan is in
     *     progress, a step before it is not done, or the node is neither awaiting its import nor a
     *     warm standby
     */
    public FailbackPlan importNewestBackup(AuditContext context) {
        Objects.requireNonNull(context, "context");
        return locked(() -> {
            FailbackPlan current = require(FailbackStep.IMPORT_BACKUP);
            NodeState state = node.state();
            if (state != NodeState.AWAITING_INITIAL_IMPORT && state != NodeState.WARM_STANDBY) {
                throw new RedundancyException(ReasonCode.ILLEGAL_STATE, "the import belongs to a standby awaiting its"
                        + " import; this node is " + state + " at epoch " + node.epoch());
            }
            Instant cutoff = importCutoff(current);
            ReceiverStatus status = receiver.status();
            Optional<ReceiverStatus.KeptBundle> newest = status.current().filter(kept -> fromPromoted(current, kept)
                    && !kept.createdAt().isBefore(cutoff));
            if (newest.isEmpty()) {
                return failed(current, FailbackStep.IMPORT_BACKUP, context, "the newest bundle kept here is not the"
                        + " backup of " + current.promotedNode() + " at epoch " + current.promotedEpoch() + " made since "
                        + cutoff + ": " + newest(status) + "; find out what replaced it before importing");
            }
            if (status.importPending()) {
                Optional<ReceiverStatus.ImportOutcome> outcome = receiver.importLatest();
                if (outcome.isEmpty() || !outcome.get().succeeded()) {
                    return failed(current, FailbackStep.IMPORT_BACKUP, context, "the import of bundle "
                            + newest.get().bundleId() + " failed" + outcome.map(o -> " (" + o.failure().orElseThrow()
                            + "): " + o.message()).orElse(": the receiver keeps no bundle") + "; fix the cause and"
                            + " import again");
                }
                status = receiver.status();
            }
            Optional<ReceiverStatus.ImportOutcome> last = status.lastImport();
            ReceiverStatus.KeptBundle imported = newest.get();
            if (status.current().map(kept -> !kept.bundleId().equals(imported.bundleId())).orElse(true)
                    || last.isEmpty() || !last.get().succeeded() || !last.get().bundleId().equals(imported.bundleId())) {
                return failed(current, FailbackStep.IMPORT_BACKUP, context, "bundle " + imported.bundleId()
                        + " is not the last one imported: " + newest(status) + "; import again");
            }
            List<String> evidence = List.of("imported " + describe(imported), "import ended at " + last.get().at(),
                    "made since " + cutoff + (current.status(FailbackStep.SHUT_DOWN_ACTIVE) instanceof FailbackStatus.Done
                            done && lossAccepted(done) ? " (the failback's start: the final backup's loss was accepted)"
                            : " (the address was released): it holds every change made while failed over"));
            if (state == NodeState.AWAITING_INITIAL_IMPORT) {
                node.transition(Trigger.INITIAL_IMPORT_DONE, new AuditContext(context.operator(), "failback "
                        + current.id() + ": the promoted node's newest backup is imported", AuditLines.checks(
                        prepend(planCheck(current), evidence))));
            }
            return done(current, FailbackStep.IMPORT_BACKUP, context, evidence);
        });
    }

    /**
     * Step 5, {@link FailbackStep#PROMOTE_BACK}: promotes this node back through its
     * {@link Promoter}, which must be built with {@link Promoter.Builder#failback(Failback)
     * failback(this)}: {@link Promoter#promote} from {@link NodeState#WARM_STANDBY},
     * {@link Promoter#retry} after a failed step, {@link Promoter#resume} after a stop. On
     * {@link PromotionOutcome.Completed} the step is done, and {@link FailbackStep#RESTART_PHONES}
     * with it (the promotion told every user); any other outcome records the step as
     * {@link FailbackStatus.Failed} with the reason, and this method may be called again.
     *
     * @param promoter the node's promoter, built with this failback
     * @param request who asks, with the hardware confirmation (R16) and possibly an override of
     *     the liveness check; only the operator counts for a retry or resume
     * @return the promotion's outcome; completes exceptionally with a {@link RedundancyException}
     *     ({@link ReasonCode#ILLEGAL_STATE}) if no plan is in progress, a step before it is not
     *     done, or the node cannot be promoted, retried or resumed
     * @throws InvalidInputException on field {@code promoter} if it was not built with this failback
     */
    public CompletableFuture<PromotionOutcome> promoteBack(Promoter promoter, PromotionRequest request) {
        Objects.requireNonNull(promoter, "promoter");
        Objects.requireNonNull(request, "request");
        if (promoter.failback() != this) {
            throw InvalidInputException.of("promoter", "a promoter without this failback", "must be built with"
                    + " Promoter.Builder.failback(this failback): the promotion back checks its licenses for the roles"
                    + " after the failback and tells the plan when it completes");
        }
        CompletableFuture<PromotionOutcome> started;
        try {
            // The order is checked under the lock; the promotion runs outside it, on the promoter's executor.
            locked(() -> require(FailbackStep.PROMOTE_BACK));
            NodeSnapshot now = node.snapshot();
            started = switch (now.state()) {
                case WARM_STANDBY -> promoter.promote(request);
                case PROMOTION_FAILED -> promoter.retry(request.operator());
                case PROMOTING -> promoter.resume(request.operator());
                default -> throw new RedundancyException(ReasonCode.ILLEGAL_STATE, "the node cannot be promoted back:"
                        + " it is " + now.state() + " at epoch " + now.epoch());
            };
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return started.thenApply(outcome -> {
            recordPromotion(request.operator(), outcome);
            return outcome;
        });
    }

    /**
     * Catches the plan up with the node: when the promotion back has completed (the node is
     * {@link NodeState#ACTIVE} above the plan's epoch, every step before it done), records
     * {@link FailbackStep#PROMOTE_BACK} and {@link FailbackStep#RESTART_PHONES} as done, with the
     * promotion's audit entries as evidence. {@link #open}, {@link #promoteBack} and a
     * {@link Promoter} built with this failback call it; a host that retried or resumed the
     * promotion by itself may too. Changes nothing otherwise.
     *
     * @return the plan afterwards; empty if the node has none
     * @throws RedundancyException with {@link ReasonCode#UNEXPECTED} if the plan cannot be persisted
     */
    public Optional<FailbackPlan> sync() {
        return locked(() -> {
            Optional<FailbackPlan> now = plan;
            if (now.isEmpty() || now.get().isComplete()) {
                return now;
            }
            FailbackPlan current = now.get();
            NodeSnapshot snapshot = node.snapshot();
            boolean promotedBack = snapshot.state() == NodeState.ACTIVE && snapshot.epoch() > current.promotedEpoch()
                    && current.notDoneBefore(FailbackStep.PROMOTE_BACK).isEmpty();
            if (!promotedBack) {
                return now;
            }
            List<AuditEntry> entries = node.auditTrail().read().entries();
            Optional<AuditEntry> completed = last(entries, e -> e.action().equals(Trigger.PROMOTION_COMPLETED.name()));
            String promotion = completed.flatMap(AuditEntry::promotionId).orElse("(unknown)");
            AuditContext system = AuditContext.system("the promotion back completed", List.of());
            if (!current.status(FailbackStep.PROMOTE_BACK).isFinal()) {
                List<String> evidence = new ArrayList<>();
                evidence.add("promotion " + promotion + " completed: this node is ACTIVE at epoch " + snapshot.epoch()
                        + completed.map(e -> " since " + e.at()).orElse(""));
                last(entries, e -> isStep(e, promotion, PromotionStep.NETWORK_TAKEOVER)).ifPresent(e ->
                        evidence.addAll(e.context().checks()));
                current = done(current, FailbackStep.PROMOTE_BACK, system, evidence);
            }
            if (!current.status(FailbackStep.RESTART_PHONES).isFinal()) {
                List<String> evidence = new ArrayList<>();
                evidence.add("promotion " + promotion + " handed the restart-your-phone message to the notifiers (R17)");
                last(entries, e -> isStep(e, promotion, PromotionStep.NOTIFY_USERS)).ifPresent(e ->
                        evidence.addAll(e.context().checks()));
                current = done(current, FailbackStep.RESTART_PHONES, system, evidence);
            }
            return Optional.of(current);
        });
    }

    /** The node this failback runs on. */
    NodeLifecycle node() {
        return node;
    }

    /**
     * Why the promotion back may not start now, if it may not: the plan has not reached its
     * promote-back step, or the newest backup of the promoted node is not the one imported (a
     * later bundle arrived and was not imported). For {@link Promoter}'s precondition.
     *
     * @return empty if no plan is in progress or the promotion back may start
     */
    Optional<String> promoteBackRefusal() {
        Optional<FailbackPlan> now = plan.filter(p -> !p.isComplete());
        if (now.isEmpty()) {
            return Optional.empty();
        }
        FailbackPlan current = now.get();
        Optional<String> claim = current.addressClaimRefusal();
        if (claim.isPresent()) {
            return claim;
        }
        if (current.status(FailbackStep.PROMOTE_BACK).isFinal()) {
            return Optional.empty();
        }
        ReceiverStatus status;
        try {
            status = receiver.status();
        } catch (RuntimeException e) {
            return Optional.of("The receiver's status cannot be read, so whether the promoted node's newest backup is"
                    + " imported is unknown: " + e);
        }
        if (status.importPending()) {
            return Optional.of("Bundle " + status.current().map(kept -> kept.bundleId().value()).orElse("?") + " of "
                    + status.current().map(ReceiverStatus.KeptBundle::sourceNode).orElse("?") + " arrived after the"
                    + " failback's import and is not imported: import it (Receiver.importLatest) so that no change made"
                    + " on " + current.promotedNode() + " is lost (R31).");
        }
        return Optional.empty();
    }

    /**
     * Records a step's new status: the plan persisted, the note audited, the event queued.
     * Every change of a step goes through here.
     *
     * @param current the plan as it stands
     * @param step the step
     * @param status its new status
     * @param reason the note's reason
     * @param checks the note's further checks
     * @return the new plan
     * @throws RedundancyException with {@link ReasonCode#ILLEGAL_STATE} if the plan refuses the
     *     change; nothing is recorded then
     */
    FailbackPlan apply(FailbackPlan current, FailbackStep step, FailbackStatus status, String reason,
                       List<String> checks) {
        return locked(() -> {
            if (!plan.equals(Optional.of(current))) {
                throw new IllegalStateException("the caller's plan is not the one last persisted");
            }
            FailbackPlan next = current.with(step, status);
            persist(next);
            plan = Optional.of(next);
            String action = switch (status.kind()) {
                case DONE -> STEP_DONE;
                case FAILED -> STEP_FAILED;
                case SKIPPED -> STEP_SKIPPED;
                case PENDING -> throw new AssertionError(status);
            };
            List<String> noteChecks = new ArrayList<>(List.of(planCheck(next), stepCheck(step, status)));
            noteChecks.addAll(checks);
            NodeSnapshot after = node.recordNote(action, new AuditContext(by(status), AuditLines.reason(reason),
                    AuditLines.checks(noteChecks)));
            events.enqueue(new FailbackStepChanged(at(status), next.id(), next.promotedNode(), step, status, next.next(),
                    after.epoch(), by(status)));
            if (status.kind() == FailbackStatus.Kind.FAILED) {
                LOG.error("Failback {}: {} failed: {}", next.id(), step.label(), reason);
            } else {
                LOG.info("Failback {}: {} {} by {}; next: {}", next.id(), step.label(), status.kind(), by(status),
                        next.next().map(FailbackStep::label).orElse("none, the failback is complete"));
            }
            return next;
        });
    }

    // ---------------------------------------------------------------------------------------------

    private FailbackPlan done(FailbackPlan current, FailbackStep step, AuditContext context, List<String> evidence) {
        List<String> lines = AuditLines.checks(evidence);
        if (lines.size() > FailbackStatus.MAX_EVIDENCE) {
            lines = new ArrayList<>(lines.subList(0, FailbackStatus.MAX_EVIDENCE - 1));
            lines.add((evidence.size() - lines.size()) + " more lines left out");
        }
        FailbackStatus.Done status = new FailbackStatus.Done(clock.instant(), context.operator(), lines);
        String reason = context.reason().isEmpty() ? "failback " + step.label() + " done" : context.reason();
        return apply(current, step, status, reason, lines);
    }

    private FailbackPlan failed(FailbackPlan current, FailbackStep step, AuditContext context, String reason) {
        String text = AuditLines.reason(reason);
        return apply(current, step, new FailbackStatus.Failed(clock.instant(), context.operator(), text), text,
                List.of());
    }

    private void recordPromotion(String operator, PromotionOutcome outcome) {
        try {
            if (outcome instanceof PromotionOutcome.Completed) {
                sync();
                return;
            }
            String reason;
            if (outcome instanceof PromotionOutcome.Refused refused) {
                reason = "the promotion back was refused: " + refused.preconditions().unmet().stream()
                        .map(UnmetPrecondition::toString).collect(Collectors.joining(" | "));
            } else if (outcome instanceof PromotionOutcome.Failed failedStep) {
                reason = "the promotion back failed at its step " + failedStep.step().id() + ": " + failedStep.message()
                        + "; fix the cause and promote back again (it retries)";
            } else {
                reason = "the promotion back stopped: " + ((PromotionOutcome.Interrupted) outcome).message();
            }
            locked(() -> {
                FailbackPlan current = plan.orElseThrow();
                if (current.status(FailbackStep.PROMOTE_BACK).isFinal()) {
                    return current;
                }
                return failed(current, FailbackStep.PROMOTE_BACK, AuditContext.of(operator, ""), reason);
            });
        } catch (RuntimeException e) {
            LOG.error("The failback plan could not record the promotion's outcome {}", outcome.getClass()
                    .getSimpleName(), e);
        }
    }

    private void becomeStandby(FailbackPlan current, AuditContext context) {
        List<String> checks = new ArrayList<>(List.of(planCheck(current), "the standby of " + current.promotedNode()
                + " at epoch " + current.promotedEpoch()));
        checks.addAll(context.checks());
        node.transition(Trigger.FAILBACK_AS_STANDBY, new AuditContext(context.operator(), context.reason(),
                AuditLines.checks(checks)));
    }

    /** Records the notes a crash kept from the audit trail (the plan was persisted first). */
    private void recordMissingNotes(FailbackPlan stored) {
        List<AuditEntry> entries = node.auditTrail().read().entries();
        String planCheck = planCheck(stored);
        String later = " (recorded at the next start: the node stopped after saving the plan and before auditing it)";
        boolean started = entries.stream().anyMatch(e -> e.action().equals(STARTED) && !e.context().checks().isEmpty()
                && e.context().checks().get(0).equals(planCheck));
        if (!started) {
            node.recordNote(STARTED, new AuditContext(stored.startedBy(), AuditLines.reason("failback started" + later),
                    List.of(planCheck, "promoted node " + stored.promotedNode() + " at epoch " + stored.promotedEpoch())));
        }
        for (FailbackStep step : FailbackStep.values()) {
            FailbackStatus status = stored.status(step);
            if (status.kind() == FailbackStatus.Kind.PENDING) {
                continue;
            }
            String stepCheck = stepCheck(step, status);
            boolean noted = entries.stream().anyMatch(e -> e.context().checks().size() >= 2
                    && e.context().checks().get(0).equals(planCheck) && e.context().checks().get(1).equals(stepCheck));
            if (!noted) {
                String action = status.kind() == FailbackStatus.Kind.DONE ? STEP_DONE
                        : status.kind() == FailbackStatus.Kind.FAILED ? STEP_FAILED : STEP_SKIPPED;
                List<String> checks = new ArrayList<>(List.of(planCheck, stepCheck));
                if (status instanceof FailbackStatus.Done done) {
                    checks.addAll(done.evidence());
                }
                String reason = status instanceof FailbackStatus.Failed f ? f.reason()
                        : status instanceof FailbackStatus.Skipped s ? s.reason() : "failback " + step.label() + " done";
                node.recordNote(action, new AuditContext(by(status), AuditLines.reason(reason + later),
                        AuditLines.checks(checks)));
                LOG.warn("Failback {}: recorded the missing audit note of {} {}", stored.id(), step.label(),
                        status.kind());
            }
        }
    }

    private void persist(FailbackPlan next) {
        try {
            FailbackPlanFile.replace(file, plan, next);
        } catch (IOException e) {
            throw new RedundancyException(ReasonCode.UNEXPECTED, "cannot persist the failback plan in "
                    + PrintableText.quote(file.toString()) + ": " + e + "; the change did not happen (or, if only the"
                    + " directory sync failed, takes effect at the next start)", e);
        }
    }

    private FailbackPlan requirePlan() {
        return plan.filter(p -> !p.isComplete()).orElseThrow(() -> new RedundancyException(ReasonCode.ILLEGAL_STATE,
                plan.map(p -> "the failback " + p.id() + " is complete").orElse("this node has no failback plan")
                        + "; start one with Failback.start on a FENCED node"));
    }

    /** The plan in progress, if the step may be done now; else the refusal naming what is missing. */
    private FailbackPlan require(FailbackStep step) {
        FailbackPlan current = requirePlan();
        Optional<String> refusal = current.refusal(step, new FailbackStatus.Done(clock.instant(), AuditContext.SYSTEM,
                List.of()));
        if (refusal.isPresent()) {
            throw new RedundancyException(ReasonCode.ILLEGAL_STATE, refusal.get());
        }
        return current;
    }

    private <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
            if (!lock.isHeldByCurrentThread()) {
                events.drain();
            }
        }
    }

    private static boolean fromPromoted(FailbackPlan plan, ReceiverStatus.KeptBundle kept) {
        return kept.sourceNode().equals(plan.promotedNode()) && kept.epoch() == plan.promotedEpoch();
    }

    /** The newest bundle, if it is the promoted node's and made after the address was released. */
    private static Optional<ReceiverStatus.KeptBundle> finalBackup(FailbackPlan plan, ReceiverStatus status) {
        Instant released = plan.doneAt(FailbackStep.RELEASE_ADDRESS).orElseThrow().truncatedTo(ChronoUnit.SECONDS);
        return status.current().filter(kept -> fromPromoted(plan, kept) && !kept.createdAt().isBefore(released));
    }

    private static Optional<ReceiverStatus.KeptBundle> backupSinceStart(FailbackPlan plan, ReceiverStatus status) {
        Instant since = plan.startedAt().truncatedTo(ChronoUnit.SECONDS);
        return status.current().filter(kept -> fromPromoted(plan, kept) && !kept.createdAt().isBefore(since));
    }

    private static Instant importCutoff(FailbackPlan plan) {
        if (plan.status(FailbackStep.SHUT_DOWN_ACTIVE) instanceof FailbackStatus.Done done && lossAccepted(done)) {
            return plan.startedAt().truncatedTo(ChronoUnit.SECONDS);
        }
        return plan.doneAt(FailbackStep.RELEASE_ADDRESS).orElseThrow().truncatedTo(ChronoUnit.SECONDS);
    }

    private static boolean lossAccepted(FailbackStatus.Done done) {
        return done.evidence().stream().anyMatch(line -> line.startsWith(LOSS_ACCEPTED));
    }

    private static String releasedAt(FailbackPlan plan) {
        return "released at " + plan.doneAt(FailbackStep.RELEASE_ADDRESS).map(Instant::toString).orElse("?");
    }

    private static String newest(ReceiverStatus status) {
        String kept = status.current().map(k -> "the newest bundle kept here is " + describe(k))
                .orElse("no bundle is kept here");
        return kept + status.lastRefusal().map(r -> "; the last bundle refused was " + r.bundleId() + " at " + r.at()
                + " (" + r.reason() + "): " + r.message()).orElse("");
    }

    private static String describe(ReceiverStatus.KeptBundle kept) {
        return "bundle " + kept.bundleId() + " of " + kept.sourceNode() + " at epoch " + kept.epoch() + ", made "
                + kept.createdAt() + ", accepted " + kept.acceptedAt();
    }

    private static String planCheck(FailbackPlan plan) {
        return "plan " + plan.id();
    }

    private static String stepCheck(FailbackStep step, FailbackStatus status) {
        return step.label() + ": " + status.kind() + " at " + at(status);
    }

    private static Instant at(FailbackStatus status) {
        if (status instanceof FailbackStatus.Done done) {
            return done.at();
        }
        if (status instanceof FailbackStatus.Failed failed) {
            return failed.at();
        }
        return ((FailbackStatus.Skipped) status).at();
    }

    private static String by(FailbackStatus status) {
        if (status instanceof FailbackStatus.Done done) {
            return done.by();
        }
        if (status instanceof FailbackStatus.Failed failed) {
            return failed.by();
        }
        return ((FailbackStatus.Skipped) status).by();
    }

    private static boolean isStep(AuditEntry entry, String promotion, PromotionStep step) {
        return entry.action().equals(AuditEntry.STEP_COMPLETED) && entry.promotionId().equals(Optional.of(promotion))
                && entry.step().equals(Optional.of(step.id()));
    }

    private static Optional<AuditEntry> last(List<AuditEntry> entries, Predicate<AuditEntry> test) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (test.test(entries.get(i))) {
                return Optional.of(entries.get(i));
            }
        }
        return Optional.empty();
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static void requireReason(AuditContext context) {
        if (context.reason().strip().length() < MIN_REASON_LENGTH) {
            throw InvalidInputException.of("reason", context.reason(), "must say why in at least " + MIN_REASON_LENGTH
                    + " characters: it is recorded as the decision's justification");
        }
    }

    private static String libraryMethod(FailbackStep step) {
        return switch (step) {
            case BACK_UP_ACTIVE -> "Failback.verifyBackup";
            case IMPORT_BACKUP -> "Failback.importNewestBackup";
            case PROMOTE_BACK, RESTART_PHONES -> "Failback.promoteBack";
            default -> "Failback.confirm";
        };
    }
}
