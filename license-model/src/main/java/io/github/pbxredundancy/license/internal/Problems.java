package io.github.pbxredundancy.license.internal;

import io.github.pbxredundancy.license.LicenseKey;
import io.github.pbxredundancy.license.PairingCode;
import io.github.pbxredundancy.license.PairingProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects the problems of one pairing check, in the order the checks run.
 *
 * <p>Not thread-safe: one instance per check, confined to the checking thread.
 */
public final class Problems {
    private final List<PairingProblem> found = new ArrayList<>();

    /**
     * Adds a problem about one license.
     *
     * @param code the code
     * @param key the license's key
     * @param message the message, keys masked
     */
    public void add(PairingCode code, LicenseKey key, String message) {
        found.add(new PairingProblem(code, message, Optional.of(key)));
    }

    /**
     * Adds a problem about no single license.
     *
     * @param code the code
     * @param message the message, keys masked
     */
    public void add(PairingCode code, String message) {
        found.add(new PairingProblem(code, message, Optional.empty()));
    }

    /**
     * The problems so far.
     *
     * @return an immutable copy
     */
    public List<PairingProblem> toList() {
        return List.copyOf(found);
    }
}
