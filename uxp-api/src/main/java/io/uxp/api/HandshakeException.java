package io.uxp.api;

import java.util.Objects;

/** A connection could not be established; {@link #reason()} says why in a form code can test. */
public final class HandshakeException extends UxpException {
    private static final long serialVersionUID = 1L;

    /** Why a handshake failed. */
    public enum Reason {
        /** No valid answer arrived before the handshake timeout. */
        TIMEOUT,
        /** The peers have no cipher, FEC scheme or congestion control in common. */
        NO_COMMON_PROVIDER,
        /** The peer could not prove the expected key (pinned static key or pre-shared key). */
        AUTHENTICATION_FAILED,
        /** The server refused the connection (limits, rate limit, shutting down). */
        REJECTED,
        /** The peer speaks a protocol version this implementation does not. */
        VERSION_MISMATCH,
        /** A handshake message was malformed or violated the protocol. */
        PROTOCOL_ERROR
    }

    private final Reason reason;

    /**
     * @param reason the machine-readable reason
     * @param message a sentence for humans that names the fix where one is known
     */
    public HandshakeException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * @param reason the machine-readable reason
     * @param message a sentence for humans that names the fix where one is known
     * @param cause the underlying error
     */
    public HandshakeException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return the machine-readable reason of the failure */
    public Reason reason() {
        return reason;
    }
}
