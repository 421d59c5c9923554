package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.internal.transport.Uris;
import io.github.pbxredundancy.core.spi.Transport;
import io.github.pbxredundancy.core.spi.TransportOptions;
import io.github.pbxredundancy.core.spi.TransportProvider;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.SortedSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a {@link Transport} for a target URI by its scheme: {@code file:} ships with the core;
 * {@code ssh:} and {@code https:} come with their transport jars. Providers are found with
 * {@link ServiceLoader} in the class loader that loaded the core, so transport jars must sit
 * beside it (in a web application: all in {@code WEB-INF/lib}). Each transport can also be
 * constructed directly, e.g. {@link io.github.pbxredundancy.core.transport.FileTransport}.
 *
 * <p>Stateless and thread-safe; providers are looked up on every call.
 */
public final class Transports {
    private static final Logger LOG = LoggerFactory.getLogger(Transports.class);

    private Transports() {
    }

    /**
     * Opens a transport with the provider of the target's scheme (compared without regard to
     * case). Should two providers claim a scheme, the first found wins and the conflict is logged.
     *
     * @param target where the standby is, e.g. {@code file:///mnt/standby/inbox}
     * @param options the common settings
     * @return the transport, owned by the caller, who closes it
     * @throws InvalidInputException if the target has no scheme, no provider serves its scheme
     *     (the message names the scheme and the known ones), or the provider refuses the target
     */
    public static Transport open(URI target, TransportOptions options) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(options, "options");
        if (target.getScheme() == null) {
            throw InvalidInputException.of("transport target", Uris.redacted(target),
                    "must start with a scheme such as file:, e.g. file:///mnt/standby/inbox");
        }
        String scheme = target.getScheme().toLowerCase(Locale.ROOT);
        Map<String, TransportProvider> providers = providers();
        TransportProvider provider = providers.get(scheme);
        if (provider == null) {
            throw InvalidInputException.of("transport target", Uris.redacted(target), "has the scheme '" + scheme
                    + "', for which no transport is installed; known schemes: " + String.join(", ", new TreeSet<>(providers.keySet())));
        }
        return provider.open(target, options);
    }

    /**
     * @return the schemes some installed provider serves, in lower case, sorted
     */
    public static SortedSet<String> schemes() {
        return new TreeSet<>(providers().keySet());
    }

    private static Map<String, TransportProvider> providers() {
        Map<String, TransportProvider> providers = new LinkedHashMap<>();
        ServiceLoader<TransportProvider> loader = ServiceLoader.load(TransportProvider.class, Transports.class.getClassLoader());
        for (ServiceLoader.Provider<TransportProvider> candidate : (Iterable<ServiceLoader.Provider<TransportProvider>>) loader.stream()::iterator) {
            TransportProvider provider;
            try {
                provider = candidate.get();
            } catch (ServiceConfigurationError e) {
                LOG.warn("The transport provider {} cannot be loaded; it is skipped", candidate.type().getName(), e);
                continue;
            }
            String scheme = provider.scheme().toLowerCase(Locale.ROOT);
            TransportProvider first = providers.putIfAbsent(scheme, provider);
            if (first != null) {
                LOG.warn("Both {} and {} serve the scheme '{}'; using the first", first.getClass().getName(),
                        provider.getClass().getName(), scheme);
            }
        }
        return providers;
    }
}
