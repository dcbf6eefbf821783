package io.uxp.api;

/** How a connection delivers what was sent: keeping message boundaries, or as a byte stream. */
public enum DeliveryMode {
    /** Each {@link Connection#send} arrives as one {@link ConnectionHandler#onData} call, whole. */
    MESSAGE,
    /** Bytes arrive in order, but boundaries are not kept; KCP may coalesce small writes. */
    STREAM
}
