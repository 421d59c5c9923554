package io.github.pbxredundancy.transport.ssh;

import java.util.ArrayList;
import java.util.List;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.transport.cipher.Cipher;

/**
 * SSHJ's configuration restricted to modern algorithms: key exchange by curve25519, ECDH or
 * Diffie-Hellman groups 16 to 18 with SHA-512; AES-GCM, ChaCha20-Poly1305 or AES-CTR; SHA-2 MACs;
 * Ed25519, ECDSA or RSA with SHA-2 signatures. No SHA-1 key exchange, no {@code ssh-rsa} SHA-1
 * signatures, no CBC, no certificates. Strict key exchange (Terrapin) is SSHJ's own and used
 * whenever the server offers it. The order of each list is the preference.
 *
 * <p>AES-GCM runs on the JDK's own provider ({@link JdkAesGcm}), chosen per connection; the other
 * algorithms use SSHJ's provider setting, which this class neither reads nor changes. (SSHJ itself
 * appends Bouncy Castle to the JVM's provider list the first time it needs a provider, below the
 * JDK's own, unless the host application told SSHJ otherwise.)
 */
final class Algorithms {
    /** Key exchanges, preferred first; {@code ext-info-c} lets the server announce rsa-sha2 for user keys. */
    static final List<String> KEY_EXCHANGES = List.of("curve25519-sha256", "curve25519-sha256@libssh.org",
            "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521",
            "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512", "diffie-hellman-group17-sha512",
            "ext-info-c");
    /** Ciphers, preferred first. */
    static final List<String> CIPHERS = List.of("aes128-gcm@openssh.com", "aes256-gcm@openssh.com",
            "chacha20-poly1305@openssh.com", "aes128-ctr", "aes192-ctr", "aes256-ctr");
    /** MACs, preferred first (unused with the AEAD ciphers). */
    static final List<String> MACS = List.of("hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com",
            "hmac-sha2-256", "hmac-sha2-512");
    /** Host key and user key signature algorithms, preferred first. */
    static final List<String> SIGNATURES = List.of("ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
            "ecdsa-sha2-nistp521", "rsa-sha2-512", "rsa-sha2-256");

    private Algorithms() {
    }

    /**
     * @return a fresh SSHJ configuration with only the algorithms above
     * @throws IllegalStateException if this SSHJ offers none of a kind
     */
    static Config modern() {
        return modern(true);
    }

    /**
     * @param jdkAesGcm false for SSHJ's own AES-GCM on its provider setting, which only the
     *     benchmark wants, to show the difference
     * @return a fresh SSHJ configuration with only the algorithms above
     */
    static Config modern(boolean jdkAesGcm) {
        DefaultConfig config = new DefaultConfig();
        config.setKeyExchangeFactories(only(config.getKeyExchangeFactories(), KEY_EXCHANGES, "key exchange"));
        List<Factory.Named<Cipher>> ciphers = jdkAesGcm ? withJdkAesGcm(config.getCipherFactories()) : config.getCipherFactories();
        config.setCipherFactories(only(ciphers, CIPHERS, "cipher"));
        config.setMACFactories(only(config.getMACFactories(), MACS, "MAC"));
        config.setKeyAlgorithms(only(config.getKeyAlgorithms(), SIGNATURES, "signature"));
        return config;
    }

    private static List<Factory.Named<Cipher>> withJdkAesGcm(List<Factory.Named<Cipher>> sshj) {
        List<Factory.Named<Cipher>> ciphers = new ArrayList<>(List.of(JdkAesGcm.aes128(), JdkAesGcm.aes256()));
        for (Factory.Named<Cipher> cipher : sshj) {
            if (ciphers.stream().noneMatch(jdk -> jdk.getName().equals(cipher.getName()))) {
                ciphers.add(cipher);
            }
        }
        return ciphers;
    }

    private static <T extends Factory.Named<?>> List<T> only(List<T> available, List<String> allowed, String kind) {
        List<T> kept = new ArrayList<>();
        for (String name : allowed) {
            for (T factory : available) {
                if (factory.getName().equals(name)) {
                    kept.add(factory);
                }
            }
        }
        if (kept.stream().noneMatch(f -> !"ext-info-c".equals(f.getName()))) {
            throw new IllegalStateException("SSHJ offers no " + kind + " algorithm of " + allowed);
        }
        return kept;
    }
}
