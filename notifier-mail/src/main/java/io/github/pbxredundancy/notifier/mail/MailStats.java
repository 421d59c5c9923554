package io.github.pbxredundancy.notifier.mail;

/**
 * What a {@link MailNotifier} has done so far, for status pages and tests. Every message the
 * notifier took on is eventually {@code sent}, {@code failed} or {@code dropped}; until then it is
 * {@code queued}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sent messages the mail server accepted
 * @param failed messages given up after their retries, or at once on a failure retrying cannot
 *     fix (a refused login, an untrusted certificate, a refused recipient); each was logged
 * @param dropped messages never tried: the queue was full, or the notifier was closed before
 *     they were sent; each drop was logged
 * @param retried attempts that failed and were scheduled again
 * @param queued messages waiting, including one being tried or waiting for its next attempt
 */
public record MailStats(long sent, long failed, long dropped, long retried, int queued) {
    /** Validates that no count is negative. */
    public MailStats {
        if (sent < 0 || failed < 0 || dropped < 0 || retried < 0 || queued < 0) {
            throw new IllegalArgumentException("counts must not be negative: " + sent + ", " + failed + ", " + dropped
                    + ", " + retried + ", " + queued);
        }
    }
}
