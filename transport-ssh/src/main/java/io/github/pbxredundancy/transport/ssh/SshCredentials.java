package io.github.pbxredundancy.transport.ssh;

import io.github.pbxredundancy.core.Secret;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How the transport logs in on the standby: a password, or a private key file (OpenSSH, PKCS#8
 * or PuTTY format; Ed25519, ECDSA or RSA) with an optional passphrase. Secrets never print:
 * {@link #toString()} shows neither a password nor a passphrase.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface SshCredentials permits SshCredentials.Password, SshCredentials.PrivateKey {

    /**
     * @param password the account's password
     * @return password credentials
     */
    static SshCredentials password(Secret password) {
        return new Password(password);
    }

    /**
     * @param keyFile an unencrypted private key file
     * @return key credentials
     */
    static SshCredentials privateKey(Path keyFile) {
        return new PrivateKey(keyFile, Optional.empty());
    }

    /**
     * @param keyFile a private key file encrypted with {@code passphrase}
     * @param passphrase the key file's passphrase
     * @return key credentials
     */
    static SshCredentials privateKey(Path keyFile, Secret passphrase) {
        return new PrivateKey(keyFile, Optional.of(Objects.requireNonNull(passphrase, "passphrase")));
    }

    /**
     * Password authentication.
     *
     * @param password the password
     */
    record Password(Secret password) implements SshCredentials {
        /** Validates the password is present. */
        public Password {
            Objects.requireNonNull(password, "password");
        }

        /** @return a fixed text without the password */
        @Override
        public String toString() {
            return "Password[******]";
        }
    }

    /**
     * Public-key authentication. The file is read at each connection, so a replaced key takes
     * effect at the next delivery.
     *
     * @param keyFile the private key file
     * @param passphrase the passphrase if the file is encrypted
     */
    record PrivateKey(Path keyFile, Optional<Secret> passphrase) implements SshCredentials {
        /** Validates both parts are present. */
        public PrivateKey {
            Objects.requireNonNull(keyFile, "keyFile");
            Objects.requireNonNull(passphrase, "passphrase");
        }

        /** @return the key file's path and whether a passphrase is set, never the passphrase */
        @Override
        public String toString() {
            return "PrivateKey[" + keyFile + (passphrase.isPresent() ? ", with passphrase" : "") + "]";
        }
    }
}
