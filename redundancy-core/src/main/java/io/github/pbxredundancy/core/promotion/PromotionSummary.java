package io.github.pbxredundancy.core.promotion;

import io.github.pbxredundancy.core.Node;
import io.github.pbxredundancy.core.event.PromotionCompleted;
import io.github.pbxredundancy.core.internal.DurationText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the administrator's summary of a promotion from its entries in the audit trail, so that
 * a promotion resumed after a crash summarises the whole promotion, not just the part after the
 * restart: when and by whom it was requested, what was checked, which steps failed and were
 * retried, how many users were told.
 *
 * <p>Stateless and thread-safe.
 */
final class PromotionSummary {
    /** The check line with the number of users the restart message was handed over for. */
    static final String USERS = "users: ";
    /** The check line of a notification step whose hand-over was interrupted and is not repeated. */
    static final String NOT_REPEATED = "not repeated: ";
    /** The note a resume records. */
    static final String RESUMED = "PROMOTION_RESUMED";

    private static final Pattern USER_COUNT = Pattern.compile("users: (\\d+)");

    private PromotionSummary() {
    }

    /**
     * The summary.
     *
     * @param trail every entry of the node's audit trail
     * @param promotionId the promotion
     * @param now the summary's time
     * @param node the promoted node
     * @param epoch its epoch now
     * @param active the node whose address it took over
     * @param licenseLine what to say about the standby licenses
     * @return the event
     * @throws IllegalStateException if the trail has no request entry of the promotion
     */
    static PromotionCompleted build(List<AuditEntry> trail, String promotionId, Instant now, Node node, long epoch,
                                    Node active, String licenseLine) {
        List<AuditEntry> entries = trail.stream().filter(e -> e.promotionId().equals(Optional.of(promotionId)))
                .toList();
        AuditEntry request = entries.stream().filter(e -> e.trigger().equals(Optional.of(Trigger.PROMOTION_REQUESTED)))
                .findFirst().orElseThrow(() -> new IllegalStateException("the audit trail has no PROMOTION_REQUESTED"
                        + " entry for promotion " + promotionId));
        Duration took = Duration.between(request.at(), now);
        took = took.isNegative() ? Duration.ZERO : took;
        boolean overridden = request.context().checks().stream().anyMatch(c -> c.startsWith(PreconditionCheck.OVERRIDDEN));
        Optional<AuditEntry> usersStep = completed(entries, PromotionStep.NOTIFY_USERS.id());
        boolean usersInterrupted = usersStep.map(PromotionSummary::notRepeated).orElse(false);
        int users = usersInterrupted ? 0 : usersStep.map(PromotionSummary::userCount).orElse(0);

        List<String> lines = new ArrayList<>();
        lines.add(node.name() + " is the active node now, at epoch " + epoch + ": promotion " + promotionId
                + " requested by " + request.context().operator() + " at " + PreconditionCheck.time(request.at())
                + ", all steps completed after " + DurationText.of(took.withNanos(0)) + ".");
        if (!request.context().reason().isBlank()) {
            lines.add("Reason given: " + request.context().reason());
        }
        lines.add("Checked before the promotion:");
        request.context().checks().forEach(check -> lines.add("- " + check));
        lines.add("Took over the address " + active.address() + "/" + active.prefixLength() + " of " + active.name()
                + " and activated the modules.");
        if (usersInterrupted) {
            lines.add("The restart-your-phone message was being handed to the notifiers when the node stopped; it was"
                    + " not sent again, so that no user gets it twice. Check the mail log, and tell users whose phones do"
                    + " not register to restart them.");
        } else {
            lines.add("The restart-your-phone message went to the notifiers for " + users + (users == 1 ? " user."
                    : " users."));
        }
        for (AuditEntry entry : entries) {
            if (entry.trigger().equals(Optional.of(Trigger.STEP_FAILED))) {
                lines.add("Step " + entry.step().orElse("?") + " failed at " + PreconditionCheck.time(entry.at()) + ": "
                        + entry.context().reason());
            } else if (entry.trigger().equals(Optional.of(Trigger.RETRY))) {
                lines.add("Retried at " + PreconditionCheck.time(entry.at()) + " by " + entry.context().operator() + ".");
            } else if (entry.action().equals(RESUMED)) {
                lines.add("Resumed at " + PreconditionCheck.time(entry.at()) + " by " + entry.context().operator()
                        + " after the node stopped in the middle of the promotion.");
            }
        }
        lines.add(licenseLine);
        lines.add("Keep the old active off the network until the failback (R18): if it starts, it must learn of epoch "
                + epoch + " and stay fenced.");
        return new PromotionCompleted(now, promotionId, node.name(), epoch, request.context().operator(), took, users,
                overridden, lines);
    }

    private static Optional<AuditEntry> completed(List<AuditEntry> entries, String step) {
        return entries.stream().filter(e -> e.action().equals(AuditEntry.STEP_COMPLETED)
                && e.step().equals(Optional.of(step))).findFirst();
    }

    private static boolean notRepeated(AuditEntry entry) {
        return entry.context().checks().stream().anyMatch(c -> c.startsWith(NOT_REPEATED));
    }

    private static int userCount(AuditEntry entry) {
        for (String check : entry.context().checks()) {
            Matcher matcher = USER_COUNT.matcher(check);
            if (matcher.matches()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
        return 0;
    }
}
