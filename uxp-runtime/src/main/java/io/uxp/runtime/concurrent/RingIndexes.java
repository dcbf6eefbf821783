package io.uxp.runtime.concurrent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The shared part of the rings: a power-of-two array of elements, one sequence number per slot, and the producer
 * and consumer counters, each padded onto its own cache lines so that producers and the consumer do not slow
 * each other down by false sharing.
 *
 * <p>Slot {@code i} (of position {@code p}, {@code i = p & mask}) is free for the producer of position {@code p} when
 * its sequence is {@code p}, holds that producer's element when it is {@code p + 1}, and is free again for position
 * {@code p + capacity} once the consumer has taken the element. A producer claims a position by advancing the tail,
 * writes the element, then publishes it with a release store of the sequence; the consumer reads the sequence with
 * an acquire load before the element.
 */
abstract class RingIndexes<E> extends TailCounter {

    static final VarHandle SEQUENCE = MethodHandles.arrayElementVarHandle(long[].class);

    final int mask;
    final long[] sequences;
    final Object[] elements;

    RingIndexes(int requestedCapacity) {
        if (requestedCapacity < 1 || requestedCapacity > 1 << 30) {
            throw new IllegalArgumentException("capacity must be 1 to 2^30, got " + requestedCapacity);
        }
        int capacity = Integer.highestOneBit(requestedCapacity);
        if (capacity < requestedCapacity) {
            capacity <<= 1;
        }
        this.mask = capacity - 1;
        this.sequences = new long[capacity];
        this.elements = new Object[capacity];
        for (int i = 0; i < capacity; i++) {
            sequences[i] = i;
        }
        VarHandle.releaseFence(); // the initial sequences before any other thread sees the ring
    }

    /** @return slots: the requested capacity rounded up to a power of two */
    public final int capacity() {
        return mask + 1;
    }

    /**
     * Adds an element unless the ring is full. Any thread.
     *
     * @param e the element, not null
     * @return {@code false} if the ring was full
     */
    public final boolean offer(E e) {
        if (e == null) {
            throw new NullPointerException("a ring holds no null elements");
        }
        long position = tailVolatile();
        for (;;) {
            int i = (int) position & mask;
            long sequence = (long) SEQUENCE.getAcquire(sequences, i);
            long lag = sequence - position;
            if (lag == 0) {
                if (casTail(position, position + 1)) {
                    elements[i] = e;
                    SEQUENCE.setRelease(sequences, i, position + 1);
                    return true;
                }
                position = tailVolatile();
            } else if (lag < 0) {
                // the slot still holds the element of one lap ago: full
                return false;
            } else {
                position = tailVolatile(); // another producer took this position
            }
        }
    }

    /** @return elements queued, approximate while other threads work (exact when they do not) */
    public final int size() {
        long head = headVolatile();
        long tail = tailVolatile();
        long n = tail - head;
        return (int) Math.max(0, Math.min(n, capacity()));
    }

    /** @return whether no element is queued, approximate while other threads work */
    public final boolean isEmpty() {
        return size() == 0;
    }

    abstract long headVolatile();
}

/** Padding after the read-mostly fields of {@link RingIndexes}, before a ring's head counter. */
abstract class HeadPadding<E> extends RingIndexes<E> {
    long p30, p31, p32, p33, p34, p35, p36, p37;

    HeadPadding(int capacity) {
        super(capacity);
    }
}

/** Padding before the tail: a cache line's worth of longs, so the tail shares no line with the object header. */
abstract class TailPadding {
    long p00, p01, p02, p03, p04, p05, p06, p07;
}

/** The producers' counter: the next position to claim. */
abstract class TailCounter extends TailPadding {

    private static final VarHandle TAIL;

    static {
        try {
            TAIL = MethodHandles.lookup().findVarHandle(TailCounter.class, "tail", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile long tail;
    long p10, p11, p12, p13, p14, p15, p16, p17;

    final long tailVolatile() {
        return tail;
    }

    final boolean casTail(long expected, long next) {
        return TAIL.weakCompareAndSet(this, expected, next);
    }
}
