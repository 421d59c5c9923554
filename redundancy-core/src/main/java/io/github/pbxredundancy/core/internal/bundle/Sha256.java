package io.github.pbxredundancy.core.internal.bundle;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.util.regex.Pattern;

/**
 * SHA-256 in the one textual form the bundle format uses: 64 lower-case hex digits.
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
public final class Sha256 {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    private Sha256() {
    }

    /** Whether {@code text} is 64 lower-case hex digits. */
    public static boolean isHex(String text) {
        return text != null && HEX.matcher(text).matches();
    }

    /** The hash of {@code bytes}, lower-case hex. */
    public static String of(byte[] bytes) {
        return Hashing.sha256().hashBytes(bytes).toString();
    }

    /** The hash of a prefix of {@code bytes}, lower-case hex. */
    public static String of(byte[] bytes, int length) {
        return Hashing.sha256().hashBytes(bytes, 0, length).toString();
    }

    /** A fresh hasher; {@code hash().toString()} gives the lower-case hex form. */
    public static Hasher newHasher() {
        return Hashing.sha256().newHasher();
    }
}
