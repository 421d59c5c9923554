package io.github.pbxredundancy.core.promotion;

/**
 * The states of one node of a redundancy pair. {@link NodeStateMachine} defines the only ways
 * from one to another, {@link NodeLifecycle} keeps a node's state durably. A standby goes
 * {@code NOT_CONFIGURED → AWAITING_INITIAL_IMPORT → WARM_STANDBY → PROMOTING → ACTIVE}; the
 * original active of a pair goes {@code NOT_CONFIGURED → ACTIVE}; an active that learns of a
 * higher fencing epoch goes {@code FENCED}. Failures are states, not exceptions.
 *
 * <table>
 *   <caption>what each state means for the host</caption>
 *   <tr><th>state</th><th>{@link #role()}</th><th>{@link #modulesActive()}</th>
 *       <th>{@link #acceptsWork()}</th><th>{@link #colour()}</th></tr>
 *   <tr><td>NOT_CONFIGURED</td><td>UNCONFIGURED</td><td>no</td><td>no</td><td>ORANGE</td></tr>
 *   <tr><td>AWAITING_INITIAL_IMPORT</td><td>STANDBY</td><td>no</td><td>no</td><td>ORANGE</td></tr>
 *   <tr><td>WARM_STANDBY</td><td>STANDBY</td><td>no</td><td>no</td><td>ORANGE</td></tr>
 *   <tr><td>PROMOTING</td><td>STANDBY</td><td>no</td><td>no</td><td>ORANGE</td></tr>
 *   <tr><td>PROMOTION_FAILED</td><td>STANDBY</td><td>no</td><td>no</td><td>RED</td></tr>
 *   <tr><td>ACTIVE</td><td>ACTIVE</td><td>yes</td><td>yes</td><td>GREEN</td></tr>
 *   <tr><td>FENCED</td><td>FENCED</td><td>no</td><td>no</td><td>RED</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 */
public enum NodeState {
    /**
     * Redundancy is not configured on this node. The state of a node whose state file does not
     * exist yet, and of a standby or fenced node whose redundancy configuration was removed.
     */
    NOT_CONFIGURED(NodeRole.UNCONFIGURED, StatusColour.ORANGE),
    /**
     * Configured as the standby, but the one-time import of the active's full backup (R13) has
     * not happened yet: there is nothing to promote to.
     */
    AWAITING_INITIAL_IMPORT(NodeRole.STANDBY, StatusColour.ORANGE),
    /**
     * An initialised standby that receives and imports the active's backups (R1); the only state
     * a promotion may start from.
     */
    WARM_STANDBY(NodeRole.STANDBY, StatusColour.ORANGE),
    /**
     * A promotion is running its steps (raise the epoch, take over the network, activate the
     * modules, tell the users); which are done is in {@link NodeSnapshot#promotion()}.
     */
    PROMOTING(NodeRole.STANDBY, StatusColour.ORANGE),
    /**
     * A promotion step failed; {@link NodeSnapshot#promotion()} names it. The ways out are
     * {@link Trigger#RETRY} and, while the promotion has not raised the epoch yet,
     * {@link Trigger#ABORT}.
     */
    PROMOTION_FAILED(NodeRole.STANDBY, StatusColour.RED),
    /** The node holds the pair's address, runs its modules and accepts work. */
    ACTIVE(NodeRole.ACTIVE, StatusColour.GREEN),
    /**
     * The node learned that another node holds a higher epoch: it claims no address, runs no
     * modules and replicates nothing, until the failback makes it that node's standby (B5).
     */
    FENCED(NodeRole.FENCED, StatusColour.RED);

    private final NodeRole role;
    private final StatusColour colour;

    NodeState(NodeRole role, StatusColour colour) {
        this.role = role;
        this.colour = colour;
    }

    /**
     * What the node is to its pair. {@link #PROMOTING} and {@link #PROMOTION_FAILED} are still
     * {@link NodeRole#STANDBY}: the node becomes active only when the promotion completes.
     *
     * @return the role
     */
    public NodeRole role() {
        return role;
    }

    /**
     * Whether the host's module configurations must be active (R14): only in {@link #ACTIVE}.
     * During a promotion the module-activation step may already have run; which steps did is in
     * {@link NodeSnapshot#promotion()}, and a promotion that completes ends in {@link #ACTIVE}.
     *
     * @return true only for {@link #ACTIVE}
     */
    public boolean modulesActive() {
        return this == ACTIVE;
    }

    /**
     * Whether the node may serve: claim the pair's address, take calls, accept configuration
     * changes that the pair must keep. Only {@link #ACTIVE} does; at no time do two nodes in
     * this state share an epoch.
     *
     * @return true only for {@link #ACTIVE}
     */
    public boolean acceptsWork() {
        return this == ACTIVE;
    }

    /**
     * The colour a status page shows for the state alone (R32): green for {@link #ACTIVE};
     * orange for the states that are starting or waiting without anything having failed
     * ({@link #NOT_CONFIGURED}, {@link #AWAITING_INITIAL_IMPORT}, {@link #WARM_STANDBY},
     * {@link #PROMOTING}); red where an administrator must decide ({@link #PROMOTION_FAILED},
     * {@link #FENCED}). {@link #NOT_CONFIGURED} is orange, not red: nothing has failed, the node
     * is not set up yet. A status that knows more (a backup older than the RPO, an active on
     * standby licenses) may show a green node orange.
     *
     * @return the colour
     */
    public StatusColour colour() {
        return colour;
    }

    /** Whether a promotion is under way: {@link #PROMOTING} or {@link #PROMOTION_FAILED}. */
    boolean inPromotion() {
        return this == PROMOTING || this == PROMOTION_FAILED;
    }
}
