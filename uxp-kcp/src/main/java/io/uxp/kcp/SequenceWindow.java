package io.uxp.kcp;

/**
 * Segments indexed by sequence number within a window of at most {@code capacity} consecutive numbers
 * (the send buffer: {@code [snd_una, snd_nxt)}; the receive buffer: {@code [rcv_nxt, rcv_nxt + rcv_wnd)}).
 * A slot is {@code sn & mask}; since the capacity is a power of two, this stays correct when {@code sn} wraps
 * past 2^32. Lookup, insert and removal are O(1), without the reference's linked-list scans.
 */
final class SequenceWindow {
    private final Segment[] slots;
    private final int mask;
    private int count;

    SequenceWindow(int window) {
        int capacity = Integer.highestOneBit(Math.max(1, window) * 2 - 1);
        slots = new Segment[capacity];
        mask = capacity - 1;
    }

    int count() {
        return count;
    }

    /** @return the segment with sequence number {@code sn}, or {@code null} */
    Segment get(int sn) {
        Segment s = slots[sn & mask];
        return s != null && s.sn == sn ? s : null;
    }

    /** Stores {@code s} in its slot, which the caller guarantees is free. */
    void put(Segment s) {
        slots[s.sn & mask] = s;
        count++;
    }

    /** @return the removed segment with sequence number {@code sn}, or {@code null} if absent */
    Segment remove(int sn) {
        int i = sn & mask;
        Segment s = slots[i];
        if (s == null || s.sn != sn) {
            return null;
        }
        slots[i] = null;
        count--;
        return s;
    }
}
