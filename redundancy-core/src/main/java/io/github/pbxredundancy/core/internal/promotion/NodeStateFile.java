package io.github.pbxredundancy.core.internal.promotion;

import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.internal.DurableFiles;
import io.github.pbxredundancy.core.internal.StateText;
import io.github.pbxredundancy.core.promotion.AuditEntry;
import io.github.pbxredundancy.core.promotion.NodeSnapshot;
import io.github.pbxredundancy.core.promotion.NodeState;
import io.github.pbxredundancy.core.promotion.PromotionProgress;
import io.github.pbxredundancy.license.PrintableText;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code <directory>/node-state}: a node's {@link NodeSnapshot} in the state-file form
 * ({@link StateText}), replaced atomically (temporary file, forced, renamed, directory forced).
 * For example:
 * <pre>
 * format=pbx-redundancy-node-state/1
 * state=PROMOTION_FAILED
 * epoch=4
 * promotion=20160126T060000.000Z-e3
 * promotion-start-epoch=3
 * promotion-completed=raise-epoch,network-takeover
 * promotion-failed=module-activation
 * audit-entries=17
 * last-change=at=2016-01-26T06:01:10Z⇥action=STEP_FAILED⇥...
 * </pre>
 * The four {@code promotion} keys appear only during a promotion ({@code promotion-failed} only
 * after a failed step); {@code audit-entries} is how many entries the audit trail holds once
 * this change is in it, and {@code last-change} is that last entry exactly as in the trail
 * ({@link AuditLineCodec}). Every key in this order, no other key.
 *
 * <p>Reading is strict: a damaged or foreign file is an error that names the file, the line,
 * the value and the rule, never a default. A node that forgot it was active, or its epoch,
 * is the split brain the library exists to prevent.
 *
 * <p>Not part of the API. Stateless and thread-safe; callers serialise writes.
 */
public final class NodeStateFile {
    /** The file's name in the node's directory. */
    public static final String NAME = "node-state";
    /** The value of the first line. */
    static final String FORMAT = "pbx-redundancy-node-state/1";
    /** Room for the largest last change (many long checks in multi-byte letters). */
    static final int MAX_BYTES = 32 * 1024;

    private NodeStateFile() {
    }

    /**
     * What the file holds.
     *
     * @param snapshot the node's snapshot
     * @param auditEntries how many entries the audit trail holds with the snapshot's last change;
     *     0 only for {@link NodeSnapshot#initial()}, which has no file
     */
    public record Stored(NodeSnapshot snapshot, long auditEntries) {
        /** The state of a node without a file. */
        public static final Stored NONE = new Stored(NodeSnapshot.initial(), 0);

        /** Validates that a snapshot with a change counts it. */
        public Stored {
            Objects.requireNonNull(snapshot, "snapshot");
            if (auditEntries < 0 || (auditEntries == 0) != snapshot.lastChange().isEmpty()) {
                throw new IllegalArgumentException("audit-entries " + auditEntries + " must be 1 or more with a last"
                        + " change and 0 without");
            }
        }
    }

    /**
     * Reads the snapshot.
     *
     * @param file the file
     * @return the snapshot and its entry count; empty if the file does not exist
     * @throws RedundancyException with {@link ReasonCode#UNEXPECTED} if it cannot be read or is
     *     damaged
     */
    public static Optional<Stored> read(Path file) {
        Map<String, String> fields;
        try {
            fields = StateText.read(file, MAX_BYTES);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new RedundancyException(ReasonCode.UNEXPECTED, "cannot read the node's state file "
                    + PrintableText.quote(file.toString()) + ": " + e, e);
        } catch (IllegalArgumentException e) {
            throw damaged(file, e.getMessage());
        }
        try {
            return Optional.of(parse(fields));
        } catch (IllegalArgumentException e) {
            throw damaged(file, e.getMessage());
        }
    }

    /**
     * Replaces the snapshot, if the file still holds {@code expected}.
     *
     * @param file the file
     * @param expected what the caller last read or wrote; {@link Stored#NONE} for no file
     * @param next the new content, with a last change
     * @throws RedundancyException with {@link ReasonCode#UNEXPECTED} if the file holds something
     *     else (another writer) or is damaged, with {@link ReasonCode#STALE_EPOCH} if {@code next}
     *     has a lower epoch than the file; the file is then unchanged
     * @throws IOException if it cannot be written
     */
    public static void replace(Path file, Stored expected, Stored next) throws IOException {
        Stored stored = read(file).orElse(Stored.NONE);
        if (next.snapshot().epoch() < stored.snapshot().epoch()) {
            throw new RedundancyException(ReasonCode.STALE_EPOCH, "refusing to lower the epoch in "
                    + PrintableText.quote(file.toString()) + " from " + stored.snapshot().epoch() + " to "
                    + next.snapshot().epoch() + ": a node's epoch never decreases");
        }
        if (!stored.equals(expected)) {
            throw new RedundancyException(ReasonCode.UNEXPECTED, "the node's state file "
                    + PrintableText.quote(file.toString()) + " changed behind this NodeLifecycle's back (it holds "
                    + describe(stored) + ", expected " + describe(expected) + "): only one NodeLifecycle may use a"
                    + " directory; nothing was changed");
        }
        DurableFiles.writeAtomically(file, render(next));
    }

    /**
     * The file's content for a snapshot.
     *
     * @param stored a snapshot with a last change, and its entry count
     * @return the content
     */
    static byte[] render(Stored stored) {
        NodeSnapshot snapshot = stored.snapshot();
        AuditEntry change = snapshot.lastChange().orElseThrow(
                () -> new IllegalArgumentException("only a snapshot with a last change is written"));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("format", FORMAT);
        fields.put("state", snapshot.state().name());
        fields.put("epoch", Long.toString(snapshot.epoch()));
        snapshot.promotion().ifPresent(progress -> {
            fields.put("promotion", progress.id());
            fields.put("promotion-start-epoch", Long.toString(progress.startEpoch()));
            fields.put("promotion-completed", String.join(",", progress.completedSteps()));
            progress.failedStep().ifPresent(step -> fields.put("promotion-failed", step));
        });
        fields.put("audit-entries", Long.toString(stored.auditEntries()));
        fields.put("last-change", AuditLineCodec.format(change));
        return StateText.render(fields);
    }

    /**
     * Builds a snapshot from the fields of the file.
     *
     * @throws IllegalArgumentException naming the line, its key and value, and the rule it breaks
     */
    static Stored parse(Map<String, String> fields) {
        List<String> keys = new ArrayList<>(fields.keySet());
        List<String> expected = new ArrayList<>(List.of("format", "state", "epoch"));
        if (fields.containsKey("promotion")) {
            expected.addAll(List.of("promotion", "promotion-start-epoch", "promotion-completed"));
            if (fields.containsKey("promotion-failed")) {
                expected.add("promotion-failed");
            }
        }
        expected.add("audit-entries");
        expected.add("last-change");
        for (int i = 0; i < Math.max(keys.size(), expected.size()); i++) {
            if (i >= keys.size()) {
                throw new IllegalArgumentException("line " + (i + 1) + " " + expected.get(i) + " is missing");
            }
            if (i >= expected.size() || !keys.get(i).equals(expected.get(i))) {
                throw new IllegalArgumentException("line " + (i + 1) + " has key " + PrintableText.quote(keys.get(i))
                        + " where " + (i < expected.size() ? expected.get(i) : "the file should end") + " belongs (keys in"
                        + " order: " + String.join(", ", expected) + ")");
            }
        }
        Lines lines = new Lines(fields, keys);
        lines.value("format", v -> {
            if (!v.equals(FORMAT)) {
                throw new IllegalArgumentException("not " + FORMAT);
            }
            return v;
        }, "must be " + FORMAT + " (is it another program's file?)");
        NodeState state = lines.value("state", NodeState::valueOf, "must be one of "
                + Arrays.toString(NodeState.values()));
        long epoch = lines.value("epoch", AuditLineCodec::decimal, "must be a decimal number from 0");
        Optional<PromotionProgress> promotion = Optional.empty();
        if (fields.containsKey("promotion")) {
            // Each part is checked on its own line first, so that an error names the right one.
            String id = lines.value("promotion", v -> progress(v, List.of(), Optional.empty()).id(), "");
            long start = lines.value("promotion-start-epoch", AuditLineCodec::decimal, "must be a decimal number from 0");
            List<String> steps = lines.value("promotion-completed", v -> progress("p", v.isEmpty() ? List.of()
                    : List.of(v.split(",", -1)), Optional.empty()).completedSteps(), "");
            Optional<String> failed = fields.containsKey("promotion-failed") ? Optional.of(lines.value(
                    "promotion-failed", v -> progress("p", List.of(), Optional.of(v)).failedStep().orElseThrow(), ""))
                    : Optional.empty();
            promotion = Optional.of(lines.value(failed.isPresent() ? "promotion-failed" : "promotion-completed",
                    v -> new PromotionProgress(id, start, steps, failed), ""));
        }
        long entries = lines.value("audit-entries", v -> {
            if (AuditLineCodec.decimal(v) < 1) {
                throw new IllegalArgumentException("zero");
            }
            return Long.parseLong(v);
        }, "must be a decimal number from 1");
        AuditEntry change = lines.value("last-change", AuditLineCodec::parse, "");
        try {
            return new Stored(new NodeSnapshot(state, epoch, promotion, Optional.of(change)), entries);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the lines do not fit together: " + e.getMessage(), e);
        }
    }

    private static PromotionProgress progress(String id, List<String> steps, Optional<String> failed) {
        return new PromotionProgress(id, 0, steps, failed);
    }

    private static String describe(Stored stored) {
        NodeSnapshot snapshot = stored.snapshot();
        return snapshot.state() + " at epoch " + snapshot.epoch() + snapshot.lastChange().map(c -> " after " + c.action()
                + " at " + c.at()).orElse("") + " with " + stored.auditEntries() + " audit entries";
    }

    private static RedundancyException damaged(Path file, String problem) {
        return new RedundancyException(ReasonCode.UNEXPECTED, "the node's state file " + PrintableText.quote(file.toString())
                + " is damaged: " + problem + "; it records whether this node is active and its fencing epoch, so the"
                + " library does not guess and the node does not start: restore it from a backup, or write it again"
                + " from the last entry of " + AuditLogFile.NAME + " in the same directory (its state and epoch)");
    }

    /** The values of the file's lines, parsed with the line's number in every error. */
    private static final class Lines {
        private final Map<String, String> fields;
        private final List<String> keys;

        Lines(Map<String, String> fields, List<String> keys) {
            this.fields = fields;
            this.keys = keys;
        }

        <T> T value(String key, Function<String, T> parser, String rule) {
            String value = fields.get(key);
            try {
                return parser.apply(value);
            } catch (RuntimeException e) {
                String detail = rule.isEmpty() ? e.getMessage() : rule;
                throw new IllegalArgumentException("line " + (keys.indexOf(key) + 1) + " " + key + "="
                        + PrintableText.quote(value) + ": " + detail, e);
            }
        }
    }
}
