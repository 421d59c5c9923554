package io.github.pbxredundancy.core.internal.receiver;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.Initialization;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.internal.DurableFiles;
import io.github.pbxredundancy.core.internal.StateText;
import io.github.pbxredundancy.license.PrintableText;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code state/initialized}: the standby's one-time initialisation, in the receiver's state-file
 * form ({@link StateText}), replaced atomically. For example:
 * <pre>
 * at=2016-01-26T06:00:00Z
 * operator=Jürgen Admin
 * reason=new standby
 * forced=no
 * source=raw-backup
 * name=pbx.sfb
 * files=1
 * size=5242880
 * sha256=...
 * </pre>
 * A bundle source has {@code source=bundle}, {@code bundle-id}, {@code size}, {@code sha256} and
 * {@code created-at} instead.
 *
 * <p>A damaged file is not guessed at: it still counts as "initialised" (so a second
 * initialisation needs {@code force}), but its content cannot be shown.
 *
 * <p>Not part of the API. Stateless and thread-safe; callers serialise writes.
 */
final class InitializationFile {
    private static final String RAW = "raw-backup";
    private static final String BUNDLE = "bundle";

    private InitializationFile() {
    }

    /**
     * The recorded initialisation.
     *
     * @return empty if there is no file
     * @throws RedundancyException with {@link ReasonCode#UNEXPECTED} if it is damaged or cannot be read
     */
    static Optional<Initialization> read(Path file) {
        Map<String, String> fields;
        try {
            fields = StateText.read(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            throw damaged(file, e);
        }
        try {
            return Optional.of(new Initialization(Instant.parse(StateText.require(fields, "at")),
                    StateText.require(fields, "operator"), StateText.require(fields, "reason"),
                    yesNo(StateText.require(fields, "forced")), source(fields)));
        } catch (RuntimeException e) {
            throw damaged(file, e);
        }
    }

    static void write(Path file, Initialization initialization) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("at", initialization.at().toString());
        fields.put("operator", initialization.operator());
        fields.put("reason", initialization.reason());
        fields.put("forced", initialization.forced() ? "yes" : "no");
        if (initialization.source() instanceof Initialization.RawBackup raw) {
            fields.put("source", RAW);
            fields.put("name", raw.name());
            fields.put("files", Integer.toString(raw.files()));
            fields.put("size", Long.toString(raw.size()));
            fields.put("sha256", raw.sha256());
        } else {
            Initialization.Bundle bundle = (Initialization.Bundle) initialization.source();
            fields.put("source", BUNDLE);
            fields.put("bundle-id", bundle.bundleId().value());
            fields.put("size", Long.toString(bundle.size()));
            fields.put("sha256", bundle.sha256());
            fields.put("created-at", bundle.createdAt().toString());
        }
        DurableFiles.writeAtomically(file, StateText.render(fields));
    }

    private static Initialization.Source source(Map<String, String> fields) {
        String kind = StateText.require(fields, "source");
        long size = Long.parseLong(StateText.require(fields, "size"));
        String sha256 = StateText.require(fields, "sha256");
        if (RAW.equals(kind)) {
            return new Initialization.RawBackup(StateText.require(fields, "name"),
                    Integer.parseInt(StateText.require(fields, "files")), size, sha256);
        }
        if (BUNDLE.equals(kind)) {
            return new Initialization.Bundle(BundleId.parse(StateText.require(fields, "bundle-id")), size, sha256,
                    Instant.parse(StateText.require(fields, "created-at")));
        }
        throw new IllegalArgumentException("source " + PrintableText.quote(kind) + " is neither " + RAW + " nor " + BUNDLE);
    }

    private static boolean yesNo(String value) {
        if ("yes".equals(value) || "no".equals(value)) {
            return "yes".equals(value);
        }
        throw new IllegalArgumentException("forced " + PrintableText.quote(value) + " is neither yes nor no");
    }

    private static RedundancyException damaged(Path file, Exception e) {
        return new RedundancyException(ReasonCode.UNEXPECTED, "the standby's initialisation record "
                + PrintableText.quote(file.toString()) + " is damaged or cannot be read (" + e.getMessage()
                + "); the standby still counts as initialised: initialise it again with force to write a new record", e);
    }
}
