package io.github.pbxredundancy.core.spi;

import io.github.pbxredundancy.core.BundleManifest;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A verified backup, extracted for the host's {@link BackupImporter}.
 *
 * @param directory the backup's files, laid out as the active's {@code BackupSource} produced
 *     them; read-only for the importer and deleted after the import
 * @param manifest what the bundle declared: source node, software version, epoch, creation
 *     time and every entry's size and hash
 */
public record ImportRequest(Path directory, BundleManifest manifest) {
    /** Validates both parts. */
    public ImportRequest {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(manifest, "manifest");
    }
}
