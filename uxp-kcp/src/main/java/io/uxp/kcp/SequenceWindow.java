package io.uxp.kcp;

import java.util.Arrays;

/**
 * Segments indexed by sequence number within a window of at most {@code window} consecutive numbers (the send
 * buffer: {@code [snd_una, snd_nxt)}; the receive buffer: {@code [rcv_nxt, rcv_nxt + rcv_wnd)}). A slot is
 * {@code sn & mask}; since the slot count is a power of two, this stays correct when {@code sn} wraps past 2^32.
 * Lookup, insert and removal are O(1), without the reference's linked-list scans.
 *
 * <p>The slots start few ({@value #INITIAL_SLOTS}) and double, rehashing, when two live sequence numbers would share
 * one, up to the smallest power of two that holds the whole window (where no two can). An idle connection with a
 * 16,384-segment window so costs a few hundred bytes, and a busy one stops allocating once it reached its peak.
 */
final class SequenceWindow {
    /** Slots of a new window: enough for the reference's default windows after one or two doublings. */
    static final int INITIAL_SLOTS = 32;

    private final int maxSlots;
    private Segment[] slots;
    private int mask;
    private int count;

    SequenceWindow(int window) {
        maxSlots = Integer.highestOneBit(Math.max(1, window) * 2 - 1);
        slots = new Segment[Math.min(INITIAL_SLOTS, maxSlots)];
        mask = slots.length - 1;
    }

    int count() {
        return count;
    }

    /** @return the number of slots now allocated, for tests */
    int capacity() {
        return slots.length;
    }

    /** @return the segment with sequence number {@code sn}, or {@code null} */
    Segment get(int sn) {
        Segment s = slots[sn & mask];
        return s != null && s.sn == sn ? s : null;
    }

    /** Stores {@code s}; the caller guarantees that its number is absent and within the window. */
    void put(Segment s) {
        while (slots[s.sn & mask] != null && slots.length < maxSlots) {
            grow();
        }
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

    /**
     * Gives back slots while empty: keeps the smallest power of two of at least {@link #INITIAL_SLOTS} that holds
     * {@code window} numbers, so a window that grew for a bulk transfer costs little once it is over.
     */
    void shrinkTo(int window) {
        int target = Math.min(maxSlots, Math.max(INITIAL_SLOTS, Integer.highestOneBit(Math.max(1, window) * 2 - 1)));
        if (count == 0 && slots.length > target) {
            slots = new Segment[target];
            mask = target - 1;
        }
    }

    private void grow() {
        Segment[] bigger = new Segment[slots.length * 2];
        int biggerMask = bigger.length - 1;
        for (Segment s : slots) {
            if (s != null) {
                bigger[s.sn & biggerMask] = s;
            }
        }
        Arrays.fill(slots, null);
        slots = bigger;
        mask = biggerMask;
    }
}
