package io.github.pbxredundancy.core;

import java.util.Arrays;
import java.util.Optional;

/**
 * The fields of the redundancy module's configuration form (R7, R9, R8) with the keys used in
 * settings files and in every validation message, so an administrator sees one name for one
 * field wherever it appears.
 */
public enum SettingsField {
    /** "Lizenzschlüssel": the active's server license key, which identifies the pair. */
    LICENSE_KEY("license-key"),
    /** "Anzahl Versuche": transfer attempts per run, 5 minutes apart. */
    ATTEMPTS("attempts"),
    /** "E-Mails senden": whether failures are mailed to the administrator. */
    SEND_EMAILS("send-emails"),
    /** "E-Mail-Adresse": the one administrator address. */
    EMAIL_ADDRESS("email-address"),
    /** "Timer-Intervall": minute, hour, day, week or month. */
    INTERVAL_UNIT("interval-unit"),
    /** "Wiederhole alle": run every N interval units. */
    REPEAT_EVERY("repeat-every"),
    /** "Start (dd.mm.jjjj)". */
    START_DATE("start-date"),
    /** "Zeit (hh:mm)". */
    START_TIME("start-time"),
    /** The zone in which start date and time are meant; the form takes the server's. */
    TIME_ZONE("time-zone"),
    /** "Benutzername": the SSH user on the standby. */
    STANDBY_USER("standby.user"),
    /** "Passwort": the SSH password on the standby. */
    STANDBY_PASSWORD("standby.password"),
    /** "Server": the standby's IPv4 address. */
    STANDBY_SERVER("standby.server"),
    /** Start of the host's daily backup-file creation, which replication must not overlap (R8). */
    BACKUP_WINDOW_START("backup-window.start"),
    /** How long the host's backup creation takes at most, in minutes. */
    BACKUP_WINDOW_MINUTES("backup-window.duration-minutes"),
    /** Safety margin on both sides of the backup window, in minutes. */
    BACKUP_WINDOW_MARGIN_MINUTES("backup-window.margin-minutes");

    private final String key;

    SettingsField(String key) {
        this.key = key;
    }

    /** The key in settings files and messages, e.g. {@code standby.server}. */
    public String key() {
        return key;
    }

    /** The field with the given key, if any. */
    public static Optional<SettingsField> byKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }

    @Override
    public String toString() {
        return key;
    }
}
