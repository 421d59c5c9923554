package io.github.pbxredundancy.transport.http;

import io.github.pbxredundancy.core.spi.CertificateFingerprints;
import io.github.pbxredundancy.core.Secret;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Key pairs and self-signed certificates for the tests, made once per test run with the JDK's
 * {@code keytool} (the JDK has no API to create certificates): the standby's (naming 127.0.0.1 and
 * localhost), another one for the same names (a wrong pin, an impostor), and one that names only
 * {@code wrong.example}.
 */
final class TestCertificates {
    static final String PASSWORD = "changeit";

    /** One certificate with its key and a truststore holding only the certificate. */
    record Identity(Path keyStore, Path trustStore, X509Certificate certificate) {
        SSLContext serverContext() {
            try {
                KeyStore keys = KeyStore.getInstance(keyStore.toFile(), PASSWORD.toCharArray());
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(keys, PASSWORD.toCharArray());
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(factory.getKeyManagers(), null, null);
                return context;
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A client context trusting this certificate, for raw protocol requests. */
        SSLContext clientContext() {
            return CLIENT_CONTEXTS.computeIfAbsent(trustStore, file -> makeClientContext());
        }

        private SSLContext makeClientContext() {
            try {
                TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
                factory.init(KeyStore.getInstance(trustStore.toFile(), PASSWORD.toCharArray()));
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, factory.getTrustManagers(), null);
                return context;
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        HttpTrust trusted() {
            return new HttpTrust.TrustStore(trustStore, Optional.of(Secret.of(PASSWORD)));
        }

        HttpTrust pinnedCertificate() {
            try {
                return new HttpTrust.PinnedCertificate(CertificateFingerprints.ofCertificate(certificate));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        HttpTrust pinnedPublicKey() {
            return new HttpTrust.PinnedPublicKey(CertificateFingerprints.ofPublicKey(certificate));
        }
    }

    private static final java.util.Map<Path, SSLContext> CLIENT_CONTEXTS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Path DIR = Path.of("target", "test-certificates", UUID.randomUUID().toString());
    private static final List<Identity> IDENTITIES = make(List.of("standby:ip:127.0.0.1,dns:localhost",
            "impostor:ip:127.0.0.1,dns:localhost", "elsewhere:dns:wrong.example"));

    private TestCertificates() {
    }

    /** The standby's certificate: names 127.0.0.1 and localhost. */
    static Identity standby() {
        return IDENTITIES.get(0);
    }

    /** Another key and certificate for the same names. */
    static Identity impostor() {
        return IDENTITIES.get(1);
    }

    /** A certificate for wrong.example only. */
    static Identity elsewhere() {
        return IDENTITIES.get(2);
    }

    private static List<Identity> make(List<String> specs) {
        try {
            Files.createDirectories(DIR);
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            List<Process> processes = new java.util.ArrayList<>();
            for (String spec : specs) {
                String alias = spec.substring(0, spec.indexOf(':'));
                String san = spec.substring(spec.indexOf(':') + 1);
                processes.add(new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", alias, "-keyalg", "EC",
                        "-groupname", "secp256r1", "-dname", "CN=" + alias, "-ext", "san=" + san, "-validity", "7",
                        "-keystore", DIR.resolve(alias + ".p12").toString(), "-storetype", "PKCS12",
                        "-storepass", PASSWORD, "-keypass", PASSWORD)
                        .redirectErrorStream(true).redirectOutput(DIR.resolve(alias + ".log").toFile()).start());
            }
            for (Process process : processes) {
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IllegalStateException("keytool failed; see " + DIR);
                }
            }
            List<Identity> identities = new java.util.ArrayList<>();
            for (String spec : specs) {
                String alias = spec.substring(0, spec.indexOf(':'));
                Path keyStore = DIR.resolve(alias + ".p12");
                KeyStore keys = KeyStore.getInstance(keyStore.toFile(), PASSWORD.toCharArray());
                X509Certificate certificate = (X509Certificate) keys.getCertificate(alias);
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                trust.setCertificateEntry(alias, certificate);
                Path trustStore = DIR.resolve(alias + "-trust.p12");
                try (OutputStream out = Files.newOutputStream(trustStore)) {
                    trust.store(out, PASSWORD.toCharArray());
                }
                identities.add(new Identity(keyStore, trustStore, certificate));
            }
            Files.writeString(DIR.resolve("README"), "made by TestCertificates\n", StandardCharsets.UTF_8);
            return List.copyOf(identities);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
