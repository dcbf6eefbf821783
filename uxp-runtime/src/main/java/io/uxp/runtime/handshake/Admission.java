package io.uxp.runtime.handshake;

import io.uxp.runtime.HandshakeLimits;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.random.RandomGenerator;

/**
 * Decides whether a new, well-formed ClientHello may cost the server a key exchange and a pending entry
 * (docs/PROTOCOL.md section 11, "Server", steps 6 and 7). Unpressured, every hello is admitted, so many clients
 * behind one address connect at full speed. Under pressure (pending handshakes at least
 * {@link HandshakeLimits#cookieThreshold()}, or key exchanges over
 * {@link HandshakeLimits#pressureKeyExchangesPerSecond()}), a hello must carry a cookie minted for its address
 * (otherwise it gets a Retry: no state, no X25519), and then its address and its /24 or /48 prefix must be under
 * their pending caps and the address must have a token in its bucket. Checks that change nothing run before the
 * token is taken. One owner thread.
 */
final class Admission {

    /** What to do with a hello. */
    enum Verdict {
        /** Run the key exchange. */
        ADMIT,
        /** Answer with a Retry carrying {@link #mintCookie}. */
        RETRY,
        /** Drop it ({@code HANDSHAKE_LIMITED}): the address is proven but over its share; the client retries. */
        LIMITED,
        /** Refuse with a Reject: the pending table is full. */
        FULL
    }

    private final HandshakeLimits limits;
    private final CookieProtector cookies;
    private final RateLimiter perAddressRate;
    /** Counts key exchanges; empty means more than the pressure rate ran in the last second. */
    private final TokenBucket keyExchanges;

    Admission(HandshakeLimits limits, RandomGenerator random, long nowMillis) {
        this.limits = limits;
        this.cookies = new CookieProtector(random, nowMillis);
        this.perAddressRate = new RateLimiter(limits.helloRatePerSecond(), limits.helloBurst(),
                limits.rateLimiterEntries());
        this.keyExchanges = new TokenBucket(limits.pressureKeyExchangesPerSecond(),
                limits.pressureKeyExchangesPerSecond(), nowMillis);
    }

    /**
     * @param pending the pending table
     * @param nowMillis the current time
     * @return whether the server is under pressure now
     */
    boolean underPressure(PendingTable pending, long nowMillis) {
        return pending.size() >= limits.cookieThreshold() || !keyExchanges.hasToken(nowMillis);
    }

    /**
     * @param from the hello's source
     * @param cookie the hello's cookie, empty if none
     * @param pending the pending table
     * @param nowMillis the current time
     * @return the verdict; only {@link Verdict#ADMIT} under pressure takes a token of the address's bucket
     */
    Verdict admit(InetSocketAddress from, byte[] cookie, PendingTable pending, long nowMillis) {
        boolean pressure = underPressure(pending, nowMillis);
        if ((pressure || limits.alwaysRequireCookie())
                && (cookie.length == 0 || !cookies.check(cookie, from, nowMillis))) {
            return Verdict.RETRY;
        }
        if (pending.size() >= limits.maxPendingHandshakes()) {
            return Verdict.FULL;
        }
        if (pressure) {
            InetAddress a = from.getAddress();
            if (pending.fromAddress(a) >= limits.maxPendingPerAddress()
                    || pending.fromPrefix(a) >= limits.maxPendingPerPrefix()
                    || !perAddressRate.tryAcquire(a, nowMillis)) {
                return Verdict.LIMITED;
            }
        }
        return Verdict.ADMIT;
    }

    /**
     * @param to the address the cookie is for
     * @param nowMillis the current time
     * @return a cookie for a Retry
     */
    byte[] mintCookie(InetSocketAddress to, long nowMillis) {
        return cookies.mint(to, nowMillis);
    }

    /**
     * Counts a key exchange run, for the pressure rate.
     *
     * @param nowMillis the current time
     */
    void keyExchanged(long nowMillis) {
        keyExchanges.take(nowMillis);
    }

    /** @return source addresses the per-address rate limiter tracks */
    int rateLimitedSources() {
        return perAddressRate.trackedSources();
    }
}
