package io.uxp.api;

/**
 * Why an incoming datagram was dropped. Every bad datagram is dropped and counted under one reason;
 * none is ever thrown to the application.
 */
public enum DropReason {
    /** Too short, a bad length field, or an unknown packet type. */
    MALFORMED,
    /** Addressed to a connection ID that is not (or no longer) known. */
    UNKNOWN_CONNECTION,
    /** The AEAD tag did not verify. */
    AUTHENTICATION_FAILED,
    /** A packet number already seen (a duplicate or a replay). */
    REPLAYED,
    /** A packet number older than the replay window. */
    TOO_OLD,
    /** A handshake refused by the per-source rate limit, the pending-handshake cap or the connection cap. */
    HANDSHAKE_LIMITED,
    /** A handshake message that failed validation (bad cookie, bad version, bad offer). */
    HANDSHAKE_INVALID,
    /** A bounded queue (receive queue of a worker or a connection) was full. */
    QUEUE_FULL,
    /** A FEC shard that the decoder could not use (bad header, expired or duplicate group member). */
    FEC_REJECTED,
    /** KCP rejected the segment (wrong conversation, bad command, length beyond the datagram). */
    KCP_REJECTED,
    /** The receiving key has passed its usage limit. */
    KEY_EXHAUSTED,
    /**
     * A record for a client's connection from an address other than the server's: the server never moves, so the
     * client drops it before opening it.
     */
    UNEXPECTED_SOURCE
}
