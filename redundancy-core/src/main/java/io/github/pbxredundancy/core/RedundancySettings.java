package io.github.pbxredundancy.core;

import io.github.pbxredundancy.license.LicenseKey;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The redundancy module's configuration on the active node, field for field the STARFACE form
 * (R7, R9) plus the host's backup window (R8). Every field is validated at construction and
 * every problem is reported at once ({@link InvalidInputException#problems()}), each under
 * its {@link SettingsField#key() key}.
 *
 * <p>Build one with {@link #builder()} or read one with {@link SettingsFile}. Immutable and
 * thread-safe; {@link #toString()} masks the password and the license key.
 *
 * @param licenseKey the active's server license key (R7, R12)
 * @param attempts transfer attempts per run, 1–{@value #MAX_ATTEMPTS}
 * @param sendEmails whether failures are mailed to {@code emailAddress} (R19)
 * @param emailAddress the one administrator address; required when {@code sendEmails}
 * @param intervalUnit the timer interval's unit
 * @param repeatEvery run every N units, 1–1000
 * @param startDate the first run's local date, 2000–2199
 * @param startTime the first run's local time
 * @param timeZone the zone of start date and time
 * @param standbyUser the SSH user on the standby (default {@value #DEFAULT_STANDBY_USER}, R9)
 * @param standbyPassword the SSH password on the standby
 * @param standbyServer the standby's static IPv4 address
 * @param backupWindow the host's daily backup creation, if replication must avoid it
 */
public record RedundancySettings(LicenseKey licenseKey, int attempts, boolean sendEmails,
                                 Optional<EmailAddress> emailAddress, IntervalUnit intervalUnit, int repeatEvery,
                                 LocalDate startDate, LocalTime startTime, ZoneId timeZone, String standbyUser,
                                 Secret standbyPassword, Ipv4Address standbyServer,
                                 Optional<BackupWindow> backupWindow) {
    /** Upper bound for attempts: 100 attempts 5 minutes apart already span more than 8 hours. */
    public static final int MAX_ATTEMPTS = 100;
    /** The form's default SSH user. */
    public static final String DEFAULT_STANDBY_USER = "root";

    /** Bounds a start date to what a form's date picker offers, far from the limits of date arithmetic. */
    private static final LocalDate EARLIEST_START = LocalDate.of(2000, 1, 1);
    private static final LocalDate LATEST_START = LocalDate.of(2199, 12, 31);
    /** The rule {@link #isValidStandbyUser} checks, for messages. */
    public static final String STANDBY_USER_RULE =
            "must be 1 to 32 ASCII letters, digits, '.', '_' or '-', starting with a letter or '_'";

    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]{0,31}");

    /** Validates every field and reports all problems at once. */
    public RedundancySettings {
        List<InputProblem> problems = new ArrayList<>();
        require(problems, SettingsField.LICENSE_KEY, licenseKey);
        if (attempts < 1 || attempts > MAX_ATTEMPTS) {
            problems.add(InputProblem.of(SettingsField.ATTEMPTS.key(), Integer.toString(attempts),
                    "must be between 1 and " + MAX_ATTEMPTS));
        }
        emailAddress = emailAddress == null ? Optional.empty() : emailAddress;
        if (sendEmails && emailAddress.isEmpty()) {
            problems.add(InputProblem.of(SettingsField.EMAIL_ADDRESS.key(), null, "is required when send-emails is yes"));
        }
        require(problems, SettingsField.INTERVAL_UNIT, intervalUnit);
        if (repeatEvery < 1 || repeatEvery > ReplicationSchedule.MAX_EVERY) {
            problems.add(InputProblem.of(SettingsField.REPEAT_EVERY.key(), Integer.toString(repeatEvery),
                    "must be between 1 and " + ReplicationSchedule.MAX_EVERY));
        }
        require(problems, SettingsField.START_DATE, startDate);
        if (startDate != null && (startDate.isBefore(EARLIEST_START) || startDate.isAfter(LATEST_START))) {
            problems.add(InputProblem.of(SettingsField.START_DATE.key(), startDate.toString(),
                    "must be between 01.01.2000 and 31.12.2199"));
        }
        require(problems, SettingsField.START_TIME, startTime);
        require(problems, SettingsField.TIME_ZONE, timeZone);
        if (!isValidStandbyUser(standbyUser)) {
            problems.add(InputProblem.of(SettingsField.STANDBY_USER.key(), standbyUser, STANDBY_USER_RULE));
        }
        require(problems, SettingsField.STANDBY_PASSWORD, standbyPassword);
        require(problems, SettingsField.STANDBY_SERVER, standbyServer);
        if (standbyServer != null && !standbyServer.isAssignableHostAddress()) {
            problems.add(InputProblem.of(SettingsField.STANDBY_SERVER.key(), standbyServer.toString(),
                    "must be a host's static address, not loopback, link-local, multicast or reserved"));
        }
        backupWindow = backupWindow == null ? Optional.empty() : backupWindow;
        if (problems.isEmpty() && backupWindow.isPresent()) {
            checkBackupWindow(problems, ReplicationSchedule.of(startDate, startTime, timeZone, intervalUnit, repeatEvery),
                    attempts, backupWindow.get());
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /**
     * R8 for the whole run: not only the first attempt but every retry, up to
     * {@code (attempts - 1) * 5 min} after the scheduled time, must keep clear of the backup
     * creation. Checking the schedule against the window stretched back by that span does it.
     */
    private static void checkBackupWindow(List<InputProblem> problems, ReplicationSchedule schedule, int attempts,
                                          BackupWindow window) {
        Duration retrySpan = RetrySchedule.starfaceDefault(attempts).longestSpan();
        BackupWindow stretched;
        try {
            stretched = new BackupWindow(window.start().minus(retrySpan), window.duration().plus(retrySpan), window.margin());
        } catch (InvalidInputException e) {
            problems.add(InputProblem.of(SettingsField.ATTEMPTS.key(), Integer.toString(attempts), "leaves no start time:"
                    + " a run and its retries span " + retrySpan.toMinutes() + " min, which together with the backup"
                    + " window " + window + " covers the whole day"));
            return;
        }
        if (schedule.conflictWith(stretched).isPresent()) {
            problems.add(InputProblem.of(SettingsField.START_TIME.key(), schedule.startTime().toString(),
                    "must keep each run and its retries (up to " + retrySpan.toMinutes() + " min later) clear of the"
                            + " host's backup creation " + window + ": no run may start between "
                            + stretched.widenedStart() + " and " + stretched.widenedEnd()));
        }
    }

    /**
     * Whether a name can be the SSH user on the standby: the rule of the form's field, shared
     * by every transport that logs in, so a name the settings accept is never refused later.
     *
     * @param name the user name, possibly {@code null}
     * @return true iff it matches {@link #STANDBY_USER_RULE}
     */
    public static boolean isValidStandbyUser(String name) {
        return name != null && USER_NAME.matcher(name).matches();
    }

    private static void require(List<InputProblem> problems, SettingsField field, Object value) {
        if (value == null) {
            problems.add(InputProblem.of(field.key(), null, "is required"));
        }
    }

    /** A builder with the form's defaults: user {@code root}, no e-mails, no backup window. */
    public static Builder builder() {
        return new Builder();
    }

    /** When replication runs (the timer fields). */
    public ReplicationSchedule schedule() {
        return ReplicationSchedule.of(startDate, startTime, timeZone, intervalUnit, repeatEvery);
    }

    /** How a run retries: the form's attempts with the fixed 5-minute wait (R7). */
    public RetrySchedule retrySchedule() {
        return RetrySchedule.starfaceDefault(attempts);
    }

    /** All fields, with the license key masked and the password hidden. */
    @Override
    public String toString() {
        return "RedundancySettings[license-key=" + licenseKey.masked() + ", attempts=" + attempts
                + ", send-emails=" + sendEmails + ", email-address=" + emailAddress.map(EmailAddress::value).orElse("(none)")
                + ", schedule=every " + repeatEvery + " " + intervalUnit + " from " + startDate + " " + startTime
                + " " + timeZone + ", standby=" + standbyUser + "@" + standbyServer + ", password=" + standbyPassword
                + ", backup-window=" + backupWindow.map(Object::toString).orElse("(none)") + "]";
    }

    /**
     * Collects the fields; {@link #build()} validates them all at once. Not thread-safe; the
     * settings it builds are.
     */
    public static final class Builder {
        private LicenseKey licenseKey;
        private Integer attempts;
        private boolean sendEmails;
        private EmailAddress emailAddress;
        private IntervalUnit intervalUnit;
        private Integer repeatEvery;
        private LocalDate startDate;
        private LocalTime startTime;
        private ZoneId timeZone;
        private String standbyUser = DEFAULT_STANDBY_USER;
        private Secret standbyPassword;
        private Ipv4Address standbyServer;
        private BackupWindow backupWindow;

        private Builder() {
        }

        /** The active's server license key. */
        public Builder licenseKey(LicenseKey value) {
            licenseKey = value;
            return this;
        }

        /** Transfer attempts per run. */
        public Builder attempts(int value) {
            attempts = value;
            return this;
        }

        /** Whether failures are mailed. */
        public Builder sendEmails(boolean value) {
            sendEmails = value;
            return this;
        }

        /** The administrator's address. */
        public Builder emailAddress(EmailAddress value) {
            emailAddress = value;
            return this;
        }

        /** The timer interval: every {@code every} {@code unit}s. */
        public Builder interval(IntervalUnit unit, int every) {
            return intervalUnit(unit).repeatEvery(every);
        }

        /** The timer interval's unit. */
        public Builder intervalUnit(IntervalUnit unit) {
            intervalUnit = unit;
            return this;
        }

        /** Run every N interval units. */
        public Builder repeatEvery(int every) {
            repeatEvery = every;
            return this;
        }

        /** The first run's local date and time and the zone they are meant in. */
        public Builder start(LocalDate date, LocalTime time, ZoneId zone) {
            startDate = date;
            startTime = time;
            timeZone = zone;
            return this;
        }

        /** The SSH user on the standby; {@code root} unless changed. */
        public Builder standbyUser(String value) {
            standbyUser = value;
            return this;
        }

        /** The SSH password on the standby. */
        public Builder standbyPassword(Secret value) {
            standbyPassword = value;
            return this;
        }

        /** The standby's IPv4 address. */
        public Builder standbyServer(Ipv4Address value) {
            standbyServer = value;
            return this;
        }

        /** The host's daily backup creation, which replication must not overlap. */
        public Builder backupWindow(BackupWindow value) {
            backupWindow = value;
            return this;
        }

        /**
         * Builds the settings.
         *
         * @throws InvalidInputException with every problem found
         */
        public RedundancySettings build() {
            List<InputProblem> problems = new ArrayList<>();
            require(problems, SettingsField.ATTEMPTS, attempts);
            require(problems, SettingsField.REPEAT_EVERY, repeatEvery);
            try {
                // A missing count is reported as missing above, not as out of range below.
                RedundancySettings settings = new RedundancySettings(licenseKey, attempts == null ? 1 : attempts,
                        sendEmails, Optional.ofNullable(emailAddress), intervalUnit, repeatEvery == null ? 1 : repeatEvery,
                        startDate, startTime, timeZone, standbyUser, standbyPassword, standbyServer,
                        Optional.ofNullable(backupWindow));
                if (problems.isEmpty()) {
                    return settings;
                }
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
            throw new InvalidInputException(problems);
        }
    }
}
