package io.uxp.runtime.io;

import java.net.InetSocketAddress;

/**
 * One received datagram on its way from a receive thread to a worker: a reusable buffer, its length, its
 * source and its destination. Slots come from a fixed pool and go back to it after processing, so receiving
 * allocates nothing in steady state. Ownership moves with the slot: the receive thread fills it, the worker
 * reads it and {@linkplain #release() releases} it.
 */
public final class DatagramSlot {

    /** The datagram's bytes, from index 0. */
    public final byte[] data;
    /** The datagram's length. */
    public int length;
    /** Where it came from. */
    public InetSocketAddress source;
    /** Which of the endpoint's sockets it arrived on (the index of the worker that reads that socket), or 0. */
    public int via;
    /** Who processes it on the worker. */
    public DatagramTarget target;
    private final SlotPool pool;

    DatagramSlot(SlotPool pool, int capacity) {
        this.pool = pool;
        this.data = new byte[capacity];
    }

    /** Returns the slot to its pool; the caller must not touch it afterwards. */
    public void release() {
        source = null;
        target = null;
        via = 0;
        pool.free(this);
    }
}
