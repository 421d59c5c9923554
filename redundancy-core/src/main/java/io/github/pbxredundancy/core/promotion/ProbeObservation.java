package io.github.pbxredundancy.core.promotion;

import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.internal.AuditText;
import io.github.pbxredundancy.core.spi.LivenessProbe;
import io.github.pbxredundancy.core.spi.ProbeResult;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One look of one {@link LivenessProbe} during an {@link ActiveDownCheck}: the evidence a
 * {@link DownVerdict} is made of, and what the audit trail records.
 *
 * <p>Immutable and thread-safe.
 *
 * @param at when the check had the result, by its clock (for a probe that did not answer in
 *     time: when the check stopped waiting)
 * @param probe the probe's {@linkplain LivenessProbe#name() name}: 1 to
 *     {@value #MAX_PROBE_NAME_LENGTH} printable characters
 * @param result what the probe found
 */
public record ProbeObservation(Instant at, String probe, ProbeResult result) {
    /** The longest probe name accepted. */
    public static final int MAX_PROBE_NAME_LENGTH = 100;

    /**
     * Validates the parts.
     *
     * @throws InvalidInputException if the probe name breaks its rule
     */
    public ProbeObservation {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(result, "result");
        String problem = AuditText.problem(probe, MAX_PROBE_NAME_LENGTH, false);
        if (problem != null) {
            throw InvalidInputException.of("probe", probe, problem);
        }
    }

    /**
     * The observation on one line, with the time in UTC, e.g.
     * {@code 2016-01-26T12:00:05Z tcp 192.168.1.10:5060 (SIP): no answer (...)}.
     *
     * @return the line
     */
    public String line() {
        return line(ZoneOffset.UTC);
    }

    /**
     * The observation on one line, with the time in the given zone.
     *
     * @param zone the operator's zone
     * @return the line
     */
    public String line(ZoneId zone) {
        return time(at, zone) + " " + probe + ": " + result.describe();
    }

    /** An instant for the operator: ISO-8601 with the zone's offset, to the millisecond at most. */
    static String time(Instant instant, ZoneId zone) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.truncatedTo(ChronoUnit.MILLIS).atZone(zone));
    }
}
