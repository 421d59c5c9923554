package io.github.pbxredundancy.core.promotion;

import io.github.pbxredundancy.core.InputProblem;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.Notifiers;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.event.PeerUnreachableAtStartup;
import io.github.pbxredundancy.core.internal.AuditText;
import io.github.pbxredundancy.core.internal.DurationText;
import io.github.pbxredundancy.core.spi.Notifier;
import io.github.pbxredundancy.core.spi.PeerEpoch;
import io.github.pbxredundancy.core.spi.PeerEpochQuery;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up check of a former active (B1): before a node that is {@link NodeState#ACTIVE}
 * claims the pair's address after a start, it asks its peer for the pair's fencing epoch
 * ({@link PeerEpochQuery}). While it was down, the standby may have been promoted; then the
 * peer's epoch is higher, and claiming the address would make two active nodes (R34).
 *
 * <table>
 *   <caption>what {@link #check()} decides</caption>
 *   <tr><th>the node</th><th>the peer</th><th>decision</th><th>claim the address</th></tr>
 *   <tr><td>not ACTIVE</td><td>not asked</td><td>{@link StartupDecision.NotActive}</td><td>no</td></tr>
 *   <tr><td>ACTIVE</td><td>answers an epoch not above the node's</td><td>{@link StartupDecision.Claim}</td><td>yes</td></tr>
 *   <tr><td>ACTIVE</td><td>answers a higher epoch</td><td>{@link StartupDecision.Fenced}: the node is now
 *       {@link NodeState#FENCED} ({@link EpochFence#observe})</td><td>no</td></tr>
 *   <tr><td>ACTIVE</td><td>cannot be asked</td><td>{@link StartupDecision.PeerUnreachable}, by the
 *       {@link UnreachablePeerRule}: {@code STAY_PASSIVE_AND_ALERT} (default) or {@code CLAIM_AND_ALERT}</td>
 *       <td>only under {@code CLAIM_AND_ALERT}</td></tr>
 * </table>
 * A fenced node is reported by the fence ({@link io.github.pbxredundancy.core.event.NodeFenced}
 * beside the lifecycle's {@link io.github.pbxredundancy.core.event.NodeStateChanged}); an
 * unreachable peer by {@link PeerUnreachableAtStartup} and a {@code PEER_UNREACHABLE} note in the
 * audit trail. A node that stays passive because the peer cannot be asked remains
 * {@link NodeState#ACTIVE} in its state machine: the host checks again later (e.g. every
 * minute), or an operator decides with {@link #claimWithoutPeer}, recorded as
 * {@code STARTUP_OVERRIDE}.
 *
 * <p>The host acts on {@link StartupDecision#claimAddress()}: only then does it take the address,
 * activate its modules and start its {@link io.github.pbxredundancy.core.Replicator} (whose
 * {@link EpochFence#replicationGate() gate} stops it anyway once the node is fenced).
 *
 * <p>Thread-safe. {@link #check()} blocks for the peer query (at most about the timeout) and the
 * lifecycle's disk writes; events go to the notifier on the calling thread, and what it throws is
 * logged.
 */
public final class StartupGuard {
    /** How long the peer may take to answer unless set otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The longest timeout accepted. */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
    /** The audit note of a check that could not ask the peer. */
    public static final String PEER_UNREACHABLE = "PEER_UNREACHABLE";
    /** The audit note of an operator's decision to claim the address without the peer's epoch. */
    public static final String STARTUP_OVERRIDE = "STARTUP_OVERRIDE";

    private static final Logger LOG = LoggerFactory.getLogger(StartupGuard.class);

    private final EpochFence fence;
    private final NodeLifecycle node;
    private final PeerEpochQuery peer;
    private final Duration timeout;
    private final UnreachablePeerRule rule;
    private final Clock clock;
    private final Notifier notifier;

    private StartupGuard(Builder builder) {
        this.fence = builder.fence;
        this.node = builder.fence.node();
        this.peer = builder.peer;
        this.timeout = builder.timeout;
        this.rule = builder.rule;
        this.clock = builder.clock;
        this.notifier = builder.notifier;
    }

    /**
     * A builder; fence, peer query and clock are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Decides whether the node may claim the pair's address now; see the class description.
     * May be called again, e.g. while the peer stays unreachable.
     *
     * @return the decision
     * @throws RedundancyException with {@link ReasonCode#UNEXPECTED} if the peer holds a higher
     *     epoch but the node's fencing cannot be persisted: the node must not claim the address
     */
    public StartupDecision check() {
        NodeSnapshot now = node.snapshot();
        if (now.state() != NodeState.ACTIVE) {
            return new StartupDecision.NotActive(now.state(), now.epoch(), "This node is " + now.state() + " at epoch "
                    + now.epoch() + ", not ACTIVE: it has no address to claim.");
        }
        PeerEpoch answer = ask();
        if (answer instanceof PeerEpoch.Answered answered) {
            return answered(now, answered);
        }
        return unreachable(now, (PeerEpoch.Unreachable) answer);
    }

    /**
     * An operator's decision that the node claims the pair's address although its peer cannot
     * be asked (the standby is known to be dead or switched off), recorded in the audit trail as
     * {@value #STARTUP_OVERRIDE}. Use it only when the operator knows that the standby was not
     * promoted: otherwise both nodes serve the same address.
     *
     * @param context who decides and why
     * @return the {@link StartupDecision.Overridden} decision
     * @throws RedundancyException with {@link ReasonCode#ILLEGAL_STATE} unless the node is
     *     {@link NodeState#ACTIVE}; with {@link ReasonCode#UNEXPECTED} if the note cannot be
     *     persisted (then nothing was decided)
     */
    public StartupDecision claimWithoutPeer(AuditContext context) {
        Objects.requireNonNull(context, "context");
        NodeSnapshot now = node.snapshot();
        if (now.state() != NodeState.ACTIVE) {
            throw new RedundancyException(ReasonCode.ILLEGAL_STATE, "only an ACTIVE node claims the pair's address;"
                    + " this node is " + now.state() + " at epoch " + now.epoch());
        }
        NodeSnapshot after = node.recordNote(STARTUP_OVERRIDE, context);
        if (after.state() != NodeState.ACTIVE) {
            throw new RedundancyException(ReasonCode.ILLEGAL_STATE, "the node became " + after.state()
                    + " meanwhile; it claims no address");
        }
        String explanation = "Operator " + context.operator() + " decided that this node claims the pair's address at"
                + " epoch " + after.epoch() + " without its peer's epoch"
                + (context.reason().isEmpty() ? "" : " (" + context.reason() + ")") + ".";
        LOG.warn("{}", explanation);
        return new StartupDecision.Overridden(after.epoch(), context, explanation);
    }

    private PeerEpoch ask() {
        try {
            PeerEpoch answer = peer.ask(timeout);
            return answer != null ? answer : new PeerEpoch.Unreachable("the peer", "the peer query returned nothing");
        } catch (Throwable t) {
            LOG.warn("The peer epoch query {} failed", peer, t);
            return new PeerEpoch.Unreachable("the peer", "the peer query failed: " + t);
        }
    }

    private StartupDecision answered(NodeSnapshot now, PeerEpoch.Answered answered) {
        if (answered.epoch() <= now.epoch()) {
            String explanation = answered.peer() + " answered epoch " + answered.epoch() + ", not above this node's epoch "
                    + now.epoch() + ": no promotion happened while this node was down. This node claims the pair's"
                    + " address.";
            LOG.info("{}", explanation);
            return new StartupDecision.Claim(now.epoch(), answered.peer(), answered.epoch(), explanation);
        }
        NodeSnapshot after = fence.learn(answered.epoch(), "at start-up, " + answered.peer() + " answered epoch "
                + answered.epoch());
        String explanation = answered.peer() + " holds epoch " + answered.epoch() + ", higher than this node's epoch "
                + now.epoch() + ": it was promoted while this node was down. This node stays passive"
                + (after.state() == NodeState.FENCED ? " (FENCED)" : " (" + after.state() + ")") + ": it claims no"
                + " address and replicates nothing. Start a failback to make it the standby of " + answered.peer()
                + ".";
        return new StartupDecision.Fenced(now.epoch(), answered.peer(), answered.epoch(), explanation);
    }

    private StartupDecision unreachable(NodeSnapshot now, PeerEpoch.Unreachable unreachable) {
        boolean claim = rule == UnreachablePeerRule.CLAIM_AND_ALERT;
        String explanation = unreachable.peer() + " could not be asked for the pair's epoch (" + unreachable.reason()
                + "), so this node cannot tell whether the standby was promoted while it was down. " + (claim
                        ? "By the rule CLAIM_AND_ALERT it claims the pair's address all the same: check that the other"
                                + " node is not serving it too."
                        : "By the rule STAY_PASSIVE_AND_ALERT it claims nothing: it checks again when the peer is"
                                + " reachable, or an operator decides (claim without the peer, or failback).");
        LOG.error("{}", explanation);
        try {
            node.recordNote(PEER_UNREACHABLE, AuditContext.system(AuditText.safe(explanation, AuditContext.MAX_REASON_LENGTH),
                    List.of("peer " + AuditText.safe(unreachable.peer(), AuditContext.MAX_CHECK_LENGTH - 5),
                            "rule " + rule)));
        } catch (RedundancyException e) {
            LOG.error("Cannot record the unreachable peer in the audit trail", e);
        }
        PeerUnreachableAtStartup event = new PeerUnreachableAtStartup(clock.instant(), now.state(), now.epoch(),
                unreachable.peer(), unreachable.reason(), rule, claim, explanation, AuditContext.SYSTEM);
        try {
            notifier.notify(event);
        } catch (Throwable t) {
            LOG.warn("Notifier {} failed on PeerUnreachableAtStartup", notifier, t);
        }
        return new StartupDecision.PeerUnreachable(now.epoch(), unreachable.peer(), unreachable.reason(), rule,
                explanation);
    }

    /**
     * Collects a {@link StartupGuard}'s settings; {@link #build()} checks them together.
     *
     * <p>Not thread-safe; use one builder per thread.
     */
    public static final class Builder {
        private EpochFence fence;
        private PeerEpochQuery peer;
        private Duration timeout = DEFAULT_TIMEOUT;
        private UnreachablePeerRule rule = UnreachablePeerRule.STAY_PASSIVE_AND_ALERT;
        private Clock clock;
        private Notifier notifier = Notifiers.logging();

        private Builder() {
        }

        /**
         * The node's fence, which records a higher epoch and fences the node. Required.
         *
         * @param fence the fence
         * @return this builder
         */
        public Builder fence(EpochFence fence) {
            this.fence = fence;
            return this;
        }

        /**
         * How to ask the peer. Required.
         *
         * @param peer the host's query
         * @return this builder
         */
        public Builder peer(PeerEpochQuery peer) {
            this.peer = peer;
            return this;
        }

        /**
         * How long the peer may take to answer; {@link #DEFAULT_TIMEOUT} unless set.
         *
         * @param timeout more than 0, at most {@link #MAX_TIMEOUT}
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * What to do when the peer cannot be asked;
         * {@link UnreachablePeerRule#STAY_PASSIVE_AND_ALERT} unless set.
         *
         * @param rule the rule
         * @return this builder
         */
        public Builder unreachablePeerRule(UnreachablePeerRule rule) {
            this.rule = rule;
            return this;
        }

        /**
         * The clock for the events' times. Required.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Hears {@link PeerUnreachableAtStartup}; {@link Notifiers#logging()} unless set.
         *
         * @param notifier the notifier
         * @return this builder
         */
        public Builder notifier(Notifier notifier) {
            this.notifier = notifier;
            return this;
        }

        /**
         * Checks the settings and builds the guard.
         *
         * @return the guard
         * @throws InvalidInputException naming every missing or out-of-range setting
         */
        public StartupGuard build() {
            List<InputProblem> problems = new ArrayList<>();
            required(problems, "fence", fence);
            required(problems, "peer", peer);
            required(problems, "unreachablePeerRule", rule);
            required(problems, "clock", clock);
            required(problems, "notifier", notifier);
            if (timeout == null || timeout.compareTo(Duration.ZERO) <= 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
                problems.add(InputProblem.of("timeout", timeout == null ? null : timeout.toString(),
                        "must be more than 0 and at most " + DurationText.of(MAX_TIMEOUT)));
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            return new StartupGuard(this);
        }

        private static void required(List<InputProblem> problems, String field, Object value) {
            if (value == null) {
                problems.add(InputProblem.of(field, null, "is required"));
            }
        }
    }
}
