package io.github.pbxredundancy.core;

import io.github.pbxredundancy.license.PairingCheck;
import io.github.pbxredundancy.license.PairingReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks the prerequisites of a pair (R3, R4, R30) and its licenses (R5, R11, R12, R22, R25)
 * and returns every violation at once, so an administrator fixes them in one pass.
 *
 * <p>Immutable and thread-safe.
 */
public final class PairCheck {
    private final PairingCheck pairingCheck;

    /**
     * @param pairingCheck the licensing scheme to check against
     */
    public PairCheck(PairingCheck pairingCheck) {
        this.pairingCheck = Objects.requireNonNull(pairingCheck, "pairingCheck");
    }

    /** A check for STARFACE-style pairs: the standby holds a redundancy counterpart of every license. */
    public static PairCheck standard() {
        return new PairCheck(PairingCheck.redundancyCounterparts());
    }

    /** Checks every prerequisite of the pair. */
    public PairReport check(RedundancyPair pair) {
        Node active = pair.active();
        Node standby = pair.standby();
        List<PairProblem> problems = new ArrayList<>();
        if (!active.version().equals(standby.version())) {
            problems.add(new PairProblem(PairCode.VERSIONS_DIFFER, versionMessage(active, standby)));
        }
        checkAddresses(active, standby, problems);
        for (Node node : List.of(active, standby)) {
            if (node.platform() == Platform.CLOUD) {
                problems.add(new PairProblem(PairCode.CLOUD_PLATFORM, node.name()
                        + " runs in the cloud; warm standby needs hardware appliances or virtual machines"));
            }
        }
        PairingReport licensing = pairingCheck.check(active.licensed(), standby.licensed(), pair.standbyConfiguredKey());
        licensing.problems().forEach(p -> problems.add(new PairProblem(PairCode.LICENSES_NOT_PAIRED,
                "licenses: " + p.message() + " [" + p.code() + "]")));
        return new PairReport(problems, licensing);
    }

    private static String versionMessage(Node active, Node standby) {
        String message = "active " + active.name() + " runs " + active.version() + ", standby " + standby.name()
                + " runs " + standby.version() + "; both must run the same version and be updated together";
        if (standby.version().isOlderThan(active.version())) {
            message += " (the standby is older and could not import the active's backups)";
        }
        return message;
    }

    private static void checkAddresses(Node active, Node standby, List<PairProblem> problems) {
        for (Node node : List.of(active, standby)) {
            if (!node.address().isAssignableHostAddress()) {
                problems.add(new PairProblem(PairCode.ADDRESS_NOT_ASSIGNABLE, node.name() + " has address "
                        + node.address() + ", which cannot be a host's static address (loopback, link-local, multicast or reserved)"));
            } else if (node.address().equals(node.networkAddress())) {
                problems.add(new PairProblem(PairCode.NETWORK_ADDRESS, node.name() + " uses " + node.address()
                        + ", the network address of " + node.networkAddress() + "/" + node.prefixLength()));
            } else if (node.address().equals(node.broadcastAddress())) {
                problems.add(new PairProblem(PairCode.BROADCAST_ADDRESS, node.name() + " uses " + node.address()
                        + ", the broadcast address of " + node.networkAddress() + "/" + node.prefixLength()));
            }
        }
        if (active.address().equals(standby.address())) {
            problems.add(new PairProblem(PairCode.SAME_ADDRESS, "active " + active.name() + " and standby "
                    + standby.name() + " both use " + active.address() + "; each needs its own static address"));
        }
        if (active.prefixLength() != standby.prefixLength()
                || !active.networkAddress().equals(standby.networkAddress())) {
            problems.add(new PairProblem(PairCode.DIFFERENT_SUBNETS, "active " + active.name() + " is in "
                    + active.networkAddress() + "/" + active.prefixLength() + ", standby " + standby.name() + " in "
                    + standby.networkAddress() + "/" + standby.prefixLength() + "; both must be in the same subnet"));
        }
    }
}
