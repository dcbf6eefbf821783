package io.uxp.kcp;

import java.util.Arrays;

/**
 * Free segments for reuse. It grows to the engine's peak number of live segments (send queue, send window,
 * receive buffer and queue) and then stops allocating.
 */
final class SegmentPool {
    private final int payloadCapacity;
    private Segment[] free = new Segment[16];
    private int size;

    /** @param payloadCapacity payload bytes of a new segment (the mss) */
    SegmentPool(int payloadCapacity) {
        this.payloadCapacity = payloadCapacity;
    }

    /** @return a segment with its bookkeeping reset and room for at least {@code payloadBytes} */
    Segment take(int payloadBytes) {
        Segment s;
        if (size == 0) {
            s = new Segment(Math.max(payloadCapacity, payloadBytes));
        } else {
            s = free[--size];
            free[size] = null;
            s.ensureCapacity(payloadBytes);
        }
        s.reset();
        return s;
    }

    /** Lets the free segments beyond {@code keep} go to the garbage collector (after a bulk transfer). */
    void trim(int keep) {
        if (size > keep) {
            Arrays.fill(free, Math.max(0, keep), size, null);
            size = Math.max(0, keep);
        }
        if (free.length > 2 * Math.max(16, size)) {
            free = Arrays.copyOf(free, Math.max(16, size));
        }
    }

    /** @return free segments held, for tests */
    int freeCount() {
        return size;
    }

    void release(Segment s) {
        if (size == free.length) {
            free = Arrays.copyOf(free, size * 2);
        }
        free[size++] = s;
    }
}
