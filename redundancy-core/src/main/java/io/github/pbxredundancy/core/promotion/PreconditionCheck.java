package io.github.pbxredundancy.core.promotion;

import io.github.pbxredundancy.core.Initialization;
import io.github.pbxredundancy.core.ReceiverStatus;
import io.github.pbxredundancy.core.RedundancyPair;
import io.github.pbxredundancy.core.StandbyInitializer;
import io.github.pbxredundancy.core.internal.DurationText;
import io.github.pbxredundancy.core.internal.MessageText;
import io.github.pbxredundancy.license.PairingCheck;
import io.github.pbxredundancy.license.PairingProblem;
import io.github.pbxredundancy.license.PairingReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Evaluates a promotion's preconditions from the node's state, the receiver's status, the
 * licenses, the request and the liveness check's result; every unmet one at once.
 *
 * <p>Immutable and thread-safe, as long as the suppliers are.
 */
final class PreconditionCheck {
    /** The prefix of the liveness line in the met preconditions when the operator overrode the check. */
    static final String OVERRIDDEN = "liveness: overridden by ";

    private final NodeLifecycle lifecycle;
    private final RedundancyPair pair;
    private final PairingCheck pairingCheck;
    private final Supplier<ReceiverStatus> receiverStatus;
    private final StandbyInitializer initializer;
    private final Duration maximumBackupAge;
    private final Failback failback;
    private final Clock clock;

    PreconditionCheck(NodeLifecycle lifecycle, RedundancyPair pair, PairingCheck pairingCheck,
                      Supplier<ReceiverStatus> receiverStatus, StandbyInitializer initializer, Duration maximumBackupAge,
                      Failback failback, Clock clock) {
        this.lifecycle = lifecycle;
        this.pair = pair;
        this.pairingCheck = pairingCheck;
        this.receiverStatus = receiverStatus;
        this.initializer = initializer;
        this.maximumBackupAge = maximumBackupAge;
        this.failback = failback;
        this.clock = clock;
    }

    /** What the liveness check gave: a verdict, or why there is none (override: both empty). */
    record Liveness(Optional<DownVerdict> verdict, Optional<Throwable> failure) {
        static Liveness overridden() {
            return new Liveness(Optional.empty(), Optional.empty());
        }
    }

    /** The preconditions, and the highest epoch the receiver accepted (0 if its status could not be read). */
    record Evaluation(PromotionPreconditions preconditions, long receiverEpoch) {
    }

    Evaluation evaluate(PromotionRequest request, Liveness liveness) {
        Instant now = clock.instant();
        List<UnmetPrecondition> unmet = new ArrayList<>();
        List<String> met = new ArrayList<>();
        List<String> warnings = new ArrayList<>();

        node(unmet, met);
        long receiverEpoch = backup(now, unmet, met, warnings);
        Optional<FailbackPlan> failingBack = failback(unmet, met);
        licenses(unmet, met, failingBack.isPresent());
        if (request.hardwareMoved()) {
            met.add("hardware: " + request.operator() + " confirmed that the ISDN lines and analogue devices were moved"
                    + " to this node (R16)");
        } else {
            unmet.add(new UnmetPrecondition(PreconditionCode.HARDWARE_NOT_MOVED, "The operator has not confirmed that"
                    + " the hardware connections (ISDN lines, analogue devices) were moved from the active to this node"
                    + " (R16). Move them by hand first, then confirm it in the request."));
        }
        liveness(request, liveness, unmet, met);
        return new Evaluation(new PromotionPreconditions(now, unmet, met, warnings, liveness.verdict(),
                request.override()), receiverEpoch);
    }

    private void node(List<UnmetPrecondition> unmet, List<String> met) {
        NodeSnapshot snapshot = lifecycle.snapshot();
        String problem = switch (snapshot.state()) {
            case WARM_STANDBY -> null;
            case NOT_CONFIGURED -> "This node is not configured as a standby (state NOT_CONFIGURED); only a warm"
                    + " standby can be promoted.";
            case AWAITING_INITIAL_IMPORT -> "This standby has not been initialised with the active's full backup yet"
                    + " (state AWAITING_INITIAL_IMPORT, R13): it holds nothing to take over with.";
            case PROMOTING -> "A promotion of this node is under way already (state PROMOTING, promotion "
                    + snapshot.promotion().map(PromotionProgress::id).orElse("?") + "): resume it instead of starting"
                    + " another.";
            case PROMOTION_FAILED -> "A promotion of this node failed at step "
                    + snapshot.promotion().flatMap(PromotionProgress::failedStep).orElse("?")
                    + " (state PROMOTION_FAILED): retry it" + (snapshot.epochRaisedInPromotion() ? ""
                    : " or abort it") + " instead of starting another.";
            case ACTIVE -> "This node is the active already (state ACTIVE, epoch " + snapshot.epoch() + ").";
            case FENCED -> "This node is fenced (state FENCED, epoch " + snapshot.epoch() + "): another node holds a"
                    + " higher epoch; it becomes a standby again through the failback, not a promotion.";
        };
        if (problem == null && initializer != null && !initializer.isInitialized()) {
            problem = "This standby's initialisation record (state/initialized in the receiver's directory) is gone,"
                    + " although the node is a warm standby: a forced re-initialisation may have failed halfway."
                    + " Initialise the standby again before promoting it (R13).";
        }
        if (problem == null) {
            met.add("state: WARM_STANDBY at epoch " + snapshot.epoch() + ", an initialised standby");
        } else {
            unmet.add(new UnmetPrecondition(PreconditionCode.NOT_A_WARM_STANDBY, problem));
        }
    }

    private long backup(Instant now, List<UnmetPrecondition> unmet, List<String> met, List<String> warnings) {
        ReceiverStatus status;
        try {
            status = receiverStatus.get();
        } catch (RuntimeException e) {
            unmet.add(new UnmetPrecondition(PreconditionCode.NO_IMPORTED_BACKUP, "The receiver's status cannot be"
                    + " read, so whether a backup was imported is unknown: " + describe(e)));
            return 0;
        }
        Optional<Initialization> init = initialization(warnings);
        Optional<ReceiverStatus.ImportOutcome> last = status.lastImport();
        Instant dataFrom;
        if (init.isPresent() && (last.isEmpty() || !init.get().at().isBefore(last.get().at()))) {
            Initialization done = init.get();
            dataFrom = done.at();
            met.add("backup: the standby was initialised at " + time(done.at()) + " (" + age(now, done.at())
                    + " ago) by " + done.operator() + " from " + done.source().describe()
                    + "; no replicated backup was imported since");
        } else if (last.isPresent() && last.get().succeeded()) {
            ReceiverStatus.ImportOutcome imported = last.get();
            Optional<Instant> createdAt = status.current().filter(kept -> kept.bundleId().equals(imported.bundleId()))
                    .map(ReceiverStatus.KeptBundle::createdAt);
            dataFrom = createdAt.orElse(imported.at());
            met.add("backup: bundle " + imported.bundleId() + " imported at " + time(imported.at()) + " ("
                    + age(now, imported.at()) + " ago)" + createdAt.map(created -> "; its data is from " + time(created)
                    + ", " + age(now, created) + " old").orElse(""));
        } else if (last.isPresent()) {
            ReceiverStatus.ImportOutcome failed = last.get();
            unmet.add(new UnmetPrecondition(PreconditionCode.NO_IMPORTED_BACKUP, "The last import, of bundle "
                    + failed.bundleId() + " at " + time(failed.at()) + " (" + age(now, failed.at()) + " ago), failed ("
                    + failed.failure().orElseThrow() + "): " + failed.message() + ". The standby's data may be"
                    + " incomplete; import a backup successfully (Receiver.importLatest) before promoting."));
            return status.highestEpoch();
        } else {
            unmet.add(new UnmetPrecondition(PreconditionCode.NO_IMPORTED_BACKUP, "No backup has been imported on this"
                    + " standby yet: it holds none of the active's data. Wait for a replicated backup and its import,"
                    + " or initialise the standby from the active's backup (R13)."));
            return status.highestEpoch();
        }
        if (maximumBackupAge != null && Duration.between(dataFrom, now).compareTo(maximumBackupAge) > 0) {
            warnings.add("warning: the standby's data is " + age(now, dataFrom) + " old, older than the maximum of "
                    + DurationText.of(maximumBackupAge) + ": changes made on the active since " + time(dataFrom)
                    + " are lost (R21)");
        }
        if (status.importPending()) {
            ReceiverStatus.KeptBundle pending = status.current().orElseThrow();
            warnings.add("warning: bundle " + pending.bundleId() + " with data from " + time(pending.createdAt())
                    + " was accepted but is not imported; import it first (Receiver.importLatest) to lose less data");
        }
        return status.highestEpoch();
    }

    private Optional<Initialization> initialization(List<String> warnings) {
        if (initializer == null) {
            return Optional.empty();
        }
        try {
            return initializer.initialization();
        } catch (RuntimeException e) {
            warnings.add("warning: the standby's initialisation record cannot be read: " + describe(e));
            return Optional.empty();
        }
    }

    /**
     * The failback's precondition, while a failback plan is in progress on this node.
     *
     * @return the plan in progress; empty without one
     */
    private Optional<FailbackPlan> failback(List<UnmetPrecondition> unmet, List<String> met) {
        if (failback == null) {
            return Optional.empty();
        }
        Optional<FailbackPlan> plan = failback.plan().filter(p -> !p.isComplete());
        if (plan.isEmpty()) {
            return plan;
        }
        Optional<String> refusal = failback.promoteBackRefusal();
        if (refusal.isPresent()) {
            unmet.add(new UnmetPrecondition(PreconditionCode.FAILBACK_NOT_READY, refusal.get()));
        } else {
            met.add("failback: plan " + plan.get().id() + " reached its promote-back step; the newest backup of "
                    + plan.get().promotedNode() + " is imported (R18, R31)");
        }
        return plan;
    }

    /**
     * The licenses: the pair's, or in a failback those of the roles after it (this node the
     * active again, the promoted node its standby).
     */
    private void licenses(List<UnmetPrecondition> unmet, List<String> met, boolean failingBack) {
        PairingReport report;
        try {
            report = failingBack
                    ? pairingCheck.check(pair.standby().licensed(), pair.active().licensed(), pair.standbyConfiguredKey())
                    : pairingCheck.check(pair.active().licensed(), pair.standby().licensed(), pair.standbyConfiguredKey());
        } catch (RuntimeException e) {
            unmet.add(new UnmetPrecondition(PreconditionCode.LICENSES_INCOMPLETE, "The licenses cannot be checked: "
                    + describe(e)));
            return;
        }
        String roles = failingBack ? " for the roles after the failback (" + pair.standby().name() + " the active, "
                + pair.active().name() + " its standby)" : "";
        if (report.paired()) {
            met.add("licenses: complete" + roles + "; the pairing check (" + pairingCheck.scheme() + ") found no problem"
                    + " (R11)");
        } else {
            unmet.add(new UnmetPrecondition(PreconditionCode.LICENSES_INCOMPLETE, (failingBack
                    ? "The licenses are not complete" + roles + " (R11, R18)" : "The standby's licenses are not complete"
                    + " (R11)") + "; the pairing check (" + pairingCheck.scheme() + ") found: "
                    + report.problems().stream().map(PairingProblem::toString).collect(Collectors.joining("; "))
                    + ". Install the missing licenses on " + (failingBack ? "the nodes" : "this node") + " first."));
        }
    }

    private static void liveness(PromotionRequest request, Liveness liveness, List<UnmetPrecondition> unmet,
                                 List<String> met) {
        if (request.override().isPresent()) {
            DownOverride override = request.override().get();
            met.add(OVERRIDDEN + override.operator() + ": " + override.reason());
            return;
        }
        if (liveness.verdict().isPresent()) {
            DownVerdict verdict = liveness.verdict().get();
            String headline = verdict.summary().get(0);
            if (verdict.confirmedDown()) {
                met.add("liveness: " + headline);
            } else {
                unmet.add(new UnmetPrecondition(PreconditionCode.ACTIVE_NOT_CONFIRMED_DOWN, headline
                        + (verdict instanceof DownVerdict.SignOfLife
                        ? " Make sure the active is switched off or disconnected; if something else answers for it"
                                + " (a firewall), an operator may override the check with a reason."
                        : "")));
            }
            return;
        }
        Throwable failure = liveness.failure().orElseGet(() -> new IllegalStateException("no verdict"));
        unmet.add(new UnmetPrecondition(PreconditionCode.ACTIVE_NOT_CONFIRMED_DOWN, "The check that the active is"
                + " down did not finish (" + describe(failure) + "). Run it again, or override it with a reason if"
                + " the active is known to be down."));
    }

    static String describe(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof CancellationException) {
            return "cancelled";
        }
        return MessageText.oneLine(cause.getClass().getSimpleName() + (cause.getMessage() == null ? ""
                : ": " + cause.getMessage()));
    }

    static String time(Instant instant) {
        return ProbeObservation.time(instant, ZoneOffset.UTC);
    }

    private static String age(Instant now, Instant then) {
        Duration age = Duration.between(then, now);
        return DurationText.of(age.isNegative() ? Duration.ZERO : age.withNanos(0));
    }
}
