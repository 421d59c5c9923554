package io.github.pbxredundancy.notifier.mail.internal;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * The sockets of the one SMTP attempt running now, so that another thread can end it: the
 * attempt's time limit, or {@code close()} of the notifier. Closing the sockets makes the blocked
 * read or write in Jakarta Mail fail at once, which no interrupt would do.
 *
 * <p>Not part of the API. Thread-safe.
 */
public final class AttemptSockets {
    private final Object lock = new Object();
    private List<Socket> sockets;
    private boolean aborted;

    /** Starts tracking a new attempt; forgets the previous one. */
    public void begin() {
        synchronized (lock) {
            sockets = new ArrayList<>();
            aborted = false;
        }
    }

    /**
     * Notes a socket of the running attempt; closes it at once if the attempt was aborted already.
     *
     * @param socket the socket
     * @param <S> its type
     * @return the socket
     */
    public <S extends Socket> S register(S socket) {
        boolean closeNow;
        synchronized (lock) {
            closeNow = aborted || sockets == null;
            if (!closeNow) {
                sockets.add(socket);
            }
        }
        if (closeNow) {
            closeQuietly(socket);
        }
        return socket;
    }

    /**
     * Ends the running attempt by closing its sockets; sockets it opens afterwards are closed at
     * once.
     *
     * @return true if an attempt was running
     */
    public boolean abort() {
        List<Socket> open;
        synchronized (lock) {
            if (sockets == null) {
                return false;
            }
            aborted = true;
            open = List.copyOf(sockets);
        }
        open.forEach(AttemptSockets::closeQuietly);
        return true;
    }

    /** @return whether the running or last attempt was aborted */
    public boolean aborted() {
        synchronized (lock) {
            return aborted;
        }
    }

    /** Stops tracking; the attempt is over. */
    public void end() {
        synchronized (lock) {
            sockets = null;
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing to end the attempt; nothing to do if it fails.
        }
    }
}
