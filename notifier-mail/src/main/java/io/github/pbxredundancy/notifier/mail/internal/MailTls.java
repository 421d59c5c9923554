package io.github.pbxredundancy.notifier.mail.internal;

import io.github.pbxredundancy.core.spi.CertificateFingerprints;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.Secret;
import io.github.pbxredundancy.license.PrintableText;
import io.github.pbxredundancy.notifier.mail.MailTrust;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The client's TLS trust for one notifier: an {@link SSLContext} whose trust manager checks the
 * mail server's certificate by a {@link MailTrust} and always checks the server's identity.
 *
 * <p>The identity is checked by the JDK's own PKIX trust manager with the endpoint identification
 * that Jakarta Mail sets on each socket when {@code mail.smtp.ssl.checkserveridentity} is true
 * (the notifier always sets it): for the JVM's default trust and a truststore it validates the
 * chain and the name; for a pin it is handed the pinned certificate as its only trust anchor, so
 * it checks the name of exactly that certificate. A socket without endpoint identification is
 * refused, so the name check can never be off. Why a certificate was refused is remembered
 * ({@link #takeRefusal()}), so that a failure can tell an impostor from an unknown certificate
 * whatever exception the TLS stack and Jakarta Mail wrap it in.
 *
 * <p>Not part of the API. Thread-safe; the truststore is read again by {@link #reload()}.
 */
public final class MailTls {
    /** The TLS versions the notifier offers. */
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /**
     * Why the trust manager refused a server.
     *
     * @param reason {@link ReasonCode#HOST_KEY_CHANGED} for a pin mismatch,
     *     {@link ReasonCode#HOST_KEY_UNKNOWN} for anything else
     * @param detail a sentence for the administrator
     */
    public record Refusal(ReasonCode reason, String detail) {
    }

    private final MailTrust trust;
    private final AtomicReference<Refusal> refusal = new AtomicReference<>();
    private volatile X509ExtendedTrustManager anchors;
    private final SSLContext context;

    private MailTls(MailTrust trust) throws GeneralSecurityException {
        this.trust = Objects.requireNonNull(trust, "trust");
        this.context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new Checking()}, null);
    }

    /**
     * A trust, loaded: the JVM's default anchors, or the truststore file read now.
     *
     * @param trust how to trust the server
     * @return the loaded trust
     * @throws InvalidInputException on field {@code trust} if the truststore cannot be read, has
     *     another password or holds no certificate
     */
    public static MailTls of(MailTrust trust) {
        MailTls tls;
        try {
            tls = new MailTls(trust);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has TLS", e);
        }
        tls.reload();
        return tls;
    }

    /** @return the context whose socket factory the notifier hands to Jakarta Mail */
    public SSLContext context() {
        return context;
    }

    /** @return the trust it checks by */
    public MailTrust trust() {
        return trust;
    }

    /**
     * Reads the truststore file again (the JVM's default anchors only the first time) and forgets
     * the last refusal.
     *
     * @throws InvalidInputException on field {@code trust} if the truststore cannot be read, has
     *     another password or holds no certificate
     */
    public void reload() {
        refusal.set(null);
        try {
            if (trust instanceof MailTrust.TrustStore store) {
                anchors = pkix(readStore(store));
            } else if (trust instanceof MailTrust.JvmDefault && anchors == null) {
                // The JVM's anchors do not change while it runs; read them once.
                anchors = pkix(null);
            }
        } catch (GeneralSecurityException e) {
            throw InvalidInputException.of("trust", trust.toString(), "cannot set up the JVM's trust manager: "
                    + HeaderText.forLog(e.getMessage()));
        }
    }

    /**
     * @return why the trust manager refused the last server it refused, once; empty if it refused
     *     none since the last call or {@link #reload()}
     */
    public Optional<Refusal> takeRefusal() {
        return Optional.ofNullable(refusal.getAndSet(null));
    }

    private static KeyStore readStore(MailTrust.TrustStore store) {
        char[] password = store.password().map(Secret::reveal).orElse(null);
        try {
            KeyStore keys = KeyStore.getInstance(store.file().toFile(), password);
            if (keys.size() == 0) {
                throw InvalidInputException.of("trust", store.file().toString(), "the truststore holds no certificate"
                        + " (a PKCS12 file whose certificates are encrypted needs its password)");
            }
            return keys;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            // KeyStore.getInstance(File, ...) says "does not exist" with an IllegalArgumentException.
            throw InvalidInputException.of("trust", store.file().toString(), "must be a readable PKCS12 or JKS truststore"
                    + " with the given password: " + HeaderText.forLog(e.getMessage()));
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private static X509ExtendedTrustManager pkix(KeyStore anchors) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(anchors);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager extended) {
                return extended;
            }
        }
        throw new GeneralSecurityException("the PKIX trust manager factory made no X509ExtendedTrustManager");
    }

    private void check(X509Certificate[] chain, String authType, SSLParameters parameters, Verifier pkixCheck)
            throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw refuse(ReasonCode.HOST_KEY_UNKNOWN, "the mail server sent no certificate");
        }
        String identification = parameters == null ? null : parameters.getEndpointIdentificationAlgorithm();
        if (identification == null || identification.isEmpty()) {
            throw refuse(ReasonCode.HOST_KEY_UNKNOWN, "the connection does not check the server's identity; the notifier"
                    + " never sends without that check");
        }
        X509Certificate leaf = chain[0];
        if (trust instanceof MailTrust.JvmDefault || trust instanceof MailTrust.TrustStore) {
            X509ExtendedTrustManager manager = anchors;
            try {
                pkixCheck.verify(manager, chain, authType);
            } catch (CertificateException e) {
                throw refuse(ReasonCode.HOST_KEY_UNKNOWN, "the mail server's certificate " + subject(leaf) + " is not"
                        + " trusted for this host by " + (trust instanceof MailTrust.TrustStore store ? "the truststore '"
                        + store.file() + "'" : "the JVM's default trust") + ": " + HeaderText.forLog(e.getMessage()));
            }
            return;
        }
        String pinned;
        String offered;
        String what;
        if (trust instanceof MailTrust.PinnedCertificate certificate) {
            pinned = certificate.sha256();
            offered = CertificateFingerprints.ofCertificate(leaf);
            what = "certificate";
        } else {
            pinned = ((MailTrust.PinnedPublicKey) trust).sha256();
            offered = CertificateFingerprints.ofPublicKey(leaf);
            what = "public key";
        }
        if (!MessageDigest.isEqual(pinned.getBytes(StandardCharsets.US_ASCII), offered.getBytes(StandardCharsets.US_ASCII))) {
            throw refuse(ReasonCode.HOST_KEY_CHANGED, "the mail server's " + what + " has the SHA-256 fingerprint "
                    + offered + ", not the pinned " + pinned + ": possibly an impostor; if the server's certificate was"
                    + " really replaced, update the pin");
        }
        try {
            KeyStore anchor = KeyStore.getInstance(KeyStore.getDefaultType());
            anchor.load(null, null);
            anchor.setCertificateEntry("pinned", leaf);
            pkixCheck.verify(pkix(anchor), new X509Certificate[] {leaf}, authType);
        } catch (CertificateException e) {
            throw refuse(ReasonCode.HOST_KEY_UNKNOWN, "the mail server's pinned certificate " + subject(leaf)
                    + " does not name this host: " + HeaderText.forLog(e.getMessage()));
        } catch (IOException | GeneralSecurityException e) {
            throw refuse(ReasonCode.HOST_KEY_UNKNOWN, "cannot check the host name of the pinned certificate: "
                    + HeaderText.forLog(e.getMessage()));
        }
    }

    private CertificateException refuse(ReasonCode reason, String detail) {
        refusal.set(new Refusal(reason, detail));
        return new CertificateException(detail);
    }

    private static String subject(X509Certificate certificate) {
        return PrintableText.quote(certificate.getSubjectX500Principal().getName());
    }

    /** One PKIX check with the connection of the handshake. */
    @FunctionalInterface
    private interface Verifier {
        void verify(X509ExtendedTrustManager manager, X509Certificate[] chain, String authType) throws CertificateException;
    }

    /** The trust manager of the context: client side only. */
    private final class Checking extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            SSLParameters parameters = socket instanceof SSLSocket ssl ? ssl.getSSLParameters() : null;
            check(chain, authType, parameters,
                    (manager, certificates, type) -> manager.checkServerTrusted(certificates, type, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            check(chain, authType, engine == null ? null : engine.getSSLParameters(),
                    (manager, certificates, type) -> manager.checkServerTrusted(certificates, type, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            // Without a socket there is no host to check the name against.
            check(chain, authType, null, (manager, certificates, type) -> manager.checkServerTrusted(certificates, type));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("the notifier's trust manager checks servers only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("the notifier's trust manager checks servers only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the notifier's trust manager checks servers only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            X509ExtendedTrustManager manager = anchors;
            return manager == null ? new X509Certificate[0] : manager.getAcceptedIssuers();
        }
    }
}
