package io.uxp.runtime;

/**
 * Timers of the client's handshake and the server's defences against handshake floods (docs/PROTOCOL.md,
 * "Limits and defaults").
 *
 * @param handshakeTimeoutMillis how long a client tries, and how long a server keeps a pending handshake
 * @param initialRetransmitMillis the client's first ClientHello retransmission delay; doubles each time
 * @param maxRetransmitMillis the cap of that delay
 * @param maxPendingHandshakes handshakes a server keeps awaiting the client's first record; beyond, refused
 * @param cookieThreshold pending handshakes from which the server demands a cookie (a Retry) first
 * @param alwaysRequireCookie whether the server demands a cookie from every client
 * @param helloRatePerSecond ClientHellos per second a server accepts from one source address
 * @param helloBurst the token bucket's depth for one source address
 * @param rateLimiterEntries source addresses the rate limiter tracks (least recently seen evicted)
 */
public record HandshakeLimits(long handshakeTimeoutMillis, long initialRetransmitMillis, long maxRetransmitMillis,
        int maxPendingHandshakes, int cookieThreshold, boolean alwaysRequireCookie, int helloRatePerSecond,
        int helloBurst, int rateLimiterEntries) {

    /** Validates the values. */
    public HandshakeLimits {
        if (handshakeTimeoutMillis < 1 || initialRetransmitMillis < 1 || maxRetransmitMillis < initialRetransmitMillis) {
            throw new IllegalArgumentException("timers must be positive and maxRetransmit >= initialRetransmit");
        }
        if (maxPendingHandshakes < 1 || cookieThreshold < 0 || helloRatePerSecond < 1 || helloBurst < 1
                || rateLimiterEntries < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /**
     * @return 10 s timeout, retransmit after 250 ms doubling to at most 2 s, 1,024 pending handshakes, cookies
     *     from 256 pending, 20 hellos per second per address with a burst of 40, 4,096 tracked addresses
     */
    public static HandshakeLimits defaults() {
        return new HandshakeLimits(10_000, 250, 2_000, 1_024, 256, false, 20, 40, 4_096);
    }

    /**
     * @param always whether every client must present a cookie
     * @return a copy with that setting
     */
    public HandshakeLimits withAlwaysRequireCookie(boolean always) {
        return new HandshakeLimits(handshakeTimeoutMillis, initialRetransmitMillis, maxRetransmitMillis,
                maxPendingHandshakes, cookieThreshold, always, helloRatePerSecond, helloBurst, rateLimiterEntries);
    }
}
