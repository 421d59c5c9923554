package io.github.pbxredundancy.core.internal.receiver;

import io.github.pbxredundancy.core.BundleLimits;
import io.github.pbxredundancy.core.FreeSpace;
import io.github.pbxredundancy.core.SoftwareVersion;
import io.github.pbxredundancy.core.spi.BackupImporter;
import io.github.pbxredundancy.core.spi.Notifier;
import io.github.pbxredundancy.license.LicenseKey;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The settings of a {@link io.github.pbxredundancy.core.Receiver}, validated by its builder.
 *
 * <p>Not part of the API. Immutable; {@link #toString()} shows the key masked.
 *
 * @param root the receiver's own directory
 * @param activeServerKey the active's server license key, as configured on the standby (R12)
 * @param ownVersion the standby's software version, asked for each bundle
 * @param importer the host's importer
 * @param clock the source of every instant
 * @param notifier hears the standby events
 * @param keep how many good bundles to keep, at least 1
 * @param limits the bundle limits
 * @param freeSpaceReserve bytes that must stay free besides a bundle and its extraction
 * @param freeSpace the free-space probe
 * @param epochFloor the epoch of the receiver's own node, asked for each bundle and import;
 *     bundles below it are refused ({@code () -> 0} when the host connected none)
 */
public record ReceiverSettings(Path root, LicenseKey activeServerKey, Supplier<SoftwareVersion> ownVersion,
                               BackupImporter importer, Clock clock, Notifier notifier, int keep, BundleLimits limits,
                               long freeSpaceReserve, FreeSpace freeSpace, LongSupplier epochFloor) {
}
