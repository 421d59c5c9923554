package io.github.pbxredundancy.notifier.mail;

import io.github.pbxredundancy.core.spi.CertificateFingerprints;
import io.github.pbxredundancy.core.Secret;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How the notifier decides that the server it reached over TLS (STARTTLS or SMTPS) is the mail
 * server. The server's certificate is always checked, and so is its identity: the certificate must
 * name the host the notifier connects to (a DNS or IP subject alternative name), whichever kind of
 * trust is chosen. There is no kind that accepts any certificate or skips the name.
 *
 * <ul>
 *   <li>{@link JvmDefault}: the certificate chain must lead to a certificate authority the JVM
 *       trusts (its {@code cacerts}, or the truststore named by {@code javax.net.ssl.trustStore}):
 *       right for a mail server with a public certificate.</li>
 *   <li>{@link TrustStore}: the chain must lead to a certificate in a truststore file (PKCS12 or
 *       JKS), e.g. the company's CA or the server's own self-signed certificate.</li>
 *   <li>{@link PinnedCertificate}: the server's certificate must be exactly the pinned one, by
 *       its SHA-256 fingerprint.</li>
 *   <li>{@link PinnedPublicKey}: the server's public key must be the pinned one, by the SHA-256 of
 *       its DER SubjectPublicKeyInfo: survives a renewed certificate for the same key.</li>
 * </ul>
 * Pins are written as 64 hex digits, in either case, with or without colons, as {@code openssl}
 * prints them:
 * <pre>
 * openssl s_client -connect mail.example.com:587 -starttls smtp &lt;/dev/null | openssl x509 -noout -fingerprint -sha256
 * </pre>
 * A certificate that the trust does not vouch for, or that does not name the host, fails the
 * attempt with {@link io.github.pbxredundancy.core.ReasonCode#HOST_KEY_UNKNOWN}; one that differs
 * from a pin with {@link io.github.pbxredundancy.core.ReasonCode#HOST_KEY_CHANGED}. Neither is
 * retried.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface MailTrust
        permits MailTrust.JvmDefault, MailTrust.TrustStore, MailTrust.PinnedCertificate, MailTrust.PinnedPublicKey {

    /**
     * The JVM's default trust, the default of {@link MailNotifier.Builder#trust}.
     *
     * @return the trust
     */
    static MailTrust jvmDefault() {
        return new JvmDefault();
    }

    /** Trust the certificate authorities the JVM trusts by default. */
    record JvmDefault() implements MailTrust {
    }

    /**
     * Trust the certificates of a truststore file. It is read when the notifier is built (so that
     * a wrong path or password fails then) and again before each connection, so that a replaced
     * file takes effect at the next message.
     *
     * @param file a PKCS12 or JKS truststore
     * @param password its password; empty for a file that has none
     */
    record TrustStore(Path file, Optional<Secret> password) implements MailTrust {
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
    record PinnedCertificate(String sha256) implements MailTrust {
        /**
         * Validates and normalises the fingerprint.
         *
         * @throws io.github.pbxredundancy.core.InvalidInputException unless it is 64 hex digits,
         *     optionally with colons
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
    record PinnedPublicKey(String sha256) implements MailTrust {
        /**
         * Validates and normalises the fingerprint.
         *
         * @throws io.github.pbxredundancy.core.InvalidInputException unless it is 64 hex digits,
         *     optionally with colons
         */
        public PinnedPublicKey {
            sha256 = CertificateFingerprints.normalize("public key fingerprint", sha256);
        }
    }
}
