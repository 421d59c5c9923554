package io.github.pbxredundancy.notifier.mail.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The TLS socket factory handed to Jakarta Mail ({@code mail.smtp.ssl.socketFactory}), used both
 * for SMTPS and for STARTTLS: sockets of the notifier's {@link MailTls} context, offering TLS 1.3
 * and 1.2 only, each (and the plain socket it is layered over) registered with the attempt.
 * Jakarta Mail then sets the endpoint identification on the socket, which the trust manager
 * insists on.
 *
 * <p>Not part of the API. Thread-safe.
 */
public final class TrackingSslSocketFactory extends SSLSocketFactory {
    private final SSLSocketFactory delegate;
    private final AttemptSockets sockets;

    /**
     * @param tls the trust, whose context makes the sockets
     * @param sockets where the sockets are registered
     */
    public TrackingSslSocketFactory(MailTls tls, AttemptSockets sockets) {
        this.delegate = tls.context().getSocketFactory();
        this.sockets = sockets;
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        sockets.register(socket);
        return configure(delegate.createSocket(socket, host, port, autoClose));
    }

    @Override
    public Socket createSocket() throws IOException {
        return configure(delegate.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return configure(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return configure(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return configure(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return configure(delegate.createSocket(address, port, localAddress, localPort));
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    private Socket configure(Socket socket) {
        if (socket instanceof SSLSocket ssl) {
            ssl.setEnabledProtocols(MailTls.PROTOCOLS.clone());
        }
        return sockets.register(socket);
    }
}
