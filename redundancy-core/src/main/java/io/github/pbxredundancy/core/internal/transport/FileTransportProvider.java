package io.github.pbxredundancy.core.internal.transport;

import io.github.pbxredundancy.core.spi.Transport;
import io.github.pbxredundancy.core.spi.TransportOptions;
import io.github.pbxredundancy.core.spi.TransportProvider;
import io.github.pbxredundancy.core.transport.FileTransport;
import java.net.URI;

/**
 * Makes {@link FileTransport}s for {@code file:} URIs; registered in
 * {@code META-INF/services/io.github.pbxredundancy.core.spi.TransportProvider}.
 *
 * <p>Not part of the API: use {@link io.github.pbxredundancy.core.Transports#open} or construct a
 * {@link FileTransport}. Stateless and thread-safe.
 */
public final class FileTransportProvider implements TransportProvider {
    /** For {@link java.util.ServiceLoader}. */
    public FileTransportProvider() {
        // Nothing to set up.
    }

    @Override
    public String scheme() {
        return FileTransport.SCHEME;
    }

    @Override
    public Transport open(URI target, TransportOptions options) {
        return new FileTransport(target, options);
    }
}
