package io.github.pbxredundancy.transport.http.internal;

import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Turns what the JDK's HTTP client throws into the library's reason codes, keeping the cause;
 * messages never hold secrets (the client's messages name hosts and ports only).
 *
 * <ul>
 *   <li>a certificate the trust refused: {@link ReasonCode#HOST_KEY_CHANGED} for a pin
 *       mismatch, {@link ReasonCode#HOST_KEY_UNKNOWN} otherwise (neither retried);</li>
 *   <li>connection refused, unreachable, unknown host, a failed TLS handshake:
 *       {@link ReasonCode#CONNECTION_FAILED};</li>
 *   <li>connect or request timeout: {@link ReasonCode#TIMEOUT};</li>
 *   <li>the bundle file shorter than announced: {@link ReasonCode#INTEGRITY_FAILED};</li>
 *   <li>interrupted: {@link ReasonCode#TRANSFER_INTERRUPTED};</li>
 *   <li>any other I/O failure: {@link ReasonCode#CONNECTION_FAILED} before the upload exists,
 *       {@link ReasonCode#TRANSFER_INTERRUPTED} after (the next attempt resumes);</li>
 *   <li>anything else {@link ReasonCode#UNEXPECTED}.</li>
 * </ul>
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
public final class HttpFailures {
    private HttpFailures() {
    }

    /**
     * @param context what failed, e.g. {@code cannot create the upload of bundle x at https://…}
     * @param failure what the client threw, possibly wrapped in an execution exception
     * @param phase which request failed
     * @param refusal why the trust manager refused the server, if it did
     * @return the exception to throw, with {@code failure} as its cause
     */
    public static RedundancyException of(String context, Throwable failure, StatusCodes.Phase phase,
                                         Optional<TlsTrust.Refusal> refusal) {
        Throwable e = unwrap(failure);
        if (e instanceof RedundancyException redundancy) {
            return redundancy;
        }
        if (refusal.isPresent()) {
            return new RedundancyException(refusal.get().reason(), context + ": " + refusal.get().detail(), e);
        }
        return new RedundancyException(reason(e, phase), context + ": " + Text.describe(e), e);
    }

    /**
     * @param e a failure, unwrapped
     * @param phase which request failed
     * @return its reason code
     */
    static ReasonCode reason(Throwable e, StatusCodes.Phase phase) {
        if (has(e, PushedFileBody.FileShrankException.class)) {
            return ReasonCode.INTEGRITY_FAILED;
        }
        if (has(e, HttpConnectTimeoutException.class) || has(e, HttpTimeoutException.class)) {
            return ReasonCode.TIMEOUT;
        }
        if (has(e, ConnectException.class) || has(e, NoRouteToHostException.class) || has(e, UnknownHostException.class)
                || has(e, PortUnreachableException.class) || has(e, UnresolvedAddressException.class)
                || has(e, SSLHandshakeException.class)) {
            return ReasonCode.CONNECTION_FAILED;
        }
        if (has(e, InterruptedIOException.class) || has(e, ClosedByInterruptException.class)
                || has(e, CancellationException.class) || has(e, InterruptedException.class)) {
            return ReasonCode.TRANSFER_INTERRUPTED;
        }
        if (has(e, java.io.IOException.class)) {
            return phase == StatusCodes.Phase.CREATE ? ReasonCode.CONNECTION_FAILED : ReasonCode.TRANSFER_INTERRUPTED;
        }
        return ReasonCode.UNEXPECTED;
    }

    /**
     * @param failure an exception, possibly an execution or completion exception
     * @return the exception it wraps, or itself
     */
    public static Throwable unwrap(Throwable failure) {
        Throwable e = failure;
        while ((e instanceof ExecutionException || e instanceof CompletionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
