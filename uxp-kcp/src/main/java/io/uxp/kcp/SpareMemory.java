package io.uxp.kcp;

/**
 * Modern mode's return of memory a bulk transfer grew: when the advertised window shrinks, and once per
 * {@link ReceiveWindowTuner#EPOCH_MICROS} while the sending side is idle, the pooled segments beyond half the
 * advertised window (and then an empty send window's slots) go to the garbage collector, so what a transfer grew does not stay with an idle
 * connection. {@link #nextCheckMicros} says when the next pass is due while anything can still be given back, so
 * an event-driven owner (one that flushes only when {@link KcpEngine#check} says) still runs it, and an engine at
 * its floor asks for no wake-up at all.
 */
final class SpareMemory {
    private final ReceiveBuffer receiver;
    private final SendBuffer sender;
    private final SegmentPool pool;
    private final boolean enabled;
    private long lastCheckMicros;

    SpareMemory(ReceiveBuffer receiver, SendBuffer sender, SegmentPool pool, boolean enabled) {
        this.receiver = receiver;
        this.sender = sender;
        this.pool = pool;
        this.enabled = enabled;
    }

    /** One flush's pass: lets the receive window's tuner end its epoch, and gives back memory once per epoch. */
    void onFlush(long nowMicros) {
        boolean shrank = receiver.onTime(nowMicros);
        if (!enabled) {
            return;
        }
        if (shrank) {
            pool.trim(receiver.advertisedLimit() / 2); // at once: the smaller window needs fewer pooled segments
        }
        if (nowMicros - lastCheckMicros < ReceiveWindowTuner.EPOCH_MICROS) {
            return;
        }
        lastCheckMicros = nowMicros;
        boolean sendIdle = sendIdle();
        if (sendIdle) {
            sender.shrinkWindowTo(ReceiveWindowTuner.INITIAL_SEGMENTS);
        }
        if (sendIdle) {
            pool.trim(receiver.advertisedLimit() / 2);
        }
    }

    /**
     * @return when the next pass is due, or {@link Long#MAX_VALUE} while the engine holds no more than its floor
     *     (the initial advertised window, half of it pooled, an initial send window) or is not in modern mode
     */
    long nextCheckMicros() {
        if (!enabled) {
            return Long.MAX_VALUE;
        }
        int limit = receiver.advertisedLimit();
        boolean atFloor = limit <= ReceiveWindowTuner.INITIAL_SEGMENTS && pool.freeCount() <= limit / 2
                && (!sendIdle() || sender.windowCapacity() <= 2 * ReceiveWindowTuner.INITIAL_SEGMENTS);
        if (atFloor) {
            return Long.MAX_VALUE;
        }
        // the tuner's epochs shrink the window, this pass's give back the memory: each needs its own turn
        long at = lastCheckMicros + ReceiveWindowTuner.EPOCH_MICROS;
        return limit > ReceiveWindowTuner.INITIAL_SEGMENTS ? Math.min(at, receiver.tunerEpochEndMicros()) : at;
    }

    private boolean sendIdle() {
        return sender.inFlightCount() == 0 && sender.queued() == 0;
    }
}
