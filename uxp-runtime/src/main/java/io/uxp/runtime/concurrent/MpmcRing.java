package io.uxp.runtime.concurrent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded lock-free queue for many producers and many consumers: {@link #offer} and {@link #poll} from any
 * thread. As {@link MpscRing}, with a compare-and-set on the head as well, since consumers compete. Nothing is
 * allocated per element. Used for the receive slot pool's free list (every socket reader takes, every worker
 * returns) and a connection's spare send buffers (every sending thread takes, the worker returns).
 *
 * <p>As in every ring of this kind, a consumer between its claim of a slot and its release of it holds that slot:
 * the producer that comes round to it a lap later is refused ({@link #offer} answers "full") until it is done, even
 * though the ring holds fewer elements than its capacity, and a consumer behind an unpublished slot sees none. A
 * free list that must never lose an element retries the offer (its ring always has room in the end).
 *
 * @param <E> the element type
 */
public final class MpmcRing<E> extends SharedHead<E> {

    /** @param capacity the most elements held; rounded up to a power of two */
    public MpmcRing(int capacity) {
        super(capacity);
    }

    /**
     * Takes the oldest element. Any thread.
     *
     * @return the element, or {@code null} if none is published yet
     */
    @SuppressWarnings("unchecked")
    public E poll() {
        long position = headVolatile();
        for (;;) {
            int i = (int) position & mask;
            long sequence = (long) SEQUENCE.getAcquire(sequences, i);
            long lag = sequence - (position + 1);
            if (lag == 0) {
                if (casHead(position, position + 1)) {
                    E e = (E) elements[i];
                    elements[i] = null;
                    SEQUENCE.setRelease(sequences, i, position + mask + 1);
                    return e;
                }
                position = headVolatile();
            } else if (lag < 0) {
                return null; // empty, or its producer has not published yet
            } else {
                position = headVolatile(); // another consumer took this position
            }
        }
    }
}

/** The consumers' shared counter, padded from the producers' tail. */
abstract class SharedHead<E> extends HeadPadding<E> {

    private static final VarHandle HEAD;

    static {
        try {
            HEAD = MethodHandles.lookup().findVarHandle(SharedHead.class, "head", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile long head;
    long p20, p21, p22, p23, p24, p25, p26, p27;

    SharedHead(int capacity) {
        super(capacity);
    }

    final boolean casHead(long expected, long next) {
        return HEAD.weakCompareAndSet(this, expected, next);
    }

    @Override
    final long headVolatile() {
        return head;
    }
}
