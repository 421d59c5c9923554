package io.github.pbxredundancy.examples;

import io.github.pbxredundancy.core.InputProblem;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.Ipv4Address;
import io.github.pbxredundancy.core.Node;
import io.github.pbxredundancy.core.PairCheck;
import io.github.pbxredundancy.core.PairReport;
import io.github.pbxredundancy.core.Platform;
import io.github.pbxredundancy.core.RedundancyPair;
import io.github.pbxredundancy.core.RedundancySettings;
import io.github.pbxredundancy.core.SettingsFile;
import io.github.pbxredundancy.core.SoftwareVersion;
import io.github.pbxredundancy.core.TextFiles;
import io.github.pbxredundancy.license.HardwareId;
import io.github.pbxredundancy.license.LicenseFile;
import io.github.pbxredundancy.license.LicenseFileException;
import io.github.pbxredundancy.license.LicenseSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loads a redundancy configuration and the license lists of both nodes, checks the pair and
 * prints the next replication runs.
 *
 * <p>Without arguments it uses the example of the STARFACE documentation (bundled as
 * {@code seed/redundancy.conf}, {@code seed/active.licenses}, {@code seed/standby.licenses}).
 * With arguments: {@code SETTINGS [ACTIVE_LICENSES STANDBY_LICENSES]}. Exit code 0 when
 * everything is valid, 2 when a file breaks a rule (every problem is printed), 1 when a file
 * cannot be read.
 */
public final class ConfigurationCheckExample {
    static final int OK = 0;
    static final int IO_ERROR = 1;
    static final int INVALID = 2;

    private static final int MAX_LICENSE_FILE_BYTES = 256 * 1024;
    private static final int RUNS_SHOWN = 5;
    private static final DateTimeFormatter RUN_FORMAT =
            DateTimeFormatter.ofPattern("EEE dd.MM.uuuu HH:mm zzz (xxx)", Locale.ENGLISH);
    /** The example's nodes: the standby's address comes from the settings, the rest is the example's. */
    private static final SoftwareVersion EXAMPLE_VERSION = SoftwareVersion.parse("7.3.1.5");
    private static final Ipv4Address EXAMPLE_ACTIVE_ADDRESS = Ipv4Address.parse("192.168.1.1");
    private static final int EXAMPLE_PREFIX_LENGTH = 24;

    private ConfigurationCheckExample() {
    }

    /** Runs the check and exits with its code. */
    public static void main(String[] args) {
        int code = run(args, System.out, Clock.systemDefaultZone());
        if (code != OK) {
            System.exit(code);
        }
    }

    /** Runs the check, printing to {@code out}; returns the exit code. */
    static int run(String[] args, PrintStream out, Clock clock) {
        if (args.length != 0 && args.length != 1 && args.length != 3) {
            out.println("usage: ConfigurationCheckExample [SETTINGS [ACTIVE_LICENSES STANDBY_LICENSES]]");
            return INVALID;
        }
        List<String> problems = new ArrayList<>();
        try {
            Source settingsSource = args.length >= 1 ? Source.file(args[0]) : Source.bundled("seed/redundancy.conf");
            Source activeSource = args.length == 3 ? Source.file(args[1]) : Source.bundled("seed/active.licenses");
            Source standbySource = args.length == 3 ? Source.file(args[2]) : Source.bundled("seed/standby.licenses");

            out.println("Settings:         " + settingsSource);
            out.println("Active licenses:  " + activeSource);
            out.println("Standby licenses: " + standbySource);
            out.println();
            RedundancySettings settings = settings(settingsSource, problems);
            LicenseSet active = licenses(activeSource, problems);
            LicenseSet standby = licenses(standbySource, problems);
            if (!problems.isEmpty()) {
                out.println("INVALID: " + problems.size() + " problem(s)");
                problems.forEach(p -> out.println("  - " + p));
                return INVALID;
            }
            printSettings(settings, out);
            RedundancyPair pair = examplePair(settings, active, standby);
            out.println("Pair:");
            out.println("  active:  " + pair.active() + ", " + pair.active().licenses().licenses().size() + " licenses");
            out.println("  standby: " + pair.standby() + ", " + pair.standby().licenses().licenses().size() + " licenses");
            PairReport report = PairCheck.standard().check(pair);
            if (!report.ok()) {
                out.println("Pair check: " + report.problems().size() + " problem(s)");
                report.problems().forEach(p -> out.println("  - " + p));
                return INVALID;
            }
            out.println("Pair check: OK (versions, subnet, addresses, platform, license pairing)");
            out.println();
            printNextRuns(settings, clock.instant(), out);
            return OK;
        } catch (IOException | UncheckedIOException e) {
            out.println("ERROR: cannot read " + e.getMessage());
            return IO_ERROR;
        }
    }

    private static RedundancySettings settings(Source source, List<String> problems) throws IOException {
        try {
            return SettingsFile.parse(source.read(SettingsFile.MAX_BYTES));
        } catch (InvalidInputException e) {
            e.problems().stream().map(InputProblem::toString).map(p -> source.name() + ": " + p).forEach(problems::add);
            return null;
        }
    }

    private static LicenseSet licenses(Source source, List<String> problems) throws IOException {
        try {
            return LicenseFile.parse(source.read(MAX_LICENSE_FILE_BYTES));
        } catch (LicenseFileException e) {
            e.problems().stream().map(p -> source.name() + ": " + p).forEach(problems::add);
            return null;
        } catch (InvalidInputException e) {
            e.problems().stream().map(p -> source.name() + ": " + p).forEach(problems::add);
            return null;
        }
    }

    private static RedundancyPair examplePair(RedundancySettings settings, LicenseSet active, LicenseSet standby) {
        Node activeNode = new Node("active", EXAMPLE_ACTIVE_ADDRESS, EXAMPLE_PREFIX_LENGTH, EXAMPLE_VERSION,
                HardwareId.derive("Intel Xeon E-2224", 4), Platform.HARDWARE_APPLIANCE, active);
        Node standbyNode = new Node("standby", settings.standbyServer(), EXAMPLE_PREFIX_LENGTH, EXAMPLE_VERSION,
                HardwareId.derive("Intel Xeon E-2224", 4), Platform.VIRTUAL_MACHINE, standby);
        // The standby's own module configuration carries the active's key (R12); here both match.
        return new RedundancyPair(activeNode, standbyNode, settings.licenseKey());
    }

    private static void printSettings(RedundancySettings settings, PrintStream out) {
        out.println("Settings: OK");
        out.println("  pair (active's server key): " + settings.licenseKey().masked());
        out.println("  transfer:                   " + settings.retrySchedule());
        out.println("  failure e-mails:            "
                + (settings.sendEmails() ? "to " + settings.emailAddress().orElseThrow() : "off"));
        out.println("  timer:                      every " + settings.repeatEvery() + " "
                + settings.intervalUnit().name().toLowerCase(Locale.ROOT) + ", from " + settings.startDate()
                + " " + settings.startTime() + " " + settings.timeZone());
        out.println("  standby:                    " + settings.standbyUser() + "@" + settings.standbyServer()
                + " (password " + settings.standbyPassword() + ")");
        settings.backupWindow().ifPresent(w -> out.println("  host backup window:         " + w));
        out.println();
    }

    private static void printNextRuns(RedundancySettings settings, Instant now, PrintStream out) {
        out.println("Next " + RUNS_SHOWN + " replication runs after " + ZonedDateTime.ofInstant(now, settings.timeZone())
                .format(RUN_FORMAT) + ":");
        for (Instant run : settings.schedule().nextRuns(now, RUNS_SHOWN)) {
            out.println("  " + ZonedDateTime.ofInstant(run, settings.timeZone()).format(RUN_FORMAT));
        }
    }

    /** A file named on the command line or one bundled with the example. */
    private record Source(Path path, String resource) {
        static Source file(String path) {
            return new Source(Path.of(path), null);
        }

        static Source bundled(String resource) {
            return new Source(null, resource);
        }

        String name() {
            return path != null ? path.toString() : resource;
        }

        String read(int maxBytes) throws IOException {
            if (path != null) {
                return TextFiles.readUtf8(path, maxBytes);
            }
            try (InputStream in = ConfigurationCheckExample.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException(resource + " (not bundled)");
                }
                return new String(in.readNBytes(maxBytes), StandardCharsets.UTF_8);
            }
        }

        @Override
        public String toString() {
            return path != null ? path.toString() : resource + " (bundled example from the STARFACE documentation)";
        }
    }
}
