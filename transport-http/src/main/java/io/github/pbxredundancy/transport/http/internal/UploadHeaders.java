package io.github.pbxredundancy.transport.http.internal;

import io.github.pbxredundancy.core.InvalidInputException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The header fields of the upload protocol ({@code docs/http-protocol.md}) and their strict
 * readers and writers, shared by the client and the receiver: whatever a header holds, a reader
 * returns a valid value or throws {@link InvalidInputException} quoting the value safely, never
 * another exception.
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
public final class UploadHeaders {
    /** The bundle's size in bytes, announced when an upload is created. */
    public static final String UPLOAD_LENGTH = "Upload-Length";
    /** How many bytes of the upload the receiver has; where a PATCH starts. */
    public static final String UPLOAD_OFFSET = "Upload-Offset";
    /** The bundle's SHA-256 as an RFC 9530 digest: {@code sha-256=:<base64>:}. */
    public static final String REPR_DIGEST = "Repr-Digest";
    /** The media type of a PATCH body: bytes at the offset the request names. */
    public static final String OFFSET_OCTET_STREAM = "application/offset+octet-stream";
    /** The media type of a verdict: an answer as {@code InboxCodec} writes it. */
    public static final String VERDICT_TYPE = "application/vnd.pbxredundancy.verdict";
    /** The media type of a refusal's explanation. */
    public static final String TEXT_TYPE = "text/plain; charset=utf-8";
    /** The longest header value the readers look at. */
    public static final int MAX_VALUE_LENGTH = 1024;

    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,18}");
    private static final Pattern KEY = Pattern.compile("[a-z*][a-z0-9_.*-]*");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]*={0,2}");
    private static final String DIGEST_KEY = "sha-256";

    private UploadHeaders() {
    }

    /**
     * Reads {@code Upload-Offset} or {@code Upload-Length}: a non-negative decimal without sign,
     * leading zeros or blanks, at most {@link Long#MAX_VALUE}.
     *
     * @param header the header's name, for the message
     * @param value the value as received, possibly null
     * @return the number
     * @throws InvalidInputException if the value is missing or breaks the rule
     */
    public static long parseCount(String header, String value) {
        if (value == null || value.length() > 19 || !DECIMAL.matcher(value).matches()) {
            throw InvalidInputException.of(header, value, "must be a byte count: a decimal number from 0 to "
                    + Long.MAX_VALUE + " without sign, blanks or leading zeros");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw InvalidInputException.of(header, value, "must be at most " + Long.MAX_VALUE);
        }
    }

    /**
     * @param count zero or more
     * @return the value of {@code Upload-Offset} or {@code Upload-Length}
     * @throws IllegalArgumentException if the count is negative
     */
    public static String renderCount(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("a byte count is never negative: " + count);
        }
        return Long.toString(count);
    }

    /**
     * Writes the bundle's hash as an RFC 9530 {@code Repr-Digest}.
     *
     * @param sha256Hex 64 lower-case hex digits
     * @return {@code sha-256=:<base64 of the 32 bytes>:}
     * @throws IllegalArgumentException if the hash is not 64 hex digits
     */
    public static String renderDigest(String sha256Hex) {
        byte[] bytes = HexFormat.of().parseHex(sha256Hex);
        if (bytes.length != 32) {
            throw new IllegalArgumentException("a SHA-256 has 32 bytes");
        }
        return DIGEST_KEY + "=:" + Base64.getEncoder().encodeToString(bytes) + ":";
    }

    /**
     * Reads an RFC 9530 {@code Repr-Digest}: a structured-field dictionary of algorithm keys and
     * byte sequences, e.g. {@code sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:}. It must
     * hold exactly one {@code sha-256} member with 32 bytes in canonical, padded base64; members of
     * other algorithms are allowed and ignored; parameters, other value types, a repeated key and
     * anything malformed are refused.
     *
     * @param value the value as received, possibly null
     * @return the SHA-256, 64 lower-case hex digits
     * @throws InvalidInputException if the value breaks the rule
     */
    public static String parseDigest(String value) {
        String rule = "must be an RFC 9530 digest with one sha-256 member: sha-256=:<base64 of 32 bytes>:";
        if (value == null || value.length() > MAX_VALUE_LENGTH) {
            throw InvalidInputException.of(REPR_DIGEST, value, rule);
        }
        String found = null;
        for (String raw : value.split(",", -1)) {
            String member = stripBlanks(raw);
            int equals = member.indexOf('=');
            if (equals <= 0 || !KEY.matcher(member.substring(0, equals)).matches()) {
                throw InvalidInputException.of(REPR_DIGEST, value, rule);
            }
            String key = member.substring(0, equals);
            String bytes = member.substring(equals + 1);
            if (bytes.length() < 2 || bytes.charAt(0) != ':' || bytes.charAt(bytes.length() - 1) != ':'
                    || !BASE64.matcher(bytes.substring(1, bytes.length() - 1)).matches()) {
                throw InvalidInputException.of(REPR_DIGEST, value, rule);
            }
            if (DIGEST_KEY.equals(key)) {
                if (found != null) {
                    throw InvalidInputException.of(REPR_DIGEST, value, "must hold the sha-256 member once");
                }
                found = bytes.substring(1, bytes.length() - 1);
            }
        }
        if (found == null) {
            throw InvalidInputException.of(REPR_DIGEST, value, rule);
        }
        byte[] hash;
        try {
            hash = Base64.getDecoder().decode(found);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of(REPR_DIGEST, value, rule);
        }
        if (hash.length != 32 || !Base64.getEncoder().encodeToString(hash).equals(found)) {
            throw InvalidInputException.of(REPR_DIGEST, value, rule);
        }
        return HexFormat.of().formatHex(hash);
    }

    /** Strips the optional blanks (SP, HTAB) around a dictionary member, nothing else. */
    private static String stripBlanks(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        return text.substring(start, end);
    }
}
