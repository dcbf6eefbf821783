package io.uxp.runtime.session;

import io.uxp.api.DeliveryMode;
import io.uxp.api.MessageTooLargeException;
import io.uxp.api.SendResult;
import io.uxp.kcp.KcpEngine;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sending side of a connection: the size limit, the back-pressure decision and the hand-off of sends made
 * off the worker. On the worker a send goes straight into KCP (KCP copies it; nothing else is allocated).
 * From another thread the message is copied into a {@link SendHandOff} the worker drains (lock-free, reused
 * buffers); the decision then uses the KCP queue length and limit the worker last published plus what waits in
 * the hand-off, so the total stays within the limit plus one message either way. The limit is the engine's
 * {@link KcpEngine#sendQueueLimit()}: in flight plus two congestion windows (at least 1,024 segments, at most the
 * send window), so what a connection queues follows its path, not the configured maximum.
 */
final class Outbox {

    /** KCP's fragment counter is one byte: a message has at most 255 fragments (reference KCP, kcp-go). */
    private static final int MAX_FRAGMENTS = 255;

    private final KcpEngine kcp;
    private final int mss;
    private final int maxMessageBytes;
    private final boolean messageMode;
    /** Made on the first send from another thread: a connection only ever sent to from its worker needs none. */
    private volatile SendHandOff handOff;
    private final AtomicInteger handOffSegments = new AtomicInteger();
    private volatile int publishedWaiting;
    private volatile int publishedLimit;
    private volatile boolean wantWritable;
    private byte[] scratch = new byte[0];

    Outbox(KcpEngine kcp, int receiveWindow, DeliveryMode mode) {
        this.kcp = kcp;
        this.publishedLimit = kcp.sendQueueLimit();
        this.mss = kcp.config().mssBytes();
        this.maxMessageBytes = Math.min(receiveWindow, MAX_FRAGMENTS) * mss;
        this.messageMode = mode == DeliveryMode.MESSAGE;
    }

    int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** @return how many bytes of {@code message} one send takes; throws if a message is too large */
    int admit(ByteBuffer message) {
        int length = message.remaining();
        if (!messageMode) {
            return Math.min(length, maxMessageBytes);
        }
        if (length > maxMessageBytes) {
            throw new MessageTooLargeException(length, maxMessageBytes);
        }
        return length;
    }

    /** A send on the worker thread. */
    SendResult sendOnWorker(ByteBuffer message, int length) {
        if (kcp.waitingToSend() >= kcp.sendQueueLimit()) {
            wantWritable = true;
            return SendResult.BACKPRESSURE;
        }
        if (message.hasArray()) {
            kcp.send(message.array(), message.arrayOffset() + message.position(), length);
            message.position(message.position() + length);
        } else {
            if (scratch.length < length) {
                scratch = new byte[length];
            }
            message.get(scratch, 0, length);
            kcp.send(scratch, 0, length);
        }
        return SendResult.ACCEPTED;
    }

    /** A send from another thread: copied into the hand-off queue, or refused when the window is full. */
    SendResult sendFromOtherThread(ByteBuffer message, int length) {
        if (publishedWaiting + handOffSegments.get() >= publishedLimit) {
            wantWritable = true;
            return SendResult.BACKPRESSURE;
        }
        int segments = segments(length);
        handOffSegments.addAndGet(segments);
        handOff().add(message, length, segments);
        return SendResult.ACCEPTED;
    }

    private SendHandOff handOff() {
        SendHandOff h = handOff;
        if (h == null) {
            synchronized (this) {
                h = handOff;
                if (h == null) {
                    h = new SendHandOff();
                    handOff = h;
                }
            }
        }
        return h;
    }

    /**
     * Moves handed-off messages into KCP (or discards them when {@code accept} is false). Worker thread.
     *
     * @return whether KCP got anything
     */
    boolean drain(boolean accept) {
        SendHandOff h = handOff;
        if (h == null) {
            return false;
        }
        boolean any = false;
        SendHandOff.PendingSend message;
        while ((message = h.poll()) != null) {
            handOffSegments.addAndGet(-message.segments);
            if (accept) {
                kcp.send(message.data, 0, message.length);
                any = true;
            }
            h.recycle(message);
        }
        return any;
    }

    /**
     * Publishes KCP's queue length for other threads and says whether a writer waiting after a
     * BACKPRESSURE may go on now (true at most once per BACKPRESSURE). Worker thread.
     */
    boolean publishAndCheckWritable() {
        if (publish()) {
            wantWritable = false;
            return true;
        }
        return false;
    }

    /**
     * Publishes KCP's queue length for other threads, as {@link #publishAndCheckWritable} does, without taking
     * the writer's turn. Loop holder only.
     *
     * @return whether a writer waiting after a BACKPRESSURE could go on now (the worker's turn then tells it)
     */
    boolean publish() {
        publishedWaiting = kcp.waitingToSend();
        publishedLimit = kcp.sendQueueLimit();
        return wantWritable && publishedWaiting + handOffSegments.get() < publishedLimit;
    }

    boolean hasRoom() {
        return publishedWaiting + handOffSegments.get() < publishedLimit;
    }

    private int segments(int length) {
        return Math.max(1, (length + mss - 1) / mss);
    }
}
