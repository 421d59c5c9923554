package io.github.pbxredundancy.transport.http.internal;

import io.github.pbxredundancy.transport.http.HttpCredentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks a request's {@code Authorization} header against the credentials a receiver accepts,
 * in constant time: the presented value and every accepted one are compared as SHA-256 hashes
 * with {@link MessageDigest#isEqual}, every accepted credential is compared whatever matched
 * before, so neither the content nor the length of a secret leaks through the time a refusal
 * takes. Only the hashes of the accepted values are kept.
 *
 * <p>Not part of the API. Immutable and thread-safe.
 */
public final class CredentialCheck {
    /** The realm named in the challenges. */
    public static final String REALM = "pbx-redundancy";
    /** The longest {@code Authorization} value looked at. */
    public static final int MAX_LENGTH = 8192;

    private final List<byte[]> accepted;
    private final List<String> challenges;

    /**
     * @param credentials what the receiver accepts, at least one
     */
    public CredentialCheck(List<HttpCredentials> credentials) {
        if (credentials.isEmpty()) {
            throw new IllegalArgumentException("a receiver accepts at least one credential");
        }
        List<byte[]> hashes = new ArrayList<>();
        boolean bearer = false;
        boolean basic = false;
        for (HttpCredentials credential : credentials) {
            hashes.add(hash(credential.authorization()));
            bearer |= credential instanceof HttpCredentials.Bearer;
            basic |= credential instanceof HttpCredentials.Basic;
        }
        this.accepted = List.copyOf(hashes);
        List<String> challenge = new ArrayList<>();
        if (bearer) {
            challenge.add("Bearer realm=\"" + REALM + "\"");
        }
        if (basic) {
            challenge.add("Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        }
        this.challenges = List.copyOf(challenge);
    }

    /**
     * @param authorization the header's value, possibly null
     * @return whether it is one of the accepted credentials
     */
    public boolean accepts(String authorization) {
        String canonical = canonical(authorization);
        byte[] presented = hash(canonical == null ? "" : canonical);
        boolean match = false;
        for (byte[] candidate : accepted) {
            match |= MessageDigest.isEqual(presented, candidate);
        }
        return match && canonical != null;
    }

    /** @return the {@code WWW-Authenticate} challenges of a 401 */
    public List<String> challenges() {
        return challenges;
    }

    /** The scheme in its canonical case and one blank before the credentials, or null if malformed. */
    private static String canonical(String authorization) {
        if (authorization == null || authorization.length() > MAX_LENGTH) {
            return null;
        }
        int blank = authorization.indexOf(' ');
        if (blank <= 0) {
            return null;
        }
        String scheme = authorization.substring(0, blank).toLowerCase(Locale.ROOT);
        String rest = authorization.substring(blank).stripLeading();
        if (rest.isEmpty()) {
            return null;
        }
        switch (scheme) {
            case "bearer":
                return "Bearer " + rest;
            case "basic":
                return "Basic " + rest;
            default:
                return null;
        }
    }

    private static byte[] hash(String value) {
        return UploadStore.newDigest().digest(value.getBytes(StandardCharsets.UTF_8));
    }
}
