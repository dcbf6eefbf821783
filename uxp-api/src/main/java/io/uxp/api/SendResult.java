package io.uxp.api;

/**
 * The outcome of {@link Connection#send}. Back-pressure is a normal result, not an error: when the
 * connection's send queue is full nothing is queued, and {@link ConnectionHandler#onWritable} fires once
 * there is room again, so a sender never needs to poll in a loop.
 */
public enum SendResult {
    /** The message was queued; the connection now owns a copy of its bytes. */
    ACCEPTED,
    /** The send queue is full; nothing was queued. Wait for {@link ConnectionHandler#onWritable}. */
    BACKPRESSURE
}
