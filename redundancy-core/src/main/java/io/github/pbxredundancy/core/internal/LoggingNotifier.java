package io.github.pbxredundancy.core.internal;

import io.github.pbxredundancy.core.Initialization;
import io.github.pbxredundancy.core.event.AttemptFailed;
import io.github.pbxredundancy.core.event.BackupImported;
import io.github.pbxredundancy.core.event.BundleAccepted;
import io.github.pbxredundancy.core.event.BundleRefused;
import io.github.pbxredundancy.core.event.ImportFailed;
import io.github.pbxredundancy.core.event.InitializationFailed;
import io.github.pbxredundancy.core.event.AttemptFailure;
import io.github.pbxredundancy.core.event.BundlePrepared;
import io.github.pbxredundancy.core.event.EpochChanged;
import io.github.pbxredundancy.core.event.FailbackStepChanged;
import io.github.pbxredundancy.core.event.NodeFenced;
import io.github.pbxredundancy.core.event.PeerUnreachableAtStartup;
import io.github.pbxredundancy.core.event.NodeStateChanged;
import io.github.pbxredundancy.core.event.PhoneRestartRequested;
import io.github.pbxredundancy.core.event.PromotionCompleted;
import io.github.pbxredundancy.core.event.PromotionRefused;
import io.github.pbxredundancy.core.event.PromotionStepFailed;
import io.github.pbxredundancy.core.event.StandbyLicenseWarning;
import io.github.pbxredundancy.core.event.RedundancyEvent;
import io.github.pbxredundancy.core.event.RunFailed;
import io.github.pbxredundancy.core.event.RunSkipped;
import io.github.pbxredundancy.core.event.RunStarted;
import io.github.pbxredundancy.core.event.RunSucceeded;
import io.github.pbxredundancy.core.event.StandbyInitialized;
import io.github.pbxredundancy.core.event.WatchdogAlarm;
import io.github.pbxredundancy.core.event.WatchdogRecovered;
import io.github.pbxredundancy.core.promotion.FailbackStatus;
import io.github.pbxredundancy.core.promotion.NodeState;
import io.github.pbxredundancy.core.promotion.UnmetPrecondition;
import io.github.pbxredundancy.core.spi.Notifier;
import io.github.pbxredundancy.license.LoadBudgetStatus;
import io.github.pbxredundancy.license.PrintableText;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The implementation of {@link io.github.pbxredundancy.core.Notifiers#logging()}: one log line per
 * event, at a level by severity.
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
public enum LoggingNotifier implements Notifier {
    /** The only instance. */
    INSTANCE;

    /** The logger's name, stable so that hosts can route the events (e.g. to their own file). */
    public static final String LOGGER_NAME = "io.github.pbxredundancy.events";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

    @Override
    public void notify(RedundancyEvent event) {
        Level level = levelOf(event);
        if (LOG.isEnabledForLevel(level)) {
            LOG.atLevel(level).log(describe(event));
        }
    }

    /**
     * The level an event is logged at: a failed run, a refused bundle, a failed import or
     * initialisation, a watchdog alarm, a failed promotion or promotion step, a fenced node, a peer
     * unreachable at start-up, an exceeded standby load budget and a failed failback step are errors;
     * a failed attempt or a skipped run (the run may still succeed), a refused promotion, a
     * standby-license warning and a skipped failback step are warnings; everything else information.
     *
     * @param event the event
     * @return the level
     */
    public static Level levelOf(RedundancyEvent event) {
        if (event instanceof RunFailed || event instanceof BundleRefused || event instanceof ImportFailed
                || event instanceof WatchdogAlarm || event instanceof InitializationFailed
                || event instanceof PromotionStepFailed || event instanceof NodeFenced
                || event instanceof PeerUnreachableAtStartup) {
            return Level.ERROR;
        }
        if (event instanceof StandbyLicenseWarning warning) {
            return warning.budget().filter(LoadBudgetStatus.Exceeded.class::isInstance).isPresent() ? Level.ERROR
                    : Level.WARN;
        }
        if (event instanceof PromotionRefused) {
            return Level.WARN;
        }
        if (event instanceof FailbackStepChanged changed) {
            return switch (changed.status().kind()) {
                case FAILED -> Level.ERROR;
                case SKIPPED -> Level.WARN;
                default -> Level.INFO;
            };
        }
        if (event instanceof NodeStateChanged changed
                && (changed.to() == NodeState.PROMOTION_FAILED || changed.to() == NodeState.FENCED)) {
            return Level.ERROR;
        }
        if (event instanceof AttemptFailed || event instanceof RunSkipped) {
            return Level.WARN;
        }
        return Level.INFO;
    }

    /**
     * The event as one line for an administrator.
     *
     * @param event the event
     * @return the line; its parts come from the event, which carries no secrets
     */
    public static String describe(RedundancyEvent event) {
        // Java 17 has no pattern switch; the sealed hierarchy keeps this chain complete, and a new event type
        // falls through to its record's own text until it gets a line here.
        if (event instanceof RunStarted started) {
            return "Replication run " + started.run() + " started (scheduled for " + started.scheduledFor() + ")";
        }
        if (event instanceof RunSkipped skipped) {
            return "Replication run scheduled for " + skipped.scheduledFor() + " skipped: " + skipped.reason();
        }
        if (event instanceof BundlePrepared prepared) {
            return "Replication run " + prepared.run() + ": bundle " + prepared.bundleId() + " prepared ("
                    + prepared.size() + " bytes)";
        }
        if (event instanceof AttemptFailed failed) {
            AttemptFailure failure = failed.failure();
            return "Replication run " + failed.run() + ": attempt " + failure.attempt() + " of " + failed.maxAttempts()
                    + " failed (" + failure.reason() + "): " + failure.message()
                    + failed.nextAttemptAt().map(next -> "; next attempt at " + next).orElse("; no further attempt");
        }
        if (event instanceof RunSucceeded succeeded) {
            return "Replication run " + succeeded.run() + ": the standby accepted bundle " + succeeded.bundleId()
                    + " after " + succeeded.attempts() + (succeeded.attempts() == 1 ? " attempt" : " attempts");
        }
        if (event instanceof RunFailed failed) {
            return "Replication run " + failed.run() + " FAILED (" + failed.reason() + "): " + failed.explanation()
                    + "; attempts: " + failed.failures().stream()
                            .map(f -> f.attempt() + " at " + f.at() + " " + f.reason())
                            .collect(Collectors.joining(", "));
        }
        if (event instanceof BundleAccepted accepted) {
            return "Standby accepted bundle " + accepted.bundleId() + " from " + accepted.sourceNode() + " (version "
                    + accepted.softwareVersion() + ", epoch " + accepted.epoch() + ", created " + accepted.createdAt()
                    + ", " + accepted.size() + " bytes)";
        }
        if (event instanceof BundleRefused refused) {
            return "Standby REFUSED bundle " + refused.bundleId() + " (" + refused.reason() + "): " + refused.message();
        }
        if (event instanceof BackupImported imported) {
            return "Standby imported bundle " + imported.bundleId() + "; its data is as of " + imported.createdAt();
        }
        if (event instanceof ImportFailed failed) {
            return "Standby could NOT import bundle " + failed.bundleId() + " (" + failed.reason() + "): "
                    + failed.message() + "; the bundle is kept";
        }
        if (event instanceof WatchdogAlarm alarm) {
            return "Standby watchdog ALARM: no valid bundle "
                    + alarm.lastAcceptedAt().map(at -> "since the one accepted at " + at + " (the standby's data is at"
                            + " least " + DurationText.of(alarm.dataAge().orElseThrow()) + " old)")
                            .orElse("accepted since the watchdog started (the standby has no replicated data)")
                    + "; " + alarm.missedRuns() + (alarm.missedRuns() == 1 ? " run" : " runs") + " missed, the latest due by "
                    + alarm.expectedBy() + ", overdue since " + alarm.overdueSince()
                    + ": is the active down or is replication failing?";
        }
        if (event instanceof WatchdogRecovered recovered) {
            return "Standby watchdog: replication recovered, bundle accepted at " + recovered.acceptedAt() + " after "
                    + recovered.missedRuns() + (recovered.missedRuns() == 1 ? " missed run" : " missed runs")
                    + "; it was overdue for " + DurationText.of(recovered.downtime());
        }
        if (event instanceof StandbyInitialized initialized) {
            Initialization done = initialized.initialization();
            return "Standby initialised by " + PrintableText.quote(done.operator()) + " from "
                    + done.source().describe() + (done.forced() ? ", forced over an earlier initialisation" : "")
                    + (done.reason().isEmpty() ? "" : "; reason: " + PrintableText.quote(done.reason()));
        }
        if (event instanceof InitializationFailed failed) {
            return "Standby initialisation by " + PrintableText.quote(failed.operator()) + " from " + failed.upload()
                    + " FAILED (" + failed.reason() + "): " + failed.message();
        }
        if (event instanceof NodeStateChanged changed) {
            return "Node state " + changed.from() + " -> " + changed.to() + " (" + changed.trigger() + ", epoch "
                    + changed.epoch() + ") by " + PrintableText.quote(changed.operator())
                    + (changed.reason().isEmpty() ? "" : "; reason: " + PrintableText.quote(changed.reason()));
        }
        if (event instanceof EpochChanged changed) {
            return "Node epoch " + changed.previousEpoch() + " -> " + changed.epoch() + " ("
                    + (changed.cause() == EpochChanged.Cause.RAISED ? "raised" : "observed") + " in state "
                    + changed.state() + ") by " + PrintableText.quote(changed.operator())
                    + (changed.reason().isEmpty() ? "" : "; reason: " + PrintableText.quote(changed.reason()));
        }
        if (event instanceof PromotionRefused refused) {
            return "Promotion requested by " + PrintableText.quote(refused.operator()) + " REFUSED: "
                    + refused.unmet().stream().map(UnmetPrecondition::toString).collect(Collectors.joining(" | "));
        }
        if (event instanceof PromotionStepFailed failed) {
            return "Promotion " + failed.promotionId() + ": step " + failed.step().id() + " FAILED (" + failed.reason()
                    + ") at epoch " + failed.epoch() + ": " + MessageText.oneLine(failed.message()) + "; retry the"
                    + " promotion" + (failed.abortAllowed() ? " or abort it" : " (it cannot be aborted after the epoch"
                    + " raise)");
        }
        if (event instanceof PhoneRestartRequested requested) {
            int users = requested.users().size();
            return "Promotion " + requested.promotionId() + ": " + requested.node() + " took over; the"
                    + " restart-your-phone message goes to " + users + (users == 1 ? " user" : " users");
        }
        if (event instanceof PromotionCompleted completed) {
            return "Promotion " + completed.promotionId() + " completed: " + completed.node() + " is the active at"
                    + " epoch " + completed.epoch() + ", requested by " + PrintableText.quote(completed.operator())
                    + ", took " + DurationText.of(completed.took()) + (completed.overridden()
                    ? ", the liveness check was OVERRIDDEN" : "") + ", " + completed.usersInformed()
                    + (completed.usersInformed() == 1 ? " user" : " users") + " told to restart their phones";
        }
        if (event instanceof StandbyLicenseWarning warning) {
            return "Standby licenses: " + MessageText.oneLine(warning.message());
        }
        if (event instanceof NodeFenced fenced) {
            return "Node FENCED (" + fenced.from() + " -> FENCED, epoch " + fenced.previousEpoch() + " -> " + fenced.epoch()
                    + "): " + fenced.explanation();
        }
        if (event instanceof PeerUnreachableAtStartup unreachable) {
            return "Peer UNREACHABLE at start-up (" + unreachable.rule() + ", epoch " + unreachable.epoch() + ", "
                    + (unreachable.claimed() ? "claiming the address" : "staying passive") + "): "
                    + unreachable.explanation();
        }
        if (event instanceof FailbackStepChanged changed) {
            return "Failback " + changed.planId() + " from " + changed.promotedNode() + ": step "
                    + changed.step().number() + " " + changed.step().id() + " " + describe(changed.status())
                    + "; next: " + changed.next().map(next -> "step " + next.number() + " " + next.id() + " ("
                    + next.actor().name().toLowerCase(Locale.ROOT) + ")").orElse("none, the failback is"
                    + " complete");
        }
        return event.toString();
    }

    private static String describe(FailbackStatus status) {
        if (status instanceof FailbackStatus.Done done) {
            return "DONE by " + PrintableText.quote(done.by()) + (done.evidence().isEmpty() ? ""
                    : " (" + MessageText.oneLine(String.join("; ", done.evidence())) + ")");
        }
        if (status instanceof FailbackStatus.Failed failed) {
            return "FAILED (asked by " + PrintableText.quote(failed.by()) + "): " + MessageText.oneLine(failed.reason());
        }
        if (status instanceof FailbackStatus.Skipped skipped) {
            return "SKIPPED by " + PrintableText.quote(skipped.by()) + ": " + MessageText.oneLine(skipped.reason());
        }
        return status.kind().name();
    }
}
