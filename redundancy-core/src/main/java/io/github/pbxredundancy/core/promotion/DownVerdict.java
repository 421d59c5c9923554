package io.github.pbxredundancy.core.promotion;

import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.internal.DurationText;
import io.github.pbxredundancy.core.internal.MessageText;
import io.github.pbxredundancy.core.spi.ProbeResult;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of an {@link ActiveDownCheck}: whether the active node is confirmed down, the
 * precondition of a promotion (R15, B2), with the evidence.
 *
 * <ul>
 *   <li>{@link ConfirmedDown}: every round of the confirmation period had enough probes without
 *       an answer and none with one. The promotion may go ahead.</li>
 *   <li>{@link SignOfLife}: a probe got an answer. The promotion is refused.</li>
 *   <li>{@link Inconclusive}: too few probes could decide. The promotion is refused.</li>
 * </ul>
 * Only an operator's {@link DownOverride}, recorded with its reason, can promote without a
 * {@code ConfirmedDown}.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface DownVerdict permits DownVerdict.ConfirmedDown, DownVerdict.SignOfLife, DownVerdict.Inconclusive {

    /**
     * Every observation the check made, in the order it had them.
     *
     * @return the evidence, unmodifiable
     */
    List<ProbeObservation> evidence();

    /**
     * Whether the active is confirmed down.
     *
     * @return true only for {@link ConfirmedDown}
     */
    default boolean confirmedDown() {
        return this instanceof ConfirmedDown;
    }

    /**
     * The verdict for the operator and the audit trail, times in UTC: a headline, then one line
     * per probe with how often it answered, stayed silent or could not decide, and its last result.
     *
     * @return the lines, the headline first
     */
    default List<String> summary() {
        return summary(ZoneOffset.UTC);
    }

    /**
     * As {@link #summary()}, with times in the given zone.
     *
     * @param zone the operator's zone
     * @return the lines, the headline first
     */
    List<String> summary(ZoneId zone);

    /**
     * Nothing answered: in each of {@code rounds} rounds from {@code from} to {@code until} enough
     * probes got no answer and none got one.
     *
     * @param from when the first round started
     * @param until when the last round ended, at least the confirmation period after {@code from}
     * @param rounds how many rounds, at least 1
     * @param evidence every observation; not empty, none of them {@link ProbeResult.Alive}
     */
    record ConfirmedDown(Instant from, Instant until, int rounds, List<ProbeObservation> evidence)
            implements DownVerdict {
        /**
         * Validates the parts.
         *
         * @throws InvalidInputException if {@code until} is before {@code from}, {@code rounds} is
         *     less than 1, or the evidence is empty or holds a sign of life
         */
        public ConfirmedDown {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(until, "until");
            evidence = List.copyOf(evidence);
            if (until.isBefore(from)) {
                throw InvalidInputException.of("until", until.toString(), "must not be before from " + from);
            }
            if (rounds < 1) {
                throw InvalidInputException.of("rounds", Integer.toString(rounds), "must be at least 1");
            }
            if (evidence.isEmpty()) {
                throw InvalidInputException.of("evidence", "[]", "must not be empty: a confirmation needs observations");
            }
            requireNoSignOfLife(evidence);
        }

        /**
         * How long the active was seen down.
         *
         * @return from {@code from} to {@code until}
         */
        public Duration duration() {
            return Duration.between(from, until);
        }

        @Override
        public List<String> summary(ZoneId zone) {
            Objects.requireNonNull(zone, "zone");
            return withProbes("The active is confirmed down: in " + rounds + (rounds == 1 ? " round" : " rounds")
                    + " from " + ProbeObservation.time(from, zone) + " to " + ProbeObservation.time(until, zone) + " ("
                    + DurationText.of(duration()) + ") nothing answered any probe; the promotion may go ahead.",
                    evidence);
        }
    }

    /**
     * Something answered: the active is not down, and the check ended at this answer.
     *
     * @param observation the answer: a {@link ProbeResult.Alive}
     * @param evidence every observation up to and including it
     */
    record SignOfLife(ProbeObservation observation, List<ProbeObservation> evidence) implements DownVerdict {
        /**
         * Validates the parts.
         *
         * @throws InvalidInputException if the observation is not a sign of life or not part of
         *     the evidence
         */
        public SignOfLife {
            Objects.requireNonNull(observation, "observation");
            evidence = List.copyOf(evidence);
            if (!(observation.result() instanceof ProbeResult.Alive)) {
                throw InvalidInputException.of("observation", observation.line(), "must be a sign of life (Alive)");
            }
            if (!evidence.contains(observation)) {
                throw InvalidInputException.of("evidence", evidence.size() + " observations",
                        "must contain the sign of life " + observation.line());
            }
        }

        @Override
        public List<String> summary(ZoneId zone) {
            Objects.requireNonNull(zone, "zone");
            return withProbes(observation.probe() + " answered at " + ProbeObservation.time(observation.at(), zone)
                    + ": " + observation.result().text() + ". The active is not down; the promotion is refused.",
                    evidence);
        }
    }

    /**
     * Too few probes could decide in a round (or the check could not go on), so there is not
     * enough independent evidence that the active is down; nothing answered either.
     *
     * @param reason what was missing, one line; e.g. {@code in round 3 only 1 of 4 probes could
     *     decide, at least 2 must find no answer}
     * @param evidence every observation so far; none of them {@link ProbeResult.Alive}
     */
    record Inconclusive(String reason, List<ProbeObservation> evidence) implements DownVerdict {
        /**
         * Validates the parts; the reason is made one printable line.
         *
         * @throws InvalidInputException if the reason is blank or the evidence holds a sign of life
         */
        public Inconclusive {
            if (reason == null || reason.isBlank()) {
                throw InvalidInputException.of("reason", reason, "must say why the check is inconclusive");
            }
            reason = MessageText.oneLine(reason);
            evidence = List.copyOf(evidence);
            requireNoSignOfLife(evidence);
        }

        @Override
        public List<String> summary(ZoneId zone) {
            Objects.requireNonNull(zone, "zone");
            return withProbes("Could not confirm that the active is down: " + reason + ". The promotion is refused"
                    + " unless an operator overrides it with a reason.", evidence);
        }
    }

    private static void requireNoSignOfLife(List<ProbeObservation> evidence) {
        for (ProbeObservation observation : evidence) {
            if (observation.result() instanceof ProbeResult.Alive) {
                throw InvalidInputException.of("evidence", observation.line(),
                        "is a sign of life: the verdict must be SignOfLife");
            }
        }
    }

    /** The headline, then per probe (in order of first appearance) its counts and last result. */
    private static List<String> withProbes(String headline, List<ProbeObservation> evidence) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, ProbeResult> last = new LinkedHashMap<>();
        for (ProbeObservation observation : evidence) {
            int[] count = counts.computeIfAbsent(observation.probe(), name -> new int[3]);
            ProbeResult result = observation.result();
            count[result instanceof ProbeResult.Alive ? 0 : result instanceof ProbeResult.NoAnswer ? 1 : 2]++;
            last.put(observation.probe(), result);
        }
        List<String> lines = new ArrayList<>(counts.size() + 1);
        lines.add(headline);
        counts.forEach((probe, count) -> {
            List<String> parts = new ArrayList<>(3);
            if (count[0] > 0) {
                parts.add("answered " + times(count[0]));
            }
            if (count[1] > 0) {
                parts.add("no answer " + times(count[1]));
            }
            if (count[2] > 0) {
                parts.add("could not decide " + times(count[2]));
            }
            lines.add(probe + ": " + String.join(", ", parts) + "; last: " + last.get(probe).describe());
        });
        return List.copyOf(lines);
    }

    private static String times(int count) {
        return count == 1 ? "once" : count + " times";
    }
}
