package io.github.pbxredundancy.core.promotion;

import io.github.pbxredundancy.core.InputProblem;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.internal.AuditText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where one {@link FailbackStep} of a {@link FailbackPlan} stands: {@link Pending} (not done yet),
 * {@link Done} (with when, by whom and the evidence), {@link Failed} (the library's attempt
 * failed; it may be tried again) or {@link Skipped} (only a {@linkplain FailbackStep#skippable()
 * skippable} step). Done and skipped are final: such a step never changes again.
 *
 * <p>The texts follow the audit trail's rules (they are recorded in it verbatim): the operator
 * rule for {@code by}, the reason rule for reasons, the check rule for evidence lines.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface FailbackStatus permits FailbackStatus.Pending, FailbackStatus.Done, FailbackStatus.Failed,
        FailbackStatus.Skipped {
    /** The most evidence lines a done step keeps (the audit note adds two of its own). */
    int MAX_EVIDENCE = AuditContext.MAX_CHECKS - 2;

    /** The kinds of status, for messages and the plan file. */
    enum Kind {
        /** Not done yet. */
        PENDING,
        /** Done; final. */
        DONE,
        /** The library's attempt failed; may be tried again. */
        FAILED,
        /** Skipped by an operator; final. */
        SKIPPED
    }

    /**
     * The kind of this status.
     *
     * @return the kind
     */
    Kind kind();

    /**
     * Whether the step will never change again: done or skipped.
     *
     * @return true for {@link Done} and {@link Skipped}
     */
    default boolean isFinal() {
        return kind() == Kind.DONE || kind() == Kind.SKIPPED;
    }

    /** The status of every step of a new plan. */
    Pending PENDING = new Pending();

    /** Not done yet. */
    record Pending() implements FailbackStatus {
        @Override
        public Kind kind() {
            return Kind.PENDING;
        }
    }

    /**
     * Done.
     *
     * @param at when it was recorded
     * @param by who did or confirmed it: an operator's name, or {@code system}
     * @param evidence what shows it was done, one line each, at most {@value #MAX_EVIDENCE}
     *     (e.g. the bundle imported, the promotion's id); possibly empty
     */
    record Done(Instant at, String by, List<String> evidence) implements FailbackStatus {
        /**
         * Validates every part and copies the evidence.
         *
         * @throws InvalidInputException naming each part that breaks its rule
         */
        public Done {
            Objects.requireNonNull(at, "at");
            List<InputProblem> problems = new ArrayList<>();
            checkBy(problems, by);
            if (evidence == null || evidence.size() > MAX_EVIDENCE) {
                problems.add(InputProblem.of("evidence", evidence == null ? null : evidence.size() + " lines",
                        "must be a list of at most " + MAX_EVIDENCE + " lines"));
            } else {
                for (int i = 0; i < evidence.size(); i++) {
                    String problem = AuditText.problem(evidence.get(i), AuditContext.MAX_CHECK_LENGTH, false);
                    if (problem != null) {
                        problems.add(InputProblem.of("evidence[" + i + "]", evidence.get(i), problem));
                    }
                }
            }
            throwIfAny(problems);
            evidence = List.copyOf(evidence);
        }

        @Override
        public Kind kind() {
            return Kind.DONE;
        }
    }

    /**
     * The library's attempt at the step failed; it may be tried again.
     *
     * @param at when it was recorded
     * @param by who asked for the attempt
     * @param reason what failed and what to do, not blank
     */
    record Failed(Instant at, String by, String reason) implements FailbackStatus {
        /**
         * Validates every part.
         *
         * @throws InvalidInputException naming each part that breaks its rule
         */
        public Failed {
            Objects.requireNonNull(at, "at");
            List<InputProblem> problems = new ArrayList<>();
            checkBy(problems, by);
            checkReason(problems, reason);
            throwIfAny(problems);
        }

        @Override
        public Kind kind() {
            return Kind.FAILED;
        }
    }

    /**
     * Skipped by an operator, with a reason; only a {@linkplain FailbackStep#skippable()
     * skippable} step.
     *
     * @param at when it was recorded
     * @param by who skipped it
     * @param reason why, not blank
     */
    record Skipped(Instant at, String by, String reason) implements FailbackStatus {
        /**
         * Validates every part.
         *
         * @throws InvalidInputException naming each part that breaks its rule
         */
        public Skipped {
            Objects.requireNonNull(at, "at");
            List<InputProblem> problems = new ArrayList<>();
            checkBy(problems, by);
            checkReason(problems, reason);
            throwIfAny(problems);
        }

        @Override
        public Kind kind() {
            return Kind.SKIPPED;
        }
    }

    private static void checkBy(List<InputProblem> problems, String by) {
        String problem = AuditText.problem(by, AuditContext.MAX_OPERATOR_LENGTH, false);
        if (problem != null) {
            problems.add(InputProblem.of("by", by, problem));
        }
    }

    private static void checkReason(List<InputProblem> problems, String reason) {
        String problem = AuditText.problem(reason, AuditContext.MAX_REASON_LENGTH, false);
        if (problem != null) {
            problems.add(InputProblem.of("reason", reason, problem));
        }
    }

    private static void throwIfAny(List<InputProblem> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }
}
