package io.uxp.runtime.handshake;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link TokenBucket} per source address, in a map bounded by evicting the least recently seen address.
 * Time comes from the caller. One owner thread.
 */
final class RateLimiter {

    private final int ratePerSecond;
    private final int burst;
    private final Map<InetAddress, TokenBucket> buckets;

    RateLimiter(int ratePerSecond, int burst, int maxEntries) {
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, TokenBucket> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /**
     * @param source the sender's address
     * @param nowMillis the current time
     * @return whether the sender may have one more handshake attempt now (if so, its token is taken)
     */
    boolean tryAcquire(InetAddress source, long nowMillis) {
        TokenBucket bucket = buckets.get(source);
        if (bucket == null) {
            bucket = new TokenBucket(ratePerSecond, burst, nowMillis);
            buckets.put(source, bucket);
        }
        return bucket.tryTake(nowMillis);
    }

    int trackedSources() {
        return buckets.size();
    }
}
