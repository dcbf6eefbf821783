package io.uxp.runtime.worker;

/**
 * Something a {@link Worker} wakes at a deadline and after a batch of work: a connection, the handshake
 * acceptor. Its timer lives in the worker's {@link TimerHeap}, indexed, so moving a deadline allocates
 * nothing. Touched only on the owning worker's thread.
 */
public abstract class Scheduled {

    /** Deadline in microseconds of the worker's clock ({@link io.uxp.runtime.io.Clock#nowMicros}). */
    long deadlineMicros = Long.MAX_VALUE;
    int heapIndex = -1;
    boolean dirty;

    /** @return the current deadline, in microseconds; {@link Long#MAX_VALUE} when none */
    public final long deadlineMicros() {
        return deadlineMicros;
    }

    /**
     * The deadline has come.
     *
     * @param nowMillis the current time
     */
    protected abstract void onTimer(long nowMillis);

    /**
     * Called once after a batch of datagrams and tasks touched this object (see {@link Worker#markDirty}):
     * the place to flush KCP once for many inputs and to recompute the deadline.
     *
     * @param nowMillis the current time
     */
    protected abstract void afterBatch(long nowMillis);
}
