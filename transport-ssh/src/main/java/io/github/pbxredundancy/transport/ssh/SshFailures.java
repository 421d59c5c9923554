package io.github.pbxredundancy.transport.ssh;

import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.common.SSHException;
import net.schmizz.sshj.sftp.Response;
import net.schmizz.sshj.sftp.SFTPException;
import net.schmizz.sshj.userauth.UserAuthException;

/** Turns what SSHJ throws into core's reason codes, keeping the cause; messages never hold secrets. */
final class SshFailures {
    /** Where in a delivery a failure happened: a broken connection means different things. */
    enum Phase { CONNECT, TRANSFER }

    private SshFailures() {
    }

    static RedundancyException of(String context, Exception e, Phase phase, HostKeyCheck hostKeys) {
        return of(context, e, phase, hostKeys, true);
    }

    /**
     * @param stillConnected false if the SSH connection is known to be gone, whatever SSHJ's
     *     exception says (a lost connection surfaces as several exception types)
     */
    static RedundancyException of(String context, Exception e, Phase phase, HostKeyCheck hostKeys, boolean stillConnected) {
        if (e instanceof RedundancyException redundancy) {
            return redundancy;
        }
        if (hostKeys != null && phase == Phase.CONNECT) {
            switch (hostKeys.outcome()) {
                case UNKNOWN:
                    return new RedundancyException(ReasonCode.HOST_KEY_UNKNOWN, context + ": the server's host key "
                            + hostKeys.offeredFingerprint() + " is not in " + hostKeys.describePolicy()
                            + "; add it after checking it on the standby with 'ssh-keygen -lf'", e);
                case CHANGED:
                    return new RedundancyException(ReasonCode.HOST_KEY_CHANGED, context + ": the server's host key "
                            + hostKeys.offeredFingerprint() + " differs from " + hostKeys.describePolicy()
                            + ": possibly an impostor; if the standby's key was really replaced, update the setting", e);
                case NOT_RECORDED:
                    RedundancyException failure = new RedundancyException(ReasonCode.UNEXPECTED, context
                            + ": cannot record the host key " + hostKeys.offeredFingerprint() + " in "
                            + hostKeys.describePolicy() + ": " + describe(hostKeys.recordFailure()), e);
                    failure.addSuppressed(hostKeys.recordFailure());
                    return failure;
                default:
                    break;
            }
        }
        ReasonCode reason = reason(e, phase, stillConnected);
        return new RedundancyException(reason, context + ": " + describe(e), e);
    }

    private static ReasonCode reason(Exception e, Phase phase, boolean stillConnected) {
        if (has(e, UserAuthException.class)) {
            return ReasonCode.AUTHENTICATION_FAILED;
        }
        if (has(e, ConnectException.class) || has(e, NoRouteToHostException.class) || has(e, UnknownHostException.class)
                || has(e, PortUnreachableException.class)) {
            return ReasonCode.CONNECTION_FAILED;
        }
        if (has(e, SocketTimeoutException.class) || has(e, TimeoutException.class)) {
            return ReasonCode.TIMEOUT;
        }
        SFTPException sftp = find(e, SFTPException.class);
        if (sftp != null && sftp.getStatusCode() != null) {
            Response.StatusCode status = sftp.getStatusCode();
            if (status == Response.StatusCode.PERMISSION_DENIED || status == Response.StatusCode.WRITE_PROTECT) {
                return ReasonCode.PERMISSION_DENIED;
            }
            if (status == Response.StatusCode.NO_SPACE_ON_FILESYSTEM || status == Response.StatusCode.QUOTA_EXCEEDED
                    || mentionsNoSpace(sftp.getMessage())) {
                return ReasonCode.DISK_FULL;
            }
            if (status != Response.StatusCode.UNKNOWN && status != Response.StatusCode.NO_CONNECTION
                    && status != Response.StatusCode.CONNECITON_LOST) {
                return ReasonCode.UNEXPECTED;
            }
        }
        if (!stillConnected || brokenConnection(e)) {
            return phase == Phase.CONNECT ? ReasonCode.CONNECTION_FAILED : ReasonCode.TRANSFER_INTERRUPTED;
        }
        return ReasonCode.UNEXPECTED;
    }

    private static boolean brokenConnection(Exception e) {
        if (has(e, SocketException.class) || has(e, EOFException.class)) {
            return true;
        }
        // SSHJ wraps the transport's death in an SFTPException (itself an SSHException without a
        // reason), so every link of the chain is asked, not only the first.
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSHException ssh && (ssh.getDisconnectReason() == DisconnectReason.CONNECTION_LOST
                    || ssh.getDisconnectReason() == DisconnectReason.BY_APPLICATION)) {
                return true;
            }
        }
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("not connected") || message.contains("connection closed")
                || message.contains("broken transport") || message.contains("connection lost")
                || message.contains("stream closed");
    }

    private static boolean mentionsNoSpace(String message) {
        String text = String.valueOf(message).toLowerCase(Locale.ROOT);
        return text.contains("no space") || text.contains("disk full") || text.contains("quota");
    }

    static boolean has(Throwable e, Class<? extends Throwable> type) {
        return find(e, type) != null;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The exception's type and message on one line; SSHJ's messages name hosts and files, never secrets. */
    static String describe(Throwable e) {
        if (e == null) {
            return "unknown cause";
        }
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        String text = e.getClass().getSimpleName() + message;
        StringBuilder line = new StringBuilder(Math.min(text.length(), 300));
        text.codePoints().limit(300).forEach(c -> line.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return line.toString();
    }
}
