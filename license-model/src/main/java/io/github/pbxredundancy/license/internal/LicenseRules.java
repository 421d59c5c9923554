package io.github.pbxredundancy.license.internal;

import io.github.pbxredundancy.license.PrintableText;
import io.github.pbxredundancy.license.LicenseEdition;
import io.github.pbxredundancy.license.LicenseKey;
import io.github.pbxredundancy.license.LicenseKind;
import io.github.pbxredundancy.license.ModuleId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules between the fields of one license, kept in one place so that the
 * {@code License} record and the license file parser enforce and word them alike.
 *
 * <ul>
 *   <li>quantity is at least 1, and exactly 1 unless the kind is
 *       {@linkplain LicenseKind#counted() counted};</li>
 *   <li>a module is named if and only if the kind is {@code module};</li>
 *   <li>the kind is {@code failover} if and only if the edition is {@code failover};</li>
 *   <li>only a failover license is bound to a base license, and never to itself.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class LicenseRules {

    private LicenseRules() {
    }

    /**
     * Every rule the given fields break; empty when they form a license. All arguments must
     * be non-null. The bound hardware id takes part in no rule: any license may be bound.
     *
     * @param key the key
     * @param kind the kind
     * @param edition the edition
     * @param quantity the quantity
     * @param module the module, if any
     * @param boundBaseLicense the bound base license, if any
     * @return the violations
     */
    public static List<Violation> violations(LicenseKey key, LicenseKind kind, LicenseEdition edition,
            int quantity, Optional<ModuleId> module, Optional<LicenseKey> boundBaseLicense) {
        List<Violation> found = new ArrayList<>();
        boolean failoverKind = kind.equals(LicenseKind.FAILOVER);
        boolean failoverEdition = edition == LicenseEdition.FAILOVER;
        if (failoverEdition && !failoverKind) {
            found.add(new Violation(LicenseField.KIND, PrintableText.quote(kind.id()),
                    "only failover licenses have edition failover"));
        }
        if (failoverKind && !failoverEdition) {
            found.add(new Violation(LicenseField.EDITION, PrintableText.quote(edition.id()),
                    "a failover license has edition failover"));
        }
        if (quantity < 1) {
            found.add(new Violation(LicenseField.QUANTITY, PrintableText.quote(String.valueOf(quantity)),
                    "must be at least 1"));
        } else if (quantity != 1 && !kind.counted()) {
            found.add(new Violation(LicenseField.QUANTITY, PrintableText.quote(String.valueOf(quantity)),
                    "must be 1 for a " + kind.id() + " license; only user licenses and other counted"
                            + " kinds have a quantity"));
        }
        boolean moduleKind = kind.equals(LicenseKind.MODULE);
        if (moduleKind && module.isEmpty()) {
            found.add(new Violation(LicenseField.MODULE, PrintableText.quote(null),
                    "a module license must name its module"));
        }
        if (!moduleKind && module.isPresent()) {
            found.add(new Violation(LicenseField.MODULE, PrintableText.quote(module.get().id()),
                    "only module licenses name a module, this is a " + kind.id() + " license"));
        }
        if (boundBaseLicense.isPresent()) {
            LicenseKey base = boundBaseLicense.get();
            if (!failoverEdition) {
                found.add(new Violation(LicenseField.BOUND_BASE_LICENSE, PrintableText.quote(base.masked()),
                        "only failover licenses are bound to a base license"));
            } else if (base.equals(key)) {
                found.add(new Violation(LicenseField.BOUND_BASE_LICENSE, PrintableText.quote(base.masked()),
                        "a failover license cannot be bound to itself"));
            }
        }
        return found;
    }
}
