package io.github.pbxredundancy.notifier.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.EmailAddress;
import io.github.pbxredundancy.core.GiveUpReason;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.SoftwareVersion;
import io.github.pbxredundancy.core.UserContact;
import io.github.pbxredundancy.core.event.AttemptFailed;
import io.github.pbxredundancy.core.event.AttemptFailure;
import io.github.pbxredundancy.core.event.BackupImported;
import io.github.pbxredundancy.core.event.BundleAccepted;
import io.github.pbxredundancy.core.event.BundlePrepared;
import io.github.pbxredundancy.core.event.BundleRefused;
import io.github.pbxredundancy.core.event.EpochChanged;
import io.github.pbxredundancy.core.event.NodeStateChanged;
import io.github.pbxredundancy.core.event.PhoneRestartRequested;
import io.github.pbxredundancy.core.event.PromotionCompleted;
import io.github.pbxredundancy.core.event.RedundancyEvent;
import io.github.pbxredundancy.core.event.RunFailed;
import io.github.pbxredundancy.core.event.RunSkipped;
import io.github.pbxredundancy.core.event.RunStarted;
import io.github.pbxredundancy.core.event.RunSucceeded;
import io.github.pbxredundancy.core.event.StandbyLicenseWarning;
import io.github.pbxredundancy.core.event.WatchdogAlarm;
import io.github.pbxredundancy.core.promotion.NodeState;
import io.github.pbxredundancy.core.promotion.Trigger;
import io.github.pbxredundancy.license.LoadBudgetStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Which events mail the administrator, and what the messages say. */
class LettersTest {
    private static final Instant T0 = Instant.parse("2026-01-26T04:00:00Z");
    private static final BundleId BUNDLE = new BundleId("b-1");
    private final Letters letters = new Letters(Optional.empty(), ZoneId.of("Europe/Berlin"));

    @Test
    void routineProgressMailsNobody() {
        List<RedundancyEvent> routine = List.of(
                new RunStarted(T0, 1, T0),
                new RunSkipped(T0, 1, T0),
                new BundlePrepared(T0, 1, BUNDLE, 10),
                new AttemptFailed(T0, 1, new AttemptFailure(1, T0, ReasonCode.TIMEOUT, "slow"), 10, Optional.of(T0)),
                new RunSucceeded(T0, 1, BUNDLE, 1),
                new BundleAccepted(T0, BUNDLE, "pbx-nord", SoftwareVersion.parse("8.0"), 1, T0, 10),
                new BackupImported(T0, BUNDLE, T0),
                new EpochChanged(T0, NodeState.WARM_STANDBY, 1, 2, EpochChanged.Cause.OBSERVED, "system", ""),
                new NodeStateChanged(T0, NodeState.PROMOTING, NodeState.ACTIVE, Trigger.PROMOTION_COMPLETED, 2, "ops", ""),
                new PhoneRestartRequested(T0, "p-1", "pbx-süd", 2, List.of()));
        assertThat(routine).noneMatch(Letters::mailsAdministrator);
        assertThatThrownBy(() -> letters.forAdministrator(new RunStarted(T0, 1, T0), Language.ENGLISH))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFencedNodeMailsTheAdministratorOtherStateChangesDoNot() {
        assertThat(Letters.mailsAdministrator(new NodeStateChanged(T0, NodeState.ACTIVE, NodeState.FENCED,
                Trigger.HIGHER_EPOCH_SEEN, 3, "system", ""))).isTrue();
        assertThat(Letters.mailsAdministrator(new NodeStateChanged(T0, NodeState.PROMOTING, NodeState.PROMOTION_FAILED,
                Trigger.STEP_FAILED, 3, "ops", ""))).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void theStandbyTooOldTellsTheAdministratorToUpdateIt(Language language) {
        Letter letter = letters.forAdministrator(new BundleRefused(T0, BUNDLE, ReasonCode.VERSION_INCOMPATIBLE,
                "backup 9.1, standby 8.0"), language);
        String text = LetterFormat.plainText(letter);
        assertThat(letter.subject()).contains(language.pick("bitte aktualisieren", "update the standby"));
        assertThat(text).contains(language.pick("Bitte aktualisieren Sie die Standby-Anlage",
                "Please update the standby"), "backup 9.1, standby 8.0", "VERSION_INCOMPATIBLE");
    }

    @Test
    void aFailedRunListsEveryAttemptWithItsReason() {
        RunFailed failed = new RunFailed(T0, 3, GiveUpReason.ATTEMPTS_EXHAUSTED, "attempt 3 of 3 failed",
                List.of(new AttemptFailure(1, T0.minusSeconds(600), ReasonCode.CONNECTION_FAILED, "refused"),
                        new AttemptFailure(2, T0.minusSeconds(300), ReasonCode.TIMEOUT, "no answer"),
                        new AttemptFailure(3, T0, ReasonCode.DISK_FULL, "standby disk full")));
        String german = LetterFormat.plainText(letters.forAdministrator(failed, Language.GERMAN));
        assertThat(german).contains("alle 3 Versuche sind fehlgeschlagen",
                "- Versuch 1, 26.01.2026, 04:50:00 MEZ: Verbindung fehlgeschlagen (CONNECTION_FAILED) – refused",
                "- Versuch 2, 26.01.2026, 04:55:00 MEZ: Zeitüberschreitung (TIMEOUT) – no answer",
                "- Versuch 3, 26.01.2026, 05:00:00 MEZ: kein Speicherplatz frei (DISK_FULL) – standby disk full");
        String english = LetterFormat.plainText(letters.forAdministrator(failed, Language.ENGLISH));
        assertThat(english).contains("all 3 attempts failed", "- Attempt 3, 2026-01-26 05:00:00 CET: disk full (DISK_FULL)");
    }

    @Test
    void theWatchdogSaysHowOldTheStandbysDataIs() {
        WatchdogAlarm never = new WatchdogAlarm(T0, Optional.empty(), T0.minusSeconds(3600), T0, 1);
        assertThat(letters.forAdministrator(never, Language.GERMAN).subject())
                .isEqualTo("[PBX-Redundanz] Alarm: kein gültiges Backup auf der Standby-Anlage");
        assertThat(LetterFormat.plainText(letters.forAdministrator(never, Language.ENGLISH)))
                .contains("1 scheduled run passed", "none since the watchdog started", "unknown (no replicated data)");
    }

    @Test
    void theLicenseWarningFollowsTheBudgetsState() {
        StandbyLicenseWarning exceeded = new StandbyLicenseWarning(T0, StandbyLicenseWarning.Cause.BUDGET_CHANGED,
                Optional.of(new LoadBudgetStatus.Exceeded(Duration.ofDays(5).plusHours(2), Duration.ofHours(2))), "over");
        assertThat(letters.forAdministrator(exceeded, Language.GERMAN).subject()).contains("überschritten");
        assertThat(LetterFormat.plainText(letters.forAdministrator(exceeded, Language.ENGLISH)))
                .contains("Exceeded by: 2 h", "Under load: 5 days 2 h");
        StandbyLicenseWarning promoted = new StandbyLicenseWarning(T0, StandbyLicenseWarning.Cause.PROMOTED,
                Optional.empty(), "now on standby licenses");
        assertThat(letters.forAdministrator(promoted, Language.ENGLISH).subject())
                .isEqualTo("[PBX redundancy] Note: the node runs on standby licenses");
    }

    @Test
    void valuesFromEventsNeverBreakTheSubjectOrTheLines() {
        PromotionCompleted completed = new PromotionCompleted(T0, "p-1", "pbx\r\nBcc: x@example.com", 2, "ops",
                Duration.ofMinutes(2), 1, false, List.of("line one\nline two"));
        Letter letter = letters.forAdministrator(completed, Language.ENGLISH);
        assertThat(letter.subject()).doesNotContain("\r", "\n").contains("pbx Bcc: x@example.com is now active");
        assertThat(LetterFormat.plainText(letter)).contains("- line one line two");
    }

    @Test
    void theUsersMessageGreetsByNameAndNamesNobodyElse() {
        UserContact anna = new UserContact("u1", "Anna Weiß", new EmailAddress("anna@example.com"), Locale.GERMAN);
        UserContact nameless = new UserContact("u2", "", new EmailAddress("u2@example.com"), Locale.ENGLISH);
        PhoneRestartRequested event = new PhoneRestartRequested(T0, "p-1", "pbx-süd", 2, List.of(anna, nameless));
        String toAnna = LetterFormat.plainText(letters.forUser(event, anna, Language.GERMAN));
        assertThat(toAnna).startsWith("Hallo Anna Weiß,").doesNotContain("u2", "@");
        String toNameless = LetterFormat.plainText(letters.forUser(event, nameless, Language.ENGLISH));
        assertThat(toNameless).startsWith("Hello,\n").doesNotContain("Anna", "@");
    }

    @Test
    void aConfiguredPrefixReplacesTheDefaultAndAnEmptyOneRemovesIt() {
        RunFailed failed = new RunFailed(T0, 1, GiveUpReason.NOT_RETRYABLE, "x", List.of());
        assertThat(new Letters(Optional.of("PBX Köln"), ZoneId.of("UTC")).forAdministrator(failed, Language.GERMAN).subject())
                .isEqualTo("[PBX Köln] Replikation fehlgeschlagen (Lauf 1)");
        assertThat(new Letters(Optional.of(""), ZoneId.of("UTC")).forAdministrator(failed, Language.ENGLISH).subject())
                .isEqualTo("Replication failed (run 1)");
    }
}
