package io.github.pbxredundancy.core.internal.transport;

import java.net.URI;

/**
 * Shows a transport target in messages without the password a URI may carry
 * ({@code ssh://root:secret@host/}).
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
public final class Uris {
    private Uris() {
    }

    /**
     * @param uri any URI
     * @return its text with the user information, if any, replaced by {@code ***}
     */
    public static String redacted(URI uri) {
        String text = uri.toString();
        String userInfo = uri.getRawUserInfo();
        return userInfo == null ? text : text.replace(userInfo + "@", "***@");
    }
}
