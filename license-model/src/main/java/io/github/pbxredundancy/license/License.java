package io.github.pbxredundancy.license;

import io.github.pbxredundancy.license.internal.LicenseRules;
import io.github.pbxredundancy.license.internal.Violation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One installed license.
 *
 * <p>Rules between the fields, checked on construction:
 * <ul>
 *   <li>{@code quantity} is at least 1; it is the number of users for a user license and
 *       must be exactly 1 for server, module and failover licenses (kinds this library does
 *       not know may count anything);</li>
 *   <li>{@code module} is present if and only if the kind is {@link LicenseKind#MODULE};</li>
 *   <li>the kind is {@link LicenseKind#FAILOVER} if and only if the edition is
 *       {@link LicenseEdition#FAILOVER}: a failover license is its own kind, not a module,
 *       because it is sold and bound differently (R25);</li>
 *   <li>{@code boundBaseLicense} is present only on a failover license and never names the
 *       license's own key. A failover license may still be unbound (not yet activated); the
 *       {@link PairingCheck} reports that.</li>
 * </ul>
 * Any license may be bound to a hardware id (R22).
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows keys masked only.
 *
 * @param key the license key
 * @param kind what the license grants
 * @param edition which node it is meant for
 * @param quantity users for a user license, otherwise 1
 * @param module the module a module license unlocks
 * @param boundHardware the hardware id the vendor bound the license to, if known
 * @param boundBaseLicense the base (server) license a failover license is bound to
 */
public record License(LicenseKey key, LicenseKind kind, LicenseEdition edition, int quantity,
        Optional<ModuleId> module, Optional<HardwareId> boundHardware, Optional<LicenseKey> boundBaseLicense) {

    /**
     * Checks the rules listed on the type.
     *
     * @throws IllegalArgumentException naming every broken rule, with the key masked
     */
    public License {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(edition, "edition");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(boundHardware, "boundHardware");
        Objects.requireNonNull(boundBaseLicense, "boundBaseLicense");
        List<Violation> violations =
                LicenseRules.violations(key, kind, edition, quantity, module, boundBaseLicense);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("license " + key.masked() + ": " + violations.stream()
                    .map(Violation::inRecordTerms).collect(Collectors.joining("; ")));
        }
    }

    /**
     * A server license, not bound to hardware.
     *
     * @param key the key
     * @param edition regular on the active, redundancy on a STARFACE standby
     * @return the license
     */
    public static License server(LicenseKey key, LicenseEdition edition) {
        return new License(key, LicenseKind.SERVER, edition, 1, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /**
     * A user license for {@code count} users.
     *
     * @param key the key
     * @param edition regular on the active, redundancy on a STARFACE standby
     * @param count the number of users, at least 1
     * @return the license
     */
    public static License users(LicenseKey key, LicenseEdition edition, int count) {
        return new License(key, LicenseKind.USER, edition, count, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /**
     * A module license.
     *
     * @param key the key
     * @param edition regular on the active, redundancy on a STARFACE standby
     * @param moduleId the module it unlocks
     * @return the license
     */
    public static License module(LicenseKey key, LicenseEdition edition, ModuleId moduleId) {
        return new License(key, LicenseKind.MODULE, edition, 1, Optional.of(moduleId), Optional.empty(),
                Optional.empty());
    }

    /**
     * An activated failover license (R25): bound to the active's base license and to the
     * standby's hardware id.
     *
     * @param key the failover license's key
     * @param baseKey the key of the base (server) license it extends
     * @param standbyHardware the hardware id recorded at activation
     * @return the license
     */
    public static License failover(LicenseKey key, LicenseKey baseKey, HardwareId standbyHardware) {
        return new License(key, LicenseKind.FAILOVER, LicenseEdition.FAILOVER, 1, Optional.empty(),
                Optional.of(standbyHardware), Optional.of(baseKey));
    }

    /**
     * A failover license as delivered, before activation bound it to anything.
     *
     * @param key the failover license's key
     * @return the license
     */
    public static License unboundFailover(LicenseKey key) {
        return new License(key, LicenseKind.FAILOVER, LicenseEdition.FAILOVER, 1, Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /**
     * This license bound to another hardware id, e.g. after the vendor re-linked it (R22).
     *
     * @param hardwareId the new binding
     * @return a copy with {@code boundHardware} set
     */
    public License withBoundHardware(HardwareId hardwareId) {
        return new License(key, kind, edition, quantity, module, Optional.of(hardwareId), boundBaseLicense);
    }

    /**
     * Whether this is a license for the given module.
     *
     * @param moduleId the module
     * @return true for a module license naming {@code moduleId}
     */
    public boolean isFor(ModuleId moduleId) {
        return module.isPresent() && module.get().equals(moduleId);
    }

    /**
     * The license in license file syntax with keys masked, e.g.
     * {@code License[user redundancy HHHHH-*****-*****-44444 quantity=10]}.
     *
     * @return one line without the full key
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("License[").append(kind.id()).append(' ')
                .append(edition.id()).append(' ').append(key.masked());
        if (kind.counted()) {
            out.append(" quantity=").append(quantity);
        }
        module.ifPresent(m -> out.append(" module=").append(m.id()));
        boundHardware.ifPresent(h -> out.append(" hardware=").append(h.value()));
        boundBaseLicense.ifPresent(b -> out.append(" base=").append(b.masked()));
        return out.append(']').toString();
    }
}
