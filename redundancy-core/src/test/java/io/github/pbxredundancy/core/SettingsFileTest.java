package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsFileTest {
    static final String SEED = String.join("\n",
            "# the vendor's example",
            "license-key    = XXXXX-YYYYY-ZZZZZ-11111",
            "attempts       = 10",
            "send-emails    = yes",
            "email-address  = test123@testserver.de",
            "interval-unit  = day",
            "repeat-every   = 1",
            "start-date     = 26.01.2016",
            "start-time     = 05:00",
            "time-zone      = Europe/Berlin",
            "standby.user     = root",
            "standby.password = s3cr3t",
            "standby.server   = 192.168.1.2",
            "");

    @TempDir
    Path dir;

    @Test
    void readsTheSeedExample() {
        RedundancySettings settings = SettingsFile.parse(SEED);

        assertThat(settings.licenseKey().value()).isEqualTo("XXXXX-YYYYY-ZZZZZ-11111");
        assertThat(settings.attempts()).isEqualTo(10);
        assertThat(settings.sendEmails()).isTrue();
        assertThat(settings.emailAddress()).contains(new EmailAddress("test123@testserver.de"));
        assertThat(settings.intervalUnit()).isEqualTo(IntervalUnit.DAY);
        assertThat(settings.repeatEvery()).isEqualTo(1);
        assertThat(settings.startDate()).isEqualTo(LocalDate.of(2016, 1, 26));
        assertThat(settings.startTime()).isEqualTo(LocalTime.of(5, 0));
        assertThat(settings.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(settings.standbyUser()).isEqualTo("root");
        assertThat(settings.standbyPassword()).isEqualTo(Secret.of("s3cr3t"));
        assertThat(settings.standbyServer()).isEqualTo(Ipv4Address.parse("192.168.1.2"));
        assertThat(settings.backupWindow()).isEmpty();
        assertThat(settings.retrySchedule().delayAfter(1)).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.schedule().firstRun()).isEqualTo(Instant.parse("2016-01-26T04:00:00Z"));
    }

    @Test
    void toStringMasksKeyAndPassword() {
        String text = SettingsFile.parse(SEED).toString();
        assertThat(text).contains("XXXXX-*****-*****-11111", "root@192.168.1.2")
                .doesNotContain("s3cr3t", "YYYYY", "ZZZZZ");
    }

    @Test
    void defaultsUserAndEmailsOff() {
        RedundancySettings settings = SettingsFile.parse(SEED
                .replace("standby.user     = root\n", "")
                .replace("send-emails    = yes\n", "")
                .replace("email-address  = test123@testserver.de\n", ""));
        assertThat(settings.standbyUser()).isEqualTo("root");
        assertThat(settings.sendEmails()).isFalse();
        assertThat(settings.emailAddress()).isEmpty();
    }

    @Test
    void acceptsCrLfBomCommentsAndGermanUnit() {
        String text = "\uFEFF" + SEED.replace("interval-unit  = day", "interval-unit  = Tage").replace("\n", "\r\n");
        assertThat(SettingsFile.parse(text).intervalUnit()).isEqualTo(IntervalUnit.DAY);
    }

    @Test
    void reportsEveryBadFieldAtOnceByName() {
        String text = String.join("\n",
                "license-key = XXXXX-YYYYY-ZZZZZ-1111",
                "attempts = 0",
                "send-emails = maybe",
                "email-address = a@b.de, c@d.de",
                "interval-unit = fortnight",
                "repeat-every = 1001",
                "start-date = 29.02.2015",
                "start-time = 5:00",
                "time-zone = Europe/Berln",
                "standby.user = -root",
                "standby.password =",
                "standby.server = 192.168.01.2");

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> SettingsFile.parse(text));

        assertThat(e.problems()).extracting(InputProblem::field).containsExactlyInAnyOrder(
                "license-key", "attempts", "send-emails", "email-address", "interval-unit", "repeat-every",
                "start-date", "start-time", "time-zone", "standby.user", "standby.password", "standby.server");
        assertThat(e.reason()).isEqualTo(ReasonCode.INVALID_INPUT);
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.toString()).doesNotContain("\n", "\r"));
        assertThat(e.getMessage()).contains("attempts '0': must be between 1 and 100",
                "send-emails 'maybe': must be yes or no", "repeat-every '1001'", "start-date '29.02.2015'",
                "time-zone 'Europe/Berln'", "standby.server '192.168.01.2'", "leading zero");
    }

    @Test
    void missingRequiredKeysAreEachNamed() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> SettingsFile.parse("# empty\n"));
        assertThat(e.problems()).extracting(InputProblem::field).containsExactlyInAnyOrder(
                "license-key", "attempts", "interval-unit", "repeat-every", "start-date", "start-time", "time-zone",
                "standby.password", "standby.server");
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.rule()).isEqualTo("is required"));
    }

    @Test
    void emailIsRequiredOnlyWhenMailsAreSent() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> SettingsFile.parse(SEED.replace("email-address  = test123@testserver.de\n", "")));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("email-address");
            assertThat(p.rule()).contains("required when send-emails is yes");
        });
    }

    @Test
    void unknownDuplicateAndMalformedLinesAreReportedNotIgnored() {
        String text = SEED + "atempts = 3\nattempts = 4\nthis line has no equals sign\n";

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> SettingsFile.parse(text));

        assertThat(e.problems()).extracting(InputProblem::toString).containsExactly(
                "line 14 'atempts': unknown key; the keys are license-key, attempts, send-emails, email-address, "
                        + "interval-unit, repeat-every, start-date, start-time, time-zone, standby.user, "
                        + "standby.password, standby.server, backup-window.start, backup-window.duration-minutes, "
                        + "backup-window.margin-minutes",
                "line 16 'this line has no equals sign': expected key = value",
                "attempts '4': is given twice, on lines 3 and 15; keep one");
    }

    @Test
    void thePasswordIsNeverEchoed() {
        String text = SEED + "standby.password = other-secret\n";
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> SettingsFile.parse(text));
        assertThat(e.getMessage()).contains("standby.password (hidden): is given twice")
                .doesNotContain("s3cr3t", "other-secret");
    }

    @Test
    void backupWindowOverlapIsRefusedOnTheStartTime() {
        String text = SEED + "backup-window.start = 04:30\nbackup-window.duration-minutes = 60\n";
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> SettingsFile.parse(text));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("start-time");
            assertThat(p.rule()).startsWith("must keep each run and its retries (up to 45 min later) clear of the host's backup creation 04:00")
                    .endsWith("no run may start between 03:15 and 06:00");
        });

        RedundancySettings clear = SettingsFile.parse(SEED + "backup-window.start = 02:00\n"
                + "backup-window.duration-minutes = 60\nbackup-window.margin-minutes = 15\n");
        assertThat(clear.backupWindow()).isPresent();
    }

    @Test
    void retriesOfARunMustKeepClearOfTheBackupWindowToo() {
        // The 05:00 run itself is clear of 05:50-06:50 (margin 10), but its 10th attempt starts at 05:45.
        String window = "backup-window.start = 05:50\nbackup-window.duration-minutes = 60\nbackup-window.margin-minutes = 10\n";
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> SettingsFile.parse(SEED + window));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("start-time");
            assertThat(p.rule()).contains("retries (up to 45 min later)");
        });

        RedundancySettings threeAttempts = SettingsFile.parse(SEED.replace("attempts       = 10", "attempts       = 3") + window);
        assertThat(threeAttempts.attempts()).isEqualTo(3);
    }

    @Test
    void attemptsThatFillTheDayAroundTheBackupWindowAreRefused() {
        String text = SEED.replace("attempts       = 10", "attempts       = 100")
                + "backup-window.start = 08:00\nbackup-window.duration-minutes = 900\n";
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> SettingsFile.parse(text));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("attempts");
            assertThat(p.rule()).contains("495 min", "covers the whole day");
        });
    }

    @Test
    void badBackupWindowValuesAreReportedUnderTheirKeys() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> SettingsFile.parse(SEED
                + "backup-window.start = 02:00\nbackup-window.duration-minutes = 1440\nbackup-window.margin-minutes = 0\n"));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("backup-window.duration-minutes");
            assertThat(p.value()).isEqualTo("'1440'");
        });
        InvalidInputException margin = catchThrowableOfType(InvalidInputException.class, () -> SettingsFile.parse(SEED
                + "backup-window.start = 02:00\nbackup-window.duration-minutes = 600\nbackup-window.margin-minutes = 500\n"));
        assertThat(margin.problems()).singleElement()
                .satisfies(p -> assertThat(p.field()).isEqualTo("backup-window.margin-minutes"));
    }

    @Test
    void backupWindowNeedsStartAndDuration() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> SettingsFile.parse(SEED + "backup-window.start = 02:00\n"));
        assertThat(e.problems()).singleElement()
                .satisfies(p -> assertThat(p.field()).isEqualTo("backup-window.duration-minutes"));
    }

    @Test
    void readsFilesAsStrictUtf8WithASizeLimit() throws IOException {
        Path good = Files.writeString(dir.resolve("redundancy.conf"), SEED);
        assertThat(SettingsFile.read(good).attempts()).isEqualTo(10);

        Path latin1 = Files.write(dir.resolve("latin1.conf"), new byte[] {'#', ' ', (byte) 0xE4, '\n'});
        assertThatThrownBy(() -> SettingsFile.read(latin1)).hasMessageContaining("must be UTF-8 text");

        Path huge = Files.write(dir.resolve("huge.conf"), new byte[SettingsFile.MAX_BYTES + 1]);
        assertThatThrownBy(() -> SettingsFile.read(huge)).hasMessageContaining("must be at most 65536 bytes");

        assertThatThrownBy(() -> SettingsFile.read(dir.resolve("missing.conf"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void builderReportsEveryProblemToo() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> RedundancySettings.builder().attempts(101).sendEmails(true).standbyUser("").build());
        assertThat(e.problems()).extracting(InputProblem::field).contains("license-key", "attempts", "email-address",
                "standby.user", "standby.server");
    }

    @Test
    void startDateMustBeAPlausibleYear() {
        for (String date : new String[] {"01.01.0001", "31.12.1999", "01.01.2200"}) {
            InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                    () -> SettingsFile.parse(SEED.replace("26.01.2016", date)));
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("start-date");
                assertThat(p.rule()).isEqualTo("must be between 01.01.2000 and 31.12.2199");
            });
        }
        assertThat(SettingsFile.parse(SEED.replace("26.01.2016", "31.12.2199")).startDate()).hasYear(2199);
    }

    @Test
    void standbyServerMustBeAHostAddress() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> SettingsFile.parse(SEED.replace("192.168.1.2", "127.0.0.1")));
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("standby.server"));
    }
}
