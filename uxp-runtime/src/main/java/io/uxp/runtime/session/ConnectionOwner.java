package io.uxp.runtime.session;

import io.uxp.api.CloseCause;
import io.uxp.api.ConnectionHandler;

/** The endpoint a connection belongs to: told when it opens and closes, on the connection's worker. */
interface ConnectionOwner {

    /**
     * The connection is ready; called before the handler's {@code onReady}.
     *
     * @param connection the connection
     * @return the handler for its events
     */
    ConnectionHandler opened(UxpConnection connection);

    /** The connection is ready and its handler's {@code onReady} has run. */
    void ready(UxpConnection connection);

    /**
     * The connection closed and its handler's {@code onClosed} has run.
     *
     * @param connection the connection
     * @param cause why
     */
    void closed(UxpConnection connection, CloseCause cause);
}
