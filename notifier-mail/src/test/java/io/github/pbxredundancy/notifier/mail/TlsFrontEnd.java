package io.github.pbxredundancy.notifier.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A TLS front end for GreenMail on loopback, which speaks neither STARTTLS nor, with a certificate
 * that names its host, SMTPS: in {@link Mode#STARTTLS} it greets the client itself, offers
 * STARTTLS in its EHLO answer and refuses every other command until TLS is up; in
 * {@link Mode#IMPLICIT_TLS} the client speaks TLS from the first byte. Once TLS is up it relays
 * the decrypted bytes to GreenMail's plain SMTP port (whose greeting it has already answered in
 * STARTTLS mode), so the client authenticates and sends to GreenMail inside TLS.
 */
final class TlsFrontEnd implements AutoCloseable {
    enum Mode { STARTTLS, IMPLICIT_TLS }

    private final Mode mode;
    private final SSLContext context;
    private final int backendPort;
    private final ServerSocket server;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    /** The commands clients sent before TLS, in order, for assertions. */
    final List<String> plainCommands = new CopyOnWriteArrayList<>();

    private TlsFrontEnd(Mode mode, SSLContext context, int backendPort) throws IOException {
        this.mode = mode;
        this.context = context;
        this.backendPort = backendPort;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::acceptLoop, "tls-front-end-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static TlsFrontEnd start(Mode mode, SSLContext context, int backendPort) {
        try {
            return new TlsFrontEnd(mode, context, backendPort);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                client.setTcpNoDelay(true);
                open.add(client);
                Thread handler = new Thread(() -> handle(client), "tls-front-end-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try (client; Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
            open.add(backend);
            backend.setTcpNoDelay(true);
            Socket secured;
            if (mode == Mode.IMPLICIT_TLS) {
                secured = upgrade(client);
            } else {
                readLine(backend.getInputStream()); // GreenMail's greeting; the front end greets instead.
                secured = startTls(client);
                if (secured == null) {
                    return;
                }
            }
            open.add(secured);
            relay(secured, backend);
        } catch (IOException e) {
            // A refused handshake or a closed connection ends this connection only.
        }
    }

    private Socket startTls(Socket client) throws IOException {
        InputStream in = client.getInputStream();
        OutputStream out = client.getOutputStream();
        write(out, "220 127.0.0.1 ESMTP TLS front end\r\n");
        while (true) {
            String line = readLine(in);
            if (line == null) {
                return null;
            }
            plainCommands.add(line);
            String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
            switch (verb) {
                case "EHLO" -> write(out, "250-127.0.0.1\r\n250-8BITMIME\r\n250 STARTTLS\r\n");
                case "HELO" -> write(out, "250 127.0.0.1\r\n");
                case "NOOP", "RSET" -> write(out, "250 OK\r\n");
                case "QUIT" -> {
                    write(out, "221 bye\r\n");
                    return null;
                }
                case "STARTTLS" -> {
                    write(out, "220 2.0.0 Ready to start TLS\r\n");
                    return upgrade(client);
                }
                default -> write(out, "530 5.7.0 Must issue a STARTTLS command first\r\n");
            }
        }
    }

    private SSLSocket upgrade(Socket client) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(client, null, true);
        tls.setUseClientMode(false);
        tls.startHandshake();
        return tls;
    }

    private void relay(Socket client, Socket backend) throws IOException {
        Thread up = new Thread(() -> copy(client, backend), "tls-front-end-relay");
        up.setDaemon(true);
        up.start();
        copy(backend, client);
    }

    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException ignored) {
            // The other side closed.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return line.toString(StandardCharsets.US_ASCII).strip();
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII).strip();
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
    }

    @Override
    public void close() {
        closeQuietly(server);
        open.forEach(TlsFrontEnd::closeQuietly);
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
    }
}
