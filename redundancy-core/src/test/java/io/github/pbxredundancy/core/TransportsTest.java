package io.github.pbxredundancy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pbxredundancy.core.spi.Transport;
import io.github.pbxredundancy.core.spi.TransportOptions;
import io.github.pbxredundancy.core.transport.FileTransport;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransportsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2016-01-26T05:00:00Z"));
    private final TransportOptions options = TransportOptions.defaults(clock, new ManualScheduler(clock));

    @TempDir
    Path dir;

    @Test
    void findsTheFileTransportByItsSchemeInAnyCase() {
        assertThat(Transports.schemes()).contains("file");
        try (Transport transport = Transports.open(dir.toUri(), options)) {
            assertThat(transport).isInstanceOf(FileTransport.class);
            assertThat(((FileTransport) transport).inbox()).isEqualTo(dir);
        }
        try (Transport transport = Transports.open(URI.create("FILE://" + dir.toUri().getRawPath()), options)) {
            assertThat(transport).isInstanceOf(FileTransport.class);
        }
    }

    @Test
    void anUnknownSchemeNamesItselfAndTheKnownOnesWithoutThePassword() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> Transports.open(URI.create("ftp://root:geheim@192.168.1.2/inbox"), options));

        assertThat(e.getMessage()).contains("'ftp'", "no transport is installed", "known schemes: file", "***@192.168.1.2")
                .doesNotContain("geheim");
    }

    @Test
    void aTargetWithoutSchemeOrRefusedByItsProviderIsInvalidInput() {
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> Transports.open(URI.create("/mnt/inbox"), options)))
                .hasMessageContaining("must start with a scheme");
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> Transports.open(URI.create("file:inbox"), options)))
                .hasMessageContaining("must name an absolute path");
    }
}
