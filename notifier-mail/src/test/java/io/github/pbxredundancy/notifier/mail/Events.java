package io.github.pbxredundancy.notifier.mail;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.EmailAddress;
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
import io.github.pbxredundancy.core.promotion.Trigger;
import io.github.pbxredundancy.core.promotion.UnreachablePeerRule;
import io.github.pbxredundancy.core.promotion.UnmetPrecondition;
import io.github.pbxredundancy.license.LoadBudgetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * One event of each kind that mails the administrator, with values that carry umlauts and ß, and
 * what its subject says in each language.
 */
final class Events {
    static final Instant T0 = Instant.parse("2026-01-26T04:00:00Z");
    static final String OPERATOR = "Jürgen Weiß";
    static final BundleId BUNDLE = new BundleId("20260126T040000Z-e2-3f9a1c0d2b4e6f80");
    static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    /**
     * An event with the texts that must reach its message.
     *
     * @param name for the test's display name
     * @param event the event
     * @param german a part of the German subject
     * @param english a part of the English subject
     * @param value a value from the event with non-ASCII letters that the body must carry, or
     *     for an event without texts a German label with an umlaut
     * @param englishValue what the English body must carry instead
     */
    record Case(String name, RedundancyEvent event, String german, String english, String value, String englishValue) {
        Case(String name, RedundancyEvent event, String german, String english, String value) {
            this(name, event, german, english, value, value);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private Events() {
    }

    static List<Case> administratorCases() {
        return List.of(
                new Case("RunFailed", runFailed(ReasonCode.CONNECTION_FAILED), "Replikation fehlgeschlagen (Lauf 7)",
                        "Replication failed (run 7)", "Verbindung zu „pbx-süd“ abgelehnt"),
                new Case("RunFailed, standby too old", runFailed(ReasonCode.VERSION_INCOMPATIBLE),
                        "Standby-Anlage veraltet – bitte aktualisieren", "Standby too old – update the standby",
                        "Verbindung zu „pbx-süd“ abgelehnt"),
                new Case("BundleRefused", new BundleRefused(T0, BUNDLE, ReasonCode.FOREIGN_PAIR,
                        "Schlüssel gehört zu „Zentrale Köln“"), "Standby-Anlage hat ein Backup abgelehnt",
                        "Standby refused a backup", "Schlüssel gehört zu „Zentrale Köln“"),
                new Case("BundleRefused, standby too old", new BundleRefused(T0, BUNDLE, ReasonCode.VERSION_INCOMPATIBLE,
                        "Version 9.1 ist neuer als 8.0 auf „pbx-süd“"), "Standby-Anlage veraltet – bitte aktualisieren",
                        "Standby too old – update the standby", "Version 9.1 ist neuer als 8.0 auf „pbx-süd“"),
                new Case("ImportFailed", new ImportFailed(T0, BUNDLE, ReasonCode.IMPORT_FAILED,
                        "Import-Skript „rücksicherung.sh“ schlug fehl"), "Import auf der Standby-Anlage fehlgeschlagen",
                        "Import on the standby failed", "Import-Skript „rücksicherung.sh“ schlug fehl"),
                new Case("WatchdogAlarm", new WatchdogAlarm(T0, Optional.of(T0.minus(Duration.ofHours(26))),
                        T0.minus(Duration.ofHours(2)), T0.minus(Duration.ofHours(1)), 2),
                        "Alarm: seit 1 Tag 2 Std. kein gültiges Backup", "Alarm: no valid backup on the standby for 1 day 2 h",
                        "Überfällig seit", "Overdue since"),
                new Case("WatchdogRecovered", new WatchdogRecovered(T0, T0.minus(Duration.ofMinutes(5)),
                        Optional.of(T0.minus(Duration.ofHours(30))), T0.minus(Duration.ofHours(6)), 3),
                        "Entwarnung: Replikation läuft wieder", "All clear: replication works again", "Überfällig gewesen",
                        "Was overdue for"),
                new Case("StandbyInitialized", new StandbyInitialized(new Initialization(T0, OPERATOR,
                        "Erstinbetriebnahme Zentrale Süd", false, new Initialization.RawBackup("pbx-süd.sfb", 1, 5_242_880,
                        SHA))), "Standby-Anlage initialisiert", "Standby initialised", "Erstinbetriebnahme Zentrale Süd"),
                new Case("InitializationFailed", new InitializationFailed(T0, OPERATOR, "backup file 'pbx.sfb'",
                        ReasonCode.IMPORT_FAILED, "Import abgebrochen: Datenträger voll"),
                        "Initialisierung der Standby-Anlage fehlgeschlagen", "Standby initialisation failed",
                        "Import abgebrochen: Datenträger voll"),
                new Case("NodeStateChanged to FENCED", new NodeStateChanged(T0, NodeState.ACTIVE, NodeState.FENCED,
                        Trigger.HIGHER_EPOCH_SEEN, 3, "system", "Partner „pbx-süd“ hat Epoche 3"),
                        "Anlage abgelöst (Fencing)", "Node fenced: another node is active", "Partner „pbx-süd“ hat Epoche 3"),
                new Case("PeerUnreachableAtStartup", new PeerUnreachableAtStartup(T0, NodeState.ACTIVE, 2, "pbx-süd",
                        "keine Antwort innerhalb von 10 s", UnreachablePeerRule.STAY_PASSIVE_AND_ALERT, false,
                        "Die Anlage übernimmt ihre Adresse nicht, bis die Partneranlage antwortet", "system"),
                        "Partneranlage beim Start nicht erreichbar: Anlage bleibt passiv",
                        "Peer unreachable at start-up: node stays passive", "keine Antwort innerhalb von 10 s"),
                new Case("PromotionRefused", new PromotionRefused(T0, OPERATOR, List.of(new UnmetPrecondition(
                        PreconditionCode.ACTIVE_NOT_CONFIRMED_DOWN, "the active pbx-nörd answered a probe")),
                        List.of("2 of 3 probes saw a sign of life", "tcp 192.168.1.1:5060 (Türsprechstelle): answered")),
                        "Umschaltung abgelehnt", "Promotion refused", "tcp 192.168.1.1:5060 (Türsprechstelle): answered"),
                new Case("PromotionStepFailed", new PromotionStepFailed(T0, "p-20260126-1", PromotionStep.NETWORK_TAKEOVER,
                        ReasonCode.PROMOTION_STEP_FAILED, "Netzwerkübernahme gescheitert: Schnittstelle „eth0“ fehlt", 2,
                        OPERATOR, false), "Umschaltung: Schritt „Netzwerkadresse übernehmen“ fehlgeschlagen",
                        "Promotion: step \"take over the network address\" failed",
                        "Netzwerkübernahme gescheitert: Schnittstelle „eth0“ fehlt"),
                new Case("PromotionCompleted", new PromotionCompleted(T0, "p-20260126-1", "pbx-süd", 2, OPERATOR,
                        Duration.ofMinutes(3).plusSeconds(12), 42, true,
                        List.of("pbx-süd is the active node now, at epoch 2", "Reason given: Ausfall Rechenzentrum Nörd")),
                        "Umschaltung abgeschlossen: pbx-süd ist jetzt aktiv", "Promotion completed: pbx-süd is now active",
                        "Reason given: Ausfall Rechenzentrum Nörd"),
                new Case("StandbyLicenseWarning", new StandbyLicenseWarning(T0, StandbyLicenseWarning.Cause.BUDGET_CHANGED,
                        Optional.of(new LoadBudgetStatus.Warning(Duration.ofDays(4), Duration.ofDays(1), Duration.ofDays(4))),
                        "Lastbudget für „pbx-süd“: 4 Tage unter Last, 1 Tag übrig"),
                        "Warnung: Lastbudget der Standby-Lizenzen bald aufgebraucht",
                        "Warning: standby license load budget nearly used up",
                        "Lastbudget für „pbx-süd“: 4 Tage unter Last, 1 Tag übrig"));
    }

    static RunFailed runFailed(ReasonCode second) {
        return new RunFailed(T0, 7, GiveUpReason.ATTEMPTS_EXHAUSTED, "attempt 2 of 2 failed; no attempts left",
                List.of(new AttemptFailure(1, T0.minus(Duration.ofMinutes(5)), ReasonCode.CONNECTION_FAILED,
                                "Verbindung zu „pbx-süd“ abgelehnt"),
                        new AttemptFailure(2, T0, second, "Zeitüberschreitung nach 30 s")));
    }

    static UserContact user(int number, Locale locale) {
        return new UserContact("u" + number, number % 2 == 0 ? "Jörg Bär " + number : "Ännchen Groß " + number,
                new EmailAddress("user" + number + "@example.com"), locale);
    }

    static List<UserContact> users(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(n -> user(n, n % 3 == 0 ? Locale.ENGLISH : n % 3 == 1 ? Locale.GERMAN : Locale.FRENCH))
                .toList();
    }

    static PhoneRestartRequested broadcast(String promotionId, List<UserContact> users) {
        return new PhoneRestartRequested(T0, promotionId, "pbx-süd", 2, users);
    }
}
