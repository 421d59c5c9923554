package io.github.pbxredundancy.transport.ssh;

import io.github.pbxredundancy.core.InputProblem;
import io.github.pbxredundancy.core.InvalidInputException;
import io.github.pbxredundancy.core.spi.Transport;
import io.github.pbxredundancy.core.spi.TransportOptions;
import io.github.pbxredundancy.core.spi.TransportProvider;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Opens {@link SshTransport}s for {@code ssh://} targets found by URI
 * ({@link io.github.pbxredundancy.core.Transports#open}). A URI carries no credentials and no host
 * key, so the provider reads them from two system properties:
 * <ul>
 *   <li>{@value #IDENTITY_FILE}: the path of an unencrypted private key file (required);</li>
 *   <li>exactly one of {@value #KNOWN_HOSTS} (the path of an OpenSSH known_hosts file) and
 *       {@value #FINGERPRINT} (the standby's pinned {@code SHA256:} fingerprint);</li>
 *   <li>optionally {@value #BANDWIDTH_LIMIT}: the upload's cap in bytes per second, see
 *       {@link SshTransport.Builder#bandwidthLimit(long)}.</li>
 * </ul>
 * Passwords and key passphrases are never read from system properties (any code in the JVM and
 * often {@code ps} can see them), and trust-on-first-use is never enabled this way: for those, build
 * the transport with {@link SshTransport#builder()}.
 *
 * <p>Stateless and thread-safe; the properties are read at each {@link #open}.
 */
public final class SshTransportProvider implements TransportProvider {
    /** The system property naming the private key file. */
    public static final String IDENTITY_FILE = "pbxredundancy.ssh.identityFile";
    /** The system property naming the known_hosts file. */
    public static final String KNOWN_HOSTS = "pbxredundancy.ssh.knownHosts";
    /** The system property holding the pinned host key fingerprint. */
    public static final String FINGERPRINT = "pbxredundancy.ssh.hostKeyFingerprint";

    /** The system property holding the bandwidth cap in bytes per second. */
    public static final String BANDWIDTH_LIMIT = "pbxredundancy.ssh.bandwidthLimit";

    private final UnaryOperator<String> properties;

    /** A provider reading the system properties, for {@link java.util.ServiceLoader}. */
    public SshTransportProvider() {
        this(System::getProperty);
    }

    SshTransportProvider(UnaryOperator<String> properties) {
        this.properties = Objects.requireNonNull(properties, "properties");
    }

    /** @return {@code ssh} */
    @Override
    public String scheme() {
        return SshTarget.SCHEME;
    }

    /**
     * @throws InvalidInputException if the target is not a valid {@link SshTarget}, or the system
     *     properties are missing, contradict each other or are malformed; every problem is named
     */
    @Override
    public Transport open(URI target, TransportOptions options) {
        SshTarget parsed = SshTarget.parse(target);
        List<InputProblem> problems = new ArrayList<>();
        String identity = blankToNull(properties.apply(IDENTITY_FILE));
        String knownHosts = blankToNull(properties.apply(KNOWN_HOSTS));
        String fingerprint = blankToNull(properties.apply(FINGERPRINT));
        if (identity == null) {
            problems.add(InputProblem.of(IDENTITY_FILE, null, "is required to open an ssh: target by URI: the path of an"
                    + " unencrypted private key file; for a password or passphrase use SshTransport.builder()"));
        }
        if ((knownHosts == null) == (fingerprint == null)) {
            problems.add(InputProblem.of(KNOWN_HOSTS + " / " + FINGERPRINT, null, "exactly one must be set: a known_hosts"
                    + " file or the standby's pinned SHA256: fingerprint"));
        }
        HostKeyPolicy policy = null;
        if (fingerprint != null && knownHosts == null) {
            try {
                policy = new HostKeyPolicy.PinnedFingerprint(fingerprint);
            } catch (InvalidInputException e) {
                problems.add(InputProblem.of(FINGERPRINT, fingerprint, "must be 'SHA256:' and 43 base64 characters,"
                        + " as 'ssh-keygen -lf <host key>.pub' prints it"));
            }
        } else if (knownHosts != null && fingerprint == null) {
            policy = new HostKeyPolicy.KnownHosts(Path.of(knownHosts));
        }
        long bandwidthLimit = bandwidthLimit(blankToNull(properties.apply(BANDWIDTH_LIMIT)), problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return SshTransport.builder()
                .target(parsed)
                .credentials(SshCredentials.privateKey(Path.of(identity)))
                .hostKeyPolicy(policy)
                .options(options)
                .bandwidthLimit(bandwidthLimit)
                .build();
    }

    private static long bandwidthLimit(String value, List<InputProblem> problems) {
        if (value == null) {
            return 0;
        }
        try {
            long limit = Long.parseLong(value);
            if (limit == 0 || limit >= SshTransport.MIN_BANDWIDTH_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below with the rule
        }
        problems.add(InputProblem.of(BANDWIDTH_LIMIT, value, "must be a whole number of bytes per second: 0 for no cap or at"
                + " least " + SshTransport.MIN_BANDWIDTH_LIMIT + ", e.g. 1000000 for about 8 Mbit/s"));
        return 0;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
