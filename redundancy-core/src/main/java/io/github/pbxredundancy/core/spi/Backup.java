package io.github.pbxredundancy.core.spi;

import io.github.pbxredundancy.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A backup the host created (R1, R10): either files on disk or a single stream of known size.
 * The library reads it once, streaming, to build a bundle; it never loads it into memory.
 */
public sealed interface Backup permits Backup.Files, Backup.Stream {

    /**
     * A backup file, or a directory whose regular files (recursively) make up the backup.
     * Symbolic links and special files inside the directory are refused, not followed.
     *
     * @param root the file or directory
     */
    record Files(Path root) implements Backup {
        /** Validates that the path is given. */
        public Files {
            Objects.requireNonNull(root, "root");
        }
    }

    /**
     * A backup produced as a stream, e.g. piped from the host's backup tool.
     *
     * @param name the entry name the backup gets in the bundle, e.g. {@code backup.sfb}
     * @param size the exact number of bytes the stream delivers; a stream that ends early or
     *     runs long fails the run
     * @param opener opens the stream; called once per bundle
     */
    record Stream(String name, long size, StreamOpener opener) implements Backup {
        /** Validates name and size. */
        public Stream {
            if (name == null || name.isBlank()) {
                throw InvalidInputException.of("backup name", name, "must not be empty");
            }
            if (size < 0) {
                throw InvalidInputException.of("backup size", Long.toString(size), "must be zero or more");
            }
            Objects.requireNonNull(opener, "opener");
        }
    }

    /** Opens the backup's bytes. */
    @FunctionalInterface
    interface StreamOpener {
        /**
         * @return a fresh stream positioned at the first byte; the library closes it
         * @throws IOException if the backup cannot be read
         */
        InputStream open() throws IOException;
    }
}
