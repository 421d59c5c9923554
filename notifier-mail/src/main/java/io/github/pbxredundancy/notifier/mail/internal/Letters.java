package io.github.pbxredundancy.notifier.mail.internal;

import io.github.pbxredundancy.core.GiveUpReason;
import io.github.pbxredundancy.core.Initialization;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.UserContact;
import io.github.pbxredundancy.core.event.AttemptFailure;
import io.github.pbxredundancy.core.event.BundleRefused;
import io.github.pbxredundancy.core.event.ImportFailed;
import io.github.pbxredundancy.core.event.InitializationFailed;
import io.github.pbxredundancy.core.event.NodeStateChanged;
import io.github.pbxredundancy.core.event.PeerUnreachableAtStartup;
import io.github.pbxredundancy.core.event.PhoneRestartRequested;
import io.github.pbxredundancy.core.event.PromotionCompleted;
import io.github.pbxredundancy.core.event.PromotionRefused;
import io.github.pbxredundancy.core.event.PromotionStepFailed;
import io.github.pbxredundancy.core.event.RedundancyEvent;
import io.github.pbxredundancy.core.event.RunFailed;
import io.github.pbxredundancy.core.event.StandbyInitialized;
import io.github.pbxredundancy.core.event.StandbyLicenseWarning;
import io.github.pbxredundancy.core.event.WatchdogAlarm;
import io.github.pbxredundancy.core.event.WatchdogRecovered;
import io.github.pbxredundancy.core.promotion.NodeState;
import io.github.pbxredundancy.core.promotion.PreconditionCode;
import io.github.pbxredundancy.core.promotion.PromotionStep;
import io.github.pbxredundancy.core.promotion.UnmetPrecondition;
import io.github.pbxredundancy.license.LoadBudgetStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes the messages: which events mail the administrator ({@link #mailsAdministrator}), the
 * administrator's message for each of them, and the restart-your-phone message for each user,
 * in German and English side by side so that the two never drift apart.
 *
 * <p>Texts that the core writes (a run's explanation, an attempt's or a refusal's message, the
 * promotion summary's lines, unmet preconditions) are English; the German messages quote them
 * under a German label. Every value from an event is made one printable line.
 *
 * <p>Not part of the API. Immutable and thread-safe.
 */
public final class Letters {
    private static final int VALUE_LENGTH = 2000;
    private static final int SUBJECT_VALUE_LENGTH = 80;

    private final Optional<String> subjectPrefix;
    private final ZoneId zone;

    /**
     * @param subjectPrefix the configured prefix, checked already; empty for the default
     *     ({@code PBX-Redundanz} or {@code PBX redundancy})
     * @param zone the zone in which times are shown
     */
    public Letters(Optional<String> subjectPrefix, ZoneId zone) {
        this.subjectPrefix = Objects.requireNonNull(subjectPrefix, "subjectPrefix");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * Whether the administrator gets a message for the event; see the table in
     * {@link io.github.pbxredundancy.notifier.mail.MailNotifier}.
     *
     * @param event any event
     * @return true for failures, alarms, refusals, initialisations, a fenced node, promotions and
     *     license warnings; false for routine progress
     */
    public static boolean mailsAdministrator(RedundancyEvent event) {
        return event instanceof RunFailed || event instanceof BundleRefused || event instanceof ImportFailed
                || event instanceof WatchdogAlarm || event instanceof WatchdogRecovered
                || event instanceof StandbyInitialized || event instanceof InitializationFailed
                || (event instanceof NodeStateChanged changed && changed.to() == NodeState.FENCED)
                || event instanceof PeerUnreachableAtStartup
                || event instanceof PromotionRefused || event instanceof PromotionStepFailed
                || event instanceof PromotionCompleted || event instanceof StandbyLicenseWarning;
    }

    /**
     * The administrator's message for an event.
     *
     * @param event an event for which {@link #mailsAdministrator} is true
     * @param language the administrator's language
     * @return the letter
     * @throws IllegalArgumentException for an event the administrator gets no message for
     */
    public Letter forAdministrator(RedundancyEvent event, Language language) {
        Writer w = new Writer(language);
        if (event instanceof RunFailed e) {
            runFailed(w, e);
        } else if (event instanceof BundleRefused e) {
            bundleRefused(w, e);
        } else if (event instanceof ImportFailed e) {
            importFailed(w, e);
        } else if (event instanceof WatchdogAlarm e) {
            watchdogAlarm(w, e);
        } else if (event instanceof WatchdogRecovered e) {
            watchdogRecovered(w, e);
        } else if (event instanceof StandbyInitialized e) {
            standbyInitialized(w, e);
        } else if (event instanceof InitializationFailed e) {
            initializationFailed(w, e);
        } else if (event instanceof NodeStateChanged e && e.to() == NodeState.FENCED) {
            fenced(w, e);
        } else if (event instanceof PeerUnreachableAtStartup e) {
            peerUnreachable(w, e);
        } else if (event instanceof PromotionRefused e) {
            promotionRefused(w, e);
        } else if (event instanceof PromotionStepFailed e) {
            promotionStepFailed(w, e);
        } else if (event instanceof PromotionCompleted e) {
            promotionCompleted(w, e);
        } else if (event instanceof StandbyLicenseWarning e) {
            licenseWarning(w, e);
        } else {
            throw new IllegalArgumentException("the administrator gets no message for " + event.getClass().getSimpleName());
        }
        w.paragraph(language.pick("Diese Nachricht hat das Redundanzmodul Ihrer Telefonanlage automatisch gesendet.",
                "This message was sent automatically by the redundancy module of your PBX."));
        return w.letter();
    }

    /**
     * The restart-your-phone message for one user (R17): addressed to that user alone, it names
     * nobody else.
     *
     * @param event the promotion's event
     * @param user the user
     * @param language the user's language
     * @return the letter
     */
    public Letter forUser(PhoneRestartRequested event, UserContact user, Language language) {
        Writer w = new Writer(language);
        w.subject(language.pick("Bitte starten Sie Ihr Telefon neu", "Please restart your phone"));
        String name = line(user.displayName()).strip();
        w.paragraph(name.isEmpty() ? language.pick("Guten Tag,", "Hello,")
                : language.pick("Hallo " + name + ",", "Hello " + name + ","));
        w.paragraph(language.pick(
                "die Telefonanlage wurde am " + time(language, event.at()) + " auf die Ersatzanlage umgeschaltet."
                        + " Damit Ihr Telefon wieder zuverlässig funktioniert, starten Sie es bitte neu: wählen Sie im"
                        + " Menü des Telefons „Neustart“ oder ziehen Sie kurz den Netzwerk- bzw. Stromstecker und"
                        + " stecken Sie ihn wieder ein.",
                "the telephone system was switched over to its standby server at " + time(language, event.at())
                        + ". So that your phone works reliably again, please restart it: choose \"Restart\" in the"
                        + " phone's menu, or unplug its network or power cable briefly and plug it in again."));
        w.paragraph(language.pick(
                "Bei manchen Telefonmodellen ist das nicht nötig. Wenn Sie nach dem Neustart nicht telefonieren können,"
                        + " wenden Sie sich bitte an Ihre IT-Abteilung.",
                "Some phone models do not need this. If you cannot make calls after the restart, please contact your"
                        + " IT department."));
        w.paragraph(language.pick("Diese Nachricht wurde automatisch versandt; bitte antworten Sie nicht darauf.",
                "This message was sent automatically; please do not reply to it."));
        return w.letter();
    }

    private void runFailed(Writer w, RunFailed e) {
        Language l = w.language;
        boolean tooOld = e.failures().stream().anyMatch(f -> f.reason() == ReasonCode.VERSION_INCOMPATIBLE);
        w.subject(tooOld ? l.pick("Standby-Anlage veraltet – bitte aktualisieren", "Standby too old – update the standby")
                : l.pick("Replikation fehlgeschlagen (Lauf " + e.run() + ")", "Replication failed (run " + e.run() + ")"));
        w.greeting();
        w.paragraph(l.pick("die Übertragung des Backups zur Standby-Anlage ist fehlgeschlagen: ",
                "the backup could not be delivered to the standby: ") + giveUp(l, e.reason(), e.failures().size())
                + l.pick(". Die Standby-Anlage hat damit nicht den aktuellen Datenstand; der nächste geplante Lauf findet"
                        + " wie gewohnt statt.", ". The standby does not hold the latest data; the next scheduled run"
                        + " happens as usual."));
        if (tooOld) {
            updateTheStandby(w);
        }
        w.facts(l.pick("Lauf", "Run"), Long.toString(e.run()),
                l.pick("Aufgegeben", "Given up"), time(l, e.at()),
                l.pick("Meldung (englisch)", "Explanation"), line(e.explanation()));
        List<String> attempts = new ArrayList<>();
        for (AttemptFailure failure : e.failures()) {
            attempts.add(l.pick("Versuch ", "Attempt ") + failure.attempt() + ", " + time(l, failure.at()) + ": "
                    + reason(l, failure.reason()) + " – " + line(failure.message()));
        }
        if (!attempts.isEmpty()) {
            w.items(l.pick("Die Versuche und ihre Gründe:", "The attempts and their reasons:"), attempts);
        }
    }

    private void bundleRefused(Writer w, BundleRefused e) {
        Language l = w.language;
        boolean tooOld = e.reason() == ReasonCode.VERSION_INCOMPATIBLE;
        w.subject(tooOld ? l.pick("Standby-Anlage veraltet – bitte aktualisieren", "Standby too old – update the standby")
                : l.pick("Standby-Anlage hat ein Backup abgelehnt (", "Standby refused a backup (")
                        + reasonName(l, e.reason()) + ")");
        w.greeting();
        w.paragraph(l.pick("die Standby-Anlage hat ein empfangenes Backup abgelehnt und nicht übernommen; sie behält ihr"
                + " letztes gültiges Backup.", "the standby refused a backup it received and did not keep it; it keeps"
                + " its last good backup."));
        if (tooOld) {
            updateTheStandby(w);
        } else if (e.reason() == ReasonCode.FOREIGN_PAIR) {
            w.paragraph(l.pick("Das Backup gehört zu einem anderen Anlagenpaar: Prüfen Sie, ob im Lizenzschlüssel-Feld der"
                    + " Modulkonfiguration der Standby-Anlage der Serverlizenzschlüssel der aktiven Anlage steht.",
                    "The backup belongs to another pair: check that the license key field of the standby's module"
                            + " configuration holds the active node's server license key."));
        } else if (e.reason() == ReasonCode.STALE_EPOCH) {
            w.paragraph(l.pick("Das Backup stammt von einer Anlage, die durch eine Umschaltung abgelöst wurde; es darf die"
                    + " übernommene Anlage nicht überschreiben.", "The backup comes from a node that a promotion"
                    + " superseded; it must not overwrite the node that took over."));
        }
        w.facts(l.pick("Backup", "Backup"), e.bundleId().toString(),
                l.pick("Grund", "Reason"), reason(l, e.reason()),
                l.pick("Meldung (englisch)", "Message"), line(e.message()),
                l.pick("Zeitpunkt", "When"), time(l, e.at()));
    }

    private void updateTheStandby(Writer w) {
        Language l = w.language;
        w.paragraph(l.pick("Die Standby-Anlage läuft mit einer älteren Softwareversion als die aktive Anlage. Ein Backup"
                        + " lässt sich nur auf einer Anlage mit gleicher oder neuerer Version importieren – im Notfall"
                        + " könnte die Standby-Anlage also nicht übernehmen. Bitte aktualisieren Sie die Standby-Anlage auf"
                        + " die Version der aktiven Anlage, und aktualisieren Sie beide Anlagen künftig immer gemeinsam.",
                "The standby runs an older software version than the active node. A backup can only be imported on a"
                        + " system with the same or a newer version, so in an emergency the standby could not take over."
                        + " Please update the standby to the active node's version, and always update both nodes"
                        + " together."));
    }

    private void importFailed(Writer w, ImportFailed e) {
        Language l = w.language;
        w.subject(l.pick("Import auf der Standby-Anlage fehlgeschlagen", "Import on the standby failed"));
        w.greeting();
        w.paragraph(l.pick("die Standby-Anlage konnte ein geprüftes Backup nicht importieren. Das Backup bleibt erhalten,"
                        + " der Import kann wiederholt werden; bis dahin hat die Standby-Anlage den Datenstand ihres letzten"
                        + " erfolgreichen Imports.",
                "the standby could not import a verified backup. The backup is kept and the import can be repeated;"
                        + " until then the standby holds the data of its last successful import."));
        w.facts(l.pick("Backup", "Backup"), e.bundleId().toString(),
                l.pick("Grund", "Reason"), reason(l, e.reason()),
                l.pick("Meldung (englisch)", "Message"), line(e.message()),
                l.pick("Zeitpunkt", "When"), time(l, e.at()));
    }

    private void watchdogAlarm(Writer w, WatchdogAlarm e) {
        Language l = w.language;
        w.subject(e.dataAge().map(age -> l.pick("Alarm: seit " + l.duration(age) + " kein gültiges Backup auf der"
                        + " Standby-Anlage", "Alarm: no valid backup on the standby for " + l.duration(age)))
                .orElse(l.pick("Alarm: kein gültiges Backup auf der Standby-Anlage", "Alarm: no valid backup on the"
                        + " standby")));
        w.greeting();
        w.paragraph(l.pick("auf der Standby-Anlage ist nicht rechtzeitig ein gültiges Backup angekommen: "
                        + plural(e.missedRuns(), "geplanter Lauf", "geplante Läufe") + " ohne Backup. Ist die"
                        + " aktive Anlage ausgefallen, oder schlägt die Replikation fehl? Bei einer Umschaltung jetzt gingen"
                        + " die Daten seit dem letzten Backup verloren.",
                "no valid backup arrived on the standby in time: " + plural(e.missedRuns(), "scheduled run",
                        "scheduled runs") + " passed without one. Is the active node down, or is replication"
                        + " failing? A promotion now would lose the data since the last backup."));
        w.facts(l.pick("Überfällig seit", "Overdue since"), time(l, e.overdueSince()),
                l.pick("Zuletzt erwartet bis", "Latest expected by"), time(l, e.expectedBy()),
                l.pick("Letztes gültiges Backup", "Last valid backup"), e.lastAcceptedAt().map(at -> time(l, at))
                        .orElse(l.pick("keines, seit die Überwachung läuft", "none since the watchdog started")),
                l.pick("Alter der Daten mindestens", "Data at least this old"), e.dataAge().map(l::duration)
                        .orElse(l.pick("unbekannt (keine replizierten Daten)", "unknown (no replicated data)")));
    }

    private void watchdogRecovered(Writer w, WatchdogRecovered e) {
        Language l = w.language;
        w.subject(l.pick("Entwarnung: Replikation läuft wieder", "All clear: replication works again"));
        w.greeting();
        w.paragraph(l.pick("auf der Standby-Anlage ist wieder ein gültiges Backup angekommen; die Replikation läuft wieder.",
                "a valid backup arrived on the standby again; replication works again."));
        w.facts(l.pick("Backup angenommen", "Backup accepted"), time(l, e.acceptedAt()),
                l.pick("Überfällig gewesen", "Was overdue for"), l.duration(e.downtime()),
                l.pick("Verpasste Läufe", "Missed runs"), Integer.toString(e.missedRuns()));
    }

    private void standbyInitialized(Writer w, StandbyInitialized e) {
        Language l = w.language;
        Initialization done = e.initialization();
        w.subject(l.pick("Standby-Anlage initialisiert", "Standby initialised"));
        w.greeting();
        w.paragraph(l.pick("die Standby-Anlage wurde mit dem vollständigen Backup der aktiven Anlage initialisiert; dabei"
                + " wurden alle ihre Daten überschrieben.", "the standby was initialised with the active node's full"
                + " backup, which overwrote all of its data."));
        w.facts(l.pick("Durch", "By"), line(done.operator()),
                l.pick("Zeitpunkt", "When"), time(l, done.at()),
                l.pick("Quelle", "Source"), line(done.source().describe()),
                l.pick("Frühere Initialisierung überschrieben", "Earlier initialisation overwritten"), l.yesNo(done.forced()),
                l.pick("Begründung", "Reason"), done.reason().isBlank() ? "–" : line(done.reason()));
    }

    private void initializationFailed(Writer w, InitializationFailed e) {
        Language l = w.language;
        w.subject(l.pick("Initialisierung der Standby-Anlage fehlgeschlagen", "Standby initialisation failed"));
        w.greeting();
        w.paragraph(l.pick("die Initialisierung der Standby-Anlage ist fehlgeschlagen; sie gilt nur dann als initialisiert,"
                + " wenn sie es vorher schon war.", "the standby's initialisation failed; it counts as initialised only if"
                + " it was before."));
        w.facts(l.pick("Durch", "By"), line(e.operator()),
                l.pick("Upload", "Upload"), line(e.upload()),
                l.pick("Grund", "Reason"), reason(l, e.reason()),
                l.pick("Meldung (englisch)", "Message"), line(e.message()),
                l.pick("Zeitpunkt", "When"), time(l, e.at()));
    }

    private void fenced(Writer w, NodeStateChanged e) {
        Language l = w.language;
        w.subject(l.pick("Anlage abgelöst (Fencing): eine andere Anlage ist aktiv", "Node fenced: another node is active"));
        w.greeting();
        w.paragraph(l.pick("diese Anlage hat festgestellt, dass ihre Partneranlage nach einer Umschaltung aktiv ist"
                        + " (höhere Fencing-Epoche). Sie wurde deshalb als abgelöst markiert und sendet keine Backups mehr,"
                        + " damit sie die übernommene Anlage nicht überschreibt. Für den Weg zurück folgen Sie dem"
                        + " Rückschaltungs-Plan (Rollback).",
                "this node learned that its pair is active after a promotion (a higher fencing epoch). It was therefore"
                        + " fenced and sends no more backups, so that it cannot overwrite the node that took over. To"
                        + " return, follow the failback plan."));
        w.facts(l.pick("Zustand vorher", "State before"), e.from().name(),
                l.pick("Epoche", "Epoch"), Long.toString(e.epoch()),
                l.pick("Auslöser", "Trigger"), e.trigger().name(),
                l.pick("Durch", "By"), line(e.operator()),
                l.pick("Zeitpunkt", "When"), time(l, e.at()),
                l.pick("Begründung", "Reason"), e.reason().isBlank() ? "–" : line(e.reason()));
    }

    private void peerUnreachable(Writer w, PeerUnreachableAtStartup e) {
        Language l = w.language;
        w.subject(e.claimed()
                ? l.pick("Partneranlage beim Start nicht erreichbar: Adresse trotzdem übernommen",
                        "Peer unreachable at start-up: address claimed anyway")
                : l.pick("Partneranlage beim Start nicht erreichbar: Anlage bleibt passiv",
                        "Peer unreachable at start-up: node stays passive"));
        w.greeting();
        w.paragraph(l.pick("diese Anlage war vor ihrem Neustart die aktive. Bevor sie ihre Adresse wieder übernimmt, fragt sie"
                        + " die Partneranlage, ob diese inzwischen umgeschaltet wurde (Fencing-Epoche). Die Partneranlage war"
                        + " nicht erreichbar. Sind beide Anlagen voneinander getrennt, halten sich womöglich beide für aktiv:"
                        + " bitte prüfen Sie die Verbindung und entscheiden Sie.",
                "this node was the active before it restarted. Before it claims its address again it asks its peer whether"
                        + " the peer was promoted meanwhile (fencing epoch). The peer could not be reached. With both nodes"
                        + " cut off from each other, both may believe they are the active: please check the link and"
                        + " decide."));
        w.facts(l.pick("Partner", "Peer"), line(e.peer()),
                l.pick("Grund", "Reason"), line(e.reason()),
                l.pick("Regel", "Rule"), e.rule().name(),
                l.pick("Adresse übernommen", "Address claimed"), e.claimed() ? l.pick("ja", "yes") : l.pick("nein", "no"),
                l.pick("Epoche", "Epoch"), Long.toString(e.epoch()),
                l.pick("Zeitpunkt", "When"), time(l, e.at()),
                l.pick("Erläuterung", "Explanation"), line(e.explanation()));
    }

    private void promotionRefused(Writer w, PromotionRefused e) {
        Language l = w.language;
        w.subject(l.pick("Umschaltung abgelehnt", "Promotion refused"));
        w.greeting();
        w.paragraph(l.pick(line(e.operator()) + " hat am " + time(l, e.at()) + " die Umschaltung auf diese Anlage"
                        + " angefordert; sie wurde abgelehnt, weil Voraussetzungen fehlen. Es wurde nichts verändert.",
                line(e.operator()) + " requested the promotion of this node at " + time(l, e.at()) + "; it was refused"
                        + " because preconditions do not hold. Nothing was changed."));
        List<String> unmet = new ArrayList<>();
        for (UnmetPrecondition precondition : e.unmet()) {
            unmet.add(precondition(l, precondition.code()) + " – " + line(precondition.message()));
        }
        w.items(l.pick("Fehlende Voraussetzungen (Einzelheiten englisch):", "Unmet preconditions:"), unmet);
        if (!e.evidence().isEmpty()) {
            w.items(l.pick("Prüfung, ob die aktive Anlage ausgefallen ist (englisch):", "Check whether the active node is"
                    + " down:"), e.evidence().stream().map(Letters::line).toList());
        }
    }

    private void promotionStepFailed(Writer w, PromotionStepFailed e) {
        Language l = w.language;
        w.subject(l.pick("Umschaltung: Schritt „" + step(l, e.step()) + "“ fehlgeschlagen",
                "Promotion: step \"" + step(l, e.step()) + "\" failed"));
        w.greeting();
        w.paragraph(l.pick("die Umschaltung ist beim Schritt „" + step(l, e.step()) + "“ stehen geblieben. Die Anlage"
                        + " bleibt im Zustand PROMOTION_FAILED, bis die Umschaltung wiederholt"
                        + (e.abortAllowed() ? " oder abgebrochen" : "") + " wird.",
                "the promotion stopped at the step \"" + step(l, e.step()) + "\". The node stays in the state"
                        + " PROMOTION_FAILED until the promotion is retried" + (e.abortAllowed() ? " or aborted" : "")
                        + "."));
        if (!e.abortAllowed()) {
            w.paragraph(l.pick("Die Fencing-Epoche wurde bereits erhöht: Die Umschaltung kann nur noch wiederholt, nicht"
                    + " mehr abgebrochen werden.", "The fencing epoch was raised already: the promotion can only be"
                    + " retried, no longer aborted."));
        }
        w.facts(l.pick("Umschaltung", "Promotion"), line(e.promotionId()),
                l.pick("Schritt", "Step"), e.step().id(),
                l.pick("Grund", "Reason"), reason(l, e.reason()),
                l.pick("Meldung (englisch)", "Message"), line(e.message()),
                l.pick("Epoche", "Epoch"), Long.toString(e.epoch()),
                l.pick("Durch", "By"), line(e.operator()),
                l.pick("Zeitpunkt", "When"), time(l, e.at()));
    }

    private void promotionCompleted(Writer w, PromotionCompleted e) {
        Language l = w.language;
        String node = subjectValue(e.node());
        w.subject(l.pick("Umschaltung abgeschlossen: " + node + " ist jetzt aktiv",
                "Promotion completed: " + node + " is now active"));
        w.greeting();
        w.paragraph(l.pick("die Umschaltung ist abgeschlossen: " + line(e.node()) + " ist jetzt die aktive Anlage und hat"
                        + " die Adresse der bisherigen aktiven Anlage übernommen. "
                        + plural(e.usersInformed(), "Benutzer wird", "Benutzer werden")
                        + " per E-Mail gebeten, ihr Telefon neu zu starten.",
                "the promotion completed: " + line(e.node()) + " is now the active node and took over the previous"
                        + " active node's address. " + plural(e.usersInformed(), "user is", "users are")
                        + " asked by e-mail to restart their phones."));
        if (e.overridden()) {
            w.paragraph(l.pick("Achtung: Die Prüfung, ob die bisherige aktive Anlage ausgefallen ist, wurde von Hand"
                    + " übergangen. Stellen Sie sicher, dass sie ausgeschaltet bleibt, sonst arbeiten zwei aktive Anlagen"
                    + " mit derselben Adresse.", "Caution: the check that the previous active node is down was overridden"
                    + " by hand. Make sure it stays switched off, or two active nodes work with the same address."));
        }
        w.facts(l.pick("Umschaltung", "Promotion"), line(e.promotionId()),
                l.pick("Angefordert von", "Requested by"), line(e.operator()),
                l.pick("Dauer", "Took"), l.duration(e.took()),
                l.pick("Epoche", "Epoch"), Long.toString(e.epoch()),
                l.pick("Benutzer informiert", "Users informed"), Integer.toString(e.usersInformed()),
                l.pick("Prüfung übergangen", "Check overridden"), l.yesNo(e.overridden()),
                l.pick("Abgeschlossen", "Completed"), time(l, e.at()));
        if (!e.summary().isEmpty()) {
            w.items(l.pick("Zusammenfassung (englisch):", "Summary:"), e.summary().stream().map(Letters::line).toList());
        }
        w.paragraph(l.pick("Nächste Schritte: Prüfen Sie, ob sich die Telefone anmelden, und richten Sie die Redundanz neu"
                        + " ein, sobald die ursprüngliche Anlage repariert ist (Rückschaltung).",
                "Next steps: check that the phones register, and set up redundancy again once the original node is"
                        + " repaired (failback)."));
    }

    private void licenseWarning(Writer w, StandbyLicenseWarning e) {
        Language l = w.language;
        Optional<LoadBudgetStatus> budget = e.budget();
        boolean exceeded = budget.filter(LoadBudgetStatus.Exceeded.class::isInstance).isPresent();
        boolean warning = budget.filter(LoadBudgetStatus.Warning.class::isInstance).isPresent();
        w.subject(exceeded ? l.pick("Lastbudget der Standby-Lizenzen überschritten", "Standby license load budget exceeded")
                : warning ? l.pick("Warnung: Lastbudget der Standby-Lizenzen bald aufgebraucht",
                        "Warning: standby license load budget nearly used up")
                : l.pick("Hinweis: Die Anlage läuft mit Standby-Lizenzen", "Note: the node runs on standby licenses"));
        w.greeting();
        w.paragraph(l.pick("diese Anlage arbeitet mit den Lizenzen einer Standby-Anlage. Sie sind nur für den Standby- und"
                        + " Testbetrieb gedacht; eine Standby-Anlage darf höchstens fünf aufeinanderfolgende Tage unter Last"
                        + " laufen, Leerlauf zählt nicht. Planen Sie die Rückschaltung rechtzeitig.",
                "this node works on a standby's licenses. They are meant for standby and test use only; a standby may"
                        + " run under load for at most five consecutive days, idle time not counting. Plan the failback in"
                        + " time."));
        List<String> facts = new ArrayList<>(List.of(
                l.pick("Anlass", "Cause"), e.cause() == StandbyLicenseWarning.Cause.PROMOTED
                        ? l.pick("Umschaltung abgeschlossen", "promotion completed")
                        : l.pick("Stand des Lastbudgets geändert", "load budget status changed")));
        budget.ifPresent(status -> {
            facts.add(l.pick("Unter Last", "Under load"));
            facts.add(l.duration(status.used()));
            if (status instanceof LoadBudgetStatus.WithinBudget within) {
                facts.add(l.pick("Verbleibend", "Remaining"));
                facts.add(l.duration(within.remaining()));
            } else if (status instanceof LoadBudgetStatus.Warning near) {
                facts.add(l.pick("Verbleibend", "Remaining"));
                facts.add(l.duration(near.remaining()));
            } else if (status instanceof LoadBudgetStatus.Exceeded over) {
                facts.add(l.pick("Überschritten um", "Exceeded by"));
                facts.add(l.duration(over.over()));
            }
        });
        facts.addAll(List.of(l.pick("Meldung (englisch)", "Message"), line(e.message()),
                l.pick("Zeitpunkt", "When"), time(l, e.at())));
        w.facts(facts.toArray(String[]::new));
    }

    private static String giveUp(Language l, GiveUpReason reason, int attempts) {
        return switch (reason) {
            case ATTEMPTS_EXHAUSTED -> attempts == 1 ? l.pick("der einzige Versuch ist fehlgeschlagen",
                    "the only attempt failed") : l.pick("alle " + attempts + " Versuche sind fehlgeschlagen",
                    "all " + attempts + " attempts failed");
            case TIME_BUDGET_EXHAUSTED -> l.pick("die für Wiederholungen vorgesehene Zeit ist aufgebraucht",
                    "the time allowed for retries is used up");
            case NOT_RETRYABLE -> l.pick("der Fehler lässt sich durch Wiederholen nicht beheben",
                    "the error cannot be fixed by trying again");
        };
    }

    /** A reason code as the administrator reads it, with the code for searching. */
    static String reason(Language l, ReasonCode code) {
        return reasonName(l, code) + " (" + code.name() + ")";
    }

    private static String reasonName(Language l, ReasonCode code) {
        return switch (code) {
            case INVALID_INPUT -> l.pick("ungültige Eingabe oder Konfiguration", "invalid input or configuration");
            case VERSION_INCOMPATIBLE -> l.pick("Standby-Anlage hat eine ältere Softwareversion",
                    "the standby runs an older software version");
            case FOREIGN_PAIR -> l.pick("Backup eines anderen Anlagenpaars", "backup of another pair");
            case AUTHENTICATION_FAILED -> l.pick("Anmeldung abgelehnt", "login refused");
            case HOST_KEY_UNKNOWN -> l.pick("Schlüssel oder Zertifikat der Gegenstelle unbekannt",
                    "the peer's key or certificate is unknown");
            case HOST_KEY_CHANGED -> l.pick("Schlüssel oder Zertifikat der Gegenstelle geändert",
                    "the peer's key or certificate changed");
            case PERMISSION_DENIED -> l.pick("keine Berechtigung", "permission denied");
            case STALE_EPOCH -> l.pick("Backup einer abgelösten Anlage (veraltete Epoche)",
                    "backup of a superseded node (stale epoch)");
            case ILLEGAL_STATE -> l.pick("im aktuellen Zustand nicht erlaubt", "not allowed in the current state");
            case CONNECTION_FAILED -> l.pick("Verbindung fehlgeschlagen", "connection failed");
            case TIMEOUT -> l.pick("Zeitüberschreitung", "timed out");
            case TRANSFER_INTERRUPTED -> l.pick("Übertragung abgebrochen", "transfer interrupted");
            case DISK_FULL -> l.pick("kein Speicherplatz frei", "disk full");
            case INTEGRITY_FAILED -> l.pick("Prüfsumme stimmt nicht", "integrity check failed");
            case UNSAFE_ARCHIVE -> l.pick("unsicherer Archivinhalt", "unsafe archive content");
            case LIMIT_EXCEEDED -> l.pick("Grenzwert überschritten", "limit exceeded");
            case BACKUP_FAILED -> l.pick("Backup konnte nicht erstellt werden", "the backup could not be created");
            case IMPORT_FAILED -> l.pick("Import fehlgeschlagen", "import failed");
            case PROMOTION_STEP_FAILED -> l.pick("Umschaltschritt fehlgeschlagen", "promotion step failed");
            case UNEXPECTED -> l.pick("unerwarteter Fehler", "unexpected error");
        };
    }

    private static String precondition(Language l, PreconditionCode code) {
        return switch (code) {
            case NOT_A_WARM_STANDBY -> l.pick("Die Anlage ist keine betriebsbereite Standby-Anlage",
                    "The node is not a warm standby");
            case NO_IMPORTED_BACKUP -> l.pick("Kein erfolgreich importiertes Backup", "No successfully imported backup");
            case LICENSES_INCOMPLETE -> l.pick("Lizenzen unvollständig", "Licenses incomplete");
            case HARDWARE_NOT_MOVED -> l.pick("Umstecken der Hardware (ISDN, analoge Geräte) nicht bestätigt",
                    "Moving the hardware lines (ISDN, analogue devices) not confirmed");
            case ACTIVE_NOT_CONFIRMED_DOWN -> l.pick("Ausfall der aktiven Anlage nicht bestätigt",
                    "The active node is not confirmed down");
            case FAILBACK_NOT_READY -> l.pick("Rückschaltung noch nicht so weit (Schritte 1 bis 4 des Plans)",
                    "The failback is not ready (steps 1 to 4 of the plan)");
        };
    }

    private static String step(Language l, PromotionStep step) {
        return switch (step) {
            case RAISE_EPOCH -> l.pick("Fencing-Epoche erhöhen", "raise the fencing epoch");
            case NETWORK_TAKEOVER -> l.pick("Netzwerkadresse übernehmen", "take over the network address");
            case MODULE_ACTIVATION -> l.pick("Module aktivieren", "activate the modules");
            case NOTIFY_USERS -> l.pick("Benutzer benachrichtigen", "notify the users");
            case NOTIFY_ADMIN -> l.pick("Administrator benachrichtigen", "notify the administrator");
        };
    }

    private static String plural(long count, String one, String many) {
        return count + " " + (count == 1 ? one : many);
    }

    private String time(Language l, Instant at) {
        return l.time(at, zone);
    }

    private static String line(String raw) {
        return HeaderText.oneLine(raw, VALUE_LENGTH);
    }

    private static String subjectValue(String raw) {
        return HeaderText.oneLine(raw, SUBJECT_VALUE_LENGTH);
    }

    /** Collects one letter. */
    private final class Writer {
        final Language language;
        private String subject;
        private final List<Letter.Block> blocks = new ArrayList<>();

        Writer(Language language) {
            this.language = language;
        }

        void subject(String text) {
            String prefix = subjectPrefix.orElse(language.pick("PBX-Redundanz", "PBX redundancy"));
            subject = prefix.isEmpty() ? text : "[" + prefix + "] " + text;
        }

        void greeting() {
            paragraph(language.pick("Guten Tag,", "Hello,"));
        }

        void paragraph(String text) {
            blocks.add(new Letter.Paragraph(text));
        }

        void facts(String... labelsAndValues) {
            List<Letter.Fact> facts = new ArrayList<>();
            for (int i = 0; i + 1 < labelsAndValues.length; i += 2) {
                facts.add(new Letter.Fact(labelsAndValues[i], labelsAndValues[i + 1]));
            }
            blocks.add(new Letter.Facts(facts));
        }

        void items(String heading, List<String> items) {
            blocks.add(new Letter.Items(heading, items));
        }

        Letter letter() {
            return new Letter(language, subject, blocks);
        }
    }
}
