package io.github.pbxredundancy.core.spi;

import io.github.pbxredundancy.core.InvalidInputException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * SHA-256 fingerprints of certificates and public keys, and the one rule for writing a pin, so
 * that every module that pins a TLS peer (the HTTPS transport, the mail notifier) reads a pin the
 * same way.
 *
 * <p>Stateless and thread-safe.
 */
public final class CertificateFingerprints {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    private CertificateFingerprints() {
    }

    /**
     * Checks and normalises a pin: 64 hex digits in either case, with or without a colon between
     * every two digits, optionally prefixed {@code SHA256:} as keytool prints it.
     *
     * @param field the setting's name, for the message
     * @param raw the pin as configured
     * @return 64 lower-case hex digits
     * @throws InvalidInputException naming the field and the rule
     */
    public static String normalize(String field, String raw) {
        String rule = "must be a SHA-256 fingerprint: 64 hex digits, with or without colons, as 'openssl x509"
                + " -noout -fingerprint -sha256' prints it";
        if (raw == null) {
            throw InvalidInputException.of(field, null, rule);
        }
        String text = raw.strip();
        if (text.regionMatches(true, 0, "SHA256:", 0, 7)) {
            text = text.substring(7).strip();
        }
        boolean colons = text.indexOf(':') >= 0;
        boolean colonsWellPlaced = !colons || text.length() == 95 && isColonSeparated(text);
        String hex = text.replace(":", "").toLowerCase(Locale.ROOT);
        if (!HEX.matcher(hex).matches() || !colonsWellPlaced) {
            throw InvalidInputException.of(field, raw, rule);
        }
        return hex;
    }

    /**
     * @param certificate a certificate
     * @return the SHA-256 of its DER encoding, 64 lower-case hex digits
     * @throws CertificateEncodingException if it cannot be encoded
     */
    public static String ofCertificate(X509Certificate certificate) throws CertificateEncodingException {
        return sha256(certificate.getEncoded());
    }

    /**
     * @param certificate a certificate
     * @return the SHA-256 of its public key's DER SubjectPublicKeyInfo, 64 lower-case hex digits
     */
    public static String ofPublicKey(X509Certificate certificate) {
        return sha256(certificate.getPublicKey().getEncoded());
    }

    private static boolean isColonSeparated(String text) {
        for (int i = 2; i < text.length(); i += 3) {
            if (text.charAt(i) != ':') {
                return false;
            }
        }
        return true;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
