package io.github.pbxredundancy.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hierynomus.sshj.transport.cipher.GcmCiphers;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.schmizz.sshj.common.SSHRuntimeException;
import net.schmizz.sshj.transport.cipher.Cipher;
import org.junit.jupiter.api.Test;

/**
 * {@link JdkAesGcm} against SSHJ's own AES-GCM (another provider, another implementation of the
 * nonce counter), packet by packet as SSH frames them: a 4-byte length that is authenticated
 * only, the payload, a 16-byte tag.
 */
class JdkAesGcmTest {
    private static final int LENGTH_FIELD = 4;
    private static final int TAG = 16;

    private final SplittableRandom random = new SplittableRandom(20261123);

    @Test
    void theJdksOwnProviderIsUsed() {
        assertThat(JdkAesGcm.provider().getName()).isEqualTo("SunJCE");
    }

    @Test
    void packetsEncryptedHereDecryptWithSshjsImplementationAndBack() {
        for (int keyBytes : new int[] {16, 32}) {
            byte[] key = bytes(64);
            byte[] iv = bytes(32);
            Cipher ours = (keyBytes == 16 ? JdkAesGcm.aes128() : JdkAesGcm.aes256()).create();
            Cipher theirs = (keyBytes == 16 ? GcmCiphers.AES128GCM() : GcmCiphers.AES256GCM()).create();
            ours.init(Cipher.Mode.Encrypt, key, iv);
            theirs.init(Cipher.Mode.Decrypt, key, iv);
            Cipher theirsBack = (keyBytes == 16 ? GcmCiphers.AES128GCM() : GcmCiphers.AES256GCM()).create();
            Cipher oursBack = (keyBytes == 16 ? JdkAesGcm.aes128() : JdkAesGcm.aes256()).create();
            theirsBack.init(Cipher.Mode.Encrypt, key, iv);
            oursBack.init(Cipher.Mode.Decrypt, key, iv);

            for (int packet = 0; packet < 50; packet++) {
                int payload = 16 * (1 + random.nextInt(2048));
                assertRoundTrip(ours, theirs, payload);
                assertRoundTrip(theirsBack, oursBack, payload);
            }
        }
    }

    @Test
    void aPacketChangedOnTheWayFailsAuthentication() {
        byte[] key = bytes(32);
        byte[] iv = bytes(12);
        Cipher sender = JdkAesGcm.aes128().create();
        Cipher receiver = JdkAesGcm.aes128().create();
        sender.init(Cipher.Mode.Encrypt, key, iv);
        receiver.init(Cipher.Mode.Decrypt, key, iv);
        byte[] packet = packet(64);
        sender.updateWithAAD(packet, 0, LENGTH_FIELD, 64);
        packet[LENGTH_FIELD + 10] ^= 1;

        assertThatThrownBy(() -> receiver.updateWithAAD(packet, 0, LENGTH_FIELD, 64))
                .isInstanceOf(SSHRuntimeException.class).hasMessageContaining("authentication");
    }

    @Test
    void aReplayedPacketFailsBecauseTheNonceMovedOn() {
        byte[] key = bytes(32);
        byte[] iv = bytes(12);
        Cipher sender = JdkAesGcm.aes128().create();
        Cipher receiver = JdkAesGcm.aes128().create();
        sender.init(Cipher.Mode.Encrypt, key, iv);
        receiver.init(Cipher.Mode.Decrypt, key, iv);
        byte[] packet = packet(32);
        sender.updateWithAAD(packet, 0, LENGTH_FIELD, 32);
        byte[] replay = packet.clone();
        receiver.updateWithAAD(packet, 0, LENGTH_FIELD, 32);

        assertThatThrownBy(() -> receiver.updateWithAAD(replay, 0, LENGTH_FIELD, 32)).isInstanceOf(SSHRuntimeException.class);
    }

    private void assertRoundTrip(Cipher sender, Cipher receiver, int payload) {
        byte[] packet = packet(payload);
        byte[] plain = packet.clone();
        sender.updateWithAAD(packet, 0, LENGTH_FIELD, payload);
        assertThat(Arrays.copyOfRange(packet, LENGTH_FIELD, LENGTH_FIELD + payload))
                .isNotEqualTo(Arrays.copyOfRange(plain, LENGTH_FIELD, LENGTH_FIELD + payload));
        receiver.updateWithAAD(packet, 0, LENGTH_FIELD, payload);
        assertThat(Arrays.copyOf(packet, LENGTH_FIELD + payload)).isEqualTo(Arrays.copyOf(plain, LENGTH_FIELD + payload));
    }

    /** A length field, a payload and room for the tag. */
    private byte[] packet(int payload) {
        byte[] packet = new byte[LENGTH_FIELD + payload + TAG];
        byte[] content = bytes(LENGTH_FIELD + payload);
        System.arraycopy(content, 0, packet, 0, content.length);
        return packet;
    }

    private byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }
}
