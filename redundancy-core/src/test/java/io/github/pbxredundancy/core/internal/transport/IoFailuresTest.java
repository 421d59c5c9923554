package io.github.pbxredundancy.core.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class IoFailuresTest {

    @Test
    void eachKnownFailureGetsTheCodeThatTellsWhetherToRetry() {
        assertThat(code(new FileSystemException("/mnt/inbox/x.part", null, "No space left on device"))).isEqualTo(ReasonCode.DISK_FULL);
        assertThat(code(new IOException("No space left on device"))).isEqualTo(ReasonCode.DISK_FULL);
        assertThat(code(new FileSystemException("/mnt/inbox/x.part", null, "Disk quota exceeded"))).isEqualTo(ReasonCode.DISK_FULL);
        assertThat(code(new AccessDeniedException("/mnt/inbox/x.part"))).isEqualTo(ReasonCode.PERMISSION_DENIED);
        assertThat(code(new FileSystemException("/mnt/inbox/x.part", null, "Read-only file system"))).isEqualTo(ReasonCode.PERMISSION_DENIED);
        assertThat(code(new NoSuchFileException("/mnt/inbox/x.part"))).isEqualTo(ReasonCode.CONNECTION_FAILED);
        assertThat(code(new FileSystemException("/mnt/inbox", null, "Stale file handle"))).isEqualTo(ReasonCode.CONNECTION_FAILED);
        assertThat(code(new FileSystemException("/mnt/inbox", null, "Transport endpoint is not connected"))).isEqualTo(ReasonCode.CONNECTION_FAILED);
        assertThat(code(new IOException("Input/output error"))).isEqualTo(ReasonCode.CONNECTION_FAILED);
        assertThat(code(new ClosedByInterruptException())).isEqualTo(ReasonCode.TRANSFER_INTERRUPTED);
        assertThat(code(new IOException("something else"))).isEqualTo(ReasonCode.UNEXPECTED);
        assertThat(code(new IOException())).isEqualTo(ReasonCode.UNEXPECTED);
        assertThat(ReasonCode.DISK_FULL.retryable() && ReasonCode.CONNECTION_FAILED.retryable()).isTrue();
        assertThat(ReasonCode.PERMISSION_DENIED.retryable()).isFalse();
    }

    @Test
    void keepsTheCauseAndSaysWhatFailedOnOneLine() {
        IOException cause = new FileSystemException("/mnt/inbox/x.part", null, "No space left\non device");

        RedundancyException e = IoFailures.of("cannot write bundle x into the inbox '/mnt/inbox'", cause);

        assertThat(e.getCause()).isSameAs(cause);
        assertThat(e.getMessage()).isEqualTo("cannot write bundle x into the inbox '/mnt/inbox': "
                + "FileSystemException /mnt/inbox/x.part: No space left\\u000aon device");
    }

    private static ReasonCode code(IOException e) {
        return IoFailures.classify(e);
    }
}
