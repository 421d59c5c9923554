package io.github.pbxredundancy.core.internal.promotion;

import io.github.pbxredundancy.core.promotion.AuditContext;
import io.github.pbxredundancy.core.promotion.AuditEntry;
import io.github.pbxredundancy.core.promotion.NodeState;
import io.github.pbxredundancy.license.PrintableText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One {@link AuditEntry} as one line of text: {@code key=value} fields separated by tabs, in a
 * fixed order, e.g. (tabs shown as {@code ⇥})
 * <pre>
 * at=2016-01-26T06:00:00Z⇥action=PROMOTION_REQUESTED⇥from=WARM_STANDBY⇥to=PROMOTING⇥epoch=3⇥promotion=20160126T060000.000Z-e3⇥operator=Jürgen Admin⇥reason=active burnt down⇥check=probes down 60s
 * </pre>
 * Fields: {@code at}, {@code action}, {@code from}, {@code to}, {@code epoch}, optionally
 * {@code promotion} and {@code step}, {@code operator}, {@code reason}, then one {@code check}
 * per check. Free text cannot hold a tab or a line break (the operator free-text rule), so a
 * value never breaks the line; it is stored as the operator wrote it. Used for the audit trail's
 * lines and for the node state file's record of the last change, so both compare exactly.
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
public final class AuditLineCodec {
    private AuditLineCodec() {
    }

    /**
     * Renders an entry.
     *
     * @param entry the entry
     * @return the line, without a line feed
     */
    public static String format(AuditEntry entry) {
        List<String> fields = new ArrayList<>();
        fields.add("at=" + entry.at());
        fields.add("action=" + entry.action());
        fields.add("from=" + entry.from());
        fields.add("to=" + entry.to());
        fields.add("epoch=" + entry.epoch());
        entry.promotionId().ifPresent(id -> fields.add("promotion=" + id));
        entry.step().ifPresent(step -> fields.add("step=" + step));
        AuditContext context = entry.context();
        fields.add("operator=" + context.operator());
        fields.add("reason=" + context.reason());
        context.checks().forEach(check -> fields.add("check=" + check));
        return String.join("\t", fields);
    }

    /**
     * Parses a line made by {@link #format}.
     *
     * @param line the line, without its line feed
     * @return the entry
     * @throws IllegalArgumentException naming the field, its value and the rule it breaks
     */
    public static AuditEntry parse(String line) {
        Fields fields = new Fields(line.split("\t", -1));
        Instant at = fields.take("at", Instant::parse, "must be an instant like 2016-01-26T05:00:00Z");
        String action = fields.take("action", v -> v, "");
        NodeState from = fields.take("from", NodeState::valueOf, "must be one of " + states());
        NodeState to = fields.take("to", NodeState::valueOf, "must be one of " + states());
        long epoch = fields.take("epoch", AuditLineCodec::decimal, "must be a decimal number from 0");
        Optional<String> promotion = fields.optional("promotion");
        Optional<String> step = fields.optional("step");
        String operator = fields.take("operator", v -> v, "");
        String reason = fields.take("reason", v -> v, "");
        List<String> checks = new ArrayList<>();
        while (fields.hasMore()) {
            checks.add(fields.take("check", v -> v, ""));
        }
        try {
            return new AuditEntry(at, action, from, to, epoch, promotion, step, new AuditContext(operator, reason,
                    checks));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Parses an epoch or a count: a decimal number from 0, without sign or leading zeros.
     *
     * @param text the text
     * @return the number
     * @throws IllegalArgumentException if it is not one
     */
    static long decimal(String text) {
        if (!text.matches("0|[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException("not a decimal number");
        }
        return Long.parseLong(text);
    }

    private static String states() {
        return Arrays.stream(NodeState.values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    /** The fields of a line, taken in order. */
    private static final class Fields {
        private final String[] parts;
        private int next;

        Fields(String[] parts) {
            this.parts = parts;
        }

        boolean hasMore() {
            return next < parts.length;
        }

        <T> T take(String key, Function<String, T> parser, String rule) {
            if (!hasMore()) {
                throw new IllegalArgumentException("field " + (next + 1) + " " + key + " is missing (line cut short?)");
            }
            String part = parts[next];
            String prefix = key + "=";
            if (!part.startsWith(prefix)) {
                throw new IllegalArgumentException("field " + (next + 1) + " " + PrintableText.quote(part)
                        + " must be " + key + "=...");
            }
            String value = part.substring(prefix.length());
            next++;
            try {
                return parser.apply(value);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("field " + next + " " + key + " " + PrintableText.quote(value) + ": "
                        + rule, e);
            }
        }

        Optional<String> optional(String key) {
            return hasMore() && parts[next].startsWith(key + "=") ? Optional.of(take(key, v -> v, "")) : Optional.empty();
        }
    }
}
