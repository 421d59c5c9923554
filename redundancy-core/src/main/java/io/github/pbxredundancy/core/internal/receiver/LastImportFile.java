package io.github.pbxredundancy.core.internal.receiver;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.ReceiverStatus.ImportOutcome;
import io.github.pbxredundancy.core.internal.DurableFiles;
import io.github.pbxredundancy.core.internal.StateText;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code state/last-import}: how the last import ended, so that after a restart the status (and
 * the host deciding whether to call {@code importLatest}) knows whether the current bundle was
 * imported. Only informative: a missing or damaged file means "unknown", never a refusal.
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
final class LastImportFile {
    private static final Logger LOG = LoggerFactory.getLogger(LastImportFile.class);
    private static final String IMPORTED = "imported";

    private LastImportFile() {
    }

    /** The recorded outcome; empty if there is none or it cannot be read (logged). */
    static Optional<ImportOutcome> read(Path file) {
        try {
            Map<String, String> fields = StateText.read(file);
            String reason = StateText.require(fields, "outcome");
            return Optional.of(new ImportOutcome(BundleId.parse(StateText.require(fields, "bundle-id")),
                    Instant.parse(StateText.require(fields, "at")),
                    IMPORTED.equals(reason) ? Optional.empty() : Optional.of(ReasonCode.valueOf(reason)),
                    StateText.require(fields, "message")));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot read {}; the last import is shown as unknown", file, e);
            return Optional.empty();
        }
    }

    static void write(Path file, ImportOutcome outcome) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("bundle-id", outcome.bundleId().value());
        fields.put("at", outcome.at().toString());
        fields.put("outcome", outcome.failure().map(ReasonCode::name).orElse(IMPORTED));
        fields.put("message", outcome.message());
        DurableFiles.writeAtomically(file, StateText.render(fields));
    }
}
