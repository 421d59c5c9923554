package io.github.pbxredundancy.license;

import io.github.pbxredundancy.license.internal.CopyRules;
import io.github.pbxredundancy.license.internal.CounterpartRules;
import io.github.pbxredundancy.license.internal.FailoverRules;
import io.github.pbxredundancy.license.internal.Problems;
import io.github.pbxredundancy.license.internal.ServerRules;
import java.util.Objects;
import java.util.Set;

/**
 * Checks that the licenses of an active and a standby node form a pair, and reports every
 * problem at once, each with a stable {@link PairingCode} and a plain English message that
 * shows keys masked only.
 *
 * <h2>Rules in both schemes</h2>
 * <ul>
 *   <li>The active has a server license ({@code ACTIVE_SERVER_LICENSE_MISSING}). Without it
 *       the checks that need its key (configured key, failover base, and in the counterpart
 *       scheme the standby's server counterpart being an orphan) are skipped: they would
 *       only repeat the same cause.</li>
 *   <li>The standby's redundancy configuration holds the active's server license key, not
 *       the standby's own or any other key ({@code STANDBY_KEY_NOT_ACTIVE_SERVER_KEY}, R12).</li>
 *   <li>The active's server license, if bound to hardware, is bound to the active's hardware
 *       id ({@code SERVER_LICENSE_BOUND_TO_OTHER_HARDWARE}, R22).</li>
 *   <li>Failover licenses (R25, R26): none on the active ({@code FAILOVER_LICENSE_ON_ACTIVE});
 *       at most one on the standby ({@code MORE_THAN_ONE_FAILOVER_LICENSE}); each bound to
 *       the active's server license ({@code FAILOVER_NOT_BOUND_TO_BASE}) and to the
 *       standby's hardware id ({@code FAILOVER_NOT_BOUND_TO_STANDBY_HARDWARE}).</li>
 * </ul>
 *
 * <h2>{@linkplain #redundancyCounterparts() Redundancy counterparts} (STARFACE, the default)</h2>
 * <ul>
 *   <li>No key is installed on both nodes ({@code KEY_ON_BOTH_NODES}, R5). The standby's copy
 *       of a shared key counts as the counterpart, and neither copy is judged further.</li>
 *   <li>The active holds no redundancy licenses ({@code REDUNDANCY_LICENSE_ON_ACTIVE}), the
 *       standby no regular ones ({@code REGULAR_LICENSE_ON_STANDBY}).</li>
 *   <li>Every license of the active has a counterpart on the standby of the same kind,
 *       module and quantity. Licenses are matched regardless of edition, so a wrong edition
 *       is reported once, as such. A counterpart of the right kind and module but another
 *       quantity is {@code COUNTERPART_QUANTITY_MISMATCH}; a regular active license with no
 *       counterpart at all is {@code COUNTERPART_MISSING}, except for the redundancy module
 *       license, which is {@code REDUNDANCY_MODULE_LICENSE_MISSING_ON_STANDBY} instead (R11);
 *       a redundancy license on the standby with no original is {@code ORPHAN_COUNTERPART}.</li>
 *   <li>The active holds the redundancy module's license
 *       ({@code REDUNDANCY_MODULE_LICENSE_MISSING_ON_ACTIVE}, R6); its counterpart on the
 *       standby is then not reported as an orphan.</li>
 *   <li>The standby's server license, if bound to hardware, is bound to the standby's
 *       hardware id ({@code SERVER_LICENSE_BOUND_TO_OTHER_HARDWARE}).</li>
 *   <li>A failover license is optional.</li>
 * </ul>
 *
 * <h2>{@linkplain #failoverLicense() Failover license} (OfficeMaster)</h2>
 * <ul>
 *   <li>The standby carries every license of the active under the same key
 *       ({@code LICENSE_MISSING_ON_STANDBY}); sharing keys is the point here, so
 *       {@code KEY_ON_BOTH_NODES} does not apply, and the standby's server license, being the
 *       active's, is not checked against the standby's hardware. Further licenses on the
 *       standby are not judged.</li>
 *   <li>The active holds no redundancy licenses ({@code REDUNDANCY_LICENSE_ON_ACTIVE}).</li>
 *   <li>The standby holds a failover license ({@code FAILOVER_LICENSE_MISSING}).</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class PairingCheck {
    private static final PairingCheck COUNTERPARTS = new PairingCheck(PairingScheme.REDUNDANCY_COUNTERPARTS);
    private static final PairingCheck FAILOVER = new PairingCheck(PairingScheme.FAILOVER_LICENSE);

    private final PairingScheme scheme;

    private PairingCheck(PairingScheme scheme) {
        this.scheme = scheme;
    }

    /**
     * The STARFACE scheme: the standby holds a redundancy counterpart of every license.
     *
     * @return the check
     */
    public static PairingCheck redundancyCounterparts() {
        return COUNTERPARTS;
    }

    /**
     * The OfficeMaster scheme: the standby holds the active's licenses plus one failover
     * license.
     *
     * @return the check
     */
    public static PairingCheck failoverLicense() {
        return FAILOVER;
    }

    /**
     * The check for a scheme, e.g. one read from a host's configuration.
     *
     * @param scheme the scheme
     * @return the check
     */
    public static PairingCheck of(PairingScheme scheme) {
        return switch (Objects.requireNonNull(scheme, "scheme")) {
            case REDUNDANCY_COUNTERPARTS -> COUNTERPARTS;
            case FAILOVER_LICENSE -> FAILOVER;
        };
    }

    /**
     * The scheme this check applies.
     *
     * @return the scheme
     */
    public PairingScheme scheme() {
        return scheme;
    }

    /**
     * Checks the licenses of a pair against the rules of this scheme (see the type's
     * documentation) and returns every problem found.
     *
     * @param active the active node
     * @param standby the standby node
     * @param standbyConfiguredKey the license key in the standby's redundancy configuration,
     *     which must be the active's server license key (R12)
     * @return the report; {@link PairingReport#paired()} if nothing is wrong
     */
    public PairingReport check(LicensedNode active, LicensedNode standby, LicenseKey standbyConfiguredKey) {
        Objects.requireNonNull(active, "active");
        Objects.requireNonNull(standby, "standby");
        Objects.requireNonNull(standbyConfiguredKey, "standbyConfiguredKey");
        Problems problems = new Problems();
        ServerRules.checkActiveServer(active, standby, standbyConfiguredKey, problems);
        active.licenses().serverLicense()
                .ifPresent(server -> ServerRules.checkBinding("active", active, server, problems));
        if (scheme == PairingScheme.REDUNDANCY_COUNTERPARTS) {
            Set<LicenseKey> shared = CounterpartRules.check(active, standby, problems);
            standby.licenses().serverLicense()
                    .filter(server -> !shared.contains(server.key()))
                    .ifPresent(server -> ServerRules.checkBinding("standby", standby, server, problems));
        } else {
            CopyRules.check(active, standby, problems);
        }
        FailoverRules.check(active, standby, scheme == PairingScheme.FAILOVER_LICENSE, problems);
        return new PairingReport(problems.toList());
    }

    /**
     * Names the scheme.
     *
     * @return e.g. {@code PairingCheck[REDUNDANCY_COUNTERPARTS]}
     */
    @Override
    public String toString() {
        return "PairingCheck[" + scheme + "]";
    }
}
