package io.github.pbxredundancy.core.internal.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

class BundleLayoutTest {

    @Test
    void sizesAboveTheUstarLimitTravelInACanonicalPaxHeader() throws IOException {
        long nineGib = 9L << 30;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TarArchiveOutputStream out = BundleLayout.newTarOutput(bytes);
        out.putArchiveEntry(BundleLayout.fileEntry("payload/huge.sfb", nineGib, Instant.parse("2016-01-26T05:00:00Z")));
        // Only the headers are needed; the 9 GiB of data are never written.

        GuardedTarInputStream in = new GuardedTarInputStream(
                new DigestingInputStream(new ByteArrayInputStream(bytes.toByteArray()), Path.of("test")));
        TarArchiveEntry entry = in.getNextEntry();
        assertThat(entry.getName()).isEqualTo("payload/huge.sfb");
        assertThat(entry.getSize()).isEqualTo(nineGib);
        assertThat(new String(in.extendedHeader(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("19 size=9663676416\n");
        PaxRecords.requireCanonical(in.extendedHeader(), entry);
    }

    @Test
    void roundsUpToWholeRecords() {
        assertThat(BundleLayout.roundUpToRecord(0)).isZero();
        assertThat(BundleLayout.roundUpToRecord(1)).isEqualTo(512);
        assertThat(BundleLayout.roundUpToRecord(512)).isEqualTo(512);
        assertThat(BundleLayout.roundUpToRecord(513)).isEqualTo(1024);
    }
}
