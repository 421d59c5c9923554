package io.github.pbxredundancy.core.spi;

import io.github.pbxredundancy.license.PrintableText;

/**
 * What one {@link LivenessProbe} found out about the active node in one look (B2).
 *
 * <p>Three answers, because "I could not tell" must never be mistaken for "it is dead":
 * <ul>
 *   <li>{@link Alive}: something answered at the active's address. One such answer anywhere
 *       refuses a promotion.</li>
 *   <li>{@link NoAnswer}: the probe asked and nothing answered in time (timed out, no route to
 *       the host, host unreachable). Only this counts as evidence that the active is down.</li>
 *   <li>{@link Unknown}: the probe could not ask or could not decide (ICMP not permitted, the
 *       standby's own network down, the probe threw or hung). Never evidence either way.</li>
 * </ul>
 *
 * <p>The texts come from probes, some of them the host's, and end up in log lines, e-mails and
 * the audit trail, so each record cleans its text: a text of printable ASCII of at most
 * {@value #MAX_TEXT_LENGTH} characters is kept as it is; any other (line breaks, control or
 * non-ASCII characters, too long) is replaced by its {@link PrintableText#quote quoted and
 * escaped} form, cut to {@value PrintableText#MAX_LENGTH} characters; a missing or blank text
 * becomes {@code (no details)}. The records thus never throw on their text, so a probe cannot
 * fail by describing what it saw.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface ProbeResult permits ProbeResult.Alive, ProbeResult.NoAnswer, ProbeResult.Unknown {
    /** The longest text kept unchanged; longer ones are quoted and cut. */
    int MAX_TEXT_LENGTH = 200;

    /**
     * The evidence or reason, cleaned: one line of printable ASCII.
     *
     * @return the text, never empty
     */
    String text();

    /**
     * Whether the probe could decide: {@link Alive} or {@link NoAnswer}.
     *
     * @return false only for {@link Unknown}
     */
    default boolean decisive() {
        return !(this instanceof Unknown);
    }

    /**
     * The result for a message, e.g. {@code no answer (connection timed out after 2 s)}.
     *
     * @return one line
     */
    default String describe() {
        String kind = this instanceof Alive ? "alive" : this instanceof NoAnswer ? "no answer" : "unknown";
        return kind + " (" + text() + ")";
    }

    /**
     * Something answered at the active's address: a TCP connection was accepted or refused (the
     * host's network stack sent a reset), a ping was answered, the host's own probe saw the
     * active running. The active is not down.
     *
     * @param evidence what answered, e.g. {@code host answered: connection refused on port 5060};
     *     cleaned as described on {@link ProbeResult}
     */
    record Alive(String evidence) implements ProbeResult {
        /** Cleans the evidence. */
        public Alive {
            evidence = clean(evidence);
        }

        @Override
        public String text() {
            return evidence;
        }
    }

    /**
     * Nothing answered: the probe asked and the time ran out, or the network reported the host
     * unreachable. Evidence that the active is down.
     *
     * @param evidence which kind of silence, e.g. {@code connection timed out after 2 s} or
     *     {@code no route to host}; cleaned as described on {@link ProbeResult}
     */
    record NoAnswer(String evidence) implements ProbeResult {
        /** Cleans the evidence. */
        public NoAnswer {
            evidence = clean(evidence);
        }

        @Override
        public String text() {
            return evidence;
        }
    }

    /**
     * The probe could not decide: it was not permitted to ask, the standby's own network is
     * down, it threw, or it did not return in time. Evidence of nothing.
     *
     * @param reason why, e.g. {@code the standby has no route to the network}; cleaned as
     *     described on {@link ProbeResult}
     */
    record Unknown(String reason) implements ProbeResult {
        /** Cleans the reason. */
        public Unknown {
            reason = clean(reason);
        }

        @Override
        public String text() {
            return reason;
        }
    }

    private static String clean(String raw) {
        if (raw == null || raw.isBlank()) {
            return "(no details)";
        }
        if (raw.length() <= MAX_TEXT_LENGTH && raw.chars().allMatch(c -> c >= ' ' && c <= '~')) {
            return raw;
        }
        return PrintableText.quote(raw);
    }
}
