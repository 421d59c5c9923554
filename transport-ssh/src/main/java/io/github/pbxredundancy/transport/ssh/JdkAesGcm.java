package io.github.pbxredundancy.transport.ssh;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.common.SSHRuntimeException;
import net.schmizz.sshj.transport.cipher.Cipher;

/**
 * AES-GCM for SSH ({@code aes128-gcm@openssh.com}, {@code aes256-gcm@openssh.com}, RFC 5647 as
 * OpenSSH uses it) on the JDK's own provider, chosen for this cipher alone.
 *
 * <p>Why: SSHJ takes every cipher from its JVM-global provider setting, which by default is
 * Bouncy Castle, whose AES runs without the processor's AES instructions (about a third of the
 * JDK's speed on loopback). Changing that setting would change it for every other SSHJ user in
 * the host's JVM, so this class asks the JDK's {@code SunJCE} provider by name for each
 * connection instead and leaves SSHJ's setting alone. Where the JDK has no {@code SunJCE} (another
 * vendor's JDK) the JVM's preferred provider for {@code AES/GCM/NoPadding} is used.
 *
 * <p>The nonce is a 4-byte fixed part and an 8-byte counter that grows by one per packet; the
 * packet length is authenticated, not encrypted; the tag is 16 bytes. One instance per direction
 * of one connection, used by SSHJ's transport thread only.
 */
final class JdkAesGcm implements Cipher {
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final String JDK_PROVIDER = "SunJCE";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BYTES = 16;
    private static final int BLOCK_BYTES = 16;

    private final int keyBytes;
    private javax.crypto.Cipher cipher;
    private int opmode;
    private SecretKeySpec key;
    private byte[] nonce;
    private boolean started;

    private JdkAesGcm(int keyBytes) {
        this.keyBytes = keyBytes;
    }

    /** @return the factory for {@code aes128-gcm@openssh.com} */
    static Factory.Named<Cipher> aes128() {
        return factory("aes128-gcm@openssh.com", 16);
    }

    /** @return the factory for {@code aes256-gcm@openssh.com} */
    static Factory.Named<Cipher> aes256() {
        return factory("aes256-gcm@openssh.com", 32);
    }

    /** @return the provider these ciphers use in this JVM */
    static Provider provider() {
        try {
            return newCipher().getProvider();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no " + TRANSFORMATION, e);
        }
    }

    private static Factory.Named<Cipher> factory(String name, int keyBytes) {
        return new Factory.Named<>() {
            @Override
            public Cipher create() {
                return new JdkAesGcm(keyBytes);
            }

            @Override
            public String getName() {
                return name;
            }

            @Override
            public String toString() {
                return name + " (JDK)";
            }
        };
    }

    private static javax.crypto.Cipher newCipher() throws GeneralSecurityException {
        Provider jdk = Security.getProvider(JDK_PROVIDER);
        return jdk != null ? javax.crypto.Cipher.getInstance(TRANSFORMATION, jdk) : javax.crypto.Cipher.getInstance(TRANSFORMATION);
    }

    @Override
    public int getBlockSize() {
        return BLOCK_BYTES;
    }

    @Override
    public int getIVSize() {
        return NONCE_BYTES;
    }

    @Override
    public int getAuthenticationTagSize() {
        return TAG_BYTES;
    }

    @Override
    public void init(Mode mode, byte[] keyMaterial, byte[] ivMaterial) {
        // SSH derives more key and IV bytes than the cipher takes; the leading ones are used.
        this.key = new SecretKeySpec(Arrays.copyOf(keyMaterial, keyBytes), "AES");
        this.nonce = Arrays.copyOf(ivMaterial, NONCE_BYTES);
        this.opmode = mode == Mode.Encrypt ? javax.crypto.Cipher.ENCRYPT_MODE : javax.crypto.Cipher.DECRYPT_MODE;
        try {
            this.cipher = newCipher();
        } catch (GeneralSecurityException e) {
            throw new SSHRuntimeException("cannot create " + TRANSFORMATION, e);
        }
        this.started = false;
    }

    @Override
    public void updateAAD(byte[] data, int offset, int length) {
        start();
        cipher.updateAAD(data, offset, length);
    }

    @Override
    public void updateAAD(byte[] data) {
        updateAAD(data, 0, data.length);
    }

    /** Encrypts or decrypts one packet in place; decrypting also checks the tag that follows it. */
    @Override
    public void update(byte[] input, int offset, int length) {
        start();
        int total = opmode == javax.crypto.Cipher.DECRYPT_MODE ? length + TAG_BYTES : length;
        try {
            cipher.doFinal(input, offset, total, input, offset);
        } catch (GeneralSecurityException e) {
            throw new SSHRuntimeException("AES-GCM " + (opmode == javax.crypto.Cipher.DECRYPT_MODE
                    ? "authentication of a packet failed" : "encryption failed"), e);
        } finally {
            started = false;
            nextNonce();
        }
    }

    @Override
    public void updateWithAAD(byte[] input, int offset, int aadLength, int length) {
        updateAAD(input, offset, aadLength);
        update(input, offset + aadLength, length);
    }

    /** The counter carries the packet sequence by itself (RFC 5647 section 7.1). */
    @Override
    public void setSequenceNumber(long sequence) {
    }

    private void start() {
        if (started) {
            return;
        }
        try {
            cipher.init(opmode, key, new GCMParameterSpec(TAG_BYTES * Byte.SIZE, nonce));
        } catch (GeneralSecurityException e) {
            throw new SSHRuntimeException("cannot start AES-GCM for the next packet", e);
        }
        started = true;
    }

    /** Adds one to the 64-bit big-endian counter in the nonce's last 8 bytes; it never wraps in practice. */
    private void nextNonce() {
        for (int i = NONCE_BYTES - 1; i >= NONCE_BYTES - 8; i--) {
            if (++nonce[i] != 0) {
                return;
            }
        }
    }
}
