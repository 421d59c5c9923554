package io.github.pbxredundancy.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationCheckExampleTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-27T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

    private String output() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void seedExampleIsValidAndShowsTheNextFiveRunsAcrossTheClockChange() {
        int code = ConfigurationCheckExample.run(new String[0], out, CLOCK);

        assertThat(code).as(output()).isZero();
        assertThat(output())
                .contains("Settings: OK", "XXXXX-*****-*****-11111", "10 attempts", "test123@testserver.de",
                        "root@192.168.1.2", "Pair check: OK")
                .doesNotContain("example-only-change-me", "YYYYY")
                // Europe/Berlin switches to summer time on 29 March 2026: 05:00 stays 05:00 local.
                .contains("Sat 28.03.2026 05:00 CET (+01:00)", "Sun 29.03.2026 05:00 CEST (+02:00)",
                        "Wed 01.04.2026 05:00 CEST (+02:00)");
        assertThat(output().lines().filter(l -> l.matches("  \\w{3} \\d\\d\\.\\d\\d\\.\\d{4} 05:00 .*"))).hasSize(5);
    }

    @Test
    void brokenSettingsPrintEveryProblemAndExitTwo() throws IOException {
        Path settings = dir.resolve("broken.conf");
        Files.writeString(settings, String.join("\n",
                "license-key = XXXXX-YYYYY-ZZZZZ-1111",
                "attempts = ten",
                "send-emails = yes",
                "email-address = a@b.de, c@d.de",
                "interval-unit = fortnight",
                "repeat-every = 1",
                "start-date = 31.02.2016",
                "start-time = 25:00",
                "time-zone = Europe/Berlin",
                "standby.password = pw",
                "standby.server = 192.168.1.256",
                "colour = blue"));

        int code = ConfigurationCheckExample.run(new String[] {settings.toString()}, out, CLOCK);

        assertThat(code).isEqualTo(2);
        assertThat(output()).contains("INVALID: 8 problem(s)", "license-key", "attempts 'ten'", "email-address",
                "interval-unit 'fortnight'", "start-date '31.02.2016'", "start-time '25:00'",
                "standby.server '192.168.1.256'", "line 12 'colour': unknown key");
    }

    @Test
    void brokenLicenseFileIsReportedByLine() throws IOException {
        Path settings = copyBundled("seed/redundancy.conf");
        Path active = copyBundled("seed/active.licenses");
        Path standby = dir.resolve("standby.licenses");
        Files.writeString(standby, "server redundancy DDDDD-FFFFF-TTTTT-2222\nuser redundancy HHHHH-MMMMM-PPPPP-44444\n");

        int code = ConfigurationCheckExample.run(new String[] {settings.toString(), active.toString(), standby.toString()},
                out, CLOCK);

        assertThat(code).isEqualTo(2);
        assertThat(output()).contains(standby + ": ").contains("line 1");
    }

    @Test
    void swappedStandbyKeyFailsThePairCheck() throws IOException {
        Path settings = copyBundled("seed/redundancy.conf");
        Path active = copyBundled("seed/active.licenses");
        Path standby = dir.resolve("standby.licenses");
        // The standby holds the active's user key instead of its own counterpart.
        Files.writeString(standby, "server redundancy DDDDD-FFFFF-TTTTT-22222\nuser redundancy AAAAA-BBBBB-CCCCC-33333\n"
                + "module redundancy VVVVV-RRRRR-JJJJJ-66666 module=redundancy\n");

        int code = ConfigurationCheckExample.run(new String[] {settings.toString(), active.toString(), standby.toString()},
                out, CLOCK);

        assertThat(code).isEqualTo(2);
        assertThat(output()).contains("Pair check:", "LICENSES_NOT_PAIRED").doesNotContain("BBBBB-CCCCC");
    }

    @Test
    void unreadableFileExitsOne() {
        int code = ConfigurationCheckExample.run(new String[] {dir.resolve("missing.conf").toString()}, out, CLOCK);

        assertThat(code).isEqualTo(1);
        assertThat(output()).contains("ERROR: cannot read", "missing.conf");
    }

    @Test
    void wrongArgumentCountPrintsUsage() {
        assertThat(ConfigurationCheckExample.run(new String[] {"a", "b"}, out, CLOCK)).isEqualTo(2);
        assertThat(output()).startsWith("usage:");
    }

    private Path copyBundled(String resource) throws IOException {
        Path target = dir.resolve(Path.of(resource).getFileName().toString());
        try (var in = getClass().getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
        return target;
    }
}
