package io.uxp.api;

import java.util.Objects;

/**
 * Why a connection closed: a machine-readable {@link Kind} and a detail for humans.
 *
 * @param kind what closed the connection
 * @param detail a short human-readable explanation, never {@code null} (may be empty)
 */
public record CloseCause(Kind kind, String detail) {

    /** What closed a connection. */
    public enum Kind {
        /** This side called {@link Connection#close()}. */
        LOCAL_CLOSE,
        /** The peer sent a close message. */
        PEER_CLOSE,
        /** Nothing authenticated arrived from the peer within the idle timeout (heartbeats lost). */
        IDLE_TIMEOUT,
        /** The local server was closed, which closes every connection. */
        SERVER_CLOSED,
        /** KCP gave up on a segment after too many retransmissions. */
        DEAD_LINK,
        /** The peer violated the protocol or the keys ran out; the connection cannot continue. */
        PROTOCOL_ERROR,
        /**
         * An I/O error on the socket, an exception in the local handler, or a local provider (cipher, FEC, congestion
         * control) that threw on the packet path; the detail then names the provider, its module and the call.
         */
        LOCAL_ERROR
    }

    /** Validates the fields. */
    public CloseCause {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * @param kind what closed the connection
     * @return a cause without detail
     */
    public static CloseCause of(Kind kind) {
        return new CloseCause(kind, "");
    }

    @Override
    public String toString() {
        return detail.isEmpty() ? kind.toString() : kind + " (" + detail + ")";
    }
}
