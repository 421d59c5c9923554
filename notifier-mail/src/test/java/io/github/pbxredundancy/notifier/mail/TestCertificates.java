package io.github.pbxredundancy.notifier.mail;

import io.github.pbxredundancy.core.spi.CertificateFingerprints;
import io.github.pbxredundancy.core.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Key pairs and self-signed certificates for the tests, made once per test run with the JDK's
 * {@code keytool} (the JDK has no API to create certificates): the mail server's (naming 127.0.0.1
 * and localhost), another one for the same names (an impostor), one that names only
 * {@code wrong.example}; and GreenMail's own test certificate from its jar, which names no host at
 * all ({@code CN=GreenMail selfsigned Test Certificate}), so that no client that checks the
 * server's identity can accept it, pinned or not.
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

        MailTrust trusted() {
            return new MailTrust.TrustStore(trustStore, Optional.of(Secret.of(PASSWORD)));
        }

        MailTrust pinnedCertificate() {
            try {
                return new MailTrust.PinnedCertificate(CertificateFingerprints.ofCertificate(certificate));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        MailTrust pinnedPublicKey() {
            return new MailTrust.PinnedPublicKey(CertificateFingerprints.ofPublicKey(certificate));
        }
    }

    private static final Path DIR = Path.of("target", "test-certificates", UUID.randomUUID().toString());
    private static final List<Identity> IDENTITIES = make(List.of("mailserver:ip:127.0.0.1,dns:localhost",
            "impostor:ip:127.0.0.1,dns:localhost", "elsewhere:dns:wrong.example"));
    private static final Identity GREENMAIL = greenMail();

    private TestCertificates() {
    }

    /** The mail server's certificate: names 127.0.0.1 and localhost. */
    static Identity mailServer() {
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

    /** GreenMail's own self-signed test certificate, which names no host. */
    static Identity greenMailOwn() {
        return GREENMAIL;
    }

    private static List<Identity> make(List<String> specs) {
        try {
            Files.createDirectories(DIR);
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            List<Process> processes = new ArrayList<>();
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
            List<Identity> identities = new ArrayList<>();
            for (String spec : specs) {
                String alias = spec.substring(0, spec.indexOf(':'));
                identities.add(identity(DIR.resolve(alias + ".p12"), alias));
            }
            return List.copyOf(identities);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Identity greenMail() {
        Path keyStore = DIR.resolve("greenmail.p12");
        try (InputStream in = TestCertificates.class.getClassLoader().getResourceAsStream("greenmail.p12")) {
            if (in == null) {
                throw new IllegalStateException("greenmail.p12 is not on the class path");
            }
            Files.copy(in, keyStore);
            return identity(keyStore, "greenmail");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Identity identity(Path keyStore, String alias) {
        try {
            KeyStore keys = KeyStore.getInstance(keyStore.toFile(), PASSWORD.toCharArray());
            X509Certificate certificate = (X509Certificate) keys.getCertificate(alias);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry(alias, certificate);
            Path trustStore = DIR.resolve(alias + "-trust.p12");
            try (OutputStream out = Files.newOutputStream(trustStore)) {
                trust.store(out, PASSWORD.toCharArray());
            }
            return new Identity(keyStore, trustStore, certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
