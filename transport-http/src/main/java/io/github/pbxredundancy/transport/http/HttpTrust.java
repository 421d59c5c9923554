package io.github.pbxredundancy.transport.http;

import io.github.pbxredundancy.core.spi.CertificateFingerprints;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.Secret;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How the transport decides that the server it reached over TLS is the standby. The server's
 * certificate is always checked, and so is the host name: the certificate must name the host of
 * the target URI (a DNS or IP subject alternative name), whichever kind of trust is chosen. There
 * is no kind that accepts any certificate.
 *
 * <ul>
 *   <li>{@link TrustStore}: the certificate chain must lead to a certificate in a truststore file
 *       (PKCS12 or JKS), e.g. the standby's own self-signed certificate or the company's CA.</li>
 *   <li>{@link PinnedCertificate}: the server's certificate must be exactly the pinned one, by
 *       its SHA-256 fingerprint. Replacing the certificate means updating the pin.</li>
 *   <li>{@link PinnedPublicKey}: the server's public key (its DER SubjectPublicKeyInfo) must be the
 *       pinned one, by its SHA-256: survives a renewed certificate for the same key.</li>
 * </ul>
 * Pins are written as 64 hex digits, in either case, with or without colons between the bytes,
 * as {@code openssl} and {@code keytool} print them:
 * <pre>
 * openssl x509 -in standby.crt -noout -fingerprint -sha256                                    # certificate
 * openssl x509 -in standby.crt -noout -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256  # public key
 * keytool -list -v -keystore standby.p12   # "SHA256:" line of the certificate
 * </pre>
 * A certificate that no truststore entry vouches for, or that does not name the host, fails with
 * {@link io.github.pbxredundancy.core.ReasonCode#HOST_KEY_UNKNOWN}; one that differs from a pin
 * with {@link io.github.pbxredundancy.core.ReasonCode#HOST_KEY_CHANGED}. Neither is retried.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface HttpTrust permits HttpTrust.TrustStore, HttpTrust.PinnedCertificate, HttpTrust.PinnedPublicKey {

    /**
     * Trust the certificates of a truststore file, read at each delivery so that a replaced
     * file takes effect at the next one.
     *
     * @param file a PKCS12 or JKS truststore
     * @param password its password; a truststore password guards the file's integrity, it is not
     *     an access credential. Empty for a file that has none
     */
    record TrustStore(Path file, Optional<Secret> password) implements HttpTrust {
        /** Validates both parts are given. */
        public TrustStore {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(password, "password");
        }

        /**
         * @param file a truststore without a password
         */
        public TrustStore(Path file) {
            this(file, Optional.empty());
        }

        /** @return the file and whether a password is set, never the password */
        @Override
        public String toString() {
            return "TrustStore[" + file + (password.isPresent() ? ", with password" : "") + "]";
        }
    }

    /**
     * Trust exactly one certificate, by the SHA-256 of its DER encoding, compared in constant time.
     *
     * @param sha256 64 hex digits, lower case after validation (colons and upper case accepted)
     */
    record PinnedCertificate(String sha256) implements HttpTrust {
        /**
         * Validates and normalises the fingerprint.
         *
         * @throws InvalidInputException unless it is 64 hex digits, optionally with colons
         */
        public PinnedCertificate {
            sha256 = CertificateFingerprints.normalize("certificate fingerprint", sha256);
        }
    }

    /**
     * Trust exactly one public key, by the SHA-256 of its DER SubjectPublicKeyInfo, compared in
     * constant time.
     *
     * @param sha256 64 hex digits, lower case after validation (colons and upper case accepted)
     */
    record PinnedPublicKey(String sha256) implements HttpTrust {
        /**
         * Validates and normalises the fingerprint.
         *
         * @throws InvalidInputException unless it is 64 hex digits, optionally with colons
         */
        public PinnedPublicKey {
            sha256 = CertificateFingerprints.normalize("public key fingerprint", sha256);
        }
    }
}
