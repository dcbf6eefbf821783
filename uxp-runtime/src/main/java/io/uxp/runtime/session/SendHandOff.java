package io.uxp.runtime.session;

import io.uxp.runtime.concurrent.MpmcRing;
import io.uxp.runtime.concurrent.SpillingQueue;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Messages sent from threads other than the connection's worker, on their way to its KCP engine: each is copied
 * into a reusable {@link PendingSend} taken from a spare ring, queued in a lock-free queue the worker drains, and
 * returned to the spares once KCP has copied it. In steady state (at most {@link #CAPACITY} messages between two
 * turns of the worker) nothing is allocated: a buffer grows to the largest message it carried; buffers over
 * {@link #KEPT_BYTES}, and any beyond {@link #KEPT_TOTAL_BYTES} in all, are dropped after use, so a connection keeps
 * little however large its messages (larger messages allocate their copy, as a share of many packets). A burst
 * beyond spills into an allocating queue; what bounds it is the send window ({@link Outbox}). Made on a
 * connection's first such send.
 */
final class SendHandOff {

    /** Messages queued and spares kept without allocating; beyond, the queue spills. */
    static final int CAPACITY = 128;
    /** Largest buffer kept for reuse, in bytes. */
    static final int KEPT_BYTES = 16 * 1024;
    /** Bytes of spare buffers a connection keeps at most. */
    static final int KEPT_TOTAL_BYTES = 64 * 1024;

    private static final byte[] EMPTY = new byte[0];

    /** One message's copy. */
    static final class PendingSend {
        byte[] data = EMPTY;
        int length;
        int segments;
    }

    private final SpillingQueue<PendingSend> queued = new SpillingQueue<>(CAPACITY);
    private final MpmcRing<PendingSend> spare = new MpmcRing<>(CAPACITY);
    /** Bytes of the buffers waiting in {@link #spare}. */
    private final AtomicInteger keptBytes = new AtomicInteger();

    /** Copies {@code length} bytes of {@code message} (moving its position) and queues them. Any thread. */
    void add(ByteBuffer message, int length, int segments) {
        PendingSend p = spare.poll();
        if (p == null) {
            p = new PendingSend(); // until CAPACITY have been made, and in a burst beyond
        } else if (p.data.length > 0) {
            keptBytes.addAndGet(-p.data.length);
        }
        if (p.data.length < length) {
            p.data = new byte[length];
        }
        message.get(p.data, 0, length);
        p.length = length;
        p.segments = segments;
        queued.add(p);
    }

    /** @return the oldest queued message, or {@code null}. Worker thread only. */
    PendingSend poll() {
        return queued.poll();
    }

    /** Gives a drained message's buffer back for reuse. Worker thread only. */
    void recycle(PendingSend p) {
        int bytes = p.data.length;
        if (bytes > KEPT_BYTES || keptBytes.get() + bytes > KEPT_TOTAL_BYTES) {
            p.data = EMPTY;
            bytes = 0;
        }
        p.length = 0;
        keptBytes.addAndGet(bytes); // before the offer: a producer may take it at once and subtract
        if (!spare.offer(p)) { // refused when CAPACITY spares wait already: the burst's extra ones are dropped
            keptBytes.addAndGet(-bytes);
        }
    }
}
