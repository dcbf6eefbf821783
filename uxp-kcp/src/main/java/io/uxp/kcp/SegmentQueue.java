package io.uxp.kcp;

import java.util.Arrays;

/**
 * A FIFO ring of segments that starts small, grows by doubling on demand and never shrinks, so an idle
 * connection costs little and a steady flow allocates nothing once it reached its peak. The engine's send queue
 * and receive queue.
 */
final class SegmentQueue {
    /** Slots of a new queue (a power of two). */
    static final int INITIAL_SLOTS = 16;

    private Segment[] ring = new Segment[INITIAL_SLOTS];
    private int head;
    private int size;

    /** @return the number of slots now allocated, for tests */
    int capacity() {
        return ring.length;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void addLast(Segment s) {
        if (size == ring.length) {
            grow();
        }
        ring[(head + size) & (ring.length - 1)] = s;
        size++;
    }

    Segment peekFirst() {
        return size == 0 ? null : ring[head];
    }

    Segment peekLast() {
        return size == 0 ? null : ring[(head + size - 1) & (ring.length - 1)];
    }

    /** @param i index from the front, {@code 0 <= i < size} */
    Segment get(int i) {
        return ring[(head + i) & (ring.length - 1)];
    }

    Segment pollFirst() {
        if (size == 0) {
            return null;
        }
        Segment s = ring[head];
        ring[head] = null;
        head = (head + 1) & (ring.length - 1);
        size--;
        return s;
    }

    private void grow() {
        Segment[] bigger = new Segment[ring.length * 2];
        for (int i = 0; i < size; i++) {
            bigger[i] = get(i);
        }
        Arrays.fill(ring, null);
        ring = bigger;
        head = 0;
    }
}
