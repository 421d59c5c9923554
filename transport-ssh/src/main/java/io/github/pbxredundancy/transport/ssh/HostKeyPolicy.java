package io.github.pbxredundancy.transport.ssh;

import io.github.pbxredundancy.core.InvalidInputException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Objects;

/**
 * How the transport decides that the server it reached is the standby: its host key is always
 * verified, and no policy accepts any key.
 *
 * <ul>
 *   <li>{@link KnownHosts}: the key must be listed for the host in an OpenSSH
 *       {@code known_hosts} file ({@code [host]:port} for ports other than 22).</li>
 *   <li>{@link PinnedFingerprint}: the key's SHA-256 fingerprint must be the pinned one, as
 *       {@code ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub} prints it on the standby.</li>
 *   <li>{@link TrustOnFirstUse}: an explicit opt-in; the first key seen for the host is recorded
 *       in the file and trusted, from then on the file is checked like {@link KnownHosts}.</li>
 * </ul>
 * An unknown key fails with {@link io.github.pbxredundancy.core.ReasonCode#HOST_KEY_UNKNOWN}, a key
 * that differs from the known or pinned one with
 * {@link io.github.pbxredundancy.core.ReasonCode#HOST_KEY_CHANGED}; neither is retried.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface HostKeyPolicy
        permits HostKeyPolicy.KnownHosts, HostKeyPolicy.PinnedFingerprint, HostKeyPolicy.TrustOnFirstUse {

    /**
     * Verify against an OpenSSH {@code known_hosts} file, read at each connection. A missing file
     * knows no host.
     *
     * @param file the known_hosts file
     */
    record KnownHosts(Path file) implements HostKeyPolicy {
        /** Validates the file is given. */
        public KnownHosts {
            Objects.requireNonNull(file, "file");
        }
    }

    /**
     * Verify against one pinned fingerprint, compared in constant time.
     *
     * @param fingerprint {@code SHA256:} and the unpadded base64 of the SHA-256 of the key, as
     *     OpenSSH prints it; trailing {@code =} padding is accepted and dropped
     */
    record PinnedFingerprint(String fingerprint) implements HostKeyPolicy {
        /** The prefix of an OpenSSH SHA-256 fingerprint. */
        public static final String PREFIX = "SHA256:";

        /**
         * Validates the fingerprint.
         *
         * @throws InvalidInputException unless it is {@code SHA256:} and the base64 of 32 bytes
         */
        public PinnedFingerprint {
            String rule = "must be an OpenSSH SHA-256 fingerprint: 'SHA256:' and 43 base64 characters, as"
                    + " 'ssh-keygen -lf <host key>.pub' prints it";
            if (fingerprint == null || !fingerprint.startsWith(PREFIX)) {
                throw InvalidInputException.of("host key fingerprint", fingerprint, rule);
            }
            String digits = fingerprint.substring(PREFIX.length());
            while (digits.endsWith("=")) {
                digits = digits.substring(0, digits.length() - 1);
            }
            byte[] hash;
            try {
                hash = Base64.getDecoder().decode(digits);
            } catch (IllegalArgumentException e) {
                hash = new byte[0];
            }
            if (hash.length != 32 || digits.length() != 43) {
                throw InvalidInputException.of("host key fingerprint", fingerprint, rule);
            }
            fingerprint = PREFIX + digits;
        }
    }

    /**
     * Trust the first key seen for a host and record it in {@code file} (OpenSSH
     * {@code known_hosts} format, created if missing); afterwards behave like {@link KnownHosts}.
     * Choose it only where the first connection is known to reach the real standby.
     *
     * @param file the known_hosts file to read and append to
     */
    record TrustOnFirstUse(Path file) implements HostKeyPolicy {
        /** Validates the file is given. */
        public TrustOnFirstUse {
            Objects.requireNonNull(file, "file");
        }
    }
}
