package io.github.pbxredundancy.core;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The unit of a replication interval: the STARFACE form's "Timer-Intervall" next to
 * "Wiederhole alle" (repeat every N), R7.
 *
 * <p>{@link #MINUTE} and {@link #HOUR} measure elapsed time; {@link #DAY}, {@link #WEEK} and
 * {@link #MONTH} are calendar units that keep the wall-clock start time across daylight-saving
 * changes. {@link ReplicationSchedule} documents the consequences.
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum IntervalUnit {
    /** 60 seconds of elapsed time. */
    MINUTE("minute", "minutes", "Minute", "Minuten"),
    /** 60 minutes of elapsed time; a daylight-saving day still has 23 or 25 of them. */
    HOUR("hour", "hours", "Stunde", "Stunden"),
    /** One calendar day: same wall-clock time on the next date, whatever its length. */
    DAY("day", "days", "Tag", "Tage"),
    /** Seven calendar days. */
    WEEK("week", "weeks", "Woche", "Wochen"),
    /** One calendar month, counted from the start date (the 31st becomes the last day of shorter months). */
    MONTH("month", "months", "Monat", "Monate");

    private final String singular;
    private final String plural;
    private final String germanSingular;
    private final String germanPlural;

    IntervalUnit(String singular, String plural, String germanSingular, String germanPlural) {
        this.singular = singular;
        this.plural = plural;
        this.germanSingular = germanSingular;
        this.germanPlural = germanPlural;
    }

    /**
     * Reads a unit as a form or a settings file spells it: English singular or plural
     * ({@code day}, {@code days}) or the German form labels ({@code Tag}, {@code Tage},
     * {@code Minute}, {@code Minuten}, ...), in any case, surrounding blanks ignored. The
     * STARFACE form itself shows English labels ("Wiederhole alle Day") in its German UI, so
     * both languages occur in real configurations.
     *
     * @param raw the text; {@code null} is rejected like any unknown word
     * @return the unit
     * @throws InvalidInputException on field {@code interval-unit} listing the accepted words
     */
    public static IntervalUnit parse(String raw) {
        if (raw != null) {
            String word = raw.strip().toLowerCase(Locale.ROOT);
            for (IntervalUnit unit : values()) {
                if (unit.words().anyMatch(w -> w.toLowerCase(Locale.ROOT).equals(word))) {
                    return unit;
                }
            }
        }
        throw InvalidInputException.of("interval-unit", raw,
                "must be one of " + acceptedWords() + " (case does not matter)");
    }

    /** "1 day", "90 minutes": the unit with a count, in English, for messages. */
    String withCount(long count) {
        return count + " " + (count == 1 ? singular : plural);
    }

    private Stream<String> words() {
        return Stream.of(singular, plural, germanSingular, germanPlural);
    }

    private static String acceptedWords() {
        // German "Minute" equals English "minute" but for case; list it once.
        Set<String> lowerCaseSeen = new LinkedHashSet<>();
        List<String> words = Stream.of(values()).flatMap(IntervalUnit::words)
                .filter(w -> lowerCaseSeen.add(w.toLowerCase(Locale.ROOT)))
                .collect(Collectors.toList());
        return String.join(", ", words);
    }
}
