package io.github.pbxredundancy.core.spi;

import java.time.Duration;

/**
 * One independent way to ask whether the active node is still alive, for the check that must
 * confirm it is down before the standby is promoted (R15, B2).
 *
 * <p>The library ships TCP and ICMP probes ({@code io.github.pbxredundancy.core.promotion.LivenessProbes});
 * a host adds its own where it knows more, e.g. asking the hypervisor whether the active's
 * virtual machine is powered off, the active's management board (IPMI), a switch port's link
 * state, or a third node that can see the active over another path. The more independent the
 * probes are of each other and of the standby's own network, the better the evidence: a standby
 * cut off from the network by a broken switch sees the same silence as one whose active died.
 *
 * <p>The rules for implementers:
 * <ul>
 *   <li>{@link #probe} blocks for at most about the timeout it is given; the check does not
 *       wait much longer (until its next round is due) and then counts the probe as
 *       {@link ProbeResult.Unknown}, and does not start it again while the late call is still
 *       running.</li>
 *   <li>Answer {@link ProbeResult.Alive} on any sign that something still runs at the active's
 *       address, {@link ProbeResult.NoAnswer} only when the probe asked and nothing answered,
 *       and {@link ProbeResult.Unknown} whenever it could not ask or cannot tell. When in doubt,
 *       prefer {@code Alive} over {@code NoAnswer}: a wrong "alive" only refuses a promotion,
 *       which an operator can override with a reason; a wrong "no answer" can promote the standby
 *       while the active still holds its address (two nodes answering for one IP, two PBXs
 *       accepting calls).</li>
 *   <li>Do not throw. What {@link #probe} throws is not evidence that the active is down: the
 *       check logs it and counts the look as {@link ProbeResult.Unknown}.</li>
 * </ul>
 *
 * <p>Implementations must be thread-safe: several checks, and a check's rounds after a probe
 * that did not return in time, may call {@link #probe} concurrently.
 */
public interface LivenessProbe {

    /**
     * A short name for messages and the audit trail, unique among the probes of one check and
     * the same on every call, e.g. {@code tcp 192.168.1.10:5060 (SIP)}: 1 to 100 printable
     * characters, no line breaks.
     *
     * @return the name
     */
    String name();

    /**
     * Looks once whether the active is alive; blocks for at most about {@code timeout}.
     *
     * @param timeout how long to wait for an answer; more than zero
     * @return what the look found; never {@code null}
     */
    ProbeResult probe(Duration timeout);
}
