package io.uxp.runtime;

/**
 * Timers of the client's handshake and the server's defences against handshake floods (docs/PROTOCOL.md
 * section 11, "Server", and docs/RUNTIME.md, "Defaults and why"). Build one with {@link #builder()}; every
 * setting not given keeps its default.
 *
 * <p>The server is <em>under pressure</em> while its pending handshakes number at least {@code cookieThreshold}
 * or its key exchanges of the last second exceed {@code pressureKeyExchangesPerSecond}. Only then does it demand
 * a cookie (a Retry) before any X25519 work and apply the per-address and per-prefix limits to hellos whose
 * cookie proved their address; an unpressured server admits every valid hello, so many clients behind one
 * address (carrier-grade NAT) are not slowed.
 *
 * @param handshakeTimeoutMillis how long a client tries, and how long a server keeps a pending handshake
 * @param initialRetransmitMillis the client's first ClientHello retransmission delay; doubles each time
 * @param maxRetransmitMillis the cap of that delay
 * @param maxPendingHandshakes handshakes a server keeps awaiting the client's first record; beyond, refused
 * @param cookieThreshold pending handshakes from which the server is under pressure
 * @param alwaysRequireCookie whether the server demands a cookie from every client, pressure or not
 * @param helloRatePerSecond under pressure, cookie-validated ClientHellos per second a server takes from one
 *     source address
 * @param helloBurst that token bucket's depth for one source address
 * @param rateLimiterEntries source addresses the rate limiter tracks (least recently seen evicted)
 * @param maxPendingPerAddress under pressure, pending handshakes one source address may hold
 * @param maxPendingPerPrefix under pressure, pending handshakes one /24 (IPv4) or /48 (IPv6) prefix may hold
 * @param pressureKeyExchangesPerSecond key exchanges per second (burst: one second's worth) above which the
 *     server is under pressure
 * @param failureGraceMillis how long a client keeps trying after an unauthenticated Reject or a ServerHello
 *     that fails its checks before it fails with that reason (at the latest at the handshake timeout); a
 *     ServerHello that authenticates within it still completes the handshake
 */
public record HandshakeLimits(long handshakeTimeoutMillis, long initialRetransmitMillis, long maxRetransmitMillis,
        int maxPendingHandshakes, int cookieThreshold, boolean alwaysRequireCookie, int helloRatePerSecond,
        int helloBurst, int rateLimiterEntries, int maxPendingPerAddress, int maxPendingPerPrefix,
        int pressureKeyExchangesPerSecond, long failureGraceMillis) {

    private static final HandshakeLimits DEFAULTS = new HandshakeLimits(10_000, 250, 2_000, 1_024, 256, false, 20,
            40, 4_096, 8, 32, 1_000, 2_000);

    /** Validates the values. */
    public HandshakeLimits {
        if (handshakeTimeoutMillis < 1 || initialRetransmitMillis < 1 || maxRetransmitMillis < initialRetransmitMillis
                || failureGraceMillis < 0) {
            throw new IllegalArgumentException("timers must be positive and maxRetransmit >= initialRetransmit");
        }
        if (maxPendingHandshakes < 1 || cookieThreshold < 0 || helloRatePerSecond < 1 || helloBurst < 1
                || rateLimiterEntries < 1 || maxPendingPerAddress < 1 || maxPendingPerPrefix < 1
                || pressureKeyExchangesPerSecond < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /**
     * The original nine settings; the per-address and per-prefix caps, the pressure rate and the failure grace
     * take their defaults.
     *
     * @param handshakeTimeoutMillis see the record
     * @param initialRetransmitMillis see the record
     * @param maxRetransmitMillis see the record
     * @param maxPendingHandshakes see the record
     * @param cookieThreshold see the record
     * @param alwaysRequireCookie see the record
     * @param helloRatePerSecond see the record
     * @param helloBurst see the record
     * @param rateLimiterEntries see the record
     */
    public HandshakeLimits(long handshakeTimeoutMillis, long initialRetransmitMillis, long maxRetransmitMillis,
            int maxPendingHandshakes, int cookieThreshold, boolean alwaysRequireCookie, int helloRatePerSecond,
            int helloBurst, int rateLimiterEntries) {
        this(handshakeTimeoutMillis, initialRetransmitMillis, maxRetransmitMillis, maxPendingHandshakes,
                cookieThreshold, alwaysRequireCookie, helloRatePerSecond, helloBurst, rateLimiterEntries,
                DEFAULTS.maxPendingPerAddress, DEFAULTS.maxPendingPerPrefix, DEFAULTS.pressureKeyExchangesPerSecond,
                DEFAULTS.failureGraceMillis);
    }

    /**
     * @return 10 s timeout, retransmit after 250 ms doubling to at most 2 s, 1,024 pending handshakes; under
     *     pressure from 256 pending or 1,000 key exchanges per second, when cookies are demanded and each address
     *     may hold 8 pending handshakes, each /24 or /48 prefix 32, and each address may start 20 per second
     *     (burst 40, 4,096 addresses tracked); a client fails 2 s after an unauthenticated refusal
     */
    public static HandshakeLimits defaults() {
        return DEFAULTS;
    }

    /** @return a builder starting from {@link #defaults()} */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** @return a builder starting from these limits */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * @param always whether every client must present a cookie
     * @return a copy with that setting
     */
    public HandshakeLimits withAlwaysRequireCookie(boolean always) {
        return toBuilder().alwaysRequireCookie(always).build();
    }

    /** Collects {@link HandshakeLimits}; each setter's meaning is the record component of the same name. */
    public static final class Builder {
        private long handshakeTimeoutMillis;
        private long initialRetransmitMillis;
        private long maxRetransmitMillis;
        private int maxPendingHandshakes;
        private int cookieThreshold;
        private boolean alwaysRequireCookie;
        private int helloRatePerSecond;
        private int helloBurst;
        private int rateLimiterEntries;
        private int maxPendingPerAddress;
        private int maxPendingPerPrefix;
        private int pressureKeyExchangesPerSecond;
        private long failureGraceMillis;

        private Builder(HandshakeLimits from) {
            handshakeTimeoutMillis = from.handshakeTimeoutMillis;
            initialRetransmitMillis = from.initialRetransmitMillis;
            maxRetransmitMillis = from.maxRetransmitMillis;
            maxPendingHandshakes = from.maxPendingHandshakes;
            cookieThreshold = from.cookieThreshold;
            alwaysRequireCookie = from.alwaysRequireCookie;
            helloRatePerSecond = from.helloRatePerSecond;
            helloBurst = from.helloBurst;
            rateLimiterEntries = from.rateLimiterEntries;
            maxPendingPerAddress = from.maxPendingPerAddress;
            maxPendingPerPrefix = from.maxPendingPerPrefix;
            pressureKeyExchangesPerSecond = from.pressureKeyExchangesPerSecond;
            failureGraceMillis = from.failureGraceMillis;
        }

        /**
         * @param millis client attempt and server pending lifetime; default 10,000
         * @return this builder
         */
        public Builder handshakeTimeoutMillis(long millis) {
            handshakeTimeoutMillis = millis;
            return this;
        }

        /**
         * @param initialMillis first retransmission delay; default 250
         * @param maxMillis cap of the doubling delay; default 2,000
         * @return this builder
         */
        public Builder retransmitMillis(long initialMillis, long maxMillis) {
            initialRetransmitMillis = initialMillis;
            maxRetransmitMillis = maxMillis;
            return this;
        }

        /**
         * @param max pending handshakes the server keeps; default 1,024
         * @return this builder
         */
        public Builder maxPendingHandshakes(int max) {
            maxPendingHandshakes = max;
            return this;
        }

        /**
         * @param pending pending handshakes from which the server is under pressure; default 256
         * @return this builder
         */
        public Builder cookieThreshold(int pending) {
            cookieThreshold = pending;
            return this;
        }

        /**
         * @param always whether every client must present a cookie; default {@code false}
         * @return this builder
         */
        public Builder alwaysRequireCookie(boolean always) {
            alwaysRequireCookie = always;
            return this;
        }

        /**
         * @param perSecond under pressure, validated hellos per second per address; default 20
         * @param burst the bucket's depth; default 40
         * @return this builder
         */
        public Builder helloRate(int perSecond, int burst) {
            helloRatePerSecond = perSecond;
            helloBurst = burst;
            return this;
        }

        /**
         * @param entries addresses the per-address rate limiter tracks; default 4,096
         * @return this builder
         */
        public Builder rateLimiterEntries(int entries) {
            rateLimiterEntries = entries;
            return this;
        }

        /**
         * @param perAddress under pressure, pending handshakes per source address; default 8
         * @param perPrefix under pressure, pending handshakes per /24 or /48 prefix; default 32
         * @return this builder
         */
        public Builder maxPendingPer(int perAddress, int perPrefix) {
            maxPendingPerAddress = perAddress;
            maxPendingPerPrefix = perPrefix;
            return this;
        }

        /**
         * @param perSecond key exchanges per second above which the server is under pressure; default 1,000
         * @return this builder
         */
        public Builder pressureKeyExchangesPerSecond(int perSecond) {
            pressureKeyExchangesPerSecond = perSecond;
            return this;
        }

        /**
         * @param millis how long a client keeps trying after an unauthenticated refusal; default 2,000
         * @return this builder
         */
        public Builder failureGraceMillis(long millis) {
            failureGraceMillis = millis;
            return this;
        }

        /**
         * @return the limits
         * @throws IllegalArgumentException if a value is out of range
         */
        public HandshakeLimits build() {
            return new HandshakeLimits(handshakeTimeoutMillis, initialRetransmitMillis, maxRetransmitMillis,
                    maxPendingHandshakes, cookieThreshold, alwaysRequireCookie, helloRatePerSecond, helloBurst,
                    rateLimiterEntries, maxPendingPerAddress, maxPendingPerPrefix, pressureKeyExchangesPerSecond,
                    failureGraceMillis);
        }
    }
}
