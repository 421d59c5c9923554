package io.github.pbxredundancy.transport.http.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per key (an upload's id), made when first needed and forgotten when nobody holds or
 * waits for it, so the map stays as small as the uploads in progress.
 *
 * <p>Not part of the API. Thread-safe.
 */
public final class KeyedLocks {
    private final Map<String, Entry> entries = new HashMap<>();

    /** A held lock; closing releases it. */
    public interface Held extends AutoCloseable {
        /** Releases the lock; call once, on the thread that took it. */
        @Override
        void close();
    }

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    /**
     * @param key the key
     * @param wait how long to wait for another holder, zero for not at all
     * @return the held lock, or empty if another holder kept it for the whole wait
     * @throws InterruptedException if the thread was interrupted while waiting
     */
    public Optional<Held> tryLock(String key, Duration wait) throws InterruptedException {
        Entry entry;
        synchronized (this) {
            entry = entries.computeIfAbsent(key, k -> new Entry());
            entry.users++;
        }
        boolean locked = false;
        try {
            locked = wait.isZero() ? entry.lock.tryLock() : entry.lock.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS);
        } finally {
            if (!locked) {
                release(key, entry);
            }
        }
        if (!locked) {
            return Optional.empty();
        }
        return Optional.of(() -> {
            entry.lock.unlock();
            release(key, entry);
        });
    }

    /** @return how many keys are held or waited for, for tests */
    synchronized int size() {
        return entries.size();
    }

    private synchronized void release(String key, Entry entry) {
        if (--entry.users == 0) {
            entries.remove(key);
        }
    }
}
