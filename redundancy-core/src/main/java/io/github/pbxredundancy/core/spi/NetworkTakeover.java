package io.github.pbxredundancy.core.spi;

import io.github.pbxredundancy.core.Node;

/**
 * The promotion step that makes the standby answer at the active's IPv4 address (R2, R15), so
 * that phones and every IP-based client keep working without being reconfigured. Only the host
 * knows how its operating system's network is configured, so the library asks it.
 *
 * <p>What {@link #takeOver} must do, in the host's own way (a configuration file and
 * {@code ifup}, NetworkManager, {@code ip addr add}, a hypervisor API):
 * <ul>
 *   <li>Apply the active's address and prefix length ({@link Node#address()},
 *       {@link Node#prefixLength()}) to the interface in the pair's subnet, with the subnet's
 *       default gateway and DNS settings the host keeps for the pair (both nodes are in the same
 *       subnet, R4, so the gateway is the same). Whether the standby keeps its own address as a
 *       second one (useful for the failback) or gives it up is the host's choice.</li>
 *   <li><b>Announce the address</b> once it is up: switches, the router and the phones still
 *       hold the dead active's MAC address in their ARP caches for minutes. Send gratuitous ARP
 *       (e.g. {@code arping -U -c 3 -I eth0 192.168.1.10}; {@code arping -A} where unsolicited
 *       replies are needed), so that traffic for the address reaches this node at once.</li>
 *   <li>Make the change permanent, so the node comes back up with the address after a reboot.</li>
 * </ul>
 *
 * <p><b>Idempotent.</b> A promotion that stopped (a crash, a failed later step) runs this step
 * again if it was not recorded as completed, possibly after it did all its work. Called again
 * with the address already in place, it must succeed without changing anything (and may
 * announce the address again). Return only when the address is applied and announced; throw
 * (any exception, with a message for the administrator) if it could not be: the promotion then
 * stops in {@code PROMOTION_FAILED} naming this step, and the operator retries once the cause is
 * fixed. A typical cause is the address still being in use: the old active, or whatever answers
 * for it, must give it up first.
 *
 * <p>Threads: called on the promoter's executor, never twice at once by one promoter. The
 * library sets no time limit: a host whose network tools can hang must bound them itself and
 * throw when the bound is exceeded.
 */
@FunctionalInterface
public interface NetworkTakeover {
    /**
     * Takes over the active's IPv4 settings on this node and announces the address; see the
     * type's description.
     *
     * @param active the node whose address to take, as configured in the pair
     * @throws RuntimeException if the address could not be taken over; the message is shown to
     *     the administrator and recorded
     */
    void takeOver(Node active);
}
