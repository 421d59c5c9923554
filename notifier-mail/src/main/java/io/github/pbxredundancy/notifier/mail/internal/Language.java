package io.github.pbxredundancy.notifier.mail.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages the messages are written in, with their way of writing times and durations.
 *
 * <p>Not part of the API. Immutable and thread-safe.
 */
public enum Language {
    /** German: {@code 26.01.2016, 05:00:00 MEZ}. */
    GERMAN(Locale.GERMAN, "dd.MM.yyyy, HH:mm:ss z"),
    /** English: {@code 2016-01-26 05:00:00 CET}. */
    ENGLISH(Locale.ENGLISH, "yyyy-MM-dd HH:mm:ss z");

    private final Locale locale;
    private final DateTimeFormatter format;

    Language(Locale locale, String pattern) {
        this.locale = locale;
        this.format = DateTimeFormatter.ofPattern(pattern, locale);
    }

    /**
     * The language for a locale, by its language alone ({@code de_AT} and {@code de_CH} are German).
     *
     * @param locale any locale
     * @return the language; empty if there are no texts in it
     */
    public static Optional<Language> of(Locale locale) {
        if (locale == null) {
            return Optional.empty();
        }
        String language = locale.getLanguage();
        if (language.equals("de")) {
            return Optional.of(GERMAN);
        }
        if (language.equals("en")) {
            return Optional.of(ENGLISH);
        }
        return Optional.empty();
    }

    /** @return the locale, for the {@code Content-Language} header and formatting */
    public Locale locale() {
        return locale;
    }

    /** @return {@code de} or {@code en} */
    public String tag() {
        return locale.getLanguage();
    }

    /**
     * @param german the German text
     * @param english the English text
     * @return the one in this language
     */
    public String pick(String german, String english) {
        return this == GERMAN ? german : english;
    }

    /**
     * @param instant an instant
     * @param zone the zone to show it in
     * @return the local date and time with the zone's abbreviation
     */
    public String time(Instant instant, ZoneId zone) {
        return format.format(instant.atZone(zone));
    }

    /**
     * A duration as an administrator reads it, to the second: {@code 2 Tage 3 Std. 5 Min.} or
     * {@code 2 days 3 h 5 min}.
     *
     * @param duration zero or more; a negative one reads as zero
     * @return the text, never empty
     */
    public String duration(Duration duration) {
        Duration d = duration.isNegative() ? Duration.ZERO : duration;
        StringBuilder text = new StringBuilder();
        long days = d.toDays();
        if (days > 0) {
            text.append(days).append(' ').append(pick(days == 1 ? "Tag" : "Tage", days == 1 ? "day" : "days"));
        }
        append(text, d.toHoursPart(), pick("Std.", "h"));
        append(text, d.toMinutesPart(), pick("Min.", "min"));
        append(text, d.toSecondsPart(), pick("Sek.", "s"));
        if (text.length() == 0) {
            text.append(d.isZero() ? "0 " : "< 1 ").append(pick("Sek.", "s"));
        }
        return text.toString();
    }

    /**
     * @param value a yes/no value
     * @return {@code ja}/{@code nein} or {@code yes}/{@code no}
     */
    public String yesNo(boolean value) {
        return value ? pick("ja", "yes") : pick("nein", "no");
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(amount).append(' ').append(unit);
        }
    }
}
