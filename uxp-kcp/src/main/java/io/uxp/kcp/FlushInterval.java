package io.uxp.kcp;

/**
 * The reference's flush clock ({@code ts_flush} in {@code ikcp_update} and {@code ikcp_check}): a flush every
 * interval from the first update, re-based when the caller's clock jumps by 10 s or more either way, as the
 * reference does. Reference mode only; modern mode flushes when an event is due ({@link KcpEngine#check}).
 *
 * <p>One owner thread, the engine's.
 */
final class FlushInterval {

    /** A clock step this large, either way, restarts the interval from now (reference: 10,000 ms). */
    private static final long CLOCK_JUMP_MICROS = 10_000 * SendScheduler.MICROS_PER_MILLI;

    private final long intervalMicros;
    private long flushAtMicros;

    /** @param intervalMicros the flush interval */
    FlushInterval(long intervalMicros) {
        this.intervalMicros = intervalMicros;
    }

    /** Starts the interval at the engine's first update: the first flush is due at once. */
    void start(long nowMicros) {
        flushAtMicros = nowMicros;
    }

    /**
     * {@code ikcp_update}'s test: whether the interval's flush is due, and if so, when the next one is.
     *
     * @param nowMicros the current time
     * @return whether to flush now
     */
    boolean tick(long nowMicros) {
        long slap = nowMicros - flushAtMicros;
        if (slap >= CLOCK_JUMP_MICROS || slap < -CLOCK_JUMP_MICROS) {
            flushAtMicros = nowMicros;
            slap = 0;
        }
        if (slap < 0) {
            return false;
        }
        flushAtMicros += intervalMicros;
        if (nowMicros - flushAtMicros >= 0) {
            flushAtMicros = nowMicros + intervalMicros;
        }
        return true;
    }

    /**
     * {@code ikcp_check}'s view of the interval, without changing it.
     *
     * @param nowMicros the current time
     * @return {@code nowMicros} if the flush is due, else its time, never more than one interval ahead
     */
    long next(long nowMicros) {
        long flushAt = flushAtMicros;
        long slap = nowMicros - flushAt;
        if (slap >= CLOCK_JUMP_MICROS || slap < -CLOCK_JUMP_MICROS) {
            flushAt = nowMicros;
        }
        if (nowMicros - flushAt >= 0) {
            return nowMicros;
        }
        return nowMicros + Math.min(flushAt - nowMicros, intervalMicros);
    }
}
