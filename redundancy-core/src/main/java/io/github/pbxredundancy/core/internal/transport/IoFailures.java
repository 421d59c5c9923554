package io.github.pbxredundancy.core.internal.transport;

import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.RedundancyException;
import io.github.pbxredundancy.core.internal.MessageText;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Locale;

/**
 * Turns an {@link IOException} of a file transport into a {@link RedundancyException} whose
 * {@link ReasonCode} tells the retry logic whether another attempt can help, keeping the
 * exception as the cause.
 *
 * <ul>
 *   <li>{@link ReasonCode#TRANSFER_INTERRUPTED}: the thread was interrupted during a copy.</li>
 *   <li>{@link ReasonCode#DISK_FULL} (retryable): no space left, quota exceeded.</li>
 *   <li>{@link ReasonCode#PERMISSION_DENIED} (not retryable: an administrator must act): access
 *       denied, operation not permitted, read-only file system.</li>
 *   <li>{@link ReasonCode#CONNECTION_FAILED} (retryable): a file or directory vanished (an
 *       unmounted share), a stale NFS handle, a disconnected FUSE/SSHFS mount, an unreachable
 *       or timed-out server, an I/O error.</li>
 *   <li>{@link ReasonCode#UNEXPECTED} for anything else.</li>
 * </ul>
 * The JDK reports most of these only as text (the operating system's {@code strerror}), so the
 * text is matched; an operating system in another language falls back to the exception types
 * and then to {@code UNEXPECTED}, which is retryable too.
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
public final class IoFailures {
    private static final List<String> DISK_FULL = List.of("no space left", "disk quota exceeded", "not enough space");
    private static final List<String> DENIED = List.of("permission denied", "operation not permitted", "read-only file system");
    private static final List<String> GONE = List.of("stale file handle", "not connected", "host is down",
            "no route to host", "timed out", "input/output error", "network is unreachable");

    private IoFailures() {
    }

    /**
     * @param doing what failed, e.g. {@code cannot write bundle x to inbox '/mnt/inbox'}
     * @param e the exception
     * @return the exception to throw, with {@code e} as its cause
     */
    public static RedundancyException of(String doing, IOException e) {
        return new RedundancyException(classify(e), doing + ": " + describe(e), e);
    }

    /**
     * @param e an exception of a file operation
     * @return its reason code
     */
    public static ReasonCode classify(IOException e) {
        if (e instanceof ClosedByInterruptException) {
            return ReasonCode.TRANSFER_INTERRUPTED;
        }
        String text = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (DISK_FULL.stream().anyMatch(text::contains)) {
            return ReasonCode.DISK_FULL;
        }
        if (e instanceof AccessDeniedException || DENIED.stream().anyMatch(text::contains)) {
            return ReasonCode.PERMISSION_DENIED;
        }
        if (e instanceof NoSuchFileException || GONE.stream().anyMatch(text::contains)) {
            return ReasonCode.CONNECTION_FAILED;
        }
        return ReasonCode.UNEXPECTED;
    }

    /**
     * @param e an exception
     * @return its class and message on one line
     */
    public static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + MessageText.oneLine(e.getMessage()));
    }
}
