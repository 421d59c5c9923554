package io.github.pbxredundancy.transport.http;

import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.spi.TargetHosts;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the standby's {@link HttpReceiver} listens: {@code https://host:port/base/path}. The port
 * defaults to 443 ({@code https}) or 80 ({@code http}); the path is the receiver's base path (its
 * {@link HttpReceiver.Builder#basePath(String) context}), e.g. {@code /pbx-redundancy}; an empty
 * path or {@code /} means the receiver is mounted at the root. Uploads go to
 * {@code <path>/uploads/<bundle id>}, see {@code docs/http-protocol.md}.
 *
 * <p>A target never carries a secret: a URI with a user part is refused (credentials are given
 * as {@link HttpCredentials}), and so are a query and a fragment. Plain {@code http} parses, but
 * {@link HttpTransport} delivers over it only with an explicit opt-in.
 *
 * <p>Immutable and thread-safe.
 *
 * @param scheme {@code https} or {@code http}, lower case
 * @param host an IPv4 literal or a host name, in lower case
 * @param port 1 to 65535
 * @param path the base path: empty, or absolute without a trailing slash, made of unreserved URI
 *     characters ({@code A-Z a-z 0-9 - . _ ~}) without empty, {@code .} or {@code ..} segments
 */
public record HttpTarget(String scheme, String host, int port, String path) {
    /** The scheme of TLS targets. */
    public static final String HTTPS = "https";
    /** The scheme of plain targets, used only with an explicit opt-in. */
    public static final String HTTP = "http";

    private static final String FIELD = "http target";
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~-]{1,100}");

    /**
     * Validates every part.
     *
     * @throws InvalidInputException naming the part and the rule it breaks
     */
    public HttpTarget {
        scheme = scheme == null ? null : scheme.toLowerCase(Locale.ROOT);
        if (!HTTPS.equals(scheme) && !HTTP.equals(scheme)) {
            throw InvalidInputException.of(FIELD + " scheme", scheme, "must be https (or http with an explicit opt-in)");
        }
        host = TargetHosts.host(FIELD + " host", host);
        TargetHosts.port(FIELD + " port", port);
        path = checkPath(path);
    }

    /**
     * Reads a target from its URI.
     *
     * @param uri e.g. {@code https://192.168.1.20:8443/pbx-redundancy}
     * @return the target
     * @throws InvalidInputException if the URI is not an {@code https:} or {@code http:} URI with a
     *     host, or has a user part, a query or a fragment; the message names the part
     */
    public static HttpTarget parse(URI uri) {
        if (uri == null) {
            throw InvalidInputException.of(FIELD, null, "is required, e.g. https://192.168.1.20:8443/pbx-redundancy");
        }
        if (uri.getRawUserInfo() != null) {
            // Never repeat the user part: it may hold a password.
            throw InvalidInputException.of(FIELD + " user", redacted(uri), "must be absent: give the credentials as"
                    + " HttpCredentials (a bearer token or a user and password), never in the URI");
        }
        String shown = uri.toString();
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!HTTPS.equals(scheme) && !HTTP.equals(scheme)) {
            throw InvalidInputException.of(FIELD, shown, "must start with https://");
        }
        if (uri.isOpaque() || uri.getRawAuthority() == null) {
            throw InvalidInputException.of(FIELD, shown, "must name a host: https://host:port/path");
        }
        if (uri.getRawQuery() != null) {
            throw InvalidInputException.of(FIELD + " query", shown, "must be absent: an http target has no '?' part");
        }
        if (uri.getRawFragment() != null) {
            throw InvalidInputException.of(FIELD + " fragment", shown, "must be absent: an http target has no '#' part");
        }
        if (uri.getHost() == null) {
            throw TargetHosts.unreadableHost(FIELD + " host", shown, uri.getRawAuthority());
        }
        int port = uri.getPort() == -1 ? defaultPort(scheme) : uri.getPort();
        return new HttpTarget(scheme, uri.getHost(), port, uri.getRawPath());
    }

    /** @return whether the target uses TLS */
    public boolean isTls() {
        return HTTPS.equals(scheme);
    }

    /**
     * @return the target as a URI, with the port always spelled out
     */
    public URI toUri() {
        return URI.create(toString());
    }

    /**
     * @param id a bundle id, already valid
     * @return the URI of the bundle's upload, {@code <target>/uploads/<id>}
     */
    URI upload(String id) {
        return URI.create(this + "/uploads/" + id);
    }

    /**
     * @return {@code scheme://host:port/path}
     */
    @Override
    public String toString() {
        return scheme + "://" + host + ":" + port + path;
    }

    private static int defaultPort(String scheme) {
        return HTTPS.equals(scheme) ? 443 : 80;
    }


    private static String checkPath(String path) {
        if (path == null || path.isEmpty() || "/".equals(path)) {
            return "";
        }
        String rule = "must be empty or an absolute path like /pbx-redundancy of letters, digits, '-', '.', '_' and '~',"
                + " without empty, '.' or '..' segments";
        if (!path.startsWith("/") || path.length() > 1000) {
            throw InvalidInputException.of(FIELD + " path", path, rule);
        }
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (String segment : trimmed.substring(1).split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || ".".equals(segment) || "..".equals(segment)) {
                throw InvalidInputException.of(FIELD + " path", path, rule);
            }
        }
        return trimmed;
    }

    private static String redacted(URI uri) {
        String text = uri.toString();
        return text.replace(uri.getRawUserInfo() + "@", "***@");
    }
}
