package io.uxp.api;

/**
 * Receives a server's events. {@link #onConnectionOpened} runs on the new connection's worker and
 * returns the handler for that connection's own events.
 */
public interface ServerHandler {

    /**
     * A client completed its handshake. Called before the connection's {@link ConnectionHandler#onReady}.
     *
     * @param connection the new connection
     * @return the handler for this connection's events, never {@code null}
     */
    ConnectionHandler onConnectionOpened(Connection connection);

    /**
     * A connection closed; called once per connection, after its {@link ConnectionHandler#onClosed}.
     *
     * @param connection the connection
     * @param cause why it closed
     */
    default void onConnectionClosed(Connection connection, CloseCause cause) {
    }

    /** The server closed; every connection's close events have fired before this one. */
    default void onServerClosed() {
    }
}
