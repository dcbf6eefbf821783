package io.uxp.runtime.io;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * A fixed set of {@link DatagramSlot}s shared by one receive thread (which takes) and the workers (which
 * free). Its size bounds the memory of datagrams in flight between the socket and the workers: when every
 * slot is queued, the receive thread drops what it reads and counts it as {@code QUEUE_FULL}.
 */
public final class SlotPool {

    private final ArrayBlockingQueue<DatagramSlot> free;

    /**
     * @param slots how many slots
     * @param capacity bytes per slot: the largest datagram accepted
     */
    public SlotPool(int slots, int capacity) {
        free = new ArrayBlockingQueue<>(slots);
        for (int i = 0; i < slots; i++) {
            free.add(new DatagramSlot(this, capacity));
        }
    }

    /** @return a free slot, or {@code null} if all are in use */
    public DatagramSlot take() {
        return free.poll();
    }

    void free(DatagramSlot slot) {
        free.offer(slot);
    }

    /** @return slots currently free */
    public int available() {
        return free.size();
    }
}
