package io.uxp.runtime.io;

import io.uxp.runtime.concurrent.MpmcRing;

/**
 * A fixed set of {@link DatagramSlot}s shared by the socket readers (a receive thread or the workers, which take)
 * and the workers (which free), in a lock-free ring. Its size bounds the memory of datagrams in flight between the
 * socket and the workers: when every slot is queued, the receive thread drops what it reads and counts it as
 * {@code QUEUE_FULL}.
 */
public final class SlotPool {

    private final MpmcRing<DatagramSlot> free;

    /**
     * @param slots how many slots
     * @param capacity bytes per slot: the largest datagram accepted
     */
    public SlotPool(int slots, int capacity) {
        free = new MpmcRing<>(slots);
        for (int i = 0; i < slots; i++) {
            free.offer(new DatagramSlot(this, capacity));
        }
    }

    /** @return a free slot, or {@code null} if all are in use */
    public DatagramSlot take() {
        DatagramSlot slot;
        // the ring's head may be a return claimed but not yet published (see MpmcRing): the ring then counts it
        // but answers null; wait for it, as a locked queue would, instead of dropping a datagram with slots free
        while ((slot = free.poll()) == null && free.size() > 0) {
            Thread.onSpinWait();
        }
        return slot;
    }

    void free(DatagramSlot slot) {
        // the ring holds every slot, so a refusal is transient (a taker one lap ahead between its claim and its
        // release, see MpmcRing); dropping the slot instead would shrink the pool for good
        while (!free.offer(slot)) {
            Thread.onSpinWait();
        }
    }

    /** @return slots currently free */
    public int available() {
        return free.size();
    }
}
