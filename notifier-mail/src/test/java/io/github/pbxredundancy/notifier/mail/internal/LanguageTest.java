package io.github.pbxredundancy.notifier.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LanguageTest {
    @Test
    void germanAndEnglishAreChosenByTheLanguageAlone() {
        assertThat(Language.of(Locale.GERMANY)).contains(Language.GERMAN);
        assertThat(Language.of(Locale.forLanguageTag("de-CH"))).contains(Language.GERMAN);
        assertThat(Language.of(Locale.UK)).contains(Language.ENGLISH);
        assertThat(Language.of(Locale.FRENCH)).isEmpty();
        assertThat(Language.of(null)).isEmpty();
    }

    @Test
    void timesAndDurationsReadAsAdministratorsWriteThem() {
        Instant summer = Instant.parse("2026-07-01T10:15:30Z");
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(Language.GERMAN.time(summer, berlin)).isEqualTo("01.07.2026, 12:15:30 MESZ");
        assertThat(Language.ENGLISH.time(summer, berlin)).isEqualTo("2026-07-01 12:15:30 CEST");
        Duration d = Duration.ofDays(1).plusHours(2).plusMinutes(3).plusSeconds(4);
        assertThat(Language.GERMAN.duration(d)).isEqualTo("1 Tag 2 Std. 3 Min. 4 Sek.");
        assertThat(Language.ENGLISH.duration(Duration.ofDays(2))).isEqualTo("2 days");
        assertThat(Language.ENGLISH.duration(Duration.ZERO)).isEqualTo("0 s");
        assertThat(Language.GERMAN.duration(Duration.ofMillis(5))).isEqualTo("< 1 Sek.");
        assertThat(Language.ENGLISH.duration(Duration.ofSeconds(-5))).isEqualTo("0 s");
    }
}
