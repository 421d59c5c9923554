package io.github.pbxredundancy.core.internal.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SpaceGuardTest {
    private static final BundleId ID = BundleId.parse("b1");
    private static final long RESERVE = 1000;

    private final AtomicLong free = new AtomicLong();
    private final SpaceGuard guard = new SpaceGuard(directory -> free.get(), Path.of("/standby"), RESERVE);

    @Test
    void aBundleNeedsRoomForItselfItsExtractionAndTheReserve() {
        assertThat(guard.needed(500)).isEqualTo(2000);
        assertThat(guard.needed(Long.MAX_VALUE / 2 + 1)).isEqualTo(Long.MAX_VALUE);

        free.set(2000);
        assertThatCode(() -> guard.requireRoom(ID, 500)).doesNotThrowAnyException();
        free.set(1999);
        RedundancyException e = catchThrowableOfType(RedundancyException.class, () -> guard.requireRoom(ID, 500));
        assertThat(e.reason()).isEqualTo(ReasonCode.DISK_FULL);
        assertThat(e.getMessage()).startsWith("standby disk full: 1999 bytes free, 2000 needed for bundle b1");
    }

    @Test
    void aWriteFailureIsDiskFullOnlyIfWhatIsStillNeededDoesNotFit() {
        IOException failure = new IOException("No space left on device");

        free.set(1499);
        RedundancyException full = guard.writeFailure(ID, 500, 500, failure);
        free.set(1500);
        RedundancyException other = guard.writeFailure(ID, 500, 500, failure);

        assertThat(full.reason()).isEqualTo(ReasonCode.DISK_FULL);
        assertThat(full.getMessage()).startsWith("standby disk full: 1499 bytes free, 1500 needed");
        assertThat(full.getCause()).isSameAs(failure);
        assertThat(other.reason()).isEqualTo(ReasonCode.UNEXPECTED);
        assertThat(other.getCause()).isSameAs(failure);
    }

    @Test
    void aProbeThatCannotTellNeitherBlocksNorBlamesTheDisk() {
        SpaceGuard blind = new SpaceGuard(directory -> {
            throw new IOException("not supported");
        }, Path.of("/standby"), RESERVE);

        assertThatCode(() -> blind.requireRoom(ID, 500)).doesNotThrowAnyException();
        assertThat(blind.writeFailure(ID, 500, 0, new IOException("EIO")).reason()).isEqualTo(ReasonCode.UNEXPECTED);
    }
}
