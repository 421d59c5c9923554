package io.github.pbxredundancy.core.promotion;

import io.github.pbxredundancy.core.BundleId;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.ReasonCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A node's status for a host's status page (R32), as {@link NodeStatusProbe#status()} put it
 * together: what the node is, its fencing epoch, a traffic-light colour, how old its newest
 * bundle is against the RPO (R21), and the last error.
 *
 * <p>The colour is the state's ({@link NodeState#colour()}), except that an
 * {@link NodeState#ACTIVE} node whose last bundle is {@linkplain BundleAge#overdue() overdue}
 * shows {@link StatusColour#ORANGE}: it serves, but its standby's data is older than the pair
 * promises, so an emergency promotion would lose more than the RPO. Orange and red states stay
 * as they are.
 *
 * <p>Immutable and thread-safe.
 *
 * @param at when the status was taken, by the probe's clock
 * @param role what the node is to its pair
 * @param state the node's state
 * @param epoch the node's fencing epoch (B1)
 * @param colour green available, orange starting or degraded, red failed
 * @param lastBundle the newest bundle against the RPO: on an active the last one its standby
 *     accepted, on a standby the last one it accepted; empty for other roles, or when the probe
 *     has no replicator (active) or receiver (standby)
 * @param lastError the most recent failure the node's replicator or receiver reported, if any;
 *     it stays after a recovery, so compare its time with the last bundle's
 * @param lastChange the last entry of the node's audit trail: who brought it into its state,
 *     when and why (e.g. the epoch that fenced it); empty for a node never configured
 */
public record NodeStatus(Instant at, NodeRole role, NodeState state, long epoch, StatusColour colour,
                         Optional<BundleAge> lastBundle, Optional<LastError> lastError,
                         Optional<AuditEntry> lastChange) {

    /** Validates that every part is present and the role and colour fit the state. */
    public NodeStatus {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(lastBundle, "lastBundle");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(lastChange, "lastChange");
        if (epoch < 0) {
            throw InvalidInputException.of("epoch", Long.toString(epoch), "must be 0 or more");
        }
        if (role != state.role()) {
            throw InvalidInputException.of("role", role.name(), "must be the role of state " + state + ", " + state.role());
        }
        if (colour != state.colour() && !(state.colour() == StatusColour.GREEN && colour == StatusColour.ORANGE)) {
            throw InvalidInputException.of("colour", colour.name(), "must be the colour of state " + state + ", "
                    + state.colour() + ", or orange for a degraded green state");
        }
    }

    /**
     * Whether the last bundle is overdue: the standby's data is older than the RPO.
     *
     * @return true if {@link #lastBundle()} is present and overdue
     */
    public boolean degraded() {
        return lastBundle.map(BundleAge::overdue).orElse(false);
    }

    /**
     * The newest bundle's age against the RPO. The rule is the standby watchdog's
     * ({@link io.github.pbxredundancy.core.StandbyWatchdog}): from the <em>reference</em>, the
     * instant the newest bundle was accepted (or, while none is known, the instant the probe was
     * built), the next bundle is due by the schedule's next run after the reference, plus the
     * active's retry span, plus a grace. The RPO is the time from the reference to that deadline;
     * it follows the calendar (months, daylight-saving days).
     *
     * <p>Immutable and thread-safe.
     *
     * @param bundleId the newest bundle; empty if none is known
     * @param acceptedAt when it was accepted; empty exactly when {@code bundleId} is
     * @param age how long since the reference, never negative: the bundle's age, or while no
     *     bundle is known the time the probe has waited for one
     * @param rpo how old it may get: from the reference to {@code dueBy}
     * @param dueBy by when the next bundle is due
     */
    public record BundleAge(Optional<BundleId> bundleId, Optional<Instant> acceptedAt, Duration age, Duration rpo,
                            Instant dueBy) {
        /** Validates the parts. */
        public BundleAge {
            Objects.requireNonNull(bundleId, "bundleId");
            Objects.requireNonNull(acceptedAt, "acceptedAt");
            Objects.requireNonNull(age, "age");
            Objects.requireNonNull(rpo, "rpo");
            Objects.requireNonNull(dueBy, "dueBy");
            if (bundleId.isPresent() != acceptedAt.isPresent()) {
                throw InvalidInputException.of("acceptedAt", acceptedAt.map(Instant::toString).orElse(null),
                        "must be present exactly when a bundle is");
            }
            if (age.isNegative() || rpo.isNegative()) {
                throw InvalidInputException.of(age.isNegative() ? "age" : "rpo", (age.isNegative() ? age : rpo).toString(),
                        "must not be negative");
            }
        }

        /**
         * Whether the next bundle is overdue: the age has reached the RPO.
         *
         * @return {@code age >= rpo}
         */
        public boolean overdue() {
            return age.compareTo(rpo) >= 0;
        }
    }

    /**
     * A failure the node reported.
     *
     * <p>Immutable and thread-safe.
     *
     * @param at when it happened
     * @param source which part of the node reported it
     * @param reason its code
     * @param message one line for the administrator
     */
    public record LastError(Instant at, Source source, ReasonCode reason, String message) {
        /** Validates that every part is present. */
        public LastError {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Which part of a node reported a failure. */
    public enum Source {
        /** The active's replication: a failed attempt or a run that gave up. */
        REPLICATION,
        /** The standby's receiver refused a bundle. */
        RECEIVER,
        /** The standby could not import a bundle it keeps. */
        IMPORT
    }
}
