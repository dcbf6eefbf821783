package io.uxp.api;

import java.nio.ByteBuffer;

/**
 * Receives one connection's events. All of them run on the connection's worker thread, one at a time,
 * in this order: {@link #onReady} once, then any number of {@link #onData} and {@link #onWritable},
 * then {@link #onClosed} exactly once. A handler must not block: a slow handler delays every connection
 * of its worker.
 */
public interface ConnectionHandler {

    /**
     * The handshake completed and data may flow.
     *
     * @param connection the connection
     */
    default void onReady(Connection connection) {
    }

    /**
     * Data arrived: one whole message in {@link DeliveryMode#MESSAGE}, the next bytes of the stream in
     * {@link DeliveryMode#STREAM}.
     *
     * @param connection the connection
     * @param data the bytes; valid only during this call (copy what you keep)
     */
    void onData(Connection connection, ByteBuffer data);

    /**
     * The send queue, full after a {@link SendResult#BACKPRESSURE}, has room again.
     *
     * @param connection the connection
     */
    default void onWritable(Connection connection) {
    }

    /**
     * The connection closed; no further events follow.
     *
     * @param connection the connection
     * @param cause why it closed
     */
    default void onClosed(Connection connection, CloseCause cause) {
    }
}
