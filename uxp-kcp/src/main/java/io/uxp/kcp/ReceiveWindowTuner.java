package io.uxp.kcp;

/**
 * The receive window a modern-mode engine advertises, sized by what the peer uses rather than by the configured
 * maximum, in the manner of receive-buffer auto-tuning (Linux {@code tcp_rcv_space_adjust}). It starts at
 * {@link #INITIAL_SEGMENTS} and doubles, up to the configured window, whenever the window the peer uses passes a
 * quarter of it (every data segment says so: its sequence number less the peer's oldest unacknowledged one in the
 * same header, plus what waits here for the application). A quarter, not a half: the news takes a round trip to
 * act on, in which a sender in slow start doubles what it uses, so at a half it would just reach the old window
 * as the new one arrives. It halves, down to the start, when a whole {@link #EPOCH_MICROS} epoch used under an
 * eighth of it, so a connection that finished a bulk transfer gives the memory back.
 *
 * <p>The window only says what the peer may send; memory follows what it does send. What arrives is still
 * accepted up to the configured window, so a smaller advertisement never drops a segment already on its way.
 */
final class ReceiveWindowTuner {
    /** Advertised window before the peer used any, in segments: 2.7 MiB/s per 10 ms of RTT at a 1,376-byte mss. */
    static final int INITIAL_SEGMENTS = 512;
    /** Length of the epoch over which a shrink is judged, in microseconds. */
    static final long EPOCH_MICROS = 2_000_000L;

    private final int maxSegments;
    private final int initialSegments;
    private int limit;
    private int peakSpan;
    private long epochStartMicros = Long.MIN_VALUE;

    /** @param maxSegments the configured receive window, the most it ever advertises */
    ReceiveWindowTuner(int maxSegments) {
        this.maxSegments = maxSegments;
        this.initialSegments = Math.min(INITIAL_SEGMENTS, maxSegments);
        this.limit = initialSegments;
    }

    /** @return the window now advertised when nothing waits for the application, in segments */
    int limit() {
        return limit;
    }

    /**
     * Records the span the peer occupies after a segment arrived.
     *
     * @return whether the window grew
     */
    boolean onSpan(int span) {
        peakSpan = Math.max(peakSpan, span);
        if (span > limit / 4 && limit < maxSegments) {
            limit = (int) Math.min(maxSegments, (long) limit * 2);
            return true;
        }
        return false;
    }

    /**
     * Ends the epoch if it is over.
     *
     * @return whether the window shrank
     */
    /** @return when the current epoch ends (any time before the first {@link #onTime}: it starts the first) */
    long epochEndMicros() {
        return epochStartMicros == Long.MIN_VALUE ? Long.MIN_VALUE : epochStartMicros + EPOCH_MICROS;
    }

    boolean onTime(long nowMicros) {
        if (epochStartMicros == Long.MIN_VALUE) {
            epochStartMicros = nowMicros;
            return false;
        }
        if (nowMicros - epochStartMicros < EPOCH_MICROS) {
            return false;
        }
        boolean shrink = peakSpan < limit / 8 && limit > initialSegments;
        if (shrink) {
            limit = Math.max(initialSegments, limit / 2);
        }
        peakSpan = 0;
        epochStartMicros = nowMicros;
        return shrink;
    }
}
