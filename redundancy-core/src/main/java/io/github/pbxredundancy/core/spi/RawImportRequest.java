package io.github.pbxredundancy.core.spi;

import io.github.pbxredundancy.core.Initialization;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The host's own backup, as an administrator uploaded it for the standby's one-time
 * initialisation (R13), copied for the host's {@link RawBackupImporter}.
 *
 * @param directory a fresh copy of the upload, owned by the library: a file or stream upload
 *     as one file named like it, a directory upload as its files; read-only for the importer and
 *     deleted after the import
 * @param source the upload's name, number of files, size and SHA-256, computed while copying
 */
public record RawImportRequest(Path directory, Initialization.RawBackup source) {
    /** Validates both parts. */
    public RawImportRequest {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(source, "source");
    }
}
