package io.uxp.runtime.handshake;

/**
 * A token bucket: {@code ratePerSecond} tokens a second, at most {@code burst} held. Time comes from the caller.
 * One owner thread.
 */
final class TokenBucket {

    private static final long MILLIS_PER_SECOND = 1_000;

    private final long ratePerSecond;
    /** Capacity in milli-tokens. */
    private final long capacity;
    /** Milli-tokens held, as of {@link #refilledMillis}. */
    private long milliTokens;
    private long refilledMillis;

    /**
     * @param ratePerSecond tokens added per second
     * @param burst tokens held at most; the bucket starts full
     * @param nowMillis the current time
     */
    TokenBucket(int ratePerSecond, int burst, long nowMillis) {
        this.ratePerSecond = ratePerSecond;
        this.capacity = burst * MILLIS_PER_SECOND;
        this.milliTokens = capacity;
        this.refilledMillis = nowMillis;
    }

    private void refill(long nowMillis) {
        // capped so the product below cannot overflow after a long silence
        long elapsed = Math.min(Math.max(0, nowMillis - refilledMillis), capacity);
        milliTokens = Math.min(capacity, milliTokens + elapsed * ratePerSecond);
        refilledMillis = Math.max(refilledMillis, nowMillis);
    }

    /**
     * @param nowMillis the current time
     * @return whether a token is available; takes none
     */
    boolean hasToken(long nowMillis) {
        refill(nowMillis);
        return milliTokens >= MILLIS_PER_SECOND;
    }

    /**
     * @param nowMillis the current time
     * @return whether a token was available; if so it is taken
     */
    boolean tryTake(long nowMillis) {
        if (!hasToken(nowMillis)) {
            return false;
        }
        milliTokens -= MILLIS_PER_SECOND;
        return true;
    }

    /**
     * Takes a token if one is there, and otherwise nothing: for counting work that happens regardless.
     *
     * @param nowMillis the current time
     */
    void take(long nowMillis) {
        tryTake(nowMillis);
    }
}
