package io.uxp.runtime.session;

import io.uxp.kcp.KcpEngine;

/**
 * When a connection's KCP engine flushes within a service turn, and when it next needs its worker. Worker (or
 * borrowed loop) only, like the engine itself.
 */
final class KcpTurn {

    /**
     * Shortest wait before KCP's next timer, in microseconds: a pacer releases at most one burst per wake-up
     * (its credit holds 1 ms of rate), so waking more often than this saves nothing and costs CPU.
     */
    private static final long MIN_WAKE_MICROS = 50;

    private final KcpEngine kcp;
    /** New data or acknowledgements went into the engine since its last flush. */
    private boolean touched;

    KcpTurn(KcpEngine kcp) {
        this.kcp = kcp;
    }

    /** Notes that the engine took new data or input, so that this turn flushes it at once. */
    void touch() {
        touched = true;
    }

    /**
     * Flushes what is due, at most once. {@code update()} flushes at the interval and, in the modern mode the
     * pipeline uses, whenever {@code check()} says work is due (a retransmission, a RACK deadline, the pacer's next
     * release); what arrived since the last flush is flushed at once. With the reference's timing, {@code check()}
     * may say "now" for a retransmission before the interval comes: flush then too, or the timer would spin until
     * the interval.
     *
     * @param micros the turn's time
     * @param timer whether the turn is the connection's timer (not only a batch of input)
     */
    void flush(long micros, boolean timer) {
        boolean flushed = timer && kcp.update(micros);
        if (!flushed && (touched || (timer && kcp.waitingToSend() > 0 && kcp.check(micros) <= micros))) {
            kcp.flush(micros);
        }
        touched = false;
    }

    /**
     * @param micros now
     * @return when the engine next needs a turn, in microseconds, or {@link Long#MAX_VALUE} for an idle engine at
     *     its memory floor (modern mode: {@code check()} names the next event only)
     */
    long nextWakeMicros(long micros) {
        long at = kcp.check(micros);
        return at == Long.MAX_VALUE ? at : Math.max(at, micros + MIN_WAKE_MICROS);
    }
}
