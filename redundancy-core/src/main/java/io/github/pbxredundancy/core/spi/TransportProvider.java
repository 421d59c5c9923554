package io.github.pbxredundancy.core.spi;

import java.net.URI;

/**
 * Makes {@link Transport}s for one URI scheme. {@link io.github.pbxredundancy.core.Transports#open}
 * finds providers with {@link java.util.ServiceLoader}: a transport jar lists its provider in
 * {@code META-INF/services/io.github.pbxredundancy.core.spi.TransportProvider}. A provider needs a
 * public no-argument constructor.
 *
 * <p>Implementations must be stateless or thread-safe: one provider instance may open transports
 * on several threads at once.
 */
public interface TransportProvider {
    /**
     * The URI scheme this provider serves, in lower case, e.g. {@code file}, {@code ssh},
     * {@code https}.
     *
     * @return the scheme
     */
    String scheme();

    /**
     * Opens a transport to the standby named by {@code target}. Opening checks the target's
     * syntax and may check what is cheap to check; it must not fail only because the standby
     * is unreachable right now: that is a retryable failure of
     * {@link Transport#deliver deliver}.
     *
     * @param target where the standby is, with this provider's scheme
     * @param options the common settings
     * @return a transport, owned by the caller, who closes it
     * @throws io.github.pbxredundancy.core.InvalidInputException if the target is not valid for this
     *     transport, naming the rule it breaks
     */
    Transport open(URI target, TransportOptions options);
}
