package io.github.pbxredundancy.core.internal.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pbxredundancy.core.BundleRejectedException;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DigestingInputStreamTest {
    private static final byte[] BYTES = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Test
    void skippedBytesAreHashedAndCounted() throws IOException {
        DigestingInputStream in = new DigestingInputStream(new BufferedInputStream(new ByteArrayInputStream(BYTES)), Path.of("b"));
        assertThat(in.read()).isEqualTo('0');
        assertThat(in.skip(10)).isEqualTo(10);
        assertThat(in.readAllBytes()).hasSize(5);
        assertThat(in.count()).isEqualTo(BYTES.length);
        assertThat(in.sha256()).isEqualTo(Sha256.of(BYTES));
        // Mark/reset would hash bytes twice; the underlying BufferedInputStream supports it, this does not.
        assertThat(in.markSupported()).isFalse();
    }

    @Test
    void declaredPaddingMustBeZero() throws IOException {
        byte[] bytes = new byte[8];
        bytes[6] = 7;
        DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(bytes), Path.of("b"));
        in.requireZeros(2, 6);
        assertThat(in.readNBytes(6)).hasSize(6);
        in.requireZeros(6, 8);
        BundleRejectedException e = catchThrowableOfType(BundleRejectedException.class, () -> in.read(new byte[2]));
        assertThat(e.reason()).isEqualTo(ReasonCode.INTEGRITY_FAILED);
        assertThat(e.getMessage()).contains("byte 6", "padding");
    }

    @Test
    void aLocalReadFailureIsNotAVerdictOnTheBundle() {
        IOException cause = new IOException("disk error");
        DigestingInputStream in = new DigestingInputStream(new InputStream() {
            @Override
            public int read() throws IOException {
                throw cause;
            }
        }, Path.of("/var/spool/b.bundle"));
        RedundancyException e = catchThrowableOfType(RedundancyException.class, in::read);
        assertThat(e).isNotInstanceOf(BundleRejectedException.class).hasCause(cause);
        assertThat(e.reason()).isEqualTo(ReasonCode.UNEXPECTED);
        assertThat(e.getMessage()).contains("/var/spool/b.bundle");
    }
}
