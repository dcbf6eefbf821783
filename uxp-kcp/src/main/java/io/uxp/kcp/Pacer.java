package io.uxp.kcp;

/**
 * A token bucket that releases PUSH segments no faster than the controller's pacing rate. Credit, in bytes,
 * accrues at the rate since the last refill, up to a burst of {@code max(2 segments, rate x 1 ms)}; a segment may
 * leave while the credit is not negative and costs its size, so the credit goes at most one segment below zero.
 * Credit is kept in byte-microseconds per second (bytes x 10^6) so that slow rates accrue without rounding loss.
 *
 * <p>While segments wait (the sender is backlogged), the cap is {@code rate x 4 ms} instead: a thread that woke up
 * late on a busy host owes the path the segments it could not send, and dropping that credit at 1 ms made a
 * sender on two noisy cores send well below its pacing rate (seen while diagnosing the harness's 20 ms / 5% path). Linux
 * TCP compensates the same jitter by shortening the next gaps ({@code tcp_update_skb_after_send}, "take into
 * account OS jitter"). An idle sender gets no catch-up: after idleness nothing is owed.
 *
 * <p>A rate of 0 means no pacing: {@link #allows()} is always true and nothing is counted.
 */
final class Pacer {
    /** Microseconds per second: the rate is in bytes per second, time in microseconds. */
    private static final long MICROS_PER_SECOND = 1_000_000L;
    /** The burst covers this long at the pacing rate (the brief's 1 ms; Linux's fq allows a similar quantum). */
    private static final long BURST_MICROS = 1_000L;
    /** The burst is at least this many full segments, so a slow rate still sends a segment and its successor. */
    private static final int BURST_SEGMENTS = 2;
    /** The most a backlogged sender may catch up after a late wake-up, as time at the pacing rate. */
    private static final long CATCH_UP_MICROS = 4_000L;

    private final long minBurstScaled;
    private long rate;
    private long credit;
    private long lastMicros;
    private boolean started;
    private boolean overflowed;

    /** @param maxSegmentBytes the largest segment on the wire, header included */
    Pacer(int maxSegmentBytes) {
        this.minBurstScaled = (long) BURST_SEGMENTS * maxSegmentBytes * MICROS_PER_SECOND;
    }

    /**
     * Brings the credit up to {@code now} at {@code bytesPerSecond}. The first refill with a positive rate starts
     * with a full burst.
     *
     * @param backlogged whether segments were waiting for the pacer since the last refill (the larger cap)
     */
    void refill(long now, long bytesPerSecond, boolean backlogged) {
        rate = Math.max(0, bytesPerSecond);
        if (rate == 0) {
            started = false;
            return;
        }
        long burst = backlogged ? Math.max(burstScaled(), rate * CATCH_UP_MICROS) : burstScaled();
        if (!started) {
            started = true;
            credit = burst;
            lastMicros = now;
            return;
        }
        long elapsed = now - lastMicros;
        overflowed = false;
        if (elapsed > 0) {
            long room = burst - credit;
            // compare before multiplying so that a long idle time cannot overflow
            overflowed = room <= 0 || elapsed >= room / rate + 1;
            credit = room <= 0 ? credit : overflowed ? burst : Math.min(burst, credit + elapsed * rate);
            lastMicros = now;
        } else if (elapsed < 0) {
            lastMicros = now;
        }
    }

    /**
     * @return whether the last refill came so late that the credit hit its cap: pacing time was lost, so
     *     a sender with data waiting sent slower than the rate (its thread woke late, or it had nothing to send)
     */
    boolean overflowed() {
        return overflowed;
    }

    private long burstScaled() {
        return Math.max(minBurstScaled, rate * BURST_MICROS);
    }

    /** @return whether a segment may leave now (always, without pacing) */
    boolean allows() {
        return rate == 0 || credit >= 0;
    }

    /** Charges a segment of {@code bytes} that left. */
    void consume(int bytes) {
        if (rate > 0) {
            credit -= bytes * MICROS_PER_SECOND;
        }
    }

    /** @return whether the last refill saw a positive rate */
    boolean pacing() {
        return rate > 0;
    }

    /**
     * When the sender should next wake up for the pacer: once half a burst of credit has accrued, so that each
     * wake-up releases a batch (half a millisecond of data at high rates) rather than one segment. Waking when the
     * credit is just back at zero would send a single datagram per wake-up: at 24 MiB/s a thread wake-up every
     * 57 us, whose cost on a busy host is what limited a paced sender below an unpaced one. Linux sends paced TCP
     * in chunks of about 1 ms for the same reason (TSO autosizing). The rate is unchanged: a later wake-up finds
     * the credit it accrued meanwhile.
     *
     * @param now the current time, not before the last refill
     * @return that time; {@code now} if a segment may leave already
     */
    long nextAllowedMicros(long now) {
        if (rate == 0 || credit >= 0) {
            return now;
        }
        long wait = (burstScaled() / 2 - credit + rate - 1) / rate;
        return Math.max(now, lastMicros + wait);
    }
}
