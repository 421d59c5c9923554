package io.github.pbxredundancy.notifier.mail.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * The plain socket factory handed to Jakarta Mail ({@code mail.smtp.socketFactory}): plain
 * sockets, each registered with the attempt, so that the attempt can be ended from outside.
 * Jakarta Mail asks it for unconnected sockets and connects them with the connect timeout itself.
 *
 * <p>Not part of the API. Thread-safe.
 */
public final class TrackingSocketFactory extends SocketFactory {
    private final AttemptSockets sockets;

    /**
     * @param sockets where the sockets are registered
     */
    public TrackingSocketFactory(AttemptSockets sockets) {
        this.sockets = sockets;
    }

    @Override
    public Socket createSocket() throws IOException {
        Socket socket = new Socket();
        // SMTP is a dialogue of short lines; without this, Nagle's algorithm holds a command's tail
        // back until the server's delayed acknowledgement of the previous segment.
        socket.setTcpNoDelay(true);
        return sockets.register(socket);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(new InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket socket = createSocket();
        socket.bind(new InetSocketAddress(localHost, localPort));
        socket.connect(new InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(new InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        Socket socket = createSocket();
        socket.bind(new InetSocketAddress(localAddress, localPort));
        socket.connect(new InetSocketAddress(address, port));
        return socket;
    }
}
