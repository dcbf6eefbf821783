package io.uxp.api;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

/**
 * One reliable, encrypted UXP connection between two peers.
 *
 * <p>Threading: every event of a connection ({@link ConnectionHandler}) runs on the one worker thread
 * that owns it, never concurrently. The methods here may be called from any thread; they are cheapest
 * when called from the owning worker, that is from inside a handler callback.
 */
public interface Connection extends AutoCloseable {

    /** @return this side's connection ID, unique among the local endpoint's live connections */
    long id();

    /**
     * @return the peer's current address; it changes when the peer moves (NAT rebinding), but only after
     *     an authenticated packet arrived from the new address
     */
    InetSocketAddress remoteAddress();

    /** @return the cipher, FEC scheme and congestion control the peers negotiated */
    NegotiatedSuite suite();

    /** @return whether messages keep their boundaries or form a byte stream */
    DeliveryMode deliveryMode();

    /**
     * @return the largest message {@link #send} accepts, in bytes, computed from the MTU, the negotiated
     *     overheads and the receive window
     */
    int maxMessageBytes();

    /**
     * Queues the remaining bytes of {@code message} for reliable delivery; the buffer's position advances
     * past them when they are accepted. Any thread may call it. Called from a thread other than the
     * connection's own while that one is idle, it may seal and write the datagram on the calling thread (no
     * wake-up to wait for); handler callbacks never run on the calling thread.
     *
     * @param message the bytes to send; the connection copies them before this method returns
     * @return {@link SendResult#ACCEPTED}, or {@link SendResult#BACKPRESSURE} when the send queue is full
     *     (nothing is queued; {@link ConnectionHandler#onWritable} fires when there is room)
     * @throws MessageTooLargeException in message mode, when the message exceeds {@link #maxMessageBytes()}
     * @throws ConnectionClosedException when the connection is closed or closing
     */
    SendResult send(ByteBuffer message);

    /** @return whether a {@link #send} of a full-size message would be accepted now */
    boolean isWritable();

    /** @return {@code true} until the connection starts closing */
    boolean isOpen();

    /**
     * Closes gracefully: queued data is flushed (within the configured bound), then a close message tells
     * the peer. Idempotent; {@link ConnectionHandler#onClosed} fires once.
     */
    @Override
    void close();

    /** @return completes when the connection is fully closed, with the cause */
    CompletionStage<CloseCause> closed();

    /** @return a snapshot of this connection's counters and KCP state */
    ConnectionStats stats();
}
