package io.github.pbxredundancy.transport.http.internal;

import io.github.pbxredundancy.core.spi.CertificateFingerprints;
import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.Secret;
import io.github.pbxredundancy.license.PrintableText;
import io.github.pbxredundancy.transport.http.HttpTrust;
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
 * The client's TLS trust for one transport: an {@link SSLContext} whose trust manager checks the
 * server's certificate by an {@link HttpTrust} and always checks the host name.
 *
 * <p>The host name is checked by the JDK's own PKIX trust manager with the HTTPS endpoint
 * identification the {@link java.net.http.HttpClient} sets on each connection: for a truststore it
 * validates the chain and the name; for a pin it is handed the pinned certificate as its only
 * trust anchor, so it checks the name (and the algorithm constraints) of exactly that certificate.
 * A connection without endpoint identification (someone set
 * {@code jdk.internal.httpclient.disableHostnameVerification}) is refused: the name check is never
 * off. Why a certificate was refused is remembered ({@link #takeRefusal()}), so that the
 * transport can tell an impostor from an unknown certificate whatever exception the TLS stack
 * wraps it in.
 *
 * <p>Not part of the API. Thread-safe; the truststore is read again by {@link #reload()}.
 */
public final class TlsTrust {
    /** The TLS versions the transport offers. */
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

    private final HttpTrust trust;
    private final AtomicReference<Refusal> refusal = new AtomicReference<>();
    private volatile X509ExtendedTrustManager trustStore;
    private final SSLContext context;

    private TlsTrust(HttpTrust trust) throws GeneralSecurityException {
        this.trust = Objects.requireNonNull(trust, "trust");
        this.context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new Checking()}, null);
    }

    /**
     * @param trust how to trust the server
     * @return the trust, not yet loaded: call {@link #reload()} before connecting
     */
    public static TlsTrust of(HttpTrust trust) {
        try {
            return new TlsTrust(trust);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has TLS", e);
        }
    }

    /** @return the context, for the HTTP client */
    public SSLContext context() {
        return context;
    }

    /** @return TLS 1.3 and 1.2 only, with HTTPS endpoint identification */
    public static SSLParameters parameters() {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(PROTOCOLS.clone());
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return parameters;
    }

    /**
     * Reads the truststore file again, if the trust is one; forgets the last refusal.
     *
     * @throws RedundancyException {@link ReasonCode#INVALID_INPUT} if the file cannot be read, has
     *     another password or holds no certificate
     */
    public void reload() {
        refusal.set(null);
        if (!(trust instanceof HttpTrust.TrustStore store)) {
            return;
        }
        char[] password = store.password().map(Secret::reveal).orElse(null);
        try {
            KeyStore keys = KeyStore.getInstance(store.file().toFile(), password);
            if (keys.size() == 0) {
                throw new RedundancyException(ReasonCode.INVALID_INPUT, "the truststore '" + store.file()
                        + "' holds no certificate (a PKCS12 file whose certificates are encrypted needs its password)");
            }
            trustStore = pkix(keys);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            // KeyStore.getInstance(File, ...) says "does not exist" with an IllegalArgumentException.
            throw new RedundancyException(ReasonCode.INVALID_INPUT, "cannot read the truststore '" + store.file() + "': "
                    + Text.describe(e), e);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    /**
     * @return why the trust manager refused the last server it refused, once; empty if it refused
     *     none since the last call or {@link #reload()}
     */
    public Optional<Refusal> takeRefusal() {
        return Optional.ofNullable(refusal.getAndSet(null));
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

    /** Checks a server's chain by the trust; {@code connection} is the SSLEngine or SSLSocket. */
    private void check(X509Certificate[] chain, String authType, SSLParameters parameters, Verifier pkixCheck)
            throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw refuse(ReasonCode.HOST_KEY_UNKNOWN, "the server sent no certificate");
        }
        String identification = parameters == null ? null : parameters.getEndpointIdentificationAlgorithm();
        if (identification == null || identification.isEmpty()) {
            throw refuse(ReasonCode.HOST_KEY_UNKNOWN, "the connection does not check the host name (is"
                    + " jdk.internal.httpclient.disableHostnameVerification set?); the transport never connects without it");
        }
        X509Certificate leaf = chain[0];
        if (trust instanceof HttpTrust.TrustStore store) {
            X509ExtendedTrustManager manager = trustStore;
            if (manager == null) {
                throw refuse(ReasonCode.HOST_KEY_UNKNOWN, "the truststore was not loaded");
            }
            try {
                pkixCheck.verify(manager, chain, authType);
            } catch (CertificateException e) {
                throw refuse(ReasonCode.HOST_KEY_UNKNOWN, "the server's certificate " + subject(leaf) + " is not trusted by"
                        + " the truststore '" + store.file() + "' for this host: " + Text.oneLine(e.getMessage()));
            }
            return;
        }
        String pinned;
        String offered;
        String what;
        if (trust instanceof HttpTrust.PinnedCertificate certificate) {
            pinned = certificate.sha256();
            offered = CertificateFingerprints.ofCertificate(leaf);
            what = "certificate";
        } else {
            pinned = ((HttpTrust.PinnedPublicKey) trust).sha256();
            offered = CertificateFingerprints.ofPublicKey(leaf);
            what = "public key";
        }
        if (!MessageDigest.isEqual(pinned.getBytes(StandardCharsets.US_ASCII), offered.getBytes(StandardCharsets.US_ASCII))) {
            throw refuse(ReasonCode.HOST_KEY_CHANGED, "the server's " + what + " has the SHA-256 fingerprint " + offered
                    + ", not the pinned " + pinned + ": possibly an impostor; if the standby's certificate was really"
                    + " replaced, update the pin");
        }
        try {
            KeyStore anchor = KeyStore.getInstance(KeyStore.getDefaultType());
            anchor.load(null, null);
            anchor.setCertificateEntry("pinned", leaf);
            pkixCheck.verify(pkix(anchor), new X509Certificate[] {leaf}, authType);
        } catch (CertificateException e) {
            throw refuse(ReasonCode.HOST_KEY_UNKNOWN, "the server's pinned certificate " + subject(leaf)
                    + " does not name this host: " + Text.oneLine(e.getMessage()));
        } catch (IOException | GeneralSecurityException e) {
            throw refuse(ReasonCode.HOST_KEY_UNKNOWN, "cannot check the host name of the pinned certificate: "
                    + Text.oneLine(String.valueOf(e.getMessage())));
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
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            check(chain, authType, engine == null ? null : engine.getSSLParameters(),
                    (manager, certificates, type) -> manager.checkServerTrusted(certificates, type, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            SSLParameters parameters = socket instanceof SSLSocket ssl ? ssl.getSSLParameters() : null;
            check(chain, authType, parameters,
                    (manager, certificates, type) -> manager.checkServerTrusted(certificates, type, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain, authType, null, (manager, certificates, type) -> manager.checkServerTrusted(certificates, type));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("the transport's trust manager checks servers only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("the transport's trust manager checks servers only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the transport's trust manager checks servers only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            X509ExtendedTrustManager manager = trustStore;
            return manager == null ? new X509Certificate[0] : manager.getAcceptedIssuers();
        }
    }
}
