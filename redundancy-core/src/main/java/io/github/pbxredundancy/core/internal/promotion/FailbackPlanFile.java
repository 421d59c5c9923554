package io.github.pbxredundancy.core.internal.promotion;

import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.internal.DurableFiles;
import io.github.pbxredundancy.core.internal.StateText;
import io.github.pbxredundancy.core.promotion.FailbackPlan;
import io.github.pbxredundancy.core.promotion.FailbackStatus;
import io.github.pbxredundancy.core.promotion.FailbackStep;
import io.github.pbxredundancy.license.PrintableText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code <node directory>/failback-plan}: a {@link FailbackPlan} in the state-file form
 * ({@link StateText}), replaced atomically (temporary file, forced, renamed, directory forced).
 * For example (tabs shown as {@code ⇥}):
 * <pre>
 * format=pbx-redundancy-failback-plan/1
 * plan=failback-20160127T080000.000Z-e1
 * promoted-node=pbx-b
 * promoted-epoch=1
 * started-at=2016-01-27T08:00:00Z
 * started-by=Jürgen Admin
 * back-up-active=DONE⇥at=2016-01-27T08:05:00Z⇥by=Jürgen Admin⇥evidence=bundle 20160127T080300Z-e1-… of pbx-b
 * release-address=DONE⇥at=2016-01-27T08:10:00Z⇥by=Jürgen Admin
 * shut-down-active=PENDING
 * import-backup=PENDING
 * promote-back=FAILED⇥at=…⇥by=…⇥reason=…
 * restart-phones=PENDING
 * recreate-redundancy=PENDING
 * </pre>
 * Every key in this order, no other; a step's value is its status's kind, then for a done step
 * {@code at}, {@code by} and one {@code evidence} per line, for a failed or skipped one
 * {@code at}, {@code by} and {@code reason}. Free text never holds a tab or a line break (the
 * audit trail's rules), so a value never breaks its line.
 *
 * <p>Reading is strict: a damaged or foreign file is an error that names the file, the line,
 * the value and the rule, never a default, and a plan whose statuses are out of order is
 * refused (it cannot have come about). A plan that forgot a step was done could let the
 * returning node claim the address early, or import an old backup.
 *
 * <p>Not part of the API. Stateless and thread-safe; callers serialise writes.
 */
public final class FailbackPlanFile {
    /** The file's name in the node's directory. */
    public static final String NAME = "failback-plan";
    /** The value of the first line. */
    static final String FORMAT = "pbx-redundancy-failback-plan/1";
    /** Room for seven steps with the most evidence in multi-byte letters. */
    static final int MAX_BYTES = 128 * 1024;

    private static final List<String> HEAD = List.of("format", "plan", "promoted-node", "promoted-epoch", "started-at",
            "started-by");

    private FailbackPlanFile() {
    }

    /**
     * Reads the plan.
     *
     * @param file the file
     * @return the plan; empty if the file does not exist
     * @throws RedundancyException with {@link ReasonCode#UNEXPECTED} if it cannot be read or is
     *     damaged
     */
    public static Optional<FailbackPlan> read(Path file) {
        Map<String, String> fields;
        try {
            fields = StateText.read(file, MAX_BYTES);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new RedundancyException(ReasonCode.UNEXPECTED, "cannot read the failback plan "
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
     * Removes the temporary file of a write a crash interrupted; the change it was for did not
     * happen.
     *
     * @param file the plan's file
     * @return whether there was one
     */
    public static boolean removeLeftover(Path file) {
        Path temp = file.resolveSibling(file.getFileName() + DurableFiles.TEMP_SUFFIX);
        return Files.exists(temp, LinkOption.NOFOLLOW_LINKS) && DurableFiles.deleteQuietly(temp);
    }

    /**
     * Replaces the plan, if the file still holds {@code expected}.
     *
     * @param file the file
     * @param expected what the caller last read or wrote; empty for no file
     * @param next the new plan
     * @throws RedundancyException with {@link ReasonCode#UNEXPECTED} if the file holds something
     *     else (another writer) or is damaged; the file is then unchanged
     * @throws IOException if it cannot be written
     */
    public static void replace(Path file, Optional<FailbackPlan> expected, FailbackPlan next) throws IOException {
        Objects.requireNonNull(next, "next");
        Optional<FailbackPlan> stored = read(file);
        if (!stored.equals(expected)) {
            throw new RedundancyException(ReasonCode.UNEXPECTED, "the failback plan " + PrintableText.quote(
                    file.toString()) + " changed behind this Failback's back (it holds " + stored.map(FailbackPlan::id)
                    .orElse("no plan") + ", expected " + expected.map(FailbackPlan::id).orElse("no plan") + " as last"
                    + " written): only one Failback may use a node's directory; nothing was changed");
        }
        DurableFiles.writeAtomically(file, render(next));
    }

    /**
     * The file's content for a plan.
     *
     * @param plan the plan
     * @return the content
     */
    public static byte[] render(FailbackPlan plan) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("format", FORMAT);
        fields.put("plan", plan.id());
        fields.put("promoted-node", plan.promotedNode());
        fields.put("promoted-epoch", Long.toString(plan.promotedEpoch()));
        fields.put("started-at", plan.startedAt().toString());
        fields.put("started-by", plan.startedBy());
        for (FailbackStep step : FailbackStep.values()) {
            fields.put(step.id(), format(plan.status(step)));
        }
        return StateText.render(fields);
    }

    /**
     * Parses the file's content, as {@link #read} does.
     *
     * @param bytes the content
     * @return the plan
     * @throws IllegalArgumentException naming the line, its key and value, and the rule it breaks
     */
    public static FailbackPlan parse(byte[] bytes) {
        return parse(StateText.parse(bytes, MAX_BYTES));
    }

    static FailbackPlan parse(Map<String, String> fields) {
        List<String> expected = new ArrayList<>(HEAD);
        for (FailbackStep step : FailbackStep.values()) {
            expected.add(step.id());
        }
        List<String> keys = new ArrayList<>(fields.keySet());
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
        Line line = new Line(fields, keys);
        line.value("format", v -> {
            if (!v.equals(FORMAT)) {
                throw new IllegalArgumentException("not " + FORMAT);
            }
            return v;
        }, "must be " + FORMAT + " (is it another program's file?)");
        String id = line.value("plan", v -> v, "");
        String node = line.value("promoted-node", v -> v, "");
        long epoch = line.value("promoted-epoch", AuditLineCodec::decimal, "must be a decimal number from 1");
        Instant startedAt = line.value("started-at", Instant::parse, "must be an instant like 2016-01-27T08:00:00Z");
        String startedBy = line.value("started-by", v -> v, "");
        Map<FailbackStep, FailbackStatus> statuses = new EnumMap<>(FailbackStep.class);
        for (FailbackStep step : FailbackStep.values()) {
            statuses.put(step, line.value(step.id(), FailbackPlanFile::status, ""));
        }
        try {
            return new FailbackPlan(id, node, epoch, startedAt, startedBy, statuses);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the lines do not fit together: " + e.getMessage(), e);
        }
    }

    private static String format(FailbackStatus status) {
        List<String> parts = new ArrayList<>();
        parts.add(status.kind().name());
        if (status instanceof FailbackStatus.Done done) {
            parts.add("at=" + done.at());
            parts.add("by=" + done.by());
            done.evidence().forEach(line -> parts.add("evidence=" + line));
        } else if (status instanceof FailbackStatus.Failed failed) {
            parts.add("at=" + failed.at());
            parts.add("by=" + failed.by());
            parts.add("reason=" + failed.reason());
        } else if (status instanceof FailbackStatus.Skipped skipped) {
            parts.add("at=" + skipped.at());
            parts.add("by=" + skipped.by());
            parts.add("reason=" + skipped.reason());
        }
        return String.join("\t", parts);
    }

    private static FailbackStatus status(String value) {
        String[] parts = value.split("\t", -1);
        FailbackStatus.Kind kind;
        try {
            kind = FailbackStatus.Kind.valueOf(parts[0]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the status " + PrintableText.quote(parts[0]) + " must be one of PENDING,"
                    + " DONE, FAILED, SKIPPED", e);
        }
        if (kind == FailbackStatus.Kind.PENDING) {
            if (parts.length != 1) {
                throw new IllegalArgumentException("a PENDING step has no further fields");
            }
            return FailbackStatus.PENDING;
        }
        Fields fields = new Fields(parts);
        Instant at = Instant.parse(fields.take("at"));
        String by = fields.take("by");
        try {
            if (kind == FailbackStatus.Kind.DONE) {
                List<String> evidence = new ArrayList<>();
                while (fields.hasMore()) {
                    evidence.add(fields.take("evidence"));
                }
                return new FailbackStatus.Done(at, by, evidence);
            }
            String reason = fields.take("reason");
            fields.requireEnd();
            return kind == FailbackStatus.Kind.FAILED ? new FailbackStatus.Failed(at, by, reason)
                    : new FailbackStatus.Skipped(at, by, reason);
        } catch (RedundancyException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static RedundancyException damaged(Path file, String problem) {
        return new RedundancyException(ReasonCode.UNEXPECTED, "the failback plan " + PrintableText.quote(file.toString())
                + " is damaged: " + problem + "; it records which failback steps are done, so the library does not"
                + " guess: restore it from a backup, or write it again from the FAILBACK_ notes in "
                + AuditLogFile.NAME + " in the same directory");
    }

    /** The tab-separated fields of a step's value after its kind, taken in order. */
    private static final class Fields {
        private final String[] parts;
        private int next = 1;

        Fields(String[] parts) {
            this.parts = parts;
        }

        boolean hasMore() {
            return next < parts.length;
        }

        String take(String key) {
            if (!hasMore()) {
                throw new IllegalArgumentException("field " + key + " is missing");
            }
            String part = parts[next];
            if (!part.startsWith(key + "=")) {
                throw new IllegalArgumentException("field " + (next + 1) + " " + PrintableText.quote(part) + " must be "
                        + key + "=...");
            }
            next++;
            return part.substring(key.length() + 1);
        }

        void requireEnd() {
            if (hasMore()) {
                throw new IllegalArgumentException("field " + (next + 1) + " " + PrintableText.quote(parts[next])
                        + " is one too many");
            }
        }
    }

    /** The values of the file's lines, parsed with the line's number in every error. */
    private static final class Line {
        private final Map<String, String> fields;
        private final List<String> keys;

        Line(Map<String, String> fields, List<String> keys) {
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
