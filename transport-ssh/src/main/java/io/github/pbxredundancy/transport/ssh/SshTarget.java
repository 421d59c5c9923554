package io.github.pbxredundancy.transport.ssh;

import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.spi.TargetHosts;
import io.github.pbxredundancy.core.RedundancySettings;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where the standby's inbox is over SSH: {@code ssh://user@host:port/inbox/path}. The user
 * defaults to {@code root} (R9), the port to 22. The host is an IPv4 literal or a host name; the
 * path is the absolute inbox directory as the SFTP server sees it (below the chroot, if the
 * account has one).
 *
 * <p>A target never carries a secret: a URI with a password in its user part is refused, and
 * credentials are given as {@link SshCredentials}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param user the account on the standby
 * @param host an IPv4 literal or a host name, in lower case
 * @param port 1 to 65535
 * @param path the inbox directory: absolute, without empty, {@code .} or {@code ..} segments and
 *     without a trailing slash
 */
public record SshTarget(String user, String host, int port, String path) {
    /** The URI scheme of SSH targets. */
    public static final String SCHEME = "ssh";
    /** The user when the URI names none (R9). */
    public static final String DEFAULT_USER = RedundancySettings.DEFAULT_STANDBY_USER;
    /** The port when the URI names none. */
    public static final int DEFAULT_PORT = 22;

    private static final String FIELD = "ssh target";

    /**
     * Validates every part.
     *
     * @throws InvalidInputException naming the part and the rule it breaks
     */
    public SshTarget {
        if (!RedundancySettings.isValidStandbyUser(user)) {
            throw InvalidInputException.of(FIELD + " user", user, RedundancySettings.STANDBY_USER_RULE);
        }
        host = TargetHosts.host(FIELD + " host", host);
        TargetHosts.port(FIELD + " port", port);
        path = checkPath(path);
    }

    /**
     * Reads a target from its URI.
     *
     * @param uri e.g. {@code ssh://pbxsync@192.168.1.20:2222/var/spool/pbx-inbox}
     * @return the target
     * @throws InvalidInputException if the URI is not an {@code ssh:} URI with a host and a path, or
     *     has a password in its user part, a query or a fragment; the message names the part
     */
    public static SshTarget parse(URI uri) {
        if (uri == null) {
            throw InvalidInputException.of(FIELD, null, "is required, e.g. ssh://root@192.168.1.20/var/spool/pbx-inbox");
        }
        String shown = redacted(uri);
        if (uri.getScheme() == null || !SCHEME.equalsIgnoreCase(uri.getScheme())) {
            throw InvalidInputException.of(FIELD, shown, "must start with ssh://");
        }
        if (uri.isOpaque() || uri.getRawAuthority() == null) {
            throw InvalidInputException.of(FIELD, shown, "must name a host: ssh://user@host:port/inbox/path");
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && userInfo.indexOf(':') >= 0) {
            throw InvalidInputException.of(FIELD + " user", shown, "must not carry a password (user:password@):"
                    + " give the password as SSH credentials, never in the URI");
        }
        if (uri.getRawQuery() != null) {
            throw InvalidInputException.of(FIELD + " query", shown, "must be absent: an ssh target has no '?' part");
        }
        if (uri.getRawFragment() != null) {
            throw InvalidInputException.of(FIELD + " fragment", shown, "must be absent: an ssh target has no '#' part");
        }
        if (uri.getHost() == null) {
            throw TargetHosts.unreadableHost(FIELD + " host", shown, uri.getRawAuthority());
        }
        String path = uri.getRawPath();
        if (path == null || path.isEmpty() || "/".equals(path)) {
            throw InvalidInputException.of(FIELD + " path", shown, "must name the inbox directory, e.g. /var/spool/pbx-inbox");
        }
        String user = userInfo == null ? DEFAULT_USER : uri.getUserInfo();
        return new SshTarget(user, uri.getHost(), uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort(), uri.getPath());
    }

    /**
     * @return the target as a URI, with user and port always spelled out
     */
    public URI toUri() {
        try {
            return new URI(SCHEME, user, host, port, path, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("a validated target makes a valid URI", e);
        }
    }

    /**
     * @param fileName a name in the inbox
     * @return the file's path on the SFTP server
     */
    String inboxFile(String fileName) {
        return path + "/" + fileName;
    }

    /**
     * @return {@code ssh://user@host:port/path}
     */
    @Override
    public String toString() {
        return SCHEME + "://" + user + "@" + host + ":" + port + path;
    }

    /** The host part of a raw authority {@code user@host:port}. */


    private static String checkPath(String path) {
        String rule = "must be an absolute directory like /var/spool/pbx-inbox, without empty, '.' or '..' segments"
                + " and without control characters";
        if (path == null || !path.startsWith("/") || path.chars().anyMatch(Character::isISOControl)) {
            throw InvalidInputException.of(FIELD + " path", path, rule);
        }
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if ("/".equals(trimmed)) {
            throw InvalidInputException.of(FIELD + " path", path, "must name the inbox directory, not the root");
        }
        for (String segment : trimmed.substring(1).split("/", -1)) {
            if (segment.isEmpty() || ".".equals(segment) || "..".equals(segment)) {
                throw InvalidInputException.of(FIELD + " path", path, rule);
            }
        }
        return trimmed;
    }

    /** The URI as text without the password of a user:password@ part. */
    static String redacted(URI uri) {
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null || userInfo.indexOf(':') < 0) {
            return uri.toString();
        }
        String text = uri.toString();
        int at = text.indexOf(userInfo);
        return text.substring(0, at) + userInfo.substring(0, userInfo.indexOf(':')) + ":******"
                + text.substring(at + userInfo.length());
    }
}
