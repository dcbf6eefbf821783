package io.uxp.kcp;

import java.util.Arrays;

/**
 * A FIFO ring of segments that grows by doubling and never shrinks, so a steady flow allocates nothing.
 * The engine's send queue and receive queue.
 */
final class SegmentQueue {
    private Segment[] ring;
    private int head;
    private int size;

    SegmentQueue(int initialCapacity) {
        ring = new Segment[Integer.highestOneBit(Math.max(2, initialCapacity) * 2 - 1)];
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
