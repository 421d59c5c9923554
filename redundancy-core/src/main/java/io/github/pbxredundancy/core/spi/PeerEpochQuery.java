package io.github.pbxredundancy.core.spi;

import java.time.Duration;

/**
 * Asks the other node of the pair for its fencing epoch (B1), over whatever channel the host
 * has to it (an HTTPS call to the peer's web application, a command over SSH, a shared
 * database). A former active asks before it claims the pair's address at start
 * ({@code io.github.pbxredundancy.core.promotion.StartupGuard}): if the standby was promoted
 * while this node was down, the peer's epoch is higher and this node must stay passive.
 *
 * <p>The peer answers with the highest epoch it knows: its node's epoch or its receiver's,
 * whichever is higher ({@code EpochFence#pairEpoch()} on the peer).
 *
 * <p>The rules for implementers:
 * <ul>
 *   <li>Block for at most about the timeout given.</li>
 *   <li>Answer {@link PeerEpoch.Answered} only with an epoch the peer itself reported, and
 *       {@link PeerEpoch.Unreachable} whenever it could not ask or the answer is not to be
 *       trusted (refused connection, timeout, authentication failure, a malformed answer). Never
 *       guess an epoch: a guessed 0 would let a replaced active claim the address again (R34).</li>
 *   <li>Do not throw; what {@link #ask} throws counts as {@link PeerEpoch.Unreachable}.</li>
 * </ul>
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface PeerEpochQuery {
    /**
     * Asks the peer once.
     *
     * @param timeout how long to wait for the answer; more than zero
     * @return the answer; never {@code null}
     */
    PeerEpoch ask(Duration timeout);
}
