package io.uxp.runtime.handshake;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per source address, in a map bounded by evicting the least recently seen address.
 * Time comes from the caller. One owner thread.
 */
final class RateLimiter {

    private static final long MILLIS_PER_SECOND = 1_000;

    private final int ratePerSecond;
    private final int burst;
    private final Map<InetAddress, long[]> buckets;

    RateLimiter(int ratePerSecond, int burst, int maxEntries) {
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, long[]> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /**
     * @param source the sender's address
     * @param nowMillis the current time
     * @return whether the sender may have one more handshake attempt now
     */
    boolean tryAcquire(InetAddress source, long nowMillis) {
        // bucket[0] = tokens scaled by 1000 (milli-tokens), bucket[1] = time of the last refill
        long[] bucket = buckets.computeIfAbsent(source, k -> new long[] {burst * MILLIS_PER_SECOND, nowMillis});
        // capped so the refill below cannot overflow after a long silence
        long elapsed = Math.min(Math.max(0, nowMillis - bucket[1]), burst * MILLIS_PER_SECOND);
        bucket[0] = Math.min(burst * MILLIS_PER_SECOND, bucket[0] + elapsed * ratePerSecond);
        bucket[1] = nowMillis;
        if (bucket[0] < MILLIS_PER_SECOND) {
            return false;
        }
        bucket[0] -= MILLIS_PER_SECOND;
        return true;
    }

    int trackedSources() {
        return buckets.size();
    }
}
