package io.github.pbxredundancy.core.internal.receiver;

import com.google.common.math.LongMath;
import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.FreeSpace;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether the standby's disk has room for a bundle, and whether a failed write was a
 * full disk. A bundle needs room twice, for itself and for its extraction during the import,
 * plus a reserve that keeps the host's own files (database, logs) writable.
 *
 * <p>Not part of the API. Immutable and thread-safe if the probe is.
 */
final class SpaceGuard {
    private static final Logger LOG = LoggerFactory.getLogger(SpaceGuard.class);

    private final FreeSpace probe;
    private final Path directory;
    private final long reserve;

    SpaceGuard(FreeSpace probe, Path directory, long reserve) {
        this.probe = probe;
        this.directory = directory;
        this.reserve = reserve;
    }

    /** Bytes a bundle of {@code size} bytes needs free before it is staged; saturates at {@link Long#MAX_VALUE}. */
    long needed(long size) {
        return LongMath.saturatedAdd(LongMath.saturatedAdd(size, size), reserve);
    }

    /**
     * Refuses a bundle the disk has no room for, before a byte is written. If the probe cannot
     * tell, the bundle is let through: the write itself will show.
     *
     * @throws RedundancyException with {@link ReasonCode#DISK_FULL}
     */
    void requireRoom(BundleId id, long size) {
        OptionalLong free = probe();
        long needed = needed(size);
        if (free.isPresent() && free.getAsLong() < needed) {
            throw diskFull(id, size, free.getAsLong(), needed, null);
        }
    }

    /**
     * What a failed write of a bundle means: {@link ReasonCode#DISK_FULL} if the disk now has
     * less room than the bundle still needs (the bytes already written count as the bundle's
     * own), else {@link ReasonCode#UNEXPECTED}.
     *
     * @param written the bytes of the bundle already on disk
     */
    RedundancyException writeFailure(BundleId id, long size, long written, IOException e) {
        OptionalLong free = probe();
        long stillNeeded = Math.max(0, needed(size) - written);
        if (free.isPresent() && free.getAsLong() < stillNeeded) {
            return diskFull(id, size, free.getAsLong(), stillNeeded, e);
        }
        return new RedundancyException(ReasonCode.UNEXPECTED, "cannot write bundle " + id + " on the standby: " + e, e);
    }

    private RedundancyException diskFull(BundleId id, long size, long free, long needed, IOException cause) {
        return new RedundancyException(ReasonCode.DISK_FULL, "standby disk full: " + free + " bytes free, " + needed
                + " needed for bundle " + id + " (" + size + " bytes, twice for the bundle and its extraction, plus a"
                + " reserve of " + reserve + " bytes)", cause);
    }

    private OptionalLong probe() {
        try {
            return OptionalLong.of(probe.usableBytes(directory));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot tell the free space below {}; going ahead", directory, e);
            return OptionalLong.empty();
        }
    }
}
