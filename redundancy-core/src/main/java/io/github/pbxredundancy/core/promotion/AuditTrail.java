package io.github.pbxredundancy.core.promotion;

import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.internal.promotion.AuditLogFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's append-only audit trail, {@code <directory>/audit.log}: one {@link AuditEntry} per
 * transition, epoch change, promotion step and note, in order, each forced to disk before the
 * change it records is reported. Only {@link NodeLifecycle} appends; this class reads, for a
 * status page, a support tool or a test.
 *
 * <p>The file is UTF-8 text: a header line, then one line per entry with tab-separated
 * {@code key=value} fields ({@code at}, {@code action}, {@code from}, {@code to},
 * {@code epoch}, {@code promotion} and {@code step} where they apply, {@code operator},
 * {@code reason}, one {@code check} per check), so that {@code grep} and {@code cut} work on it.
 * Entries never hold secrets.
 *
 * <p>Immutable and thread-safe. A read while the lifecycle appends sees the entries before the
 * one being appended, and that one either whole or as a torn last line.
 */
public final class AuditTrail {
    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

    private final Path file;

    private AuditTrail(Path file) {
        this.file = file;
    }

    /**
     * The trail of a node's directory, whether it exists yet or not.
     *
     * @param directory the directory a {@link NodeLifecycle} uses
     * @return the trail
     */
    public static AuditTrail in(Path directory) {
        return new AuditTrail(directory.toAbsolutePath().normalize().resolve(AuditLogFile.NAME));
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /**
     * Reads every entry.
     *
     * @return the entries and, if the last line was torn by a crash in the middle of an append,
     *     that line; no entries if the file does not exist
     * @throws RedundancyException with {@link ReasonCode#UNEXPECTED} if the file cannot be read,
     *     is not an audit trail, or has a damaged line before the last one (a line that does not
     *     parse, or an entry that does not follow from the one before); the message names the
     *     file and the line
     */
    public Contents read() {
        AuditLogFile.Contents contents = AuditLogFile.read(file);
        contents.tornTail().ifPresent(torn -> LOG.warn("The audit trail {} ends in a torn line, left out: {}", file,
                torn));
        return new Contents(contents.entries(), contents.tornTail());
    }

    /**
     * What the trail holds.
     *
     * @param entries the complete entries, oldest first
     * @param tornLastLine the last line if a crash tore it, made printable (quoted, escaped, cut)
     *     with its length; empty normally. {@link NodeLifecycle#open} removes such a line and
     *     appends the entry again from the state file.
     */
    public record Contents(List<AuditEntry> entries, Optional<String> tornLastLine) {
        /** Copies the entries. */
        public Contents {
            entries = List.copyOf(entries);
            Objects.requireNonNull(tornLastLine, "tornLastLine");
        }
    }
}
