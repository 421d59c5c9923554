package io.github.pbxredundancy.core.internal.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.Initialization;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitializationFileTest {
    private static final Instant AT = Instant.parse("2016-01-26T06:00:00Z");
    private static final String SHA = "ab".repeat(32);

    @TempDir
    Path dir;

    @Test
    void bothSourcesSurviveTheRoundTripWithoutATemporaryFileLeft() throws IOException {
        Path file = dir.resolve("initialized");
        Initialization raw = new Initialization(AT, "Jürgen Weiß", "reason = new; standby", false,
                new Initialization.RawBackup("Backup 2016-01-26.sfb", 3, 1234, SHA));
        Initialization bundle = new Initialization(AT, "admin", "", true,
                new Initialization.Bundle(BundleId.parse("b1"), 99, SHA, AT.minusSeconds(3600)));

        InitializationFile.write(file, raw);
        assertThat(InitializationFile.read(file)).contains(raw);
        InitializationFile.write(file, bundle);
        assertThat(InitializationFile.read(file)).contains(bundle);
        assertThat(Files.readString(file)).isEqualTo("at=2016-01-26T06:00:00Z\noperator=admin\nreason=\nforced=yes\n"
                + "source=bundle\nbundle-id=b1\nsize=99\nsha256=" + SHA + "\ncreated-at=2016-01-26T05:00:00Z\n");
        assertThat(dir.resolve("initialized.tmp")).doesNotExist();
    }

    @Test
    void aMissingFileIsNoInitialisationAndADamagedOneIsReportedNotGuessed() throws IOException {
        Path file = dir.resolve("initialized");
        assertThat(InitializationFile.read(file)).isEmpty();

        for (String damaged : new String[] {"", "at=2016-01-26T06:00:00Z\n", "at=yesterday\noperator=a\nreason=\n"
                + "forced=no\nsource=raw-backup\nname=x\nfiles=1\nsize=1\nsha256=" + SHA + "\n",
            "at=2016-01-26T06:00:00Z\noperator=a\nreason=\nforced=maybe\nsource=raw-backup\nname=x\nfiles=1\nsize=1\n"
                + "sha256=" + SHA + "\n", "at=2016-01-26T06:00:00Z\noperator=a\nreason=\nforced=no\nsource=tape\n"
                + "size=1\nsha256=" + SHA + "\n"}) {
            Files.writeString(file, damaged);
            RedundancyException e = catchThrowableOfType(() -> InitializationFile.read(file), RedundancyException.class);
            assertThat(e).as(damaged).isNotNull();
            assertThat(e.reason()).isEqualTo(ReasonCode.UNEXPECTED);
        }
    }
}
