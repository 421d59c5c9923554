package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.internal.AuditText;
import io.github.pbxredundancy.core.internal.bundle.BundleFields;
import io.github.pbxredundancy.license.PrintableText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The record of the standby's one-time initialisation (R13), as {@link StandbyInitializer}
 * keeps it durably in the receiver's {@code state/initialized}: when, by whom, why, from what,
 * and whether an earlier initialisation was overwritten on purpose.
 *
 * <p>Immutable and thread-safe.
 *
 * @param at when the host had imported the backup and the record was written
 * @param operator who initialised the standby, as in the {@link InitializationRequest}
 * @param reason why, as in the request; possibly empty
 * @param forced whether the standby was initialised already and the operator forced a new one
 * @param source what was imported
 */
public record Initialization(Instant at, String operator, String reason, boolean forced, Source source) {

    /** Validates every part. */
    public Initialization {
        Objects.requireNonNull(at, "at");
        List<InputProblem> problems = new ArrayList<>();
        InitializationRequest.checkOperator(problems, operator);
        InitializationRequest.checkReason(problems, reason);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Objects.requireNonNull(source, "source");
    }

    /** What an initialisation imported: the host's raw backup as uploaded, or a bundle. */
    public sealed interface Source permits RawBackup, Bundle {
        /**
         * One line for messages, e.g. {@code raw backup 'pbx.sfb' (1 file, 5242880 bytes, SHA-256 ...)}.
         *
         * @return the description
         */
        String describe();
    }

    /**
     * The host's own backup as the administrator uploaded it: not a bundle, so without manifest
     * and pair identity; the operator's confirmation stood in for the pair check. The figures
     * describe the copy the host imported, computed while copying it.
     *
     * @param name the upload's file name, directory name or stream name
     * @param files how many files it held, 1 for a file or stream
     * @param size the bytes of all its files
     * @param sha256 for a single file or stream the SHA-256 of its bytes (what {@code sha256sum}
     *     prints); for a directory the SHA-256 over its files' names, sizes and hashes as
     *     {@link BundleManifest#contentSha256()} defines it, files sorted by name; lower-case hex
     */
    public record RawBackup(String name, int files, long size, String sha256) implements Source {
        /** The longest name accepted. */
        public static final int MAX_NAME_LENGTH = 255;

        /** Validates every part. */
        public RawBackup {
            String problem = AuditText.problem(name, MAX_NAME_LENGTH, false);
            if (problem != null) {
                throw InvalidInputException.of("raw backup name", name, problem);
            }
            if (files < 1) {
                throw InvalidInputException.of("raw backup files", Integer.toString(files), "must be 1 or more");
            }
            if (size < 0) {
                throw InvalidInputException.of("raw backup size", Long.toString(size), "must be zero or more");
            }
            BundleFields.requireSha256("raw backup sha256", sha256);
        }

        @Override
        public String describe() {
            return "raw backup " + PrintableText.quote(name) + " (" + files + (files == 1 ? " file, " : " files, ") + size
                    + " bytes, SHA-256 " + sha256 + ")";
        }
    }

    /**
     * A bundle, verified against the receiver's expectations (pair, version, epoch) like a
     * delivered one.
     *
     * @param bundleId the bundle's id
     * @param size the bundle file's size in bytes
     * @param sha256 the bundle file's SHA-256, lower-case hex
     * @param createdAt when the active made it: the standby's data is as of then
     */
    public record Bundle(BundleId bundleId, long size, String sha256, Instant createdAt) implements Source {
        /** Validates every part. */
        public Bundle {
            Objects.requireNonNull(bundleId, "bundleId");
            if (size < 0) {
                throw InvalidInputException.of("bundle size", Long.toString(size), "must be zero or more");
            }
            BundleFields.requireSha256("bundle sha256", sha256);
            Objects.requireNonNull(createdAt, "createdAt");
        }

        @Override
        public String describe() {
            return "bundle " + bundleId + " (created " + createdAt + ", " + size + " bytes, SHA-256 " + sha256 + ")";
        }
    }
}
