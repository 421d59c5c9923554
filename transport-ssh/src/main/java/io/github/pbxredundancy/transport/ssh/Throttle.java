package io.github.pbxredundancy.transport.ssh;

import com.google.common.util.concurrent.RateLimiter;

/**
 * Holds an upload to a bandwidth cap, so that a nightly replication over a small uplink leaves
 * room for calls. Waits before each chunk is sent; a cap of {@code 0} means none.
 */
interface Throttle {
    /** No cap: never waits. */
    Throttle NONE = bytes -> { };

    /**
     * Waits until {@code bytes} more may be sent.
     *
     * @param bytes at least 1
     */
    void acquire(int bytes);

    /**
     * A token bucket holding at most one second's worth of bytes (Guava's {@link RateLimiter}), so
     * that even a burst after a pause stays near the cap. It waits on real time, not on the
     * transport's clock: it paces a real network.
     *
     * @param bytesPerSecond the cap, at least 1
     * @return the throttle
     */
    static Throttle of(long bytesPerSecond) {
        RateLimiter limiter = RateLimiter.create(bytesPerSecond);
        return limiter::acquire;
    }
}
