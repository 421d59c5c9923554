package io.github.pbxredundancy.core;

import io.github.pbxredundancy.license.PrintableText;
import io.github.pbxredundancy.license.LicenseKey;
import io.github.pbxredundancy.license.LicenseKeyFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Reads {@link RedundancySettings} from a settings file whose keys mirror the module's form.
 * The format is documented in {@code docs/settings.md}:
 *
 * <pre>
 * # comment
 * license-key    = XXXXX-YYYYY-ZZZZZ-11111
 * attempts       = 10
 * send-emails    = yes
 * email-address  = test123@testserver.de
 * interval-unit  = day
 * repeat-every   = 1
 * start-date     = 26.01.2016
 * start-time     = 05:00
 * time-zone      = Europe/Berlin
 * standby.user   = root
 * standby.password = secret
 * standby.server = 192.168.1.2
 * </pre>
 *
 * <p>UTF-8, one {@code key = value} per line, blanks around key and value ignored, {@code #}
 * starts a comment line. The reader is strict because a typo must not silently fall back to a
 * default: unknown keys, keys given twice, lines without {@code =} and every invalid value are
 * all reported together, each with its key (or line number), value and rule. The password is
 * never echoed.
 *
 * <p>Stateless and thread-safe.
 */
public final class SettingsFile {
    /** Larger files are refused before they are read: a settings file is a few hundred bytes. */
    public static final int MAX_BYTES = 64 * 1024;

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.uuuu", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Set<String> YES = Set.of("yes", "true", "on", "ja");
    private static final Set<String> NO = Set.of("no", "false", "off", "nein");
    private static final String HIDDEN = "(hidden)";

    private SettingsFile() {
    }

    /**
     * Reads and validates a settings file.
     *
     * @throws IOException if the file cannot be read
     * @throws InvalidInputException with every problem in the file
     */
    public static RedundancySettings read(Path file) throws IOException {
        return parse(TextFiles.readUtf8(file, MAX_BYTES));
    }

    /**
     * Parses and validates the text of a settings file.
     *
     * @throws InvalidInputException with every problem in the text
     */
    public static RedundancySettings parse(String text) {
        List<InputProblem> problems = new ArrayList<>();
        Map<SettingsField, String> values = readLines(text, problems);
        Set<SettingsField> failed = problems.stream()
                .map(p -> SettingsField.byKey(p.field()).orElse(null))
                .filter(f -> f != null)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        RedundancySettings.Builder builder = RedundancySettings.builder();
        Converter converter = new Converter(values, problems, failed);

        converter.convert(SettingsField.LICENSE_KEY, LicenseKey::parse, builder::licenseKey);
        converter.convert(SettingsField.ATTEMPTS, v -> number(SettingsField.ATTEMPTS, v), builder::attempts);
        converter.convert(SettingsField.SEND_EMAILS, SettingsFile::yesNo, builder::sendEmails);
        converter.convert(SettingsField.EMAIL_ADDRESS, v -> EmailAddress.parse(SettingsField.EMAIL_ADDRESS.key(), v),
                builder::emailAddress);
        converter.convert(SettingsField.INTERVAL_UNIT, IntervalUnit::parse, builder::intervalUnit);
        converter.convert(SettingsField.REPEAT_EVERY, v -> number(SettingsField.REPEAT_EVERY, v), builder::repeatEvery);
        Optional<LocalDate> date = converter.convert(SettingsField.START_DATE, v -> LocalDate.parse(v, DATE), d -> { });
        Optional<LocalTime> time = converter.convert(SettingsField.START_TIME, v -> LocalTime.parse(v, TIME), t -> { });
        Optional<ZoneId> zone = converter.convert(SettingsField.TIME_ZONE, ZoneId::of, z -> { });
        builder.start(date.orElse(null), time.orElse(null), zone.orElse(null));
        converter.convert(SettingsField.STANDBY_USER, Function.identity(), builder::standbyUser);
        converter.convert(SettingsField.STANDBY_PASSWORD, Secret::of, builder::standbyPassword);
        converter.convert(SettingsField.STANDBY_SERVER, v -> Ipv4Address.parse(SettingsField.STANDBY_SERVER.key(), v),
                builder::standbyServer);
        backupWindow(converter).ifPresent(builder::backupWindow);

        try {
            RedundancySettings settings = builder.build();
            if (problems.isEmpty()) {
                return settings;
            }
        } catch (InvalidInputException e) {
            // A field that failed to parse is also "missing" for the builder; report it once.
            e.problems().stream()
                    .filter(p -> SettingsField.byKey(p.field()).map(f -> !failed.contains(f)).orElse(true))
                    .forEach(problems::add);
        }
        // Line problems first, in file order, then the fields in the form's order.
        problems.sort(Comparator.comparingInt(p -> SettingsField.byKey(p.field()).map(Enum::ordinal).orElse(-1)));
        throw new InvalidInputException(problems);
    }

    private static Optional<BackupWindow> backupWindow(Converter converter) {
        Optional<LocalTime> start = converter.convert(SettingsField.BACKUP_WINDOW_START, v -> LocalTime.parse(v, TIME), t -> { });
        Optional<Integer> minutes = converter.convert(SettingsField.BACKUP_WINDOW_MINUTES,
                v -> number(SettingsField.BACKUP_WINDOW_MINUTES, v), m -> { });
        Optional<Integer> margin = converter.convert(SettingsField.BACKUP_WINDOW_MARGIN_MINUTES,
                v -> number(SettingsField.BACKUP_WINDOW_MARGIN_MINUTES, v), m -> { });
        if (converter.anyFailed(SettingsField.BACKUP_WINDOW_START, SettingsField.BACKUP_WINDOW_MINUTES,
                SettingsField.BACKUP_WINDOW_MARGIN_MINUTES)) {
            return Optional.empty();
        }
        if (start.isEmpty() != minutes.isEmpty() || (start.isEmpty() && margin.isPresent())) {
            SettingsField missing = start.isEmpty() ? SettingsField.BACKUP_WINDOW_START : SettingsField.BACKUP_WINDOW_MINUTES;
            converter.problem(missing, null, "is required when any backup-window key is given");
            return Optional.empty();
        }
        if (start.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(margin
                    .map(m -> new BackupWindow(start.get(), Duration.ofMinutes(minutes.get()), Duration.ofMinutes(m)))
                    .orElseGet(() -> BackupWindow.of(start.get(), Duration.ofMinutes(minutes.get()))));
        } catch (InvalidInputException e) {
            // BackupWindow names its own parts; report them under the keys the file uses.
            e.problems().forEach(p -> {
                SettingsField field = p.field().endsWith("margin") ? SettingsField.BACKUP_WINDOW_MARGIN_MINUTES
                        : SettingsField.BACKUP_WINDOW_MINUTES;
                converter.problem(field, converter.raw(field), p.rule());
            });
            return Optional.empty();
        }
    }

    private static int number(SettingsField field, String value) {
        if (value.isEmpty() || value.length() > 9 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw InvalidInputException.of(field.key(), value, "must be a whole number written with the digits 0-9");
        }
        return Integer.parseInt(value);
    }

    private static boolean yesNo(String value) {
        String word = value.toLowerCase(Locale.ROOT);
        if (YES.contains(word)) {
            return true;
        }
        if (NO.contains(word)) {
            return false;
        }
        throw InvalidInputException.of(SettingsField.SEND_EMAILS.key(), value, "must be yes or no");
    }

    private static Map<SettingsField, String> readLines(String text, List<InputProblem> problems) {
        Map<SettingsField, String> values = new EnumMap<>(SettingsField.class);
        Map<SettingsField, Integer> lineOf = new EnumMap<>(SettingsField.class);
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] lines = body.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            String content = line.strip();
            if (content.isEmpty() || content.startsWith("#")) {
                continue;
            }
            int equals = content.indexOf('=');
            if (equals < 0) {
                problems.add(InputProblem.of("line " + number, content, "expected key = value"));
                continue;
            }
            String key = content.substring(0, equals).strip();
            String value = content.substring(equals + 1).strip();
            Optional<SettingsField> field = SettingsField.byKey(key);
            if (field.isEmpty()) {
                problems.add(InputProblem.of("line " + number, key, "unknown key; the keys are "
                        + Arrays.stream(SettingsField.values()).map(SettingsField::key).collect(Collectors.joining(", "))));
            } else if (lineOf.containsKey(field.get())) {
                problems.add(new InputProblem(key, field.get() == SettingsField.STANDBY_PASSWORD ? HIDDEN : PrintableText.quote(value),
                        "is given twice, on lines " + lineOf.get(field.get()) + " and " + number + "; keep one"));
            } else {
                lineOf.put(field.get(), number);
                values.put(field.get(), value);
            }
        }
        return values;
    }

    /** Converts present values, turning each failure into a problem under the field's key. */
    private static final class Converter {
        private final Map<SettingsField, String> values;
        private final List<InputProblem> problems;
        private final Set<SettingsField> failed;

        Converter(Map<SettingsField, String> values, List<InputProblem> problems, Set<SettingsField> failed) {
            this.values = values;
            this.problems = problems;
            this.failed = failed;
        }

        <T> Optional<T> convert(SettingsField field, Function<String, T> parser, Consumer<T> sink) {
            String value = values.get(field);
            if (value == null) {
                return Optional.empty();
            }
            Optional<T> result = attempt(field, () -> parser.apply(value));
            result.ifPresent(sink);
            return result;
        }

        <T> Optional<T> attempt(SettingsField field, Supplier<T> action) {
            String value = values.get(field);
            String shown = field == SettingsField.STANDBY_PASSWORD ? HIDDEN : PrintableText.quote(value);
            try {
                return Optional.of(action.get());
            } catch (InvalidInputException e) {
                e.problems().forEach(p -> problems.add(new InputProblem(field.key(), shown, p.rule())));
            } catch (DateTimeParseException e) {
                problems.add(new InputProblem(field.key(), shown, dateTimeRule(field)));
            } catch (DateTimeException e) {
                problems.add(new InputProblem(field.key(), shown,
                        "must be a time-zone region of the IANA database, e.g. Europe/Berlin"));
            } catch (LicenseKeyFormatException e) {
                problems.add(new InputProblem(field.key(), shown, e.rule()));
            } catch (IllegalArgumentException e) {
                problems.add(new InputProblem(field.key(), shown, e.getMessage()));
            }
            failed.add(field);
            return Optional.empty();
        }

        void problem(SettingsField field, String value, String rule) {
            problems.add(InputProblem.of(field.key(), value, rule));
            failed.add(field);
        }

        String raw(SettingsField field) {
            return values.get(field);
        }

        boolean anyFailed(SettingsField... fields) {
            return Arrays.stream(fields).anyMatch(failed::contains);
        }

        private static String dateTimeRule(SettingsField field) {
            return field == SettingsField.START_DATE
                    ? "must be a calendar date written dd.mm.yyyy, e.g. 26.01.2016"
                    : "must be a time of day written hh:mm (24 hours), e.g. 05:00";
        }
    }
}
