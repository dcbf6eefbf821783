package io.uxp.runtime.concurrent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded lock-free queue for many producer threads and one consumer thread: {@link #offer} from any thread,
 * {@link #poll} from the consumer only. Producers claim a slot with one compare-and-set on the tail; the consumer
 * takes with plain reads and a release store, no compare-and-set. Nothing is allocated per element.
 *
 * @param <E> the element type
 */
public final class MpscRing<E> extends ConsumerHead<E> {

    /** @param capacity the most elements held; rounded up to a power of two */
    public MpscRing(int capacity) {
        super(capacity);
    }

    /**
     * Takes the oldest element. Consumer thread only.
     *
     * @return the element, or {@code null} if none is published yet
     */
    @SuppressWarnings("unchecked")
    public E poll() {
        long position = head;
        int i = (int) position & mask;
        if ((long) SEQUENCE.getAcquire(sequences, i) != position + 1) {
            return null; // empty, or the producer of this position has not published yet
        }
        E e = (E) elements[i];
        elements[i] = null;
        SEQUENCE.setRelease(sequences, i, position + mask + 1);
        setHead(position + 1);
        return e;
    }
}

/** The consumer's counter, padded from the producers' tail. */
abstract class ConsumerHead<E> extends HeadPadding<E> {

    private static final VarHandle HEAD;

    static {
        try {
            HEAD = MethodHandles.lookup().findVarHandle(ConsumerHead.class, "head", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Written by the consumer only (release), read by others for {@link #size}. */
    long head;
    long p20, p21, p22, p23, p24, p25, p26, p27;

    ConsumerHead(int capacity) {
        super(capacity);
    }

    final void setHead(long h) {
        HEAD.setRelease(this, h);
    }

    @Override
    final long headVolatile() {
        return (long) HEAD.getAcquire(this);
    }
}
