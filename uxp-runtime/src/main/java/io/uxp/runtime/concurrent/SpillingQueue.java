package io.uxp.runtime.concurrent;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A many-producer, one-consumer queue that never refuses: a lock-free {@link MpscRing} takes the steady flow
 * without allocating, and the rare burst that finds it full spills into an unbounded linked queue (one node per
 * element, only then). What bounds it is the caller's own limit (a send window, the tasks a worker is given).
 *
 * <p>Order: the elements of one producer come out in the order it added them. A producer adds to the spill while
 * the spill is not empty, and the consumer takes from the spill only once every position claimed in the ring has
 * been taken, so nothing a producer put into the ring is overtaken by what it spilled afterwards.
 *
 * @param <E> the element type
 */
public final class SpillingQueue<E> {

    private final MpscRing<E> ring;
    private final ConcurrentLinkedQueue<E> spill = new ConcurrentLinkedQueue<>();

    /** @param capacity elements the ring holds before the queue spills (rounded up to a power of two) */
    public SpillingQueue(int capacity) {
        this.ring = new MpscRing<>(capacity);
    }

    /** @param e an element, not null. Any thread. */
    public void add(E e) {
        if (!spill.isEmpty() || !ring.offer(e)) {
            spill.add(e);
        }
    }

    /**
     * Consumer thread only.
     *
     * @return the next element, or {@code null} if none is ready (a producer may be publishing one: look again)
     */
    public E poll() {
        E e = ring.poll();
        if (e != null) {
            return e;
        }
        // a claimed but unpublished ring position may precede what its producer spilled: wait for it
        return ring.isEmpty() ? spill.poll() : null;
    }

    /** @return whether nothing is queued (approximate while producers work) */
    public boolean isEmpty() {
        return ring.isEmpty() && spill.isEmpty();
    }
}
