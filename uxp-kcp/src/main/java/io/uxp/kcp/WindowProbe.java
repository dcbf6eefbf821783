package io.uxp.kcp;

/**
 * The reference's window probing (IKCP_ASK_SEND / IKCP_ASK_TELL): while the peer advertises a zero window, ask it
 * for its window after 7 s, backing off by half each time up to 120 s; tell the peer our window when it asked or
 * when our own full window reopened. Flags set between flushes go out with the next flush.
 */
final class WindowProbe {
    /** First wait before probing a zero window (reference IKCP_PROBE_INIT). */
    private static final int INITIAL_MILLIS = 7000;
    /** Longest wait between window probes (reference IKCP_PROBE_LIMIT). */
    static final int LIMIT_MILLIS = 120_000;

    private boolean ask;
    private boolean tell;
    private int waitMillis;
    private long atMicros;

    /** The peer asked for our window, or our window reopened: tell it with the next flush. */
    void tell() {
        tell = true;
    }

    /** Brings the zero-window timer up to {@code nowMicros}, given the peer's latest advertised window. */
    void update(long nowMicros, int remoteWindow) {
        if (remoteWindow != 0) {
            atMicros = 0;
            waitMillis = 0;
        } else if (waitMillis == 0) {
            waitMillis = INITIAL_MILLIS;
            atMicros = nowMicros + waitMillis * SendScheduler.MICROS_PER_MILLI;
        } else if (nowMicros - atMicros >= 0) {
            waitMillis = Math.min(Math.max(waitMillis, INITIAL_MILLIS) * 3 / 2, LIMIT_MILLIS);
            atMicros = nowMicros + waitMillis * SendScheduler.MICROS_PER_MILLI;
            ask = true;
        }
    }

    /**
     * @return when a flush must look at the zero-window timer: now if the peer's window is zero and the timer
     *     has not started, the timer's expiry while it runs, {@link Long#MAX_VALUE} while the window is open
     */
    long nextMicros(long nowMicros, int remoteWindow) {
        if (remoteWindow != 0) {
            return Long.MAX_VALUE;
        }
        return waitMillis == 0 ? nowMicros : atMicros;
    }

    /** @return whether a window request (WASK) is due */
    boolean asking() {
        return ask;
    }

    /** @return whether a window announcement (WINS) is due */
    boolean telling() {
        return tell;
    }

    /** Both went out with a flush. */
    void sent() {
        ask = false;
        tell = false;
    }
}
