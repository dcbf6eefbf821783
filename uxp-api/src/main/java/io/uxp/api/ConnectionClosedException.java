package io.uxp.api;

import java.util.Objects;

/** An operation was attempted on a connection that is closed or closing. */
public final class ConnectionClosedException extends UxpException {
    private static final long serialVersionUID = 1L;

    private final CloseCause cause;

    /** @param cause why the connection closed */
    public ConnectionClosedException(CloseCause cause) {
        super("connection is closed: " + Objects.requireNonNull(cause, "cause"));
        this.cause = cause;
    }

    /** @return why the connection closed */
    public CloseCause closeCause() {
        return cause;
    }
}
